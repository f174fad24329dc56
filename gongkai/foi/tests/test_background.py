"""Recompute on calendar change, reminders (in-app and e-mail, idempotent), and the beat schedule."""
import datetime as dt

import pytest
from django.core import mail

from gongkai.foi.models import Case, Notification
from gongkai.foi.reminders import reminders_send
from gongkai.foi.services import case_transition
from gongkai.foi.tasks import cases_recompute_task, reminders_send_task
from gongkai.workdays.models import CalendarDay
from gongkai.workdays.services import calendar_year_enter

from .conftest import at

pytestmark = pytest.mark.django_db
D = dt.date


def test_entering_next_years_calendar_recomputes_open_cases(register, office_a, django_capture_on_commit_callbacks):
    open_case = register(D(2026, 12, 21))
    closed = register(D(2026, 12, 21))
    with at(2026, 12, 22):
        case_transition(case=closed, action="answer", actor=office_a, outcome="granted")
    open_case.refresh_from_db()
    assert open_case.provisional and open_case.due_date == D(2027, 1, 18)  # weekdays only
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        calendar_year_enter(year=2027, holidays=["2027-01-01:元旦", "2027-01-04..2027-01-06:测试假日"],
                            workdays=["2027-01-09:调休"], source="测试")
    assert len(callbacks) == 1  # one recompute for the whole year
    open_case.refresh_from_db()
    closed.refresh_from_db()
    assert not open_case.provisional
    assert open_case.due_date == D(2027, 1, 21)  # four weekdays off, one Saturday worked
    assert closed.due_date == D(2027, 1, 18) and closed.provisional  # closed cases keep their record
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=D(2027, 1, 19), is_workday=False, name="再加一天")
    open_case.refresh_from_db()
    assert open_case.due_date == D(2027, 1, 22)


def test_recompute_task_is_idempotent(register):
    case = register(D(2025, 3, 3))
    Case.objects.filter(pk=case.pk).update(due_date=D(2030, 1, 1))  # damage a derived field
    assert cases_recompute_task.delay().get() == 1
    assert cases_recompute_task.delay().get() == 0
    case.refresh_from_db()
    assert case.due_date == D(2025, 3, 31)


def test_reminders_in_app_and_email_once(register, office_a, make_user, dept_a):
    from gongkai.agencies.models import Role

    make_user("office_a2", dept_a, Role.OFFICE)  # no e-mail address: in-app only
    soon = register(D(2025, 3, 3))  # due 3-31
    late = register(D(2025, 2, 10))  # due 3-10
    with at(2025, 3, 26):
        created = reminders_send(today=D(2025, 3, 26))
    assert created == 4  # due-soon and overdue, for two office users
    assert Notification.objects.filter(user=office_a).count() == 2
    assert len(mail.outbox) == 2 and all(m.to == ["office_a@example.org"] for m in mail.outbox)
    assert any(soon.tracking_no in m.subject for m in mail.outbox)
    assert any(late.tracking_no in n.message and "已超过答复期限" in n.message for n in Notification.objects.all())
    with at(2025, 3, 26):
        assert reminders_send_task.delay().get() == 0  # run again: nothing new
    assert len(mail.outbox) == 2
    # Handler set: only the handler is reminded of new facts.
    with at(2025, 3, 27):
        case_transition(case=soon, action="assign", actor=office_a, handler=office_a)
        case_transition(case=soon, action="request_correction", actor=office_a, items="补充说明", days=1)
    with at(2025, 3, 31):
        reminders_send(today=D(2025, 3, 31))
    lapse = Notification.objects.filter(key__startswith="correction_lapsed")
    assert [n.user for n in lapse] == [office_a]


def test_unconfirmed_online_applications_are_reminded(dept_a, office_a):
    from gongkai.foi.services import case_submit_online

    from .conftest import person_fields

    with at(2025, 3, 3):
        case_submit_online(agency=dept_a, fields=person_fields())
        reminders_send(today=D(2025, 3, 3))
    assert Notification.objects.get(user=office_a).message.endswith("尚未确认收到。")


def test_beat_schedule_is_collected():
    from config.celery import app

    app.loader.import_default_modules()
    from gongkai.foi.schedules import SCHEDULE

    assert {"foi-reminders", "foi-recompute"} <= set(SCHEDULE)
    assert SCHEDULE["foi-reminders"]["task"] in app.tasks
    assert SCHEDULE["foi-recompute"]["task"] in app.tasks
