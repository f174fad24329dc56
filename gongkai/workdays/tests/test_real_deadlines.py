"""The calendar against deadlines that real cases turned on (../shared/realworld/README.md, "Deadline
arithmetic used in applications/"): working days counted from the day after receipt, with the
official holiday and make-up-workday calendars of those years. Only the dates are used here."""
import datetime as dt

import pytest

from gongkai.workdays.calendar import add_workdays

D = dt.date

CASES = [
    # (received, working days, deadline on the real calendar, what the case is)
    (D(2016, 10, 13), 15, D(2016, 11, 3), "2008 条例: 15 working days"),
    (D(2016, 10, 13), 30, D(2016, 11, 24), "2008 条例: extended by 15"),
    (D(2016, 10, 13), 40, D(2016, 12, 8), "the 2019 rule (20 + 20) on the same receipt"),
    (D(2013, 10, 16), 15, D(2013, 11, 6), "received the day after the National Day week"),
    (D(2013, 10, 16), 30, D(2013, 11, 27), "extended"),
    (D(2014, 1, 1), 15, D(2014, 1, 22), "received on New Year's Day"),
    (D(2014, 1, 1), 30, D(2014, 2, 17), "extended across the Spring Festival with its make-up days"),
    (D(2022, 9, 30), 20, D(2022, 11, 2), "2019 条例: across the National Day week and its make-up days"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("received,n,expected,what", CASES)
def test_real_case_deadlines(received, n, expected, what):
    deadline = add_workdays(received, n)
    assert deadline.date == expected, what
    assert not deadline.provisional  # those years' official calendars are known


@pytest.mark.django_db
def test_weekends_only_counting_would_have_been_wrong():
    # the naive count the README warns about: weekends only gives 2022-10-28 and 2014-02-12
    assert add_workdays(D(2022, 9, 30), 20).date != D(2022, 10, 28)
    assert add_workdays(D(2014, 1, 1), 30).date != D(2014, 2, 12)
