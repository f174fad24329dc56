"""The minimum 征求意见 period across weekends and statutory holidays (dates checked by hand)."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.consultations.models import PeriodRule
from gongkai.consultations.periods import STATUTORY, minimum_period, rule_for

D = dt.date


def run(*args):
    out = StringIO()
    call_command("consultation", "period", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_thirty_days_ending_on_a_holiday_move_to_the_next_working_day():
    # 2023-03-06 + 30 days = 2023-04-05, 清明节: the period ends on Thursday 2023-04-06.
    assert run("--type", "重大行政决策", "--start", "2023-03-06") == {"min_end": "2023-04-06", "lawful": None}
    # A real county closed such a consultation on the holiday itself: one day short.
    assert run("--type", "重大行政决策", "--start", "2023-03-06", "--end", "2023-04-05")["lawful"] is False
    assert run("--type", "重大行政决策", "--start", "2023-03-06", "--end", "2023-04-06")["lawful"] is True


@pytest.mark.django_db
def test_thirty_days_ending_on_a_sunday_end_on_monday():
    assert run("--type", "规章", "--start", "2026-11-06")["min_end"] == "2026-12-07"  # 12-06 is a Sunday
    assert run("--type", "涉企规范性文件", "--start", "2026-11-05")["min_end"] == "2026-12-07"  # 12-05 Saturday
    assert run("--type", "规章", "--start", "2026-11-04")["min_end"] == "2026-12-04"  # Friday, unchanged


@pytest.mark.django_db
def test_seven_working_days_skip_the_national_day_holiday_and_count_the_makeup_saturday():
    # 2026: 10-01..10-07 off, Saturday 10-10 is a working day. From 09-30: 10-08, 09, 10, 12, 13, 14, 15.
    assert run("--type", "行政规范性文件", "--start", "2026-09-30") == {"min_end": "2026-10-15", "lawful": None}
    assert run("--type", "行政规范性文件", "--start", "2026-09-30", "--end", "2026-10-14")["lawful"] is False


@pytest.mark.django_db
def test_a_period_in_an_unofficial_year_is_provisional():
    period = minimum_period(STATUTORY["规章"], D(2026, 12, 20))  # ends 2027-01-19, 2027 not entered
    assert period.provisional
    assert not minimum_period(STATUTORY["规章"], D(2026, 3, 2)).provisional


@pytest.mark.django_db
def test_local_rule_from_the_table_and_unknown_types():
    PeriodRule.objects.create(name="县级重大事项", minimum=20, unit=PeriodRule.Unit.WORKDAYS, basis="某县规定")
    assert rule_for("县级重大事项").minimum == 20
    # 2026-05-06 (Wed) + 20 working days: May 7, 8, Saturday 9 (劳动节调休上班), 11..15, 18..22, 25..29,
    # June 1, 2 -> 2026-06-02.
    assert run("--type", "县级重大事项", "--start", "2026-05-06")["min_end"] == "2026-06-02"
    with pytest.raises(CommandError, match="未知的征求意见类型"):
        run("--type", "通知", "--start", "2026-05-06")
    with pytest.raises(CommandError, match="不是有效日期"):
        run("--type", "规章", "--start", "2026-13-01")
    with pytest.raises(CommandError, match="截止日期早于开始日期"):
        run("--type", "规章", "--start", "2026-05-06", "--end", "2026-05-01")
