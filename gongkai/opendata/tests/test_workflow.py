"""Tiers and the privacy gate, the reviewer's masking (DataStore copy and download), the 有条件开放
application workflow on the working-day calendar, its scoped key and the 使用反馈."""
import datetime as dt

import pytest
import time_machine

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.opendata.access import (KeyRefused, access_check, application_key_pickup, application_submit,
                                     application_transition, key_resolve)
from gongkai.opendata.datastore import datastore_search
from gongkai.opendata.models import ApiKey, UsageLog
from gongkai.opendata.services import dataset_transition, resource_scan_resolve

from .conftest import ID_OK, csv_bytes

PII = [["姓名", "身份证号", "补贴金额"], ["张伟", ID_OK, 300], ["李娜", "", 200]]


@pytest.mark.django_db
def test_open_tier_blocked_until_reviewer_masks(make_dataset, upload, reviewer_a, editor_a, client):
    d = make_dataset("示范市补贴发放名单")
    r = upload(d, csv_bytes(PII))
    assert r.scan_status == "flagged" and {f["column"] for f in r.scan} == {"姓名", "身份证号"}
    with pytest.raises(TransitionError, match="含有个人信息"):
        dataset_transition(dataset=d, action="publish", actor=reviewer_a)
    with pytest.raises(PermissionDeniedError):  # the editor is not a reviewer
        resource_scan_resolve(resource=r, actor=editor_a, treatment={"姓名": "mask", "身份证号": "remove"})
    with pytest.raises(UserFacingError, match="尚未处理"):
        resource_scan_resolve(resource=r, actor=reviewer_a, treatment={"姓名": "mask"})
    r = resource_scan_resolve(resource=r, actor=reviewer_a, treatment={"姓名": "mask", "身份证号": "remove"})
    assert r.scan_status == "resolved"
    out = datastore_search(r)
    assert [rec["姓名"] for rec in out["records"]] == ["张*", "李*"] and "身份证号" not in out["records"][0]
    d = dataset_transition(dataset=d, action="publish", actor=reviewer_a)
    assert d.status == "published"
    res = client.get(f"/sjkf/resource/{r.pk}/download/")
    body = b"".join(res.streaming_content).decode("utf-8-sig")
    assert body.splitlines() == ["姓名,补贴金额", "张*,300", "李*,200"]
    # The catalog and the page describe the generated download, not the uploaded file with the ID numbers.
    dist = client.get("/sjkf/catalog.jsonld").json()["dcat:dataset"][0]["dcat:distribution"][0]
    assert dist["dct:format"] == "CSV" and "spdx:checksum" not in dist and "dcat:byteSize" not in dist
    page = client.get(f"/sjkf/{d.pk}/").content.decode()
    assert r.sha256 not in page and "已脱敏或删除" in page
    assert AuditEntry.objects.filter(action="opendata.scan_resolve").count() == 1


@pytest.mark.django_db
def test_override_is_audited_with_its_reason(make_dataset, upload, reviewer_a):
    d = make_dataset("示范市表彰名单")
    r = upload(d, csv_bytes([["姓名", "荣誉"], ["张伟", "优秀教师"]]))
    r = resource_scan_resolve(resource=r, actor=reviewer_a, override_reason="依法公示的表彰名单")
    assert r.scan_status == "overridden"
    assert datastore_search(r)["records"][0]["姓名"] == "张伟"
    entry = AuditEntry.objects.get(action="opendata.scan_resolve")
    assert entry.reason == "依法公示的表彰名单" and entry.to_state == "overridden"
    assert dataset_transition(dataset=d, action="publish", actor=reviewer_a).status == "published"


@pytest.mark.django_db
def test_conditional_and_closed_tiers(make_dataset, upload, published):
    with pytest.raises(UserFacingError, match="须说明理由"):
        make_dataset("无理由", tier="conditional", tier_reason="")
    cond = make_dataset("企业用电数据", tier="conditional")
    r = upload(cond, csv_bytes(PII))  # flagged, but only 无条件开放 is blocked
    cond = published(cond)
    with pytest.raises(KeyRefused):
        access_check(dataset=cond, key=None)
    closed = published(make_dataset("不予开放数据", tier="closed"))
    with pytest.raises(KeyRefused):
        access_check(dataset=closed, key=None)
    assert r.scan_status == "flagged"


