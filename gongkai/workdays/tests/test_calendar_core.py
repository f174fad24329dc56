"""Working-day arithmetic against the real official calendar (RULES.md §9)."""
import datetime as dt

import pytest

from gongkai.workdays import calendar
from gongkai.workdays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db
D = dt.date


def test_receipt_day_is_not_counted():
    # Mon 2024-03-04 + 1 working day = Tue 2024-03-05
    assert calendar.add_workdays(D(2024, 3, 4), 1).date == D(2024, 3, 5)
    assert calendar.add_workdays(D(2024, 3, 4), 20).date == D(2024, 4, 1)


def test_national_day_2024_and_its_make_up_saturday():
    # 2024-09-29 (Sunday) and 2024-10-12 (Saturday) were 调休 working days; Oct 1–7 holidays.
    assert calendar.is_workday(D(2024, 9, 29)) and calendar.is_workday(D(2024, 10, 12))
    assert not calendar.is_workday(D(2024, 10, 7))
    # received Fri 2024-09-27: day1 = Sun 09-29 (调休), day2 = Mon 09-30, day3 = Tue 10-08 ...
    assert calendar.add_workdays(D(2024, 9, 27), 2).date == D(2024, 9, 30)
    assert calendar.add_workdays(D(2024, 9, 27), 3).date == D(2024, 10, 8)


def test_receipt_on_a_holiday_counts_from_the_next_working_day():
    assert calendar.add_workdays(D(2024, 10, 3), 1).date == D(2024, 10, 8)


def test_spring_festival_2025():
    # 2025-01-28 .. 2025-02-04 holiday; 2025-01-26 (Sun) and 2025-02-08 (Sat) working days.
    assert calendar.add_workdays(D(2025, 1, 24), 1).date == D(2025, 1, 26)
    assert calendar.add_workdays(D(2025, 1, 27), 1).date == D(2025, 2, 5)
    assert calendar.workdays_between(D(2025, 1, 27), D(2025, 2, 8)) == 4  # 5,6,7,8


def test_years_without_official_calendar_are_provisional_until_entered():
    result = calendar.add_workdays(D(2026, 12, 28), 10)
    assert result.provisional
    assert result.date == D(2027, 1, 11)  # weekdays only
    CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    CalendarYear.objects.create(year=2027, is_official=True, source="测试")
    result = calendar.add_workdays(D(2026, 12, 28), 10)
    assert not result.provisional and result.date == D(2027, 1, 12)


def test_admin_overrides_win_over_the_library():
    assert calendar.is_workday(D(2024, 6, 5))
    CalendarDay.objects.create(date=D(2024, 6, 5), is_workday=False, name="临时休息")
    assert not calendar.is_workday(D(2024, 6, 5))
    assert calendar.add_workdays(D(2024, 6, 4), 1).date == D(2024, 6, 6)


def test_official_year_is_not_provisional():
    assert not calendar.add_workdays(D(2025, 6, 3), 20).provisional
