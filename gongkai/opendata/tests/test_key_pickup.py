"""有条件开放 inside the platform: the applicant picks the API key up once on the status page (the
reviewer never sees it), a reviewer of the 开放主体 resets a lost key, and the applicant is e-mailed
once when the approved period ends without 使用反馈."""
import datetime as dt
import re

import pytest
import time_machine
from django.core import mail

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.opendata.access import (KeyRefused, application_key_pickup, application_key_reset, application_submit,
                                     application_transition, key_resolve)
from gongkai.opendata.models import ApiKey
from gongkai.opendata.reminders import reminders_send

from .conftest import csv_bytes

MARCH = "2026-03-20 10:00:00+08:00"


@pytest.fixture
def approved(make_dataset, upload, published, reviewer_a):
    d = make_dataset("企业用电数据", tier="conditional")
    r = upload(d, csv_bytes([["行业", "用电量"], ["制造业", 100]]))
    published(d)
    with time_machine.travel(MARCH, tick=False):
        a, code = application_submit(dataset=d, applicant="王研究", organisation="示范大学", email="w@example.edu.cn",
                                     phone="0571-1", purpose="研究", scenario="论文", period_start=dt.date(2026, 4, 1),
                                     period_end=dt.date(2026, 6, 30), agreement_accepted=True)
        with pytest.raises(UserFacingError, match="未获批准"):
            application_key_pickup(application=a, code=code)
        a, raw = application_transition(application=a, action="approve", actor=reviewer_a, reason="同意")
    assert raw == ""
    return a, code, r


def _pickup(client, a, code):
    return client.post("/sjkf/apply/status/", {"op": "pickup", "number": a.number, "code": code}).content.decode()


@pytest.mark.django_db
def test_applicant_picks_the_key_up_once(approved, client, reviewer_a):
    a, code, r = approved
    status = client.get("/sjkf/apply/status/", {"number": a.number, "code": code}).content.decode()
    assert "领取 API 密钥" in status and "gkod_" not in status
    assert "申请编号或查询码不正确" in _pickup(client, a, "AAAAAAAA")
    with pytest.raises(PermissionDeniedError):
        application_key_pickup(application=a, code="AAAAAAAA")
    with time_machine.travel("2026-04-02 10:00:00+08:00", tick=False):
        res = client.post("/sjkf/apply/status/", {"op": "pickup", "number": a.number, "code": code})
        assert res["Cache-Control"] == "no-store"
        raw = re.search(r"<code>(gkod_[\w-]+)</code>", res.content.decode()).group(1)
        key = ApiKey.objects.get(application=a)
        assert key.key_hash != raw and len(key.key_hash) == 64 and raw not in str(ApiKey.objects.values().get())
        assert key_resolve(raw) == key
        api = client.get("/api/opendata/datastore_search", {"resource_id": r.pk}, HTTP_X_API_KEY=raw)
        assert api.status_code == 200 and api.json()["result"]["total"] == 1
        second = _pickup(client, a, code)
        assert "已于 2026-04-02 10:00 领取，不再显示" in second and "gkod_" not in second
        assert "gkod_" not in client.get("/sjkf/apply/status/", {"number": a.number, "code": code}).content.decode()
    client.force_login(reviewer_a)
    staff = client.get(f"/console/opendata/applications/{a.pk}/").content.decode()
    assert "申请人已于 2026-04-02 10:00 领取 API 密钥" in staff and "gkod_" not in staff
    assert AuditEntry.objects.filter(action="opendata.application_key_pickup").count() == 1