@pytest.mark.django_db
def test_a_closed_dataset_is_listed_with_its_reason_but_not_its_files_or_columns(make_dataset, upload, published,
                                                                                client):
    """不予开放: the entry, its 开放主体 and reason are public on its page, in the /datasets API and in DCAT;
    its resources (names, columns, preview, download, schema.json) are not."""
    closed = make_dataset("不予开放数据", tier="closed")
    r = upload(closed, csv_bytes([["企业名称", "纳税额"], ["甲公司", 100]]))
    closed = published(closed)
    listed = [d for d in client.get("/api/opendata/datasets").json() if d["id"] == closed.pk]
    assert listed and listed[0]["tier"] == "closed" and listed[0]["resources"] == []
    page = client.get(f"/sjkf/{closed.pk}/").content.decode()
    assert "不予开放数据" in page and closed.tier_reason in page and "纳税额" not in page
    for url in (f"/sjkf/resource/{r.pk}/", f"/sjkf/resource/{r.pk}/download/", f"/sjkf/resource/{r.pk}/schema.json"):
        assert client.get(url).status_code == 404, url
    entry = [d for d in client.get("/sjkf/catalog.jsonld").json()["dcat:dataset"] if "不予开放数据" in d["dct:title"]]
    assert entry and "dcat:distribution" not in entry[0]


@pytest.mark.django_db
def test_application_workflow(make_dataset, upload, published, reviewer_a, editor_b, client):
    d = make_dataset("企业用电数据", tier="conditional")
    r = upload(d, csv_bytes([["行业", "用电量"], ["制造业", 100], ["服务业", 50]]))
    d = published(d)
    # Friday 2026-03-20: 10 working days later is Friday 2026-04-03 (no holiday in between)
    with time_machine.travel("2026-03-20 10:00:00+08:00", tick=False):
        with pytest.raises(UserFacingError, match="同意数据使用协议"):
            application_submit(dataset=d, applicant="王研究", organisation="示范大学", email="w@example.edu.cn",
                               phone="0571-1", purpose="研究", scenario="论文", period_start=dt.date(2026, 4, 1),
                               period_end=dt.date(2026, 6, 30), agreement_accepted=False)
        a, code = application_submit(dataset=d, applicant="王研究", organisation="示范大学", email="w@example.edu.cn",
                                     phone="0571-1", purpose="产业用电研究", scenario="学术论文",
                                     period_start=dt.date(2026, 4, 10), period_end=dt.date(2026, 6, 30),
                                     agreement_accepted=True)
    assert a.status == "submitted" and a.due_date == dt.date(2026, 4, 3) and len(code) == 8
    with pytest.raises(PermissionDeniedError):
        application_transition(application=a, action="approve", actor=editor_b)
    with pytest.raises(TransitionError, match="理由"):
        application_transition(application=a, action="reject", actor=reviewer_a)
    with time_machine.travel("2026-03-25 10:00:00+08:00", tick=False):
        a, raw = application_transition(application=a, action="approve", actor=reviewer_a, reason="同意")
    assert raw == ""  # the reviewer never sees the key; the applicant picks it up
    raw = application_key_pickup(application=a, code=code)
    key = ApiKey.objects.get(application=a)
    # The applicant finds the endpoints with the number and query code; the dataset page links the API too.
    status = client.get("/sjkf/apply/status/", {"number": a.number, "code": code}).content.decode()
    assert f"datastore_search?resource_id={r.pk}" in status and "X-API-Key" in status
    page = client.get(f"/sjkf/{d.pk}/").content.decode()
    assert f"datastore_search?resource_id={r.pk}" in page and "获批申请的 API 密钥" in page
    assert raw.startswith("gkod_") and key.key_hash != raw and len(key.key_hash) == 64
    assert (key.dataset_id, key.valid_from, key.valid_until) == (d.pk, dt.date(2026, 4, 10), dt.date(2026, 6, 30))
    assert key_resolve(raw) == key
    with pytest.raises(KeyRefused, match="有效期"):
        access_check(dataset=d, key=key, today=dt.date(2026, 4, 9))
    access_check(dataset=d, key=key, today=dt.date(2026, 4, 10))
    other = published(upload(make_dataset("其他数据"), csv_bytes([["a"], ["1"]])).dataset)
    with pytest.raises(KeyRefused, match="获批的数据集"):
        access_check(dataset=other, key=key, today=dt.date(2026, 4, 10))
    with time_machine.travel("2026-05-01 10:00:00+08:00", tick=False):
        assert client.get("/api/opendata/datastore_search", {"resource_id": r.pk}).status_code == 401
        res = client.get("/api/opendata/datastore_search", {"resource_id": r.pk}, HTTP_X_API_KEY=raw)
        assert res.status_code == 200 and res.json()["result"]["total"] == 2
    assert UsageLog.objects.get(key=key).rows == 2
    with pytest.raises(PermissionDeniedError):
        application_transition(application=a, action="feedback", actor=None, reason="好", applicant_code="WRONG")
    a, _raw = application_transition(application=a, action="feedback", actor=None, reason="数据完整，论文已完成。",
                                     applicant_code=code)
    assert a.status == "finished" and a.feedback == "数据完整，论文已完成。"
    key.refresh_from_db()
    assert not key.active
    actions = list(AuditEntry.objects.filter(action__startswith="opendata.application").values_list("action", flat=True))
    assert actions == ["opendata.application_submit", "opendata.application_approve",
                       "opendata.application_key_pickup", "opendata.application_feedback"]


