"""Working-day arithmetic (RULES.md §9). Pure functions over a per-process year cache.

`chinese_calendar.find_workday` is one day late when started on a non-working day, so counting is
done here day by day over cached sets (a 20-day count touches at most ~40 dates).
"""
import datetime as dt
import threading
from dataclasses import dataclass

import chinese_calendar

_lock = threading.Lock()
_years: dict = {}
_version = {"value": None}

LIBRARY_YEARS = range(2004, 2027)  # chinese_calendar 1.11 covers 2004–2026


@dataclass(frozen=True)
class YearInfo:
    official: bool
    workdays: frozenset  # every working day of the year, overrides applied
    overrides: dict  # date -> bool (is_workday)


def _library_covers(year: int) -> bool:
    if year not in LIBRARY_YEARS:
        try:
            chinese_calendar.is_workday(dt.date(year, 6, 1))
        except NotImplementedError:
            return False
    return True


def _load_year(year: int) -> YearInfo:
    from .models import CalendarDay, CalendarYear

    overrides = {d.date: d.is_workday for d in CalendarDay.objects.filter(date__year=year)}
    entered = CalendarYear.objects.filter(year=year, is_official=True).exists()
    library = _library_covers(year)
    days = set()
    day = dt.date(year, 1, 1)
    while day.year == year:
        if day in overrides:
            working = overrides[day]
        elif library:
            working = chinese_calendar.is_workday(day)
        else:
            working = day.weekday() < 5
        if working:
            days.add(day)
        day += dt.timedelta(days=1)
    return YearInfo(official=entered or library, workdays=frozenset(days), overrides=overrides)


def _current_version():
    from django.core.cache import cache

    return cache.get("workdays:version", 0)


def _sync():
    """Drop cached years if another process changed the calendar (one cache read per call)."""
    version = _current_version()
    with _lock:
        if _version["value"] != version:
            _years.clear()
            _version["value"] = version


def _year(year: int, *, synced=False) -> YearInfo:
    if not synced:
        _sync()
    with _lock:
        info = _years.get(year)
    if info is None:
        info = _load_year(year)
        with _lock:
            _years[year] = info
    return info


def invalidate():
    """Forget cached years here and in every other process sharing the cache."""
    from django.core.cache import cache

    try:
        cache.incr("workdays:version")
    except ValueError:
        cache.set("workdays:version", 1, None)
    with _lock:
        _years.clear()
        _version["value"] = None


def is_official_year(year: int, *, synced=False) -> bool:
    return _year(year, synced=synced).official


def is_workday(day: dt.date, *, synced=False) -> bool:
    return day in _year(day.year, synced=synced).workdays


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    provisional: bool


def add_workdays(start: dt.date, n: int) -> Deadline:
    """Return the n-th working day after `start` (start itself is not counted)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    day = start
    provisional = False
    counted = 0
    _sync()
    if n == 0:
        return Deadline(start, not is_official_year(start.year, synced=True))
    while counted < n:
        day += dt.timedelta(days=1)
        if not is_official_year(day.year, synced=True):
            provisional = True
        if is_workday(day, synced=True):
            counted += 1
    return Deadline(day, provisional)


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Count working days in the interval (start, end]."""
    if end <= start:
        return 0
    _sync()
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_workday(day, synced=True):
            count += 1
    return count


def next_workday(day: dt.date) -> dt.date:
    """Return `day` if it is a working day, else the next one."""
    _sync()
    while not is_workday(day, synced=True):
        day += dt.timedelta(days=1)
    return day
