"""The 工作台: what needs the user's attention in their agencies."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.transitions import TRANSITIONS
from gongkai.consultations.selectors import feedback_overdue
from gongkai.mailboxes.selectors import overdue_messages
from gongkai.newmedia.selectors import stale_accounts
from gongkai.newmedia.transitions import MANAGE_ROLES as NEWMEDIA_ROLES

from ..selectors import (documents_overdue, documents_pending_review, documents_returned,
                         status_counts_for_user)

LIST_LIMIT = 20


def _foi_reminders(user):
    """Unread 依申请公开 reminders, computed now (the embedded default runs no scheduler)."""
    from django.utils import timezone

    from gongkai.foi.reminders import notifications_for_user, reminders_refresh

    reminders_refresh(user=user, today=timezone.localdate())
    return list(notifications_for_user(user=user, unread_only=True)[:LIST_LIMIT])


@login_required
def home(request):
    """Show counts by status, documents awaiting review, returned drafts and 逾期公开 flags."""
    user = request.user
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
        "newmedia_stale": stale_accounts(agency_ids=newmedia_ids).count() if newmedia_ids else None,
        # 公众参与 deadlines missed: 留言 not accepted or answered in time, 意见采纳情况反馈 not published.
        "messages_overdue": overdue_messages(agency_ids=agency_ids_for_user(user=user)).count(),
        "feedback_overdue": feedback_overdue(agency_ids=agency_ids_for_user(user=user)),
    }
    return render(request, "console/home.html", context)