@pytest.mark.django_db
def test_public_application_form_and_lookup(make_dataset, upload, published, client):
    d = make_dataset("企业用电数据", tier="conditional")
    upload(d, csv_bytes([["行业", "用电量"], ["制造业", 100]]))
    published(d)
    import html
    import re

    from django.utils import timezone

    from gongkai.core.challenge import challenge_solve
    from gongkai.opendata.models import AccessApplication

    page = client.get(f"/sjkf/{d.pk}/apply/").content.decode()
    assert "使用场景" in page
    challenge = html.unescape(re.search(r'<altcha-widget challenge="([^"]+)"', page).group(1))
    today = timezone.localdate()
    data = {"applicant": "王研究", "organisation": "示范大学", "email": "w@example.edu.cn", "phone": "0571-1",
            "purpose": "研究", "scenario": "论文", "period_start": today.isoformat(),
            "period_end": (today + dt.timedelta(days=30)).isoformat(), "agreement": "on",
            "altcha": challenge_solve(challenge)}
    import time

    with time_machine.travel(time.time() + 10, tick=False):  # the challenge's minimum solving time
        done = client.post(f"/sjkf/{d.pk}/apply/", data).content.decode()
    a = AccessApplication.objects.get()
    code = re.search(r"查询码：<strong>([A-Z0-9]{8})</strong>", done).group(1)
    assert a.number in done and a.query_code_hash != code
    status = client.get("/sjkf/apply/status/", {"number": a.number, "code": code}).content.decode()
    assert "待审核" in status and d.title in status
    wrong = client.get("/sjkf/apply/status/", {"number": a.number, "code": "AAAAAAAA"}).content.decode()
    assert "申请编号或查询码不正确" in wrong


@pytest.mark.django_db
def test_flagged_upload_to_a_published_open_dataset_stays_hidden(make_dataset, upload, published, reviewer_a, client):
    d = published(upload(make_dataset("示范市补贴统计"), csv_bytes([["区县", "金额"], ["示范区", 10]])).dataset)
    r = upload(d, csv_bytes(PII), "names.csv")
    assert r.scan_status == "flagged"
    assert client.get(f"/sjkf/resource/{r.pk}/download/").status_code == 404
    assert client.get("/api/opendata/datastore_search", {"resource_id": r.pk}).status_code == 404
    assert f"/sjkf/resource/{r.pk}/download/" not in client.get(f"/sjkf/{d.pk}/").content.decode()
    resource_scan_resolve(resource=r, actor=reviewer_a, treatment={"姓名": "mask", "身份证号": "remove"})
    assert client.get("/api/opendata/datastore_search", {"resource_id": r.pk}).json()["result"]["records"][0]["姓名"] == "张*"
