"""Reminders of the 意见采纳情况反馈 not published within `GONGKAI["CONSULTATION_FEEDBACK_WORKDAYS"]`
(default 20) working days of the close: one ConsultationReminder per user and due day, to the editors
and the 公开办 of the consultation's agency, e-mailed once (core.reminders). Run daily by beat with
Celery, and on each 工作台 visit in the embedded default (no scheduler there)."""
import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import members_active
from gongkai.core.reminders import reminder_send_each

from .models import ConsultationReminder
from .selectors import feedback_overdue

ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})


def reminders_send(*, today: dt.date, agency_ids=None, only_user=None) -> int:
    created = 0
    for c, due in feedback_overdue(today=today, agency_ids=agency_ids):
        message = (_("意见征集“%(t)s”已于 %(end)s 结束，意见采纳情况反馈应于 %(due)s 前公开，已逾期。")
                   % {"t": c.title, "end": c.end_date.isoformat(), "due": due.isoformat()})
        path = reverse("consultations_staff:detail", args=[c.pk])
        created += reminder_send_each(ConsultationReminder, users=members_active(agency_ids=[c.agency_id], roles=ROLES),
                                      only_user=only_user, key=f"feedback:{c.pk}:{due.isoformat()}", message=message,
                                      subject=_("【意见征集提醒】") + message[:40], path=path, consultation=c)
    return created


def reminders_for_user(*, user, today: dt.date) -> list:
    """Refresh the user's reminders now (the embedded default runs no scheduler) and return the unread."""
    from gongkai.agencies.selectors import agency_ids_for_user

    ids = agency_ids_for_user(user=user)
    if ids:
        reminders_send(today=today, agency_ids=ids, only_user=user)
    return list(ConsultationReminder.objects.filter(user=user, read=False).select_related("consultation")[:20])
