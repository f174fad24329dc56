"""Enter a year's 节假日安排 (holidays and 调休 working days) in one transaction.

Each saved row sends `calendar_changed`; receivers that recompute (FOI cases) queue their work once
per transaction, so entering a whole year costs one recompute.
"""
import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record
from gongkai.core.errors import UserFacingError
from gongkai.core.text import nfkc

from .models import CalendarDay, CalendarYear

_SPEC_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?(?::(.*))?$")


def parse_day_spec(spec: str) -> tuple[list[dt.date], str]:
    """Parse `YYYY-MM-DD[..YYYY-MM-DD][:名称]` into the dates it covers and the name."""
    match = _SPEC_RE.match(nfkc(spec).strip())
    if not match:
        raise UserFacingError(_("日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD，可加“:名称”：%(s)s") % {"s": spec})
    try:
        first = dt.date.fromisoformat(match.group(1))
        last = dt.date.fromisoformat(match.group(2) or match.group(1))
    except ValueError:
        raise UserFacingError(_("日期不存在：%(s)s") % {"s": spec})
    if last < first or (last - first).days > 31:
        raise UserFacingError(_("日期区间无效（须按先后顺序且不超过31天）：%(s)s") % {"s": spec})
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return days, (match.group(3) or "").strip()


@transaction.atomic
def calendar_year_enter(*, year: int, holidays=(), workdays=(), source: str = "", official: bool = True,
                        replace: bool = False, actor=None) -> dict:
    """Record a year's holidays (days off on weekdays) and 调休 working days; mark it official.

    `holidays` and `workdays` are specs accepted by `parse_day_spec`. With `replace`, the year's
    earlier entries are removed first. Returns counts of what was written.
    """
    entries: dict[dt.date, tuple[bool, str]] = {}
    for specs, is_workday in ((holidays, False), (workdays, True)):
        for spec in specs:
            days, name = parse_day_spec(spec)
            for day in days:
                if day.year != year:
                    raise UserFacingError(_("%(d)s 不在 %(y)d 年内。") % {"d": day, "y": year})
                if day in entries and entries[day][0] != is_workday:
                    raise UserFacingError(_("%(d)s 同时被列为假日和工作日。") % {"d": day})
                entries[day] = (is_workday, name)
    if replace:
        CalendarDay.objects.filter(date__year=year).delete()
    for day, (is_workday, name) in sorted(entries.items()):
        CalendarDay.objects.update_or_create(date=day, defaults={"is_workday": is_workday, "name": name[:60]})
    calendar_year, _created = CalendarYear.objects.get_or_create(year=year)
    calendar_year.is_official = official
    if source:
        calendar_year.source = source[:200]
    calendar_year.save()
    result = {"year": year, "holidays": sum(1 for w, _n in entries.values() if not w),
              "workdays": sum(1 for w, _n in entries.values() if w), "official": official}
    audit_record(actor=actor, action="workdays.year_enter", object_type="workdays.calendaryear",
                 object_id=calendar_year.pk, data=result | {"source": source})
    return result
