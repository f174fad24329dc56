"""Issue 13, defects 11 and 12: the /apply/ bot check, the per-agency daily ceiling with its alert,
and the truth when the database fails during a submission."""
import re
import time

import pytest
import time_machine
from django.core import mail
from django.db import OperationalError
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.foi.models import Case, Notification

from .conftest import person_fields
from .test_public import _challenge_of, _post, _solved

pytestmark = pytest.mark.django_db


def test_a_script_reading_the_label_cannot_apply(client, dept_a):
    """What the outside test did: read the question off the page and post the answer. There is no
    question any more, only work; the old fields are ignored."""
    page = client.get("/apply/").content.decode()
    assert "等于几" not in page and "challenge_answer" not in page
    data = {**person_fields(), "agency": dept_a.pk, "confirm": "on", "challenge_token": "x", "challenge_answer": "7"}
    with time_machine.travel(time.time() + 10, tick=False):
        body = client.post("/apply/", data).content.decode()
    assert "人机验证" in body and not Case.objects.exists()


def test_vendored_widget_is_served_from_this_site(client):
    from django.contrib.staticfiles import finders

    page = client.get("/apply/").content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert any(s.endswith("vendor/altcha/altcha.min.js") for s in scripts)
    assert all(s.startswith("/static/") for s in scripts)  # no CDN, no third-party service
    for name in ("vendor/altcha/altcha.min.js", "vendor/altcha/pbkdf2.js", "vendor/altcha/zh-cn.js",
                 "vendor/altcha/altcha.css", "core/challenge.js"):
        assert finders.find(name), name


def test_daily_ceiling_per_agency_with_an_alert(client, settings, dept_a, dept_b, make_user):
    settings.GONGKAI = {**settings.GONGKAI, "FOI_ONLINE_DAILY_CEILING": 2}
    office = make_user("office_ceiling", dept_a, Role.OFFICE, email="gkb@example.org")
    for _ in range(2):
        assert _post(client, dept_a, client.get("/apply/").content.decode()).status_code == 302
    for _ in range(2):  # the third and fourth are refused, in Chinese; the 公开办 is told once
        response = _post(client, dept_a, client.get("/apply/").content.decode())
        assert response.status_code == 200 and "已达上限" in response.content.decode()
    assert Case.objects.filter(agency=dept_a).count() == 2
    alerts = AuditEntry.objects.filter(action="foi.online_ceiling")
    assert alerts.count() == 1 and alerts.get().agency_id == dept_a.pk
    assert Notification.objects.filter(user=office).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["gkb@example.org"] and "上限" in mail.outbox[0].subject
    # another agency is not affected
    assert _post(client, dept_b, client.get("/apply/").content.decode()).status_code == 302


def test_per_ip_limit_still_applies(settings, dept_a):
    from django.core.cache import cache

    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_POST_RATE = "2/h"
    cache.clear()
    client = Client(REMOTE_ADDR="203.0.113.50")
    codes = [_post(client, dept_a, client.get("/apply/").content.decode()).status_code for _ in range(3)]
    cache.clear()
    assert codes == [302, 302, 429]


def _database_down(monkeypatch):
    def down(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("gongkai.foi.views.case_submit_online", down)


def test_database_failure_shows_the_form_filled_in_and_says_nothing_was_saved(client, dept_a, monkeypatch):
    page = client.get("/apply/").content.decode()
    payload = _solved(page)
    data = {**person_fields(info_description="请提供本局2024年度预算公开表。"), "agency": dept_a.pk,
            "altcha": payload, "website": "", "confirm": "on"}
    _database_down(monkeypatch)
    with time_machine.travel(time.time() + 10, tick=False):
        response = client.post("/apply/", data)
    body = response.content.decode()
    assert response.status_code == 503 and "没有保存" in body and "不会丢失" not in body
    assert "请提供本局2024年度预算公开表。" in body and 'value="张三"' in body  # what was typed is kept
    monkeypatch.undo()
    # The same submission again (same proof of work): the first attempt saved nothing, so it goes through.
    with time_machine.travel(time.time() + 20, tick=False):
        again = client.post("/apply/", data)
    assert again.status_code == 302 and Case.objects.count() == 1
    with time_machine.travel(time.time() + 30, tick=False):  # and only once
        assert "已使用" in client.post("/apply/", data).content.decode()


def test_when_even_the_form_cannot_be_shown_the_503_page_tells_the_truth(dept_a, monkeypatch):
    client = Client(raise_request_exception=False)
    page = client.get("/apply/").content.decode()
    data = {**person_fields(info_description="请提供本局2024年度预算公开表。"), "agency": dept_a.pk,
            "altcha": _solved(page), "website": "", "confirm": "on"}
    _database_down(monkeypatch)

    def render_down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("gongkai.foi.views.render", render_down)
    with time_machine.travel(time.time() + 10, tick=False):
        response = client.post("/apply/", data)
    body = response.content.decode()
    assert response.status_code == 503 and "没有保存" in body and "不会丢失" not in body
    assert "请提供本局2024年度预算公开表。" in body and "altcha" not in body and _challenge_of(page) not in body


def test_the_503_page_for_a_read_does_not_promise_anything(settings):
    settings.ROOT_URLCONF = "gongkai.ops.tests.urls_faults"
    body = Client(raise_request_exception=False).get("/fault/db-down/").content.decode()
    assert "请稍后刷新本页面" in body and "不会丢失" not in body and "没有保存" not in body
