"""Indicator functions for the 测评 engine (registered by dotted path; this module imports nothing of the
engine). Each: fn(*, agency_ids, start, end) -> {"numerator", "denominator", "records"}.

The tasks counted are 工作要点 items with a due date in [start, end] that has passed (before
min(end, today)), not cancelled, and — when `agency_ids` is given — with a 牵头 unit among them.
`tasks_on_time` counts those completed on or before their due date; `tasks_overdue` the rest (not
completed, or completed late); the two numerators add up to the shared denominator. `records` are the
tasks in the numerator, as (label, staff URL)."""
import datetime as dt

from django.db.models import F, Q
from django.utils import timezone

from .models import Level, Task, TaskStatus, TaskUnit, UnitRole


def _due_tasks(*, agency_ids, start: dt.date, end: dt.date):
    asof = min(end, timezone.localdate())
    qs = (Task.objects.filter(level=Level.ITEM, due__gte=start, due__lte=end, due__lt=asof)
          .exclude(status=TaskStatus.CANCELLED))
    if agency_ids is not None:
        qs = qs.filter(pk__in=TaskUnit.objects.filter(agency_id__in=agency_ids, role=UnitRole.LEAD).values("task_id"))
    return qs


def _result(qs, numerator_q) -> dict:
    hit = qs.filter(numerator_q).select_related("plan").order_by("due", "id")
    records = [(f"{t.plan.year}年工作要点第{t.no}项：{t.content[:30]}（时限{t.due.isoformat()}）", t.get_absolute_url())
               for t in hit]
    return {"numerator": len(records), "denominator": qs.count(), "records": records}


ON_TIME = Q(status=TaskStatus.DONE, completed_on__isnull=False, completed_on__lte=F("due"))


def tasks_on_time(*, agency_ids: list[int] | None, start: dt.date, end: dt.date) -> dict:
    return _result(_due_tasks(agency_ids=agency_ids, start=start, end=end), ON_TIME)


def tasks_overdue(*, agency_ids: list[int] | None, start: dt.date, end: dt.date) -> dict:
    return _result(_due_tasks(agency_ids=agency_ids, start=start, end=end), ~ON_TIME)
