"""Reminders to the owners of datasets behind schedule and of applications past their review
deadline: one OwnerReminder per user and fact (shown on the 工作台, e-mailed once). Run daily by
beat with Celery, and on each 工作台 visit in the embedded default (no scheduler there)."""
import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import members_active
from gongkai.core.reminders import reminder_send

from .models import OwnerReminder
from .quality import next_due
from .selectors import applications_overdue, datasets_behind
from .transitions import EDIT_ROLES, REVIEW_ROLES


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
        for user in members_active(agency_ids=[agency_id], roles=roles):
            if only_user is not None and user.pk != only_user.pk:
                continue
            created += reminder_send(OwnerReminder, user=user, key=key, message=message, url=url,
                                     subject=_("【数据开放提醒】") + message[:40], path=url)
    return created


def reminders_for_user(*, user, today: dt.date) -> list:
    """Refresh the user's reminders now (the embedded default runs no scheduler) and return the unread."""
    from gongkai.agencies.selectors import agency_ids_for_user

    ids = agency_ids_for_user(user=user)
    if ids:
        reminders_send(today=today, agency_ids=ids, only_user=user)
    return list(OwnerReminder.objects.filter(user=user, read=False).order_by("-created_at")[:20])
