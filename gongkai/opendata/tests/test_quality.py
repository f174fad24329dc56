"""Quality score, the schedule check (更新频率 against the last update) with frozen time, reminders
to owners, the 测评 indicator functions, the catalog exports and the public pages."""
import datetime as dt
import json

import pytest
import time_machine

from gongkai.core.errors import UserFacingError
from gongkai.opendata import indicators
from gongkai.opendata.models import OwnerReminder
from gongkai.opendata.quality import next_due, on_schedule, quality
from gongkai.opendata.reminders import reminders_send
from gongkai.opendata.services import resource_schema_update

from .conftest import csv_bytes

D = dt.date


def test_next_due_per_frequency():
    assert next_due("daily", D(2026, 3, 1)) == D(2026, 3, 2)
    assert next_due("monthly", D(2026, 1, 31)) == D(2026, 2, 28)
    assert next_due("quarterly", D(2025, 11, 30)) == D(2026, 2, 28)
    assert next_due("yearly", D(2024, 2, 29)) == D(2025, 2, 28)
    assert next_due("irregular", None) is None
    assert next_due("monthly", None) == D.min


@pytest.mark.django_db
def test_schedule_with_frozen_time(make_dataset, upload, published):
    with time_machine.travel("2026-01-31 09:00:00+08:00", tick=False):
        d = make_dataset(frequency="monthly")
        upload(d, csv_bytes([["a"], ["1"]]))
        d = published(d)
    d.refresh_from_db()
    assert d.data_updated == D(2026, 1, 31)
    assert on_schedule(d, D(2026, 2, 28)) and not on_schedule(d, D(2026, 3, 1))
    with time_machine.travel("2026-02-28 23:00:00+08:00", tick=False):
        assert indicators.datasets_on_schedule(agency_ids=None, start=D(2026, 1, 1), end=D(2026, 2, 28)) == {
            "numerator": 1, "denominator": 1, "records": []}
    out = indicators.datasets_on_schedule(agency_ids=[d.agency_id], start=D(2026, 1, 1), end=D(2026, 3, 1))
    assert out["numerator"] == 0 and out["denominator"] == 1
    assert out["records"] == [(f"{d.agency.name}·{d.title}", "未按期更新（更新频率：每月，最近更新：2026-01-31）")]
    assert indicators.datasets_on_schedule(agency_ids=[d.agency_id + 999], start=D(2026, 1, 1), end=D(2026, 3, 1)) == {
        "numerator": 0, "denominator": 0, "records": []}


@pytest.mark.django_db
def test_quality_score_and_indicators(make_dataset, upload, published, editor_a):
    with time_machine.travel("2026-03-02 09:00:00+08:00", tick=False):
        d = make_dataset(frequency="yearly")
        r = upload(d, csv_bytes([["区县", "人口"], ["示范区", 100]]))
        d = published(d)
        q = quality(d)
        met = {k: m for k, _l, m in q["criteria"]}
        assert met == {"metadata": True, "machine_readable": True, "dictionary": False, "licence": True,
                       "on_schedule": True} and q["score"] == 80
        resource_schema_update(resource=r, actor=editor_a, columns=[
            {"name": "区县", "type": "text", "description": "区县名称"},
            {"name": "人口", "type": "integer", "unit": "万人", "description": "常住人口"}])
        assert quality(d)["score"] == 100
        pdf = make_dataset("仅PDF的数据集", licence="", frequency="yearly")
        upload(pdf, b"%PDF-1.4\n%demo\n", "report.pdf")
        pdf = published(pdf)
        q = quality(pdf)
        # only 按期更新: the licence is missing (also a metadata field), no machine-readable file, no dictionary
        assert q["pdf_only"] and q["score"] == 20
    mr = indicators.datasets_machine_readable(agency_ids=None, start=D(2026, 1, 1), end=D(2026, 3, 31))
    assert (mr["numerator"], mr["denominator"]) == (1, 2) and mr["records"][0][1] == "无可机器读取的资源"
    total = indicators.datasets_quality(agency_ids=None, start=D(2026, 1, 1), end=D(2026, 3, 31))
    assert (total["numerator"], total["denominator"]) == (100 + 20, 200)


@pytest.mark.django_db
def test_reminders_to_owners_once_with_email(make_dataset, upload, published, editor_a, mailoutbox):
    editor_a.email = "editor@example.gov.cn"
    editor_a.save()
    with time_machine.travel("2026-03-01 09:00:00+08:00", tick=False):
        d = make_dataset(frequency="daily")
        upload(d, csv_bytes([["a"], ["1"]]))
        published(d)
    assert reminders_send(today=D(2026, 3, 2)) == 0  # due on the 2nd: not behind yet
    assert reminders_send(today=D(2026, 3, 3)) == 1
    assert reminders_send(today=D(2026, 3, 4)) == 0  # one reminder per fact
    note = OwnerReminder.objects.get()
    assert note.user == editor_a and note.emailed and "未按期更新" in note.message and "2026-03-02" in note.message
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["editor@example.gov.cn"]


@pytest.mark.django_db
def test_portal_pages_and_catalog_exports(make_dataset, upload, published, client):
    d = make_dataset()
    r = upload(d, csv_bytes([["站点", "AQI"]] + [[f"站{i}", i] for i in range(150)]))
    d = published(d)
    page = client.get("/sjkf/", {"topic": "environment", "format": "csv", "tier": "open"})
    assert page.status_code == 200 and d.title in page.content.decode()
    assert d.title not in client.get("/sjkf/", {"topic": "health"}).content.decode()
    body = client.get(f"/sjkf/{d.pk}/").content.decode()
    assert "站99" in body and "站100" not in body  # the first 100 rows
    d.refresh_from_db()
    assert d.views == 1
    ld = json.loads(client.get("/sjkf/catalog.jsonld").content)
    item = ld["dcat:dataset"][0]
    assert ld["@type"] == "dcat:Catalog" and item["dct:title"] == d.title
    assert item["dct:accrualPeriodicity"]["@id"].endswith("/DAILY") and item["dcat:keyword"] == ["空气质量", "监测"]
    assert item["dcat:distribution"][0]["spdx:checksum"]["spdx:checksumValue"] == r.sha256
    csv_text = client.get("/sjkf/catalog.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("标识,名称,摘要,开放主体") and d.title in csv_text
    assert client.get(f"/sjkf/resource/{r.pk}/download/").status_code == 200
    d.refresh_from_db()
    assert d.downloads == 1


@pytest.mark.django_db
def test_data_request_goes_through_review(reviewer_a, dept_a):
    from gongkai.opendata.demand import data_request_answer, data_request_submit

    clean, _code = data_request_submit(title="公交线路站点数据", description="希望开放公交线路和站点坐标。", agency=dept_a)
    assert clean.status == "published"
    held, _code = data_request_submit(title="我的数据", description="我是张伟，身份证 11010519491231002X，想要数据。",
                                      agency=dept_a)
    assert held.status == "review"
    with pytest.raises(UserFacingError, match="答复说明"):
        data_request_answer(req=clean, actor=reviewer_a, disposition="adopted", reason="")
    clean = data_request_answer(req=clean, actor=reviewer_a, disposition="adopted", reason="将于下月开放。")
    assert clean.status == "answered" and clean.get_disposition_display() == "采纳"
    held = data_request_answer(req=held, actor=reviewer_a, disposition="rejected", reason="不属于公共数据。")
    assert "11010519491231002X" not in held.description
