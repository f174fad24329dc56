"""The DataStore on both databases: load, datastore_search (filters, sort, paging, q, fields), export,
hostile column names and filter values, and the API with tiers, keys and quotas."""
import csv
import io
import json

import pytest
from django.db import connection

from gongkai.opendata.datastore import DataStoreError, datastore_iter, datastore_search
from gongkai.opendata.services import resource_schema_update

from .conftest import csv_bytes

ROWS = [["站点", "区县", "日期", "AQI", "PM2.5"],
        ["西湖站", "西湖区", "2026-03-01", 57, 31.5],
        ["滨江站", "滨江区", "2026-03-01", 41, 20],
        ["西湖站", "西湖区", "2026-03-02", 88, 60.25],
        ["下沙站", "钱塘区", "2026-03-02", "", 12]]


@pytest.fixture
def aqi(make_dataset, upload):
    d = make_dataset()
    return upload(d, csv_bytes(ROWS, "gbk"), "aqi.csv")


@pytest.mark.django_db
def test_load_schema_and_types(aqi):
    assert aqi.encoding == "gb18030" and aqi.row_count == 4 and aqi.scan_status == "clean"
    assert [(c["name"], c["type"]) for c in aqi.schema] == [
        ("站点", "text"), ("区县", "text"), ("日期", "date"), ("AQI", "integer"), ("PM2.5", "number")]
    assert aqi.datastore_table == f"ods_r{aqi.pk}_v1"


@pytest.mark.django_db
def test_search_filters_sort_paging_q_fields(aqi):
    r = datastore_search(aqi, filters={"站点": "西湖站"}, sort="AQI desc")
    assert r["total"] == 2 and [x["AQI"] for x in r["records"]] == [88, 57]
    assert r["records"][0]["日期"] == "2026-03-02" and r["records"][0]["PM2.5"] == 60.25
    r = datastore_search(aqi, filters={"日期": "2026-03-01", "区县": ["西湖区", "滨江区"]}, sort="站点")
    assert r["total"] == 2
    r = datastore_search(aqi, sort="AQI asc", limit=2, offset=1, fields=["站点", "AQI"])
    assert [(x["站点"], x["AQI"]) for x in r["records"]] == [("西湖站", 57), ("西湖站", 88)]
    assert set(r["records"][0]) == {"_id", "站点", "AQI"} and r["total"] == 4
    r = datastore_search(aqi, q_text="钱塘")
    assert r["total"] == 1 and r["records"][0]["AQI"] is None
    assert datastore_search(aqi, filters={"AQI": 41})["records"][0]["站点"] == "滨江站"


@pytest.mark.django_db
def test_bad_requests_are_refused_in_chinese(aqi):
    with pytest.raises(DataStoreError, match="筛选字段不存在"):
        datastore_search(aqi, filters={"nope": 1})
    with pytest.raises(DataStoreError, match="格式不正确"):
        datastore_search(aqi, filters={"AQI": "abc"})
    with pytest.raises(DataStoreError, match="排序字段不存在"):
        datastore_search(aqi, sort="AQI; DROP TABLE x")
    with pytest.raises(DataStoreError, match="limit"):
        datastore_search(aqi, limit=5000)


HOSTILE = ['名称"; DROP TABLE opendata_dataset; --', "x' OR '1'='1", "a`b]c", "%s", "_id"]


