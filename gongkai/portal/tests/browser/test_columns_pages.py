"""The 法定主动公开内容 columns, a column, the 机构概况 and the 规范性文件库 in the browser: text shown,
no sideways scroll, no console error, axe-core without serious or critical violations, on a desktop
and on a phone."""
import datetime as dt

import pytest

from .conftest import BROWSER_DB

pytestmark = BROWSER_DB


@pytest.fixture
def column_data(document_factory, dept_a):
    from gongkai.columns.normative import normative_register
    from gongkai.columns.services import leader_add, profile_get_or_create, profile_transition, profile_update

    doc = document_factory(dept_a, "published", title="示范市学生资助管理办法", category="normative", genre="办法",
                           effective_date=dt.date(2024, 6, 1), expiry_date=dt.date(2099, 6, 1))
    normative_register(document=doc, actor=None, registration_no="SFSD-2024-0001")
    profile = profile_get_or_create(agency=dept_a, actor=None)
    profile_update(profile=profile, actor=None, functions="负责全市教育工作。", structure="办公室\n基础教育科",
                   address="文昌路18号", hours="工作日 8:30—17:30", phone="0000-12340100")
    leader_add(profile=profile, actor=None, name="张某", post="局长", duties="主持全面工作。")
    profile_transition(profile=profile, action="submit", actor=None)
    profile_transition(profile=profile, action="publish", actor=None)
    return doc


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_column_pages(request, viewport, column_data, dept_a):
    pages = request.getfixturevalue(viewport)
    page = pages.new_page()
    page.goto(pages.url("/xxgk/fdzdgknr/lm/"))
    pages.check(page, name=f"{viewport}-columns", texts=["行政法规、规章和规范性文件"], axe=True)
    page.goto(pages.url("/xxgk/fdzdgknr/lm/fgwj/"))
    pages.check(page, name=f"{viewport}-column", texts=[column_data.title, "规范性文件库"], axe=True)
    page.goto(pages.url("/xxgk/fdzdgknr/lm/jgzn/"))
    pages.check(page, name=f"{viewport}-column-profiles", texts=[dept_a.name], axe=True)
    page.goto(pages.url(f"/xxgk/jggk/{dept_a.slug}/"))
    pages.check(page, name=f"{viewport}-profile", texts=["机构职能", "张某", "更新日期"], axe=True)
    page.goto(pages.url("/xxgk/gfxwj/"))
    pages.check(page, name=f"{viewport}-library", texts=["SFSD-2024-0001", "2099-06-01"], axe=True)
    page.goto(pages.url("/xxgk/"))
    pages.check(page, name=f"{viewport}-xxgk-columns", texts=["行政法规、规章和规范性文件"], axe=True)
