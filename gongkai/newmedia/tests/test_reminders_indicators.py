"""The 2-week rule's reminders (工作台 and e-mail, once per silent spell, without Celery) and the 测评
indicator functions of the new-media registry."""
import datetime as dt

import pytest
import time_machine

from gongkai.newmedia import indicators
from gongkai.newmedia.demo import demo_qr_png
from gongkai.newmedia.models import Platform, Reminder
from gongkai.newmedia.reminders import reminders_send
from gongkai.newmedia.services import account_create, account_post_date_set, account_transition

D = dt.date


@pytest.fixture
def accounts(dept_a, editor_a):
    editor_a.email = "editor@example.gov.cn"
    editor_a.save()
    made = []
    for n, (platform, posted) in enumerate([(Platform.WECHAT, D(2026, 3, 10)), (Platform.WEIBO, D(2026, 2, 20))]):
        a = account_create(agency=dept_a, actor=editor_a, platform=platform, name=f"示范教育{n}", account_id=f"acc{n}",
                           operator_name="李维护", operator_phone="13800001111",
                           qr=("qr.png", demo_qr_png("https://example.gov.cn/t")))
        a = account_transition(account=a, action="open", actor=editor_a, date=D(2026, 1, 5))
        made.append(account_post_date_set(account=a, actor=editor_a, date=posted))
    return made


@pytest.mark.django_db
def test_stale_account_reminded_once_per_silent_spell(accounts, editor_a, mailoutbox):
    # 2026-03-06: the 微博 account's latest post (02-20) is 14 days old — not yet stale
    assert reminders_send(today=D(2026, 3, 6)) == 0
    assert reminders_send(today=D(2026, 3, 7)) == 1
    assert reminders_send(today=D(2026, 3, 8)) == 0
    note = Reminder.objects.get()
    assert note.account == accounts[1] and note.emailed and "15 天未更新" in note.message
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["editor@example.gov.cn"]
    account_post_date_set(account=accounts[1], actor=editor_a, date=D(2026, 3, 9))  # posted again …
    assert reminders_send(today=D(2026, 3, 23)) == 0
    assert reminders_send(today=D(2026, 3, 24)) == 1  # … and silent again: a new reminder


@pytest.mark.django_db
def test_console_home_shows_reminders_without_celery(accounts, editor_a, client):
    client.force_login(editor_a)
    with time_machine.travel("2026-03-10 09:00:00+08:00", tick=False):
        body = client.get("/console/").content.decode()
    assert "示范教育1" in body and "超过两周无更新" in body


@pytest.mark.django_db
def test_indicators(accounts, dept_a, dept_b):
    out = indicators.newmedia_active(agency_ids=[dept_a.pk], start=D(2026, 1, 1), end=D(2026, 3, 10))
    assert (out["numerator"], out["denominator"]) == (1, 2)
    assert out["records"] == [(f"{dept_a.name}·微博·示范教育1", "18 天未更新")]
    assert indicators.newmedia_active(agency_ids=[dept_b.pk], start=D(2026, 1, 1), end=D(2026, 3, 10)) == {
        "numerator": 0, "denominator": 0, "records": []}
    # before either account opened
    assert indicators.newmedia_active(agency_ids=None, start=D(2025, 1, 1), end=D(2025, 12, 31))["denominator"] == 0
    filed = indicators.newmedia_filed(agency_ids=None, start=D(2026, 1, 1), end=D(2026, 3, 10))
    assert (filed["numerator"], filed["denominator"]) == (0, 2)
