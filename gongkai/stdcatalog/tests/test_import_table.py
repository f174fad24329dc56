"""Importing a county's or township's own 标准目录 table (XLSX, DOCX, CSV): merged two-row headers, tick
columns, boxed channels, area titles, 指引 matching, all-or-nothing refusals with the rows named."""
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.stdcatalog.areas import area
from gongkai.stdcatalog.models import Audience, Entry, Mode, Origin
from gongkai.stdcatalog.services import entries_import, local_catalog_create
from gongkai.stdcatalog.tables import boxed_choices, read_table

from .tablefiles import HEAD2, ROWS, csv_bytes, docx_bytes, xlsx_bytes


@pytest.fixture
def catalog(town, town_editor):
    return local_catalog_create(agency=town, actor=town_editor)


def _summary(catalog):
    return [(e.area_slug, e.level1, e.level2, e.channels, e.audience, e.mode, e.levels, e.origin)
            for e in catalog.entries.order_by("position")]


@pytest.mark.django_db
def test_xlsx_with_merged_two_row_header_and_area_title(catalog, town_editor):
    result = entries_import(catalog=catalog, actor=town_editor, name="目录.xlsx", data=xlsx_bytes())
    assert result == {"created": 3, "skipped": 0, "areas": ["义务教育"]}
    rows = _summary(catalog)
    assert rows[0] == ("yiwu-jiaoyu", "政策文件", "法律法规", ["政府网站", "公开查阅点"], Audience.PUBLIC,
                       Mode.ACTIVE, ["县级"], Origin.LOCAL)
    # 一级事项 merged down over the second row; two ticks in 公开层级
    assert rows[1][1:4] == ("政策文件", "本级规范性文件", ["政府网站", "政务新媒体"]) and rows[1][6] == ["县级", "乡级"]
    assert rows[2][4:7] == (Audience.GROUP, Mode.ON_REQUEST, ["乡级"])
    first = catalog.entries.order_by("position").first()
    assert first.time_limit == "自信息形成或者变更之日起20个工作日内" and first.subject_text == "县级主管部门"
    audit = AuditEntry.objects.filter(action="stdcatalog.import").get()
    assert audit.data["created"] == 3 and len(audit.data["sha256"]) == 64


@pytest.mark.django_db
def test_docx_table_takes_its_area_from_the_heading_above(catalog, town_editor):
    result = entries_import(catalog=catalog, actor=town_editor, name="目录.docx", data=docx_bytes())
    assert result["created"] == 3 and result["areas"] == ["户籍管理"]
    assert [r[:3] for r in _summary(catalog)][2] == ("huji-guanli", "办理结果", "")


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_with_text_columns_and_the_area_chosen(catalog, town_editor, encoding):
    result = entries_import(catalog=catalog, actor=town_editor, name="目录.csv", data=csv_bytes(encoding=encoding),
                            area_slug="shehui-jiuzhu")
    assert result["created"] == 3
    rows = _summary(catalog)
    assert {r[0] for r in rows} == {"shehui-jiuzhu"}
    assert rows[1][4:7] == (Audience.PUBLIC, Mode.ACTIVE, ["县级", "乡级"])
    assert rows[2][4:6] == (Audience.GROUP, Mode.ON_REQUEST)


