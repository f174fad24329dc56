import datetime as dt

import pytest

from gongkai.proposals.deadlines import add_months, publish_due, reply_due


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(dt.date(2024, 3, 15), 3) == dt.date(2024, 6, 15)
    assert add_months(dt.date(2024, 11, 30), 3) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 10, 31), 3) == dt.date(2025, 1, 31)


@pytest.mark.django_db
def test_reply_due_is_three_months_moved_off_holidays():
    assert reply_due(dt.date(2024, 3, 15)) == dt.date(2024, 6, 17)  # 06-15 Sat → Mon 06-17
    assert reply_due(dt.date(2024, 7, 5)) == dt.date(2024, 10, 8)  # 10-05 is in the National Day holiday


@pytest.mark.django_db
def test_reply_months_is_configurable(settings):
    settings.GONGKAI = {**settings.GONGKAI, "PROPOSAL_REPLY_MONTHS": 2}
    assert reply_due(dt.date(2024, 3, 15)) == dt.date(2024, 5, 15)


@pytest.mark.django_db
def test_publish_due_counts_working_days_over_the_national_day_holiday(settings):
    # 2024-09-27 (Fri) + 20 working days: 09-29 (Sun, 调休) and 10-12 (Sat, 调休) count, 10-01..07 do not.
    assert publish_due(dt.date(2024, 9, 27)) == dt.date(2024, 10, 30)
    settings.GONGKAI = {**settings.GONGKAI, "PROPOSAL_PUBLISH_WORKDAYS": 5}
    assert publish_due(dt.date(2024, 9, 27)) == dt.date(2024, 10, 10)  # 09-29, 09-30, 10-08, 10-09, 10-10
