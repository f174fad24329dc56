"""The 机构概况 staleness reminder by e-mail (frozen Beijing time): once per profile, user and period
of COLUMNS_PROFILE_REVIEW_DAYS, from the daily Celery task and, without a scheduler, from console
visits; publishing or confirming starts afresh; never-published profiles are not mailed."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.columns.models import ProfileReminder
from gongkai.columns.reminders import profile_reminders_send
from gongkai.columns.services import leader_add, profile_get_or_create, profile_transition, profile_update
from gongkai.columns.tasks import profile_reminders_send_task

BEIJING = ZoneInfo("Asia/Shanghai")
FIELDS = {"functions": "负责全市教育工作。", "structure": "办公室\n基础教育科", "address": "文昌路18号",
          "hours": "工作日 8:30—17:30", "phone": "0000-12340100"}


def at(y, m, d, h=9):
    return time_machine.travel(dt.datetime(y, m, d, h, 0, tzinfo=BEIJING), tick=False)


@pytest.fixture
def people(make_user, dept_a, dept_b, city):
    return {
        "editor": make_user("p_editor", dept_a, Role.EDITOR, email="editor@example.org"),
        "reviewer": make_user("p_reviewer", dept_a, Role.REVIEWER, email="reviewer@example.org"),
        "other": make_user("p_other", dept_b, Role.EDITOR, email="other@example.org"),
        "office": make_user("p_office", city, Role.OFFICE, email="office@example.org"),
    }


def publish_profile(agency, editor, reviewer):
    profile = profile_get_or_create(agency=agency, actor=editor)
    profile_update(profile=profile, actor=editor, **FIELDS)
    leader_add(profile=profile, actor=editor, name="张某", post="局长")
    profile_transition(profile=profile, action="submit", actor=editor)
    return profile_transition(profile=profile, action="publish", actor=reviewer)


def sent():
    return sorted(to for m in mail.outbox for to in m.to)


@pytest.fixture(autouse=True)
def _ninety_days(settings):
    settings.COLUMNS_PROFILE_REVIEW_DAYS = 90


def test_one_mail_per_profile_user_and_period(dept_a, people):
    with at(2026, 1, 5):
        profile = publish_profile(dept_a, people["editor"], people["reviewer"])
    with at(2026, 4, 5):  # 90 days: still current
        assert profile_reminders_send() == 0 and mail.outbox == []
    with at(2026, 4, 6):  # 91 days: the first period
        assert profile_reminders_send() == 2
    assert sent() == ["editor@example.org", "reviewer@example.org"]  # not another agency's staff
    first = mail.outbox[0]
    assert "示范市教育局" in first.subject and "已 91 天未核对更新" in first.body
    assert f"/console/columns/profiles/{profile.pk}/" in first.body
    assert ProfileReminder.objects.filter(emailed=True).count() == 2
    assert AuditEntry.objects.filter(action="profile.remind").count() == 2
    for day in ((2026, 4, 6, 18), (2026, 4, 7), (2026, 7, 4)):  # again the same day, the next, the period's last
        with at(*day):
            assert profile_reminders_send() == 0
    assert len(mail.outbox) == 2
    with at(2026, 7, 5):  # 181 days: the second period, one more mail each
        assert profile_reminders_send() == 2
    assert len(mail.outbox) == 4 and "已 181 天未核对更新" in mail.outbox[-1].body


def test_confirming_starts_afresh(dept_a, people):
    with at(2026, 1, 5):
        profile = publish_profile(dept_a, people["editor"], people["reviewer"])
    with at(2026, 4, 6):
        assert profile_reminders_send() == 2
        profile_transition(profile=profile, action="confirm", actor=people["reviewer"])
    with at(2026, 4, 7):
        assert profile_reminders_send() == 0
    with at(2026, 7, 5):  # 90 days after the confirmation: current
        assert profile_reminders_send() == 0
    with at(2026, 7, 6):
        assert profile_reminders_send() == 2
    assert len(mail.outbox) == 4


def test_never_published_is_not_mailed_and_staffless_agency_goes_up(dept_a, dept_b, people, make_user):
    with at(2026, 1, 5):
        profile_get_or_create(agency=dept_b, actor=people["other"])  # a draft, never published
        profile = publish_profile(dept_a, people["editor"], people["reviewer"])
    people["editor"].memberships.all().delete()
    people["reviewer"].memberships.all().delete()
    with at(2026, 4, 6):
        assert profile_reminders_send() == 1
    assert sent() == ["office@example.org"]  # the 公开办 above the agency
    assert ProfileReminder.objects.get().profile == profile


def test_celery_task_is_the_daily_beat_entry(dept_a, people):
    from gongkai.columns.schedules import SCHEDULE

    assert SCHEDULE["columns-profile-reminders"]["task"] == profile_reminders_send_task.name
    with at(2026, 1, 5):
        publish_profile(dept_a, people["editor"], people["reviewer"])
    with at(2026, 4, 6):
        assert profile_reminders_send_task.apply().get() == 2
        assert profile_reminders_send_task.apply().get() == 0
    assert len(mail.outbox) == 2


def test_console_visits_send_it_without_a_scheduler(client_for, dept_a, people):
    with at(2026, 1, 5):
        profile = publish_profile(dept_a, people["editor"], people["reviewer"])
    with at(2026, 4, 6):
        home = client_for(people["editor"]).get("/console/").content.decode()
        assert "示范市教育局的机构概况已 91 天未核对更新" in home
        assert sent() == ["editor@example.org"]  # only the visitor's reminder is made by the visit
        client_for(people["reviewer"]).get("/console/columns/profiles/")
        assert sent() == ["editor@example.org", "reviewer@example.org"]
        client_for(people["editor"]).get("/console/")  # a second visit sends nothing more
        assert len(mail.outbox) == 2
        client_for(people["editor"]).get(f"/console/columns/profiles/{profile.pk}/")
        assert "机构概况已 91 天" not in client_for(people["editor"]).get("/console/").content.decode()
