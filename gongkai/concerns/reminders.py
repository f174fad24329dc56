"""Reminders of concerns whose first-response deadline (5 hours for 特别重大、重大突发事件, else the
configured hours; models.response_hours) has passed with no 回应 linked, and of major concerns with no
press conference recorded 24 hours after they were noticed: one ConcernReminder per user, concern and fact, to the editors and the 公开办 of the concern's agency, e-mailed once (core.reminders).
Run hourly by beat with Celery (the deadlines are in hours), and on each 工作台 visit in the embedded
default (no scheduler there)."""
import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import members_active
from gongkai.core.reminders import reminder_send_each

from .models import Concern, ConcernReminder, ConcernStatus, overdue_q, press_overdue_q

ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})


FACTS = (  # (key prefix, which concerns, their deadline, the reminder)
    ("overdue", overdue_q, lambda c: c.response_due,
     gettext_lazy("社会关切“%(t)s”应于 %(due)s 前作出首次回应，至今未关联回应信息，已超时。")),
    ("press", press_overdue_q, lambda c: c.press_due,
     gettext_lazy("重大突发事件“%(t)s”应于 %(due)s 前举行新闻发布会，至今未登记，已超时。")),
)


def reminders_send(*, now: dt.datetime | None = None, agency_ids=None, only_user=None) -> int:
    now = now or timezone.now()
    created = 0
    for prefix, condition, due_of, text in FACTS:
        concerns = Concern.objects.filter(condition(now)).exclude(status=ConcernStatus.CLOSED)
        if agency_ids is not None:
            concerns = concerns.filter(agency_id__in=agency_ids)
        for c in concerns.order_by("noticed_at", "id")[:500]:
            message = text % {"t": c.title, "due": timezone.localtime(due_of(c)).strftime("%Y-%m-%d %H:%M")}
            created += reminder_send_each(
                ConcernReminder, users=members_active(agency_ids=[c.agency_id], roles=ROLES), only_user=only_user,
                key=f"{prefix}:{c.pk}", message=message, subject=_("【回应关切提醒】") + message[:40],
                path=reverse("concerns_staff:detail", args=[c.pk]), concern=c)
    return created


def reminders_for_user(*, user, now: dt.datetime | None = None) -> list:
    """Refresh the user's reminders now (the embedded default runs no scheduler) and return the unread
    whose concern still has no response."""
    from gongkai.agencies.selectors import agency_ids_for_user

    ids = agency_ids_for_user(user=user)
    if ids:
        reminders_send(now=now, agency_ids=ids, only_user=user)
    press = Q(key__startswith="press:")
    still_due = (press & Q(concern__press_conference_at__isnull=True)) | (~press & Q(concern__first_response_at__isnull=True))
    return list(ConcernReminder.objects.filter(still_due, user=user, read=False).select_related("concern")[:20])
