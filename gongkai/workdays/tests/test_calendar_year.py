"""Entering a year's 节假日安排 by command; bad input gets a Chinese message and changes nothing."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.workdays.calendar import add_workdays, is_official_year, is_workday
from gongkai.workdays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def test_enter_a_year_makes_it_official():
    assert not is_official_year(2027)
    assert add_workdays(dt.date(2027, 2, 3), 5).provisional
    out = StringIO()
    call_command("calendar_year", "2027", "--holiday", "2027-02-05..2027-02-11:春节",
                 "--workday", "2027-02-13:春节调休", "--source", "国办发明电〔2026〕1号", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"year": 2027, "holidays": 7, "workdays": 1, "official": True}
    assert is_official_year(2027)
    assert not is_workday(dt.date(2027, 2, 8)) and is_workday(dt.date(2027, 2, 13))
    deadline = add_workdays(dt.date(2027, 2, 3), 5)
    assert not deadline.provisional and deadline.date == dt.date(2027, 2, 16)  # 2-4, 2-12, 2-13 (Sat), 2-15, 2-16
    assert CalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕1号"


@pytest.mark.parametrize("args", [
    ["2027", "--holiday", "2027-02-30"],
    ["2027", "--holiday", "2026-12-31"],
    ["2027", "--holiday", "2027-02-01", "--workday", "2027-02-01"],
    ["2027", "--holiday", "二月一日"],
])
def test_bad_input_is_refused_without_writing(args):
    with pytest.raises(CommandError):
        call_command("calendar_year", *args, stdout=StringIO())
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()
