"""Every public page renders, passes the accessibility checks and shows the right documents."""
import pytest
from django.urls import reverse

from gongkai.portal.models import Page, PageColumn

from .a11y import check_page

pytestmark = pytest.mark.django_db


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), check_page(response.content.decode())


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".doclist .doclist-title")]


def test_home(client, catalog):
    html, soup = get_ok(client, reverse("portal:home"))
    assert catalog["policy"].title in titles(soup)
    assert soup.find("link", rel="alternate", type="application/atom+xml")
    assert soup.find("form", role="search")["action"] == "/search/"
    assert soup.find("input", attrs={"name": "q"})
    hrefs = {a["href"] for a in soup.find_all("a")}
    assert {"/apply/", "/search/qa/"} <= hrefs
    assert "草稿文件" not in html and "已撤回文件" not in html and "依申请公开文件" not in html


def test_home_empty_site(client, db):
    get_ok(client, reverse("portal:home"))


def test_xxgk_has_the_four_columns_and_apply(client, catalog):
    _html, soup = get_ok(client, reverse("portal:xxgk"))
    nav = soup.find("nav", class_="colnav")
    labels = [a.get_text(strip=True) for a in nav.find_all("a")]
    assert labels[:4] == ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]
    assert "依申请公开" in labels
    hrefs = [a["href"] for a in nav.find_all("a")]
    assert hrefs[:4] == [reverse("portal:guide"), reverse("portal:system"), reverse("portal:catalog"),
                         reverse("portal:annual_reports")]
    assert "/apply/" in hrefs


def test_guide_shows_page_and_office_contacts(client, city, dept_a):
    city.office_name = "示范市政务公开办公室"
    city.office_phone = "0575-12345678"
    city.office_address = "人民路1号"
    city.save()
    Page.objects.create(slug="guide", column=PageColumn.GUIDE, title="示范市人民政府政府信息公开指南",
                        agency=city, body_html="<h2>一、主动公开</h2><p>公开范围……</p>")
    html, soup = get_ok(client, reverse("portal:guide"))
    assert soup.h1.get_text(strip=True) == "示范市人民政府政府信息公开指南"
    assert "示范市政务公开办公室" in html and "0575-12345678" in html and "人民路1号" in html
    # Another agency without its own guide: the contacts are its own, the select keeps it chosen.
    dept_a.office_phone = "0575-99999999"
    dept_a.save()
    html, soup = get_ok(client, reverse("portal:guide") + "?agency=edu")
    assert "0575-99999999" in html
    assert soup.find("select", id="guide-agency").find("option", selected=True)["value"] == "edu"
    assert client.get(reverse("portal:guide") + "?agency=nope").status_code == 404


def test_guide_without_pages(client, city):
    html, _soup = get_ok(client, reverse("portal:guide"))
    assert "正在编制" in html


def test_system_list_and_page(client, city):
    page = Page.objects.create(slug="system-active", column=PageColumn.SYSTEM, title="政府信息主动公开制度",
                               body_html="<p>第一条</p>")
    Page.objects.create(slug="system-review", column=PageColumn.SYSTEM, title="保密审查制度", body_html="<p>x</p>")
    _html, soup = get_ok(client, reverse("portal:system"))
    assert [a.get_text(strip=True) for a in soup.select(".doclist-title")] == ["政府信息主动公开制度", "保密审查制度"]
    html, soup = get_ok(client, page.get_absolute_url())
    assert soup.h1.get_text(strip=True) == "政府信息主动公开制度" and "第一条" in html
    assert "保密审查制度" in html  # sibling link
    assert client.get(reverse("portal:page", args=["missing"])).status_code == 404


def test_guide_page_url_redirects_to_guide(client, city):
    Page.objects.create(slug="guide", column=PageColumn.GUIDE, title="指南", agency=city, body_html="")
    response = client.get(reverse("portal:page", args=["guide"]))
    assert response.status_code == 302 and response["Location"] == reverse("portal:guide") + "?agency=city"


def test_hostile_html_is_sanitized_on_save_and_render(client, city):
    page = Page.objects.create(slug="bad", column=PageColumn.OTHER, title="危险页面",
                               body_html="<p onclick='x()'>正常</p><script>alert(1)</script>")
    # Simulate a row written around the model (e.g. raw SQL): render must sanitize again.
    Page.objects.filter(pk=page.pk).update(
        body_html="<p>正常</p><script>alert(1)</script><img src=x onerror=alert(2)>"
                  "<a href='javascript:alert(3)'>链接</a><div style='display:none'>隐藏广告</div>"
                  "<iframe src='https://evil.example'></iframe><h1>第二个标题</h1>")
    page.refresh_from_db()
    html, soup = get_ok(client, page.get_absolute_url())
    body = str(soup.find("div", class_="body"))
    for bad in ("<script", "onerror", "javascript:", "<iframe", "style=", "<img", "<h1"):
        assert bad not in body, bad
    assert "正常" in body
    fresh = Page.objects.create(slug="bad2", title="t", body_html="<p onclick='x()'>a</p><script>b</script>")
    assert fresh.body_html == "<p>a</p>"


def test_hostile_html_in_document_body_is_sanitized_on_render(client, catalog):
    from gongkai.catalog.models import Document

    doc = catalog["policy"]
    Document.objects.filter(pk=doc.pk).update(
        body_html="<p>正文</p><script>alert(1)</script><p onmouseover='x()'>悬停</p><noscript>隐藏</noscript>")
    _html, soup = get_ok(client, doc.get_absolute_url())
    body = str(soup.find("div", class_="body"))
    assert "<script" not in body and "onmouseover" not in body and "隐藏" not in body
    assert "正文" in body and "悬停" in body


def test_every_list_page_advertises_its_feeds(client, published_doc):
    for name in ("portal:home", "portal:xxgk", "portal:catalog", "portal:annual_reports", "portal:system"):
        _html, soup = get_ok(client, reverse(name))
        kinds = {link["type"] for link in soup.find_all("link", rel="alternate")}
        assert {"application/atom+xml", "application/rss+xml"} <= kinds, name
        for link in soup.find_all("link", rel="alternate"):
            assert client.get(link["href"]).status_code == 200
