"""Atom/RSS feeds carry the list's filters; sitemap.xml covers sections, pages and documents."""
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from gongkai.portal.models import Page, PageColumn

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def test_rss_lists_public_documents(client, catalog):
    response, root = parse(client, reverse("portal:feed_rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    items = root.findall("./channel/item")
    titles = [i.findtext("title") for i in items]
    assert titles[0] == catalog["amender"].title and len(titles) == 8
    assert "草稿文件" not in titles and "依申请公开文件" not in titles and "已撤回文件" not in titles
    first = items[0]
    assert first.findtext("link").endswith(catalog["amender"].get_absolute_url())
    assert first.findtext("pubDate").startswith("Thu, 01 Feb 2024")


def test_atom_carries_filters(client, catalog):
    response, root = parse(client, reverse("portal:feed_atom") + "?agency=edu&year=2023")
    assert response["Content-Type"].startswith("application/atom+xml")
    titles = sorted(e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry"))
    assert titles == sorted([catalog["policy"].title, catalog["interp"].title])
    assert "示范市教育局" in root.findtext(f"{ATOM}title")
    link = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert "agency=edu" in link and "year=2023" in link


def test_annual_report_feed(client, catalog):
    _response, root = parse(client, reverse("portal:feed_rss") + "?category=annual_report")
    assert [i.findtext("title") for i in root.findall("./channel/item")] == [catalog["report"].title]
    assert root.findtext("./channel/link").endswith(reverse("portal:annual_reports"))


def test_feed_ignores_unknown_params(client, catalog):
    _response, root = parse(client, reverse("portal:feed_atom") + "?evil=<script>&subject=x")
    assert root.findall(f"{ATOM}entry") == []


def test_sitemap(client, catalog):
    Page.objects.create(slug="system-active", column=PageColumn.SYSTEM, title="主动公开制度", body_html="")
    _response, root = parse(client, reverse("portal:sitemap"))
    locs = [u.findtext(f"{SM}loc") for u in root.findall(f"{SM}url")]
    paths = {loc.split("://", 1)[1].split("/", 1)[1] for loc in locs}
    for name in ("portal:xxgk", "portal:guide", "portal:system", "portal:catalog", "portal:annual_reports"):
        assert reverse(name).lstrip("/") in paths
    assert reverse("portal:page", args=["system-active"]).lstrip("/") in paths
    assert catalog["policy"].get_absolute_url().lstrip("/") in paths
    assert catalog["draft"].get_absolute_url().lstrip("/") not in paths
    assert reverse("portal:document", args=[catalog["on_request"].pk]).lstrip("/") not in paths
    assert reverse("portal:document", args=[catalog["withdrawn"].pk]).lstrip("/") not in paths


def test_system_page_feeds(client, city):
    Page.objects.create(slug="system-active", column=PageColumn.SYSTEM, title="主动公开制度", body_html="<p>第一条</p>")
    Page.objects.create(slug="guide", column=PageColumn.GUIDE, title="指南", body_html="")
    _response, root = parse(client, reverse("portal:page_feed_rss", args=["system"]))
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["主动公开制度"]
    assert items[0].findtext("description") == "第一条"
    _response, root = parse(client, reverse("portal:page_feed_atom", args=["system"]))
    assert [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")] == ["主动公开制度"]
    assert client.get(reverse("portal:page_feed_rss", args=["nope"])).status_code == 404
    response = client.get(reverse("portal:system"))
    assert reverse("portal:page_feed_atom", args=["system"]) in response.content.decode()
