"""Reminders to the owners of datasets behind schedule and of applications past their review
deadline: one OwnerReminder per user and fact (shown on the 工作台, e-mailed once). Run daily by
beat with Celery, and on each 工作台 visit in the embedded default (no scheduler there)."""
import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.models import Membership

from .models import OwnerReminder
from .quality import next_due
from .selectors import applications_overdue, datasets_behind
from .transitions import EDIT_ROLES, REVIEW_ROLES


def _members(agency_id, roles) -> list:
    return sorted({m.user for m in Membership.objects.filter(agency_id=agency_id, role__in=[str(r) for r in roles])
                   .select_related("user") if m.user.is_active}, key=lambda u: u.pk)


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
    return facts


def reminders_send(*, today: dt.date, agency_ids=None, only_user=None) -> int:
    created = 0
    for agency_id, roles, key, message, url in reminder_facts(today=today, agency_ids=agency_ids):
        for user in _members(agency_id, roles):
            if only_user is not None and user.pk != only_user.pk:
                continue
            try:
                with transaction.atomic():
                    note = OwnerReminder.objects.create(user=user, key=key, message=message[:300], url=url)
            except IntegrityError:
                continue
            created += 1
            if user.email:
                send_mail(subject=_("【数据开放提醒】") + message[:40], message=message + "\n" + settings.SITE_URL + url,
                          from_email=None, recipient_list=[user.email], fail_silently=True)
                OwnerReminder.objects.filter(pk=note.pk).update(emailed=True)
    return created


def reminders_for_user(*, user, today: dt.date) -> list:
    """Refresh the user's reminders now (the embedded default runs no scheduler) and return the unread."""
    from gongkai.agencies.selectors import agency_ids_for_user

    ids = agency_ids_for_user(user=user)
    if ids:
        reminders_send(today=today, agency_ids=ids, only_user=user)
    return list(OwnerReminder.objects.filter(user=user, read=False).order_by("-created_at")[:20])
