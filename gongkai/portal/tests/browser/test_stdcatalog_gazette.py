"""The 基层政务公开标准目录 and 政府公报 pages pass the same checks as the other public pages (text shown,
no sideways scrolling, no console error, axe-core without serious or critical violations), on a desktop
and on a phone."""
import datetime as dt
import re

import pytest

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Category
from gongkai.gazette.services import article_add, issue_create, issue_transition
from gongkai.stdcatalog.models import Mode
from gongkai.stdcatalog.services import (binding_add, entries_adopt, entry_update, local_catalog_create,
                                         local_catalog_transition)

from .conftest import BROWSER_DB

pytestmark = BROWSER_DB


@pytest.fixture
def published(city, document_factory):
    from gongkai.catalog.services import document_transition

    county = Agency.objects.create(name="示范县人民政府", slug="county", kind=Agency.Kind.GOVERNMENT,
                                   level=Agency.Level.COUNTY, parent=city)
    town = Agency.objects.create(name="示范县青石镇人民政府", slug="qingshi", kind=Agency.Kind.GOVERNMENT,
                                 level=Agency.Level.TOWNSHIP, parent=county)
    catalog = local_catalog_create(agency=town, actor=None)
    jiuzai = entries_adopt(catalog=catalog, actor=None, area_slug="jiuzai")
    for entry in jiuzai:  # items from tables whose 公开方式 column was not legible carry none
        if not entry.mode:
            entry_update(entry=entry, actor=None, mode=Mode.ACTIVE)
    first = jiuzai[0]
    for entry in entries_adopt(catalog=catalog, actor=None, area_slug="huji-guanli"):
        entry_update(entry=entry, actor=None, mode=Mode.ACTIVE)
    local_catalog_transition(catalog=catalog, action="submit", actor=None)
    catalog.refresh_from_db()
    document_transition(document=catalog.document, action="publish", actor=None)
    local_catalog_transition(catalog=catalog, action="publish", actor=None)
    today = dt.date.today()
    binding_add(entry=first, document=document_factory(town, "published", title="青石镇转发救灾法规的通知",
                                                       written_date=today, publish_date=today), actor=None)
    issue = issue_create(agency=city, actor=None, year=2026, number=1, total_number=401, publish_date=dt.date(2026, 1, 9))
    for title, category in [("示范市公共数据管理办法", Category.REGULATION), ("示范市人民政府关于调整道路名称的通知", Category.POLICY)]:
        article_add(issue=issue, actor=None, document=document_factory(
            city, "published", title=title, category=category, body_html="<p>第一条 为了规范管理，制定本办法。</p>"))
    issue_transition(issue=issue, action="publish", actor=None)
    return issue


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_stdcatalog_and_gazette_pages(request, viewport, published):
    pages = request.getfixturevalue(viewport)
    page = pages.new_page()
    for path, name, texts in [
        ("/zwgk/bzml/", "bzml", ["26个试点领域标准指引", "社会救助", "示范县青石镇人民政府基层政务公开标准目录"]),
        ("/zwgk/bzml/qingshi/", "bzml-town", ["救灾", "户籍管理", "青石镇转发救灾法规的通知", "应公开未公开"]),
        ("/zwgk/gb/", "gb", ["政府公报", "2026年（1期）"]),
        ("/zwgk/gb/2026/", "gb-year", ["2026年政府公报", "第1期"]),
        (f"/zwgk/gb/issue/{published.pk}/?q=公共数据", "gb-issue", ["示范市公共数据管理办法", "标准文本", "检索结果（1条）"]),
        (f"/zwgk/gb/issue/{published.pk}/html/", "gb-edition", ["第一条 为了规范管理"]),
    ]:
        page.goto(pages.url(path))
        pages.check(page, name=f"{viewport}-{name}", texts=texts, axe=True)


def test_township_editor_imports_its_catalog_table(desktop, make_user, city, tmp_path):
    """A township clerk who has the 标准目录 as an Excel table loads it in the console: a file with a
    missing 公开内容 is refused with the row named, the corrected file is imported."""
    from gongkai.agencies.models import Role
    from gongkai.stdcatalog.tests.tablefiles import ROWS, xlsx_bytes

    from .conftest import log_in

    county = Agency.objects.create(name="示范县人民政府", slug="county", kind=Agency.Kind.GOVERNMENT,
                                   level=Agency.Level.COUNTY, parent=city)
    town = Agency.objects.create(name="示范县青石镇人民政府", slug="qingshi", kind=Agency.Kind.GOVERNMENT,
                                 level=Agency.Level.TOWNSHIP, parent=county)
    make_user("town_clerk", town, Role.EDITOR)
    catalog = local_catalog_create(agency=town, actor=None)
    broken = [list(r) for r in ROWS]
    broken[2][3] = ""
    (tmp_path / "broken.xlsx").write_bytes(xlsx_bytes(rows=broken))
    (tmp_path / "目录.xlsx").write_bytes(xlsx_bytes())
    page = log_in(desktop, "town_clerk")
    page.goto(desktop.url(f"/console/stdcatalog/{catalog.pk}/"))
    desktop.check(page, name="stdcatalog-import-form", texts=["从表格导入事项", "按表格判断"], axe=True)
    page.get_by_label(re.compile("^标准目录表格")).set_input_files(str(tmp_path / "broken.xlsx"))
    page.get_by_role("button", name="导入").click()
    desktop.check(page, name="stdcatalog-import-refused", texts=["表格未导入", "第 6 行：缺少公开内容"], axe=True,
                  status=400)
    page.get_by_label(re.compile("^标准目录表格")).set_input_files(str(tmp_path / "目录.xlsx"))
    page.get_by_role("button", name="导入").click()
    desktop.check(page, name="stdcatalog-imported", texts=["已导入 3 项（义务教育）", "政策文件·本级规范性文件",
                                                           "本级增设"], axe=True)
    assert catalog.entries.count() == 3
