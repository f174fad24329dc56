"""The 工作台: what needs the user's attention in their agencies."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.transitions import TRANSITIONS
from gongkai.concerns.selectors import concerns_overdue_for_user
from gongkai.consultations.selectors import feedback_overdue
from gongkai.mailboxes.selectors import overdue_messages
from gongkai.newmedia.selectors import stale_accounts
from gongkai.newmedia.transitions import MANAGE_ROLES as NEWMEDIA_ROLES
from gongkai.proposals.reminders import reminders_for_user as proposal_reminders_for_user
from gongkai.proposals.reminders import reminders_refresh as proposal_reminders_refresh
from gongkai.review.models import IntegrityRun
from gongkai.review.selectors import integrity_latest_for_user, integrity_run_allowed
from gongkai.review.services import integrity_run_create

from ..selectors import (documents_overdue, documents_pending_review, documents_returned,
                         status_counts_for_user)
from .common import denied

LIST_LIMIT = 20


def _foi_reminders(user):
    """Unread 依申请公开 reminders, computed now (the embedded default runs no scheduler)."""
    from django.utils import timezone

    from gongkai.foi.reminders import notifications_for_user, reminders_refresh

    reminders_refresh(user=user, today=timezone.localdate())
    return list(notifications_for_user(user=user, unread_only=True)[:LIST_LIMIT])


def _owner_reminders(user):
    """Unread 政务新媒体, 数据开放, 机构概况 and 回应关切 reminders, computed now (no scheduler in the embedded
    default): (message, url, created_at) rows."""
    from django.urls import reverse
    from django.utils import timezone

    from gongkai.columns.reminders import profile_reminders_for_user
    from gongkai.concerns.reminders import reminders_for_user as concern_reminders
    from gongkai.newmedia.reminders import reminders_for_user as newmedia_reminders
    from gongkai.opendata.reminders import reminders_for_user as opendata_reminders

    today = timezone.localdate()
    rows = [(n.message, reverse("newmedia_staff:list"), n.created_at) for n in newmedia_reminders(user=user, today=today)]
    rows += [(n.message, n.url, n.created_at) for n in opendata_reminders(user=user, today=today)]
    rows += [(n.message, reverse("columns_staff:profile", args=[n.profile_id]), n.created_at)
             for n in profile_reminders_for_user(user=user, today=today)]
    rows += [(n.message, reverse("concerns_staff:detail", args=[n.concern_id]), n.created_at)
             for n in concern_reminders(user=user)]
    return sorted(rows, key=lambda r: r[2], reverse=True)[:LIST_LIMIT]


def _oversight_reminders(user):
    """Unread 工作要点 due-soon/overdue/escalation reminders, computed now like the FOI ones."""
    from django.utils import timezone

    from gongkai.oversight.reminders import reminders_for_user, reminders_refresh

    reminders_refresh(user=user, today=timezone.localdate())
    return list(reminders_for_user(user=user, unread_only=True)[:LIST_LIMIT])


def _proposal_reminders(user):
    """Unread 建议提案 reminders (due soon, overdue, reply not published), computed now and e-mailed once."""
    from django.utils import timezone

    proposal_reminders_refresh(user=user, today=timezone.localdate())
    return list(proposal_reminders_for_user(user=user)[:LIST_LIMIT])


def _consultation_reminders_refresh(user):
    """Record (and e-mail once) the user's 意见采纳情况反馈 reminders now (no scheduler in the embedded
    default); the overdue feedback itself is listed from `feedback_overdue`."""
    from django.utils import timezone

    from gongkai.consultations.reminders import reminders_for_user

    reminders_for_user(user=user, today=timezone.localdate())


def _mailbox_reminders(user):
    """Unread 留言 reminders (受理/答复 due soon or overdue, 督办), computed now and e-mailed once."""
    from django.utils import timezone

    from gongkai.mailboxes.reminders import reminders_for_user

    return reminders_for_user(user=user, today=timezone.localdate(), limit=LIST_LIMIT)


@login_required
def home(request):
    """Show counts by status, documents awaiting review, returned drafts and 逾期公开 flags."""
    user = request.user
    _consultation_reminders_refresh(user)
    is_reviewer = bool(agency_ids_for_user(user=user, roles=TRANSITIONS["publish"].roles))
    newmedia_ids = agency_ids_for_user(user=user, roles=NEWMEDIA_ROLES)  # 公开办/admin see stale 新媒体
    context = {
        "status_counts": status_counts_for_user(user=user),
        "is_reviewer": is_reviewer,
        "pending": documents_pending_review(user=user)[:LIST_LIMIT] if is_reviewer else [],
        "returned": documents_returned(user=user)[:LIST_LIMIT],
        "overdue": documents_overdue(user=user, limit=LIST_LIMIT),
        "has_agencies": bool(agency_ids_for_user(user=user)),
        "reminders": _foi_reminders(user),
        "owner_reminders": _owner_reminders(user),
        "task_reminders": _oversight_reminders(user),
        "proposal_reminders": _proposal_reminders(user),
        "mailbox_reminders": _mailbox_reminders(user),
        "newmedia_stale": stale_accounts(agency_ids=newmedia_ids).count() if newmedia_ids else None,
        # 公众参与 deadlines missed: 留言 not accepted or answered in time, 意见采纳情况反馈 not published,
        # concerns not answered within their first-response time.
        "messages_overdue": overdue_messages(agency_ids=agency_ids_for_user(user=user)).count(),
        "feedback_overdue": feedback_overdue(agency_ids=agency_ids_for_user(user=user)),
        "concerns_overdue": concerns_overdue_for_user(user=user).count(),  # 回应关切 past the first-response time
        "can_check_integrity": integrity_run_allowed(user=user),
    }
    if context["can_check_integrity"]:
        context["integrity_run"], context["integrity_problems"] = integrity_latest_for_user(user=user)
    return render(request, "console/home.html", context)


@login_required
@require_POST
def integrity_check(request):
    """Run the integrity check now (audit chain, published revisions, rendered pages)."""
    if not integrity_run_allowed(user=request.user):
        return denied(request, _("只有政务公开工作机构和管理员可以运行完整性检查。"))
    run = integrity_run_create(source=IntegrityRun.Source.CONSOLE, actor=request.user)
    if run.ok:
        messages.success(request, _("完整性检查通过：审计记录、已发布文件和页面均未被篡改。"))
    else:
        messages.error(request, _("完整性检查发现 %(n)d 个问题，详见下方。") % {"n": len(run.problems)})
    return redirect("console:home")
