"""Reminders of concerns whose first-response deadline (5 hours for 特别重大、重大突发事件, else the
configured hours; models.response_hours) has passed with no 回应 linked: one ConcernReminder per user
and concern, to the editors and the 公开办 of the concern's agency, e-mailed once (core.reminders).
Run hourly by beat with Celery (the deadlines are in hours), and on each 工作台 visit in the embedded
default (no scheduler there)."""
import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import members_active
from gongkai.core.reminders import reminder_send_each

from .models import Concern, ConcernReminder, ConcernStatus, overdue_q

ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})


def reminders_send(*, now: dt.datetime | None = None, agency_ids=None, only_user=None) -> int:
    now = now or timezone.now()
    concerns = Concern.objects.filter(overdue_q(now)).exclude(status=ConcernStatus.CLOSED)
    if agency_ids is not None:
        concerns = concerns.filter(agency_id__in=agency_ids)
    created = 0
    for c in concerns.order_by("noticed_at", "id")[:500]:
        due = timezone.localtime(c.response_due)
        message = (_("社会关切“%(t)s”应于 %(due)s 前作出首次回应，至今未关联回应信息，已超时。")
                   % {"t": c.title, "due": due.strftime("%Y-%m-%d %H:%M")})
        path = reverse("concerns_staff:detail", args=[c.pk])
        created += reminder_send_each(ConcernReminder, users=members_active(agency_ids=[c.agency_id], roles=ROLES),
                                      only_user=only_user, key=f"overdue:{c.pk}", message=message,
                                      subject=_("【回应关切提醒】") + message[:40], path=path, concern=c)
    return created


def reminders_for_user(*, user, now: dt.datetime | None = None) -> list:
    """Refresh the user's reminders now (the embedded default runs no scheduler) and return the unread
    whose concern still has no response."""
    from gongkai.agencies.selectors import agency_ids_for_user

    ids = agency_ids_for_user(user=user)
    if ids:
        reminders_send(now=now, agency_ids=ids, only_user=user)
    return list(ConcernReminder.objects.filter(user=user, read=False, concern__first_response_at__isnull=True)
                .select_related("concern")[:20])
