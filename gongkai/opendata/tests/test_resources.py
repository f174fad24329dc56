"""Resource files: formats checked against content, machine-readable marking, XLSX into the DataStore,
replacement as a new version (new table, dictionary text kept, version history)."""
import io

import pytest
from django.db import connection

from gongkai.core.errors import UserFacingError
from gongkai.opendata.datastore import datastore_search
from gongkai.opendata.models import DatasetVersion
from gongkai.opendata.services import resource_replace, resource_schema_update

from .conftest import csv_bytes


@pytest.mark.django_db
def test_formats_and_content_checks(make_dataset, upload):
    d = make_dataset()
    j = upload(d, b'[{"a": 1}]', "data.json")
    x = upload(d, b"<?xml version='1.0'?><rows/>", "data.xml")
    assert (j.format, j.machine_readable, j.datastore_table, j.row_count) == ("json", True, f"ods_r{j.pk}_v1", 1)
    assert x.machine_readable and x.size == 28 and len(x.sha256) == 64
    assert (x.datastore_table, x.scan_status) == ("", "clean") and "没有重复的记录元素" in x.table_note
    with pytest.raises(UserFacingError, match="内容与扩展名"):
        upload(d, b"%PDF-1.4 fake", "data.csv")
    with pytest.raises(UserFacingError, match="不支持的文件格式"):
        upload(d, b"a,b", "data.exe")
    with pytest.raises(UserFacingError, match="文件为空"):
        upload(d, b"", "data.csv")


@pytest.mark.django_db
def test_xlsx_resource_is_loaded(make_dataset, upload):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["学校", "人数"])
    ws.append(["示范一中", 1200])
    ws.append(["示范二中", 980])
    buf = io.BytesIO()
    wb.save(buf)
    r = upload(make_dataset(), buf.getvalue(), "schools.xlsx")
    assert r.row_count == 2 and datastore_search(r, sort="人数 asc")["records"][0]["学校"] == "示范二中"


@pytest.mark.django_db
def test_replacement_is_a_new_version(make_dataset, upload, editor_a):
    d = make_dataset()
    r = upload(d, csv_bytes([["区县", "人口"], ["示范区", 100]]))
    r = resource_schema_update(resource=r, actor=editor_a, columns=[{"name": "人口", "type": "integer", "unit": "万人",
                                                                     "description": "常住人口"}])
    old_table = r.datastore_table
    r = resource_replace(resource=r, actor=editor_a, filename="v2.csv",
                         source=io.BytesIO(csv_bytes([["区县", "人口", "年份"], ["示范区", 101, 2026], ["东区", 50, 2026]])))
    assert r.version == 2 and r.datastore_table == f"ods_r{r.pk}_v2" != old_table
    tables = connection.introspection.table_names()
    assert r.datastore_table in tables and old_table not in tables  # the old version's table is dropped
    assert r.row_count == 2 and datastore_search(r, filters={"年份": 2026})["total"] == 2
    assert [c for c in r.schema if c["name"] == "人口"][0]["unit"] == "万人"
    notes = list(DatasetVersion.objects.filter(dataset=d).order_by("number").values_list("number", "note"))
    assert [n for n, _note in notes] == [1, 2, 3, 4] and notes[-1][1] == "更新资源：data.csv（第 2 版）"
    assert DatasetVersion.objects.get(dataset=d, number=4).snapshot["resources"][0]["version"] == 2


@pytest.mark.django_db
def test_a_value_past_the_sample_turns_its_column_to_text(make_dataset, upload):
    from gongkai.opendata.tabular import SAMPLE_ROWS

    rows = [["编号", "数量"]] + [[i, i] for i in range(SAMPLE_ROWS + 10)] + [["X-1", "暂无"]]
    r = upload(make_dataset(), csv_bytes(rows))
    assert {c["name"]: c["type"] for c in r.schema} == {"编号": "text", "数量": "text"}
    assert r.row_count == SAMPLE_ROWS + 11 and r.load_error == ""
    assert datastore_search(r, filters={"数量": "暂无"})["records"][0]["编号"] == "X-1"


