"""JSON and XML uploads through the same path as CSV (both databases): data dictionary, DataStore and
its search API, the privacy scan blocking 无条件开放, a malformed file that loses nothing, and a file
that is no table kept as a file with its note and its values scanned."""
import io
import json

import pytest

from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.opendata.datastore import datastore_search
from gongkai.opendata.services import dataset_transition, resource_replace, resource_scan_resolve

from .conftest import ID_OK, csv_bytes

STATIONS = [{"站点": "西湖站", "区县": "西湖区", "日期": "2026-03-01", "AQI": 57, "位置": {"经度": 120.1}},
            {"站点": "滨江站", "区县": "滨江区", "日期": "2026-03-01", "AQI": 41},
            {"站点": "西湖站", "区县": "西湖区", "日期": "2026-03-02", "AQI": 88, "位置": {"经度": 120.1}},
            {"站点": "下沙站", "区县": "钱塘区", "日期": "2026-03-02", "AQI": None}]


def jbytes(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


@pytest.mark.django_db
def test_json_resource_loads_and_is_searched(make_dataset, upload, published, client):
    r = upload(make_dataset(), jbytes({"code": 0, "data": STATIONS}), "aqi.json")
    assert (r.row_count, r.scan_status, r.table_note, r.load_error) == (4, "clean", "", "")
    assert [(c["name"], c["type"]) for c in r.schema] == [("站点", "text"), ("区县", "text"), ("日期", "date"),
                                                          ("AQI", "integer"), ("位置.经度", "number")]
    out = datastore_search(r, filters={"站点": "西湖站"}, sort="AQI desc")
    assert [x["AQI"] for x in out["records"]] == [88, 57] and out["records"][0]["位置.经度"] == 120.1
    assert datastore_search(r, q_text="钱塘")["records"][0]["AQI"] is None
    published(r.dataset)
    res = client.get("/api/opendata/datastore_search", {"resource_id": r.pk, "filters": json.dumps({"区县": "滨江区"})})
    assert res.status_code == 200 and res.json()["result"]["records"][0]["站点"] == "滨江站"
    page = client.get(f"/sjkf/{r.dataset_id}/").content.decode()
    assert "下沙站" in page  # the preview


@pytest.mark.django_db
def test_xml_resource_loads(make_dataset, upload):
    rows = "".join(f'<站点 编号="{i}"><名称>站{i}</名称><AQI>{40 + i}</AQI></站点>' for i in range(5))
    r = upload(make_dataset(), f'<?xml version="1.0" encoding="GBK"?><数据><站点列表>{rows}</站点列表></数据>'.encode("gbk"),
               "aqi.xml")
    assert (r.row_count, r.encoding) == (5, "gb18030")
    assert datastore_search(r, filters={"编号": 3})["records"][0]["名称"] == "站3"


@pytest.mark.django_db
def test_id_card_in_json_blocks_open_until_masked(make_dataset, upload, reviewer_a, client):
    people = [{"姓名": "张伟", "身份证号": ID_OK, "补贴": 300}, {"姓名": "李娜", "身份证号": "", "补贴": 200}]
    r = upload(make_dataset("示范市补贴名单"), "\n".join(json.dumps(p, ensure_ascii=False) for p in people).encode(),
               "people.json")
    assert r.scan_status == "flagged" and {f["column"] for f in r.scan} == {"姓名", "身份证号"}
    with pytest.raises(TransitionError, match="含有个人信息"):
        dataset_transition(dataset=r.dataset, action="publish", actor=reviewer_a)
    r = resource_scan_resolve(resource=r, actor=reviewer_a, treatment={"姓名": "mask", "身份证号": "remove"})
    dataset_transition(dataset=r.dataset, action="publish", actor=reviewer_a)
    body = b"".join(client.get(f"/sjkf/resource/{r.pk}/download/").streaming_content).decode()
    assert [json.loads(line) for line in body.splitlines()] == [{"姓名": "张*", "补贴": 300}, {"姓名": "李*", "补贴": 200}]


@pytest.mark.django_db
def test_id_card_in_xml_is_flagged(make_dataset, upload, reviewer_a):
    xml = f'<名单><人员 身份证号="{ID_OK}"><单位>示范局</单位></人员><人员><单位>示范局</单位></人员></名单>'
    r = upload(make_dataset("示范市名单"), xml.encode(), "p.xml")
    assert r.scan == [{"column": "身份证号", "kinds": ["id_card"], "rows_hit": 1, "sample_masked": "1101**********002X"}]
    with pytest.raises(TransitionError, match="身份证号"):
        dataset_transition(dataset=r.dataset, action="publish", actor=reviewer_a)


@pytest.mark.django_db
def test_malformed_json_loses_nothing(make_dataset, upload, reviewer_a, editor_a, client):
    d = make_dataset()
    good = upload(d, csv_bytes([["区县", "人数"], ["示范区", 3]]), "a.csv")
    bad = upload(d, b'[{"a": 1}, {"a": ', "b.json")
    bad.refresh_from_db()
    assert "JSON 格式错误" in bad.load_error and bad.scan_status == "none" and bad.datastore_table == ""
    assert bad.sha256 and bad.file.name  # the upload itself is kept
    good.refresh_from_db()
    assert good.row_count == 1 and datastore_search(good)["total"] == 1
    with pytest.raises(TransitionError, match="尚未完成"):
        dataset_transition(dataset=d, action="publish", actor=reviewer_a)
    fixed = resource_replace(resource=bad, actor=editor_a, filename="b.json", source=io.BytesIO(b'[{"a": 1}]'))
    assert (fixed.version, fixed.row_count, fixed.load_error) == (2, 1, "")
    assert dataset_transition(dataset=d, action="publish", actor=reviewer_a).status == "published"


@pytest.mark.django_db
def test_non_tabular_json_stays_a_file_with_a_note(make_dataset, upload, reviewer_a, client):
    d = make_dataset()
    r = upload(d, jbytes({"名称": "示范市概况", "人口": {"常住": 100}}), "about.json")
    assert r.datastore_table == "" and r.scan_status == "clean" and "单个对象" in r.table_note
    assert not r.tabular and r.load_error == ""
    dataset_transition(dataset=d, action="publish", actor=reviewer_a)
    page = client.get(f"/sjkf/{d.pk}/").content.decode()
    assert "不能作为表格载入" in page and f"/sjkf/resource/{r.pk}/download/" in page
    assert client.get(f"/sjkf/resource/{r.pk}/download/").status_code == 200


@pytest.mark.django_db
def test_non_tabular_json_with_an_id_card_needs_an_override(make_dataset, upload, reviewer_a):
    r = upload(make_dataset(), jbytes({"单位": "示范局", "负责人": {"姓名": "张伟", "身份证号": ID_OK}}), "org.json")
    assert r.scan_status == "flagged" and {f["column"] for f in r.scan} == {"负责人.姓名", "负责人.身份证号"}
    with pytest.raises(TransitionError, match="含有个人信息"):
        dataset_transition(dataset=r.dataset, action="publish", actor=reviewer_a)
    with pytest.raises(UserFacingError, match="不是表格"):
        resource_scan_resolve(resource=r, actor=reviewer_a, treatment={"负责人.身份证号": "remove"})
    r = resource_scan_resolve(resource=r, actor=reviewer_a, override_reason="负责人信息依法公示")
    assert r.scan_status == "overridden"
    assert dataset_transition(dataset=r.dataset, action="publish", actor=reviewer_a).status == "published"


@pytest.mark.django_db
def test_resources_from_before_the_upgrade_are_analysed_by_the_command(make_dataset, upload, capsys):
    from django.core.management import call_command

    from gongkai.opendata.models import Resource

    r = upload(make_dataset(), jbytes(STATIONS), "aqi.json")
    Resource.objects.filter(pk=r.pk).update(scan_status="none", datastore_table="", schema=[], row_count=0)
    call_command("opendata", "analyse-pending")
    r.refresh_from_db()
    assert "1" in capsys.readouterr().out and (r.scan_status, r.row_count) == ("clean", 4)


@pytest.mark.django_db
def test_non_tabular_xml_is_scanned_by_path_and_not_analysed_twice(make_dataset, upload, reviewer_a):
    from gongkai.opendata.services import resource_analyse

    xml = f'<单位><名称>示范局</名称><负责人 身份证号="{ID_OK}"><电话>13812345678</电话></负责人></单位>'
    r = upload(make_dataset(), xml.encode(), "org.xml")
    assert {f["column"]: f["kinds"] for f in r.scan} == {"单位.负责人.身份证号": ["id_card"], "单位.负责人.电话": ["mobile"]}
    r = resource_scan_resolve(resource=r, actor=reviewer_a, override_reason="依法公示")
    resource_analyse(resource_id=r.pk, version=r.version)  # the same task message delivered again
    r.refresh_from_db()
    assert r.scan_status == "overridden" and r.override_reason == "依法公示"