def _area_table(items, *, name) -> bytes:
    """A local table written from shipped 指引 items, as a county that adopted them publishes it."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append([f"示例县{name}领域基层政务公开标准目录"])
    ws.append(["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体"])
    for n, item in enumerate(items, 1):
        ws.append([n, item["level1"], item["level2"] or "", item["content"], item["basis"] or "",
                   item["time_limit"] or "", item["subject"] or "", "、".join(item["channels"] or [])])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_rows_restating_the_guide_keep_its_codes_and_a_reimport_adds_nothing(catalog, town_editor):
    shipped = area("shehui-jiuzhu")
    items = [dict(i) for i in shipped.items[:4]]
    items[1]["content"] = items[1]["content"] + "（本镇另公开救助资金发放名册）"
    items.append({"level1": "本镇增设事项", "level2": "", "content": "临时救助备用金使用情况", "basis": "",
                  "time_limit": "每季度", "subject": "镇民政办", "channels": ["公开栏"]})
    data = _area_table(items, name="社会救助")
    assert entries_import(catalog=catalog, actor=town_editor, name="t.xlsx", data=data)["created"] == 5
    got = [(e.template_code, e.origin) for e in catalog.entries.order_by("position")]
    assert got == [(shipped.items[0]["code"], Origin.ADOPTED), (shipped.items[1]["code"], Origin.ADAPTED),
                   (shipped.items[2]["code"], Origin.ADOPTED), (shipped.items[3]["code"], Origin.ADOPTED),
                   ("", Origin.LOCAL)]
    again = entries_import(catalog=catalog, actor=town_editor, name="t.xlsx", data=data)
    assert again == {"created": 0, "skipped": 5, "areas": []}


@pytest.mark.django_db
def test_traditional_spaced_headers_are_read(catalog, town_editor):
    head = ["序　號", "公開事項", "公 開 內 容", "公開依據", "公開時限", "公開主體", "公開渠道和載體"]
    text = ",".join(head) + "\n1,政策文件,本級文件,條例,20個工作日內,鎮政府,公開欄\n"
    result = entries_import(catalog=catalog, actor=town_editor, name="t.csv", data=text.encode(),
                            area_slug="huji-guanli")
    entry = catalog.entries.get()
    assert result["created"] == 1 and (entry.level1, entry.content, entry.subject_text) == ("政策文件", "本級文件", "鎮政府")


@pytest.mark.django_db
def test_a_bad_row_refuses_the_whole_file_and_keeps_what_was_there(catalog, town_editor):
    entries_import(catalog=catalog, actor=town_editor, name="a.xlsx", data=xlsx_bytes())
    rows = [list(r) for r in ROWS]
    rows[1][3] = ""  # 公开内容 missing
    rows.append(["4", "事项" * 70, "", "内容", "", "", "", "", "", "", "", "", "", ""])  # 一级事项 too long
    with pytest.raises(UserFacingError) as caught:
        entries_import(catalog=catalog, actor=town_editor, name="b.xlsx", data=xlsx_bytes(rows=rows, merge=False))
    assert "第 5 行：缺少公开内容" in caught.value.message and "第 7 行：“一级事项”超过 120 字" in caught.value.message
    assert catalog.entries.count() == 3


@pytest.mark.django_db
def test_clear_refusals(catalog, town_editor):
    cases = [
        (b"%PDF-1.4 not a table", "不支持的文件类型"),
        ("序号,名称,备注\n1,甲,乙\n".encode(), "没有找到标准目录表格"),
        (csv_bytes(), "无法确定所属领域"),
        (b"PK\x03\x04broken zip", "不支持的文件类型"),
    ]
    for data, message in cases:
        with pytest.raises(UserFacingError) as caught:
            entries_import(catalog=catalog, actor=town_editor, name="x.csv", data=data)
        assert message in caught.value.message, (data[:20], caught.value.message)
    big = ",".join(HEAD2[:8]) + "\n" + "1,甲,乙,丙,丁,戊,己,庚\n" * 5100
    with pytest.raises(UserFacingError, match="超过一次导入的上限"):
        entries_import(catalog=catalog, actor=town_editor, name="big.csv", data=big.encode(), area_slug="huji-guanli")
    with pytest.raises(UserFacingError, match="未知的领域"):
        entries_import(catalog=catalog, actor=town_editor, name="x.csv", data=csv_bytes(), area_slug="nope")
    assert catalog.entries.count() == 0


@pytest.mark.django_db
def test_only_the_catalogs_editors_and_only_a_draft(catalog, town_editor, editor_a):
    with pytest.raises(PermissionDeniedError):
        entries_import(catalog=catalog, actor=editor_a, name="a.xlsx", data=xlsx_bytes())
    catalog.status = "published"
    catalog.save()
    with pytest.raises(TransitionError):
        entries_import(catalog=catalog, actor=town_editor, name="a.xlsx", data=xlsx_bytes())


def test_boxed_channels():
    assert boxed_choices("■政府网站 □政务新媒体 ☑公开栏") == ["政府网站", "公开栏"]
    assert boxed_choices("政府网站、公开栏") is None
    assert boxed_choices("□政府网站") == []


def test_header_band_without_ticks_and_with_repeated_title():
    text = "公开事项,公开内容,公开依据,公开时限\n权力清单,清单及调整,文件,20个工作日内\n,调整情况,文件,实时\n"
    rows = read_table(kind="txt", data=text.encode())
    assert [r.values.get("level1") for r in rows] == ["权力清单", None]
    assert rows[1].values["content"] == "调整情况"


@pytest.mark.django_db
def test_console_upload_and_the_command(client, catalog, town, town_editor, tmp_path):
    client.force_login(town_editor)
    url = reverse("stdcatalog_staff:action", args=[catalog.pk])
    upload = SimpleUploadedFile("目录.xlsx", xlsx_bytes())
    response = client.post(url, {"what": "import", "import-file": upload, "import-area": ""}, follow=True)
    assert response.status_code == 200 and "已导入 3 项（义务教育）" in response.content.decode()
    bad = client.post(url, {"what": "import", "import-file": SimpleUploadedFile("x.csv", csv_bytes())})
    assert bad.status_code == 400 and "无法确定所属领域" in bad.content.decode()
    page = client.get(reverse("stdcatalog_staff:catalog", args=[catalog.pk])).content.decode()
    assert "从表格导入事项" in page and 'enctype="multipart/form-data"' in page
    path = tmp_path / "d.docx"
    path.write_bytes(docx_bytes())
    out = io.StringIO()
    call_command("stdcatalog", "import", str(path), "--agency", town.slug, "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"catalog": catalog.pk, "created": 3, "skipped": 0, "areas": ["户籍管理"]}
    with pytest.raises(CommandError, match="无法确定所属领域"):
        bad_path = tmp_path / "x.csv"
        bad_path.write_bytes(csv_bytes())
        call_command("stdcatalog", "import", str(bad_path), "--agency", town.slug)
    assert Entry.objects.filter(catalog=catalog).count() == 6


HTML_PAGE = """<html><head><meta charset="gbk"><title>标准目录</title></head><body>
<table><tr><td><div>导航</div><table><tr><td>首页</td></tr></table></td></tr></table>
<h3>三、社会救助领域</h3>
<table border="1">
<tr><th rowspan="2">序号</th><th colspan="2">公开事项</th><th rowspan="2">公开内容（要素）</th><th rowspan="2">公开依据</th>
<th rowspan="2">公开时限</th><th rowspan="2">公开主体</th><th rowspan="2">公开渠道和载体</th><th colspan="2">公开对象</th>
<th colspan="2">公开方式</th></tr>
<tr><th>一级事项</th><th>二级事项</th><th>全社会</th><th>特定群体</th><th>主动</th><th>依申请</th></tr>
<tr><td>1</td><td rowspan="2">政策法规</td><td>法律法规</td><td>法律、法规、规章</td><td>条例</td><td>20个工作日内</td>
<td>县民政局</td><td>政府网站</td><td>√</td><td></td><td>√</td><td></td></tr>
<tr><td>2</td><td>救助标准</td><td>最低生活保障标准</td><td>条例</td><td>20个工作日内</td><td>县民政局</td>
<td>■政府网站 □公开栏</td><td>√</td><td></td><td>√</td><td></td></tr>
</table></body></html>"""


@pytest.mark.django_db
def test_a_saved_web_page_with_rowspan_and_colspan(catalog, town_editor):
    result = entries_import(catalog=catalog, actor=town_editor, name="目录.html", data=HTML_PAGE.encode("gb18030"))
    assert result == {"created": 2, "skipped": 0, "areas": ["社会救助"]}
    rows = _summary(catalog)
    assert rows[1][:6] == ("shehui-jiuzhu", "政策法规", "救助标准", ["政府网站"], Audience.PUBLIC, Mode.ACTIVE)
    assert catalog.entries.order_by("position").last().content == "最低生活保障标准"
