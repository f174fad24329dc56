"""A citizen browses the catalog, reads a document, searches and files an application, on a
desktop (1366 px) and on a phone (390 px)."""
import re

import pytest

from gongkai.foi.models import Case

from .conftest import BROWSER_DB, solve_challenge

pytestmark = BROWSER_DB


def _browse(pages, catalog, *, prefix):
    page = pages.new_page()
    page.goto(pages.url("/"))
    pages.check(page, name=f"{prefix}-home", texts=["最新公开", "政府信息公开年报", catalog["report"].title],
                axe=True)
    footer = page.locator("footer").inner_text()
    for text in ("网站标识码", "ICP备案号", "公安机关备案号", "联系我们", "网站地图"):
        assert text in footer

    page.get_by_role("link", name="政府信息公开", exact=True).first.click()
    pages.check(page, name=f"{prefix}-xxgk", texts=["法定主动公开内容"], axe=True)
    page.goto(pages.url("/xxgk/fdzdgknr/"))
    pages.check(page, name=f"{prefix}-catalog", texts=[catalog["policy"].title], axe=True)
    page.get_by_role("link", name=catalog["policy"].title, exact=True).first.click()
    pages.check(page, name=f"{prefix}-document",
                texts=["索引号", catalog["policy"].doc_no, "第一条", "字体", "打印", "关闭"], axe=True)
    # 【字体 大 中 小】 changes the body's size.
    before = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.body')).fontSize)")
    page.get_by_role("button", name="字体：大").click()
    after = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.body')).fontSize)")
    assert after > before
    # The 无障碍 mode: large text and high contrast, remembered across pages.
    page.get_by_role("button", name=re.compile("无障碍")).first.click()
    page.goto(pages.url("/xxgk/"))
    assert page.evaluate("() => document.documentElement.classList.contains('a11y')")
    pages.check(page, name=f"{prefix}-xxgk-a11y", texts=["法定主动公开内容"], axe=True)
    page.get_by_role("button", name=re.compile("无障碍")).first.click()
    assert not page.evaluate("() => document.documentElement.classList.contains('a11y')")

    page.goto(pages.url("/sitemap/"))
    pages.check(page, name=f"{prefix}-sitemap", texts=["网站地图", "依申请公开", "政府信息公开指南"], axe=True)
    page.goto(pages.url("/no-such-page/"))
    pages.check(page, name=f"{prefix}-404", texts=["页面不存在", "返回首页"], status=404)
    return page


def _search(pages, page, catalog, *, prefix):
    page.goto(pages.url("/"))
    box = page.get_by_role("searchbox", name="全站搜索")
    box.fill("校外培训")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/"))
    pages.check(page, name=f"{prefix}-search", texts=[catalog["policy"].title], axe=True)


def _apply(pages, page, city, *, prefix):
    page.goto(pages.url("/apply/"))
    pages.check(page, name=f"{prefix}-apply", texts=["政府信息公开申请", "申请须知", "必填"], axe=True)
    agency = page.get_by_label("向哪个机关申请")
    assert agency.locator("option").first.inner_text() == "请选择"
    assert "其他机构" not in agency.locator("option").nth(1).inner_text()
    agency.select_option(label=city.name)
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件号码（自然人）").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("电子邮箱").fill("zhangsan@example.com")
    page.get_by_label("所需信息的内容描述").fill("请公开2024年校外培训机构检查结果。")
    page.get_by_label(re.compile("我确认以上信息真实")).check()
    solve_challenge(page, "form.foi-form")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/apply/done/"))
    pages.check(page, name=f"{prefix}-apply-done", texts=["申请已提交", "申请编号", "查询码"], axe=True)
    tracking_no = page.locator("#tracking-no").inner_text().strip()
    assert Case.objects.filter(tracking_no=tracking_no, applicant_name="张三").exists()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_citizen_browses_searches_and_applies(request, viewport, catalog, city):
    pages = request.getfixturevalue(viewport)
    page = _browse(pages, catalog, prefix=viewport)
    _search(pages, page, catalog, prefix=viewport)
    _apply(pages, page, city, prefix=viewport)
