"""The clock on the real calendar (国庆, 春节, 调休), the `gongkai clock` command, and its invariants."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from gongkai.foi.clock import ClockError, ClockEvent, clock_compute
from gongkai.workdays.calendar import add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db
D = dt.date


def run(received, *events, fee_pauses=True):
    evs = [ClockEvent(kind, date, data or {}) for kind, date, *rest in events for data in [rest[0] if rest else {}]]
    return clock_compute(received=received, events=evs, fee_pauses=fee_pauses)


def test_plain_due_and_correction_notice_due():
    r = run(D(2025, 3, 3))  # Monday; March 2025 has no holidays
    assert r.due == D(2025, 3, 31)
    assert r.correction_notice_due == D(2025, 3, 12)
    assert r.paused_workdays == 0 and not r.provisional


def test_guoqing_with_tiaoxiu_weekends():
    # 2025: 9-28 (Sunday) and 10-11 (Saturday) are make-up working days; 10-1..10-8 are off.
    r = run(D(2025, 9, 26))
    assert r.correction_notice_due == D(2025, 10, 13)
    assert r.due == D(2025, 10, 30)


def test_chunjie():
    # 2025: 1-26 (Sunday) and 2-8 (Saturday) are make-up working days; 1-28..2-4 are off.
    r = run(D(2025, 1, 24))
    assert r.correction_notice_due == D(2025, 2, 10)
    assert r.due == D(2025, 2, 27)


def test_receipt_on_a_holiday_counts_from_the_next_working_day():
    r = run(D(2025, 10, 3))  # inside 国庆
    assert r.correction_notice_due == D(2025, 10, 16)  # 10-9 is day 1, 10-11 (Saturday) day 3
    assert r.due == D(2025, 11, 4)


def test_labour_day_tiaoxiu_sunday():
    # 2025-04-27 (Sunday) is a working day; 5-1..5-5 are off.
    r = run(D(2025, 4, 25))
    assert r.correction_notice_due == D(2025, 5, 8)
    assert r.due == D(2025, 5, 27)


def test_correction_stops_then_restarts_the_clock():
    r = run(D(2025, 3, 3), ("correction_requested", D(2025, 3, 5), {"days": 10}))
    assert r.due is None and r.waiting == "correction"
    assert r.correction_due == D(2025, 3, 19)
    r = run(D(2025, 3, 3), ("correction_requested", D(2025, 3, 5)), ("correction_received", D(2025, 3, 12)))
    assert r.due == D(2025, 4, 10)  # 3-12 + 20 WD, 清明 4-4 off
    assert r.correction_notice_due == D(2025, 3, 12)  # stays tied to the first receipt


def test_correction_only_once_and_lapse_stops():
    with pytest.raises(ClockError):
        run(D(2025, 3, 3), ("correction_requested", D(2025, 3, 4)), ("correction_received", D(2025, 3, 5)),
            ("correction_requested", D(2025, 3, 6)))
    r = run(D(2025, 3, 3), ("correction_requested", D(2025, 3, 4)), ("correction_lapsed", D(2025, 4, 1)))
    assert r.stopped == "correction_lapsed" and r.due is None


def test_consultation_pause_with_reply():
    r = run(D(2025, 3, 3), ("consultation_started", D(2025, 3, 10)), ("consultation_ended", D(2025, 3, 14)))
    assert r.paused_workdays == 4  # (3-10, 3-14]
    assert r.due == add_workdays(D(2025, 3, 31), 4).date == D(2025, 4, 7)


def test_consultation_silence_ends_after_15_workdays():
    open_ = run(D(2025, 3, 3), ("consultation_started", D(2025, 3, 10)))
    assert open_.waiting == "consultation" and open_.paused_workdays == 15
    late = run(D(2025, 3, 3), ("consultation_started", D(2025, 3, 10)), ("consultation_ended", D(2025, 5, 1)))
    assert late.paused_workdays == 15  # a reply after the window counts only the window
    assert open_.due == late.due == add_workdays(D(2025, 3, 31), 15).date


def test_extension_once_at_most_20():
    r = run(D(2025, 3, 3), ("extended", D(2025, 3, 20), {"workdays": 20}))
    assert r.due == add_workdays(D(2025, 3, 31), 20).date == D(2025, 4, 28)  # 4-27 (Sunday) is worked
    r = run(D(2025, 3, 3), ("extended", D(2025, 3, 20), {"workdays": 5}))
    assert r.due == D(2025, 4, 8)
    with pytest.raises(ClockError):
        run(D(2025, 3, 3), ("extended", D(2025, 3, 20), {"workdays": 21}))
    with pytest.raises(ClockError):
        run(D(2025, 3, 3), ("extended", D(2025, 3, 20), {"workdays": 5}), ("extended", D(2025, 3, 21), {"workdays": 5}))


def test_fee_window_pauses_per_setting():
    events = [("fee_notified", D(2025, 3, 10)), ("fee_paid", D(2025, 3, 13))]
    paused = run(D(2025, 3, 3), *events, fee_pauses=True)
    assert paused.fee_due == D(2025, 4, 8)  # 20 WD from 3-11, 清明 4-4 off
    assert paused.paused_workdays == 3 and paused.due == D(2025, 4, 3)
    running = run(D(2025, 3, 3), *events, fee_pauses=False)
    assert running.paused_workdays == 0 and running.due == D(2025, 3, 31)
    unpaid = run(D(2025, 3, 3), ("fee_notified", D(2025, 3, 10)))
    assert unpaid.waiting == "fee" and unpaid.paused_workdays == 20


def test_year_without_official_calendar_is_provisional():
    r = run(D(2027, 1, 4))
    assert r.provisional and r.due == D(2027, 2, 1)  # weekdays only
    assert not run(D(2026, 11, 2)).provisional


def test_events_before_receipt_are_refused():
    with pytest.raises(ClockError):
        run(D(2025, 3, 3), ("consultation_started", D(2025, 3, 1)))


def _cli(*args):
    out = StringIO()
    call_command("clock", *args, stdout=out)
    return json.loads(out.getvalue())


def test_clock_command_json():
    assert _cli("--received", "2025-09-26", "--json") == {
        "due": "2025-10-30", "correction_notice_due": "2025-10-13", "paused_workdays": 0, "provisional": False}
    out = _cli("--received", "2025-03-03", "--event", "consultation_started:2025-03-10",
               "--event", "consultation_ended:2025-03-14", "--event", "extended:2025-03-20:5", "--json")
    assert out == {"due": "2025-04-14", "correction_notice_due": "2025-03-12", "paused_workdays": 4,
                   "provisional": False}
    out = _cli("--received", "2025-03-03", "--event", "correction_requested:2025-03-05",
               "--event", "correction_received:2025-03-12", "--json")
    assert out["due"] == "2025-04-10"
    assert _cli("--received", "2027-03-01", "--json")["provisional"] is True


def test_clock_command_rejects_bad_input():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _cli("--received", "2025-02-30", "--json")
    with pytest.raises(CommandError):
        _cli("--received", "2025-03-03", "--event", "teleport:2025-03-04", "--json")
    with pytest.raises(CommandError):
        _cli("--received", "2025-03-03", "--event", "extended:2025-03-04:30", "--json")


# --- properties ----------------------------------------------------------------------------------

dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 10, 31))


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(received=dates, start_after=st.integers(0, 25), length=st.integers(0, 15), ext=st.integers(0, 20))
def test_due_is_always_a_working_day(received, start_after, length, ext):
    start = add_workdays(received, start_after).date
    events = [("consultation_started", start), ("consultation_ended", add_workdays(start, length).date)]
    if ext:
        events.append(("extended", start, {"workdays": ext}))
    r = run(received, *events)
    assert is_workday(r.due)
    assert is_workday(r.correction_notice_due)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(received=dates, start_after=st.integers(0, 19), length=st.integers(0, 15))
def test_a_pause_of_k_workdays_moves_due_by_exactly_k(received, start_after, length):
    base = run(received).due
    start = add_workdays(received, start_after).date
    end = add_workdays(start, length).date
    k = workdays_between(start, end)
    assert k == length
    paused = run(received, ("consultation_started", start), ("consultation_ended", end))
    assert paused.paused_workdays == k
    assert paused.due == add_workdays(base, k).date
    assert workdays_between(base, paused.due) == k


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(received=st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 12, 1)), offset=st.integers(1, 60),
       ext=st.integers(0, 20))
def test_adding_a_holiday_never_moves_a_due_date_earlier(received, offset, ext):
    from gongkai.workdays.calendar import invalidate
    from gongkai.workdays.models import CalendarDay

    events = [("extended", received, {"workdays": ext})] if ext else []
    before = run(received, *events)
    holiday = received + dt.timedelta(days=offset)
    CalendarDay.objects.update_or_create(date=holiday, defaults={"is_workday": False, "name": "测试假日"})
    try:
        after = run(received, *events)
        assert after.due >= before.due
        assert after.correction_notice_due >= before.correction_notice_due
    finally:
        CalendarDay.objects.filter(date=holiday).delete()
        invalidate()