@pytest.mark.django_db
def test_reviewer_resets_a_lost_key(approved, reviewer_b, reviewer_a, client):
    a, code, _r = approved
    old = application_key_pickup(application=a, code=code)
    with pytest.raises(PermissionDeniedError):
        application_key_reset(application=a, actor=reviewer_b, reason="遗失")
    with pytest.raises(TransitionError, match="理由"):
        application_key_reset(application=a, actor=reviewer_a, reason="")
    client.force_login(reviewer_a)
    client.post(f"/console/opendata/applications/{a.pk}/", {"op": "rekey", "reason": "申请人报告密钥遗失"})
    with pytest.raises(KeyRefused):
        key_resolve(old)
    new = application_key_pickup(application=a, code=code)
    assert new != old and key_resolve(new).application_id == a.pk
    with pytest.raises(UserFacingError, match="不再显示"):
        application_key_pickup(application=a, code=code)
    application_transition(application=a, action="feedback", actor=None, reason="已完成。", applicant_code=code)
    with pytest.raises(TransitionError):
        application_key_reset(application=a, actor=reviewer_a, reason="再来")


@pytest.mark.django_db
def test_feedback_reminder_mailed_once_when_the_period_ends(approved, client, make_dataset, upload, published,
                                                            reviewer_a):
    a, code, _r = approved
    # A second application that files its feedback before the end is not reminded.
    with time_machine.travel(MARCH, tick=False):
        b, code_b = application_submit(dataset=a.dataset, applicant="李研究", organisation="示范学院",
                                       email="l@example.edu.cn", phone="0571-2", purpose="研究", scenario="论文",
                                       period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 5, 31),
                                       agreement_accepted=True)
        application_transition(application=b, action="approve", actor=reviewer_a, reason="同意")
    application_transition(application=b, action="feedback", actor=None, reason="已完成。", applicant_code=code_b)
    mail.outbox.clear()
    with time_machine.travel("2026-06-29 09:00:00+08:00", tick=False):
        reminders_send(today=dt.date(2026, 6, 29))
        assert mail.outbox == []
        page = client.get("/sjkf/apply/status/", {"number": a.number, "code": code}).content.decode()
        assert "使用期限已到" not in page
    with time_machine.travel("2026-06-30 09:00:00+08:00", tick=False):
        reminders_send(today=dt.date(2026, 6, 30))
        reminders_send(today=dt.date(2026, 6, 30))
    with time_machine.travel("2026-07-15 09:00:00+08:00", tick=False):
        reminders_send(today=dt.date(2026, 7, 15))
        page = client.get("/sjkf/apply/status/", {"number": a.number, "code": code}).content.decode()
    assert [m.to for m in mail.outbox] == [["w@example.edu.cn"]]
    assert a.number in mail.outbox[0].body and "/sjkf/apply/status/" in mail.outbox[0].body
    # After the period the applicant still files the missing 使用反馈 there.
    assert "使用期限已到，请提交使用反馈" in page and 'name="feedback"' in page
    res = client.post("/sjkf/apply/status/", {"number": a.number, "code": code, "feedback": "论文已完成。"})
    a.refresh_from_db()
    assert res.status_code == 200 and a.status == "finished" and a.feedback == "论文已完成。"


@pytest.mark.django_db
def test_migration_marks_keys_handed_over_before_the_pickup(approved, make_dataset):
    """Migration 0003: a key issued before the pickup existed counts as picked up (no second key)."""
    import importlib

    from django.apps import apps
    from django.utils import timezone

    from gongkai.opendata.models import AccessApplication

    a, code, _r = approved
    waiting, _c = application_submit(dataset=a.dataset, applicant="李", organisation="学院", email="l@example.edu.cn",
                                     phone="1", purpose="研究", scenario="论文", period_start=timezone.localdate(),
                                     period_end=timezone.localdate() + dt.timedelta(days=9), agreement_accepted=True)
    mod = importlib.import_module("gongkai.opendata.migrations.0003_request_deadline_group_key_pickup")
    mod.keys_already_handed_over(apps, None)
    a.refresh_from_db()
    assert a.key_picked_up_at == a.decided_at
    assert AccessApplication.objects.get(pk=waiting.pk).key_picked_up_at is None
    with pytest.raises(UserFacingError, match="不再显示"):
        application_key_pickup(application=a, code=code)