@pytest.mark.django_db
def test_an_unreadable_file_is_kept_with_its_error(make_dataset, upload, published):
    bad = "区县,名称\n".encode() + "示范区,正常\n".encode("gbk") * 5 + b"\xff\xfe\xfa\xfb\x80\x81\n" * 3
    d = make_dataset()
    r = upload(d, bad)
    assert r.datastore_table == "" and "编码" in r.load_error and r.scan_status == "none"
    with pytest.raises(Exception, match="尚未完成个人信息扫描"):
        published(d)


@pytest.mark.django_db
def test_cli_adds_and_replaces_a_resource_from_a_server_file(make_dataset, editor_a, editor_b, tmp_path, capsys):
    """Files over the web upload limit come in from the server's disk, checked, scanned and loaded as an upload."""
    from django.core.management import CommandError, call_command

    from gongkai.audit.models import AuditEntry
    from gongkai.opendata.models import Resource

    from .conftest import ID_OK

    d = make_dataset()
    p = tmp_path / "名单.csv"
    p.write_bytes(csv_bytes([["姓名", "身份证号", "金额"], ["张伟", ID_OK, 300]], encoding="gbk"))
    with pytest.raises(CommandError, match="权限"):  # an editor of another agency
        call_command("opendata", "add", str(p), "--dataset", str(d.pk), "--user", editor_b.username)
    call_command("opendata", "add", str(p), "--dataset", str(d.pk), "--user", editor_a.username, "--name", "补贴名单")
    r = Resource.objects.get(dataset=d)
    assert "已载入 1 行" in capsys.readouterr().out
    assert (r.name, r.encoding, r.row_count, r.scan_status) == ("补贴名单", "gb18030", 1, "flagged")
    assert AuditEntry.objects.get(action="opendata.resource_add").actor_id == editor_a.pk
    p.write_bytes(csv_bytes([["区县", "金额"], ["示范区", 300], ["东区", 200]]))
    call_command("opendata", "add", str(p), "--dataset", str(d.pk), "--replace", str(r.pk))
    r.refresh_from_db()
    assert (r.version, r.row_count, r.scan_status) == (2, 2, "clean")
    for args, message in ((["--dataset", "999999"], "不存在"), (["--dataset", str(d.pk), "--user", "nobody"], "不存在"),
                          (["--dataset", str(d.pk), "--replace", "999999"], "不属于")):
        with pytest.raises(CommandError, match=message):
            call_command("opendata", "add", str(p), *args)
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("opendata", "add", str(tmp_path / "none.csv"), "--dataset", str(d.pk))


@pytest.mark.django_db
def test_xlsx_with_data_on_a_second_sheet_is_refused(make_dataset, upload, published, tmp_path, client):
    """Only the first sheet is loaded and scanned: a hidden sheet of ID numbers must not pass as clean and go
    out with the download of the workbook. Empty extra sheets (Excel's Sheet2/Sheet3) are fine."""
    from django.core.management import CommandError, call_command
    from openpyxl import Workbook

    from .conftest import ID_OK

    def book(second_rows):
        wb = Workbook()
        wb.active.append(["学校", "人数"])
        wb.active.append(["示范一中", 1200])
        extra = wb.create_sheet("名单")
        extra.sheet_state = "hidden"
        for row in second_rows:
            extra.append(row)
        wb.create_sheet("Sheet3")
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    d = make_dataset()
    ok = upload(d, book([]), "ok.xlsx")
    assert (ok.row_count, ok.scan_status, ok.load_error) == (1, "clean", "")
    r = upload(d, book([["姓名", "身份证号"], ["张伟", ID_OK]]), "schools.xlsx")
    assert r.datastore_table == "" and r.scan_status == "none" and "工作表“名单”也有数据" in r.load_error
    with pytest.raises(Exception, match="尚未完成个人信息扫描"):
        published(d)
    p = tmp_path / "two.xlsx"
    p.write_bytes(book([["姓名", "身份证号"], ["张伟", ID_OK]]))
    with pytest.raises(CommandError, match="也有数据"):
        call_command("opendata", "scan", str(p), "--json")