@pytest.mark.django_db
def test_hostile_column_names_and_values_stay_data(make_dataset, upload):
    rows = [HOSTILE, ["甲'); DELETE FROM opendata_dataset; --", "1", "%", "%s", "x"], ["乙", "2", "_", "%%", "y"]]
    r = upload(make_dataset(), csv_bytes([[f'"{c.replace(chr(34), chr(34) * 2)}"' for c in row] for row in rows]))
    assert [c["name"] for c in r.schema] == HOSTILE
    assert [c["column"] for c in r.schema] == ["c1", "c2", "c3", "c4", "c5"]  # SQL sees only these
    out = datastore_search(r, filters={HOSTILE[0]: "甲'); DELETE FROM opendata_dataset; --"},
                           sort=f"{HOSTILE[1]} desc", fields=HOSTILE)
    assert out["total"] == 1 and out["records"][0][HOSTILE[3]] == "%s"
    assert datastore_search(r, q_text="%%")["total"] == 1  # % and _ are matched literally, not as wildcards
    assert datastore_search(r, q_text="_%")["total"] == 0
    assert datastore_search(r, filters={HOSTILE[4]: "y"})["total"] == 1  # a column called _id is a column
    with pytest.raises(DataStoreError):
        datastore_search(r, filters={'"c1"': "甲"})  # the SQL names are not accepted as field names
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM opendata_dataset")
        assert cur.fetchone()[0] == 1


@pytest.mark.django_db
def test_type_override_reloads_and_bad_values_are_named(aqi, editor_a):
    cols = [{"name": "AQI", "type": "text"}]
    aqi = resource_schema_update(resource=aqi, actor=editor_a, columns=cols)
    assert datastore_search(aqi, filters={"AQI": "88"})["total"] == 1
    with pytest.raises(DataStoreError, match="第 2 行“站点”列的值“西湖站”不是整数"):
        resource_schema_update(resource=aqi, actor=editor_a, columns=[{"name": "站点", "type": "integer"}])


@pytest.mark.django_db
def test_export_iterates_in_chunks(aqi):
    header, rows = datastore_iter(aqi, filters={"区县": "西湖区"}, chunk=1)
    assert header == ["站点", "区县", "日期", "AQI", "PM2.5"]
    assert list(rows) == [["西湖站", "西湖区", "2026-03-01", 57, 31.5], ["西湖站", "西湖区", "2026-03-02", 88, 60.25]]


@pytest.mark.django_db
def test_api_open_dataset(aqi, published, client):
    published(aqi.dataset)
    res = client.get("/api/opendata/datastore_search", {"resource_id": aqi.pk, "filters": json.dumps({"站点": "西湖站"}),
                                                        "sort": "AQI desc", "limit": 1})
    assert res.status_code == 200, res.content
    body = res.json()
    assert body["success"] and body["result"]["total"] == 2 and body["result"]["records"][0]["AQI"] == 88
    bad = client.get("/api/opendata/datastore_search", {"resource_id": aqi.pk, "filters": "[1]"})
    assert bad.status_code == 400 and "filters" in bad.json()["detail"]
    exp = client.get("/api/opendata/datastore_export", {"resource_id": aqi.pk, "format": "csv", "q": "滨江"})
    text = b"".join(exp.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [["站点", "区县", "日期", "AQI", "PM2.5"],
                                                   ["滨江站", "滨江区", "2026-03-01", "41", "20.0"]]
    nd = client.get("/api/opendata/datastore_export", {"resource_id": aqi.pk, "format": "json", "fields": "站点"})
    assert [json.loads(line) for line in b"".join(nd.streaming_content).decode().splitlines()][0] == {"站点": "西湖站"}
    aqi.dataset.refresh_from_db()
    assert aqi.dataset.api_calls == 4 - 1  # the refused call is not counted
    schema = client.get("/api/openapi.json").json()
    assert "/api/opendata/datastore_search" in schema["paths"]


@pytest.mark.django_db
def test_api_unpublished_is_404(aqi, client):
    assert client.get("/api/opendata/datastore_search", {"resource_id": aqi.pk}).status_code == 404


@pytest.mark.django_db
def test_quota_per_key(aqi, published, client, settings):
    from django.core.cache import caches

    from gongkai.opendata.access import api_key_issue

    settings.RATELIMIT_ENABLED = True
    caches["limits"].clear()
    published(aqi.dataset)
    key, raw = api_key_issue(label="测试", daily_quota=2)
    codes = [client.get("/api/opendata/datastore_search", {"resource_id": aqi.pk}, HTTP_X_API_KEY=raw).status_code
             for _i in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/opendata/datastore_search", {"resource_id": aqi.pk},
                      HTTP_X_API_KEY="gkod_wrong").status_code == 401
