"""Reminders to the owners of datasets behind schedule, of applications past their review deadline
and of 数据需求 past their reply deadline: one OwnerReminder per user and fact (shown on the 工作台,
e-mailed once); and to the applicant of an approved application whose period ends, one e-mail asking
for the 使用反馈. Run daily by beat with Celery, and on each 工作台 visit in the embedded default (no
scheduler there)."""
import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import members_active
from gongkai.core.reminders import reminder_send_each

from .models import AccessApplication, OwnerReminder
from .quality import next_due
from .selectors import applications_feedback_due, applications_overdue, data_requests_overdue, datasets_behind
from .transitions import EDIT_ROLES, REVIEW_ROLES

# A 数据需求 that names no agency is the 公开办's (and administrators') of the top-level agencies.
UNASSIGNED_ROLES = frozenset({Role.OFFICE, Role.ADMIN})


def reminder_facts(*, today: dt.date, agency_ids=None) -> list[tuple]:
    """(agency_id, roles, key, message, url) of what needs attention today."""
    facts = []
    for d in datasets_behind(agency_ids=agency_ids, today=today):
        due = next_due(d.frequency, d.data_updated)
        facts.append((d.agency_id, EDIT_ROLES, f"behind:{d.pk}:{d.data_updated}",
                      _("数据集“%(t)s”未按期更新（更新频率：%(f)s，最近更新：%(u)s，应于 %(due)s 前更新）。")
                      % {"t": d.title, "f": d.get_frequency_display(), "u": d.data_updated or _("无"),
                         "due": due if due and due != dt.date.min else _("发布时")},
                      reverse("opendata_staff:dataset", args=[d.pk])))
    for a in applications_overdue(agency_ids=agency_ids, today=today).select_related("dataset"):
        facts.append((a.dataset.agency_id, REVIEW_ROLES, f"application:{a.pk}:{a.due_date}",
                      _("有条件开放申请 %(no)s 已超过审核期限（%(due)s）。") % {"no": a.number, "due": a.due_date},
                      reverse("opendata_staff:application", args=[a.pk])))
    for r in data_requests_overdue(agency_ids=agency_ids, today=today):
        facts.append((r.agency_id, REVIEW_ROLES if r.agency_id else UNASSIGNED_ROLES, f"request:{r.pk}:{r.due_date}",
                      _("数据需求“%(t)s”已超过答复期限（%(due)s）。") % {"t": r.title[:60], "due": r.due_date},
                      reverse("opendata_staff:list") + "#requests"))
    return facts


def _recipients(agency_id, roles) -> list:
    ids = [agency_id] if agency_id else list(Agency.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    return members_active(agency_ids=ids, roles=roles)


def feedback_reminders_send(*, today: dt.date, agency_ids=None) -> int:
    """E-mail the applicant once when the approved period ends (on its last day or later) and no
    使用反馈 was filed. The row is claimed before the mail goes, so two runs never both send."""
    sent = 0
    for a in applications_feedback_due(agency_ids=agency_ids, today=today).select_related("dataset"):
        if not AccessApplication.objects.filter(pk=a.pk, feedback_reminded_at__isnull=True).update(
                feedback_reminded_at=timezone.now()):
            continue
        path = reverse("opendata:apply_status") + f"?number={a.number}"
        send_mail(subject=_("【数据开放】请提交使用反馈：%(no)s") % {"no": a.number},
                  message=_("您申请使用的数据集“%(t)s”（申请编号 %(no)s）使用期限至 %(end)s。请凭申请编号和查询码在"
                            "以下页面提交使用反馈：\n") % {"t": a.dataset.title, "no": a.number, "end": a.period_end}
                  + settings.SITE_URL + path,
                  from_email=None, recipient_list=[a.email], fail_silently=True)
        sent += 1
    return sent


def reminders_send(*, today: dt.date, agency_ids=None, only_user=None) -> int:
    created = 0
    for agency_id, roles, key, message, url in reminder_facts(today=today, agency_ids=agency_ids):
        created += reminder_send_each(OwnerReminder, users=_recipients(agency_id, roles), only_user=only_user,
                                      key=key, message=message, url=url, subject=_("【数据开放提醒】") + message[:40],
                                      path=url)
    feedback_reminders_send(today=today, agency_ids=agency_ids)
    return created


def reminders_for_user(*, user, today: dt.date) -> list:
    """Refresh the user's reminders now (the embedded default runs no scheduler) and return the unread."""
    from gongkai.agencies.selectors import agency_ids_for_user

    ids = agency_ids_for_user(user=user)
    if ids:
        reminders_send(today=today, agency_ids=ids, only_user=user)
    return list(OwnerReminder.objects.filter(user=user, read=False).order_by("-created_at")[:20])
