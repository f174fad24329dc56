"""The 主动公开目录 list: filters with counts, pagination, the annual report column, query counts."""
import pytest
from django.urls import reverse

from .a11y import check_page

pytestmark = pytest.mark.django_db


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return check_page(response.content.decode())


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".catalog-results .doclist-title")]


def facet_links(soup, facet_id):
    section = soup.find("h2", id=facet_id).find_parent("section")
    return {a.get_text(strip=True): (a["href"], a.find_next_sibling("span", class_="count").get_text())
            for a in section.find_all("a")}


def test_unfiltered_list_shows_only_public_documents(client, catalog):
    soup = fetch(client, reverse("portal:catalog"))
    shown = titles(soup)
    for key in ("policy", "interp", "old", "abolisher", "amended", "amender", "report", "generated"):
        assert catalog[key].title in shown
    for hidden in ("草稿文件", "已撤回文件", "依申请公开文件"):
        assert hidden not in shown
    assert shown[0] == catalog["amender"].title  # newest first (2024-02-01)
    assert "共 8 条" in soup.find(id="results-title").get_text()


def test_filter_by_agency_subtree_and_counts(client, catalog):
    soup = fetch(client, reverse("portal:catalog"))
    agencies = facet_links(soup, "facet-agency")
    assert agencies["示范市人民政府"][1] == "8"  # the whole tree
    assert agencies["示范市教育局"][1] == "4"
    assert agencies["示范市财政局"][1] == "2"
    soup = fetch(client, reverse("portal:catalog") + "?agency=edu")
    assert sorted(titles(soup)) == sorted(catalog[k].title for k in ("policy", "interp", "old", "abolisher"))
    assert soup.find("a", attrs={"aria-current": "true"}, string="示范市教育局")
    soup = fetch(client, reverse("portal:catalog") + "?agency=city")
    assert len(titles(soup)) == 8
    soup = fetch(client, reverse("portal:catalog") + "?agency=unknown")
    assert titles(soup) == [] and "暂无符合条件的信息" in soup.get_text()


def test_filter_by_subject_top_includes_children(client, catalog, subjects):
    soup = fetch(client, reverse("portal:catalog"))
    section = soup.find("h2", id="facet-subject").find_parent("section")
    tops = section.select("ul.subjects > li > a")
    assert len(tops) >= 22
    assert tops[0].get_text() == "国务院组织机构"
    top_count = {a.get_text(): a.find_next_sibling("span").get_text() for a in tops}
    assert top_count["综合政务"] == "2" and top_count["科技、教育"] == "2" and top_count["国防"] == "0"
    child = section.find("a", string="政务公开")
    assert child.find_next_sibling("span").get_text() == "1"
    soup = fetch(client, reverse("portal:catalog") + f"?subject={subjects['top'].pk}")
    assert sorted(titles(soup)) == sorted([catalog["old"].title, catalog["amended"].title])
    soup = fetch(client, reverse("portal:catalog") + f"?subject={subjects['child'].pk}")
    assert titles(soup) == [catalog["old"].title]
    details = soup.find("a", string="政务公开").find_parent("details")
    assert details.has_attr("open")
    soup = fetch(client, reverse("portal:catalog") + "?subject=abc")
    assert titles(soup) == []


def test_filter_by_year_genre_category(client, catalog):
    soup = fetch(client, reverse("portal:catalog"))
    years = facet_links(soup, "facet-year")
    assert years["2024"][1] == "3" and years["2023"][1] == "2" and years["2019"][1] == "1"
    genres = facet_links(soup, "facet-genre")
    assert genres["决定"][1] == "2"
    categories = facet_links(soup, "facet-category")
    assert categories["行政规范性文件"][1] == "4" and categories["政府信息公开年报"][1] == "1"

    soup = fetch(client, reverse("portal:catalog") + "?year=2024")
    assert sorted(titles(soup)) == sorted(catalog[k].title for k in ("abolisher", "amender", "report"))
    soup = fetch(client, reverse("portal:catalog") + "?genre=决定")
    assert sorted(titles(soup)) == sorted(catalog[k].title for k in ("abolisher", "amender"))
    soup = fetch(client, reverse("portal:catalog") + "?category=interpretation")
    assert titles(soup) == [catalog["interp"].title]


def test_combined_filters_keep_each_other_and_chips_remove_one(client, catalog):
    soup = fetch(client, reverse("portal:catalog") + "?agency=edu&year=2023")
    assert sorted(titles(soup)) == sorted([catalog["policy"].title, catalog["interp"].title])
    # The year facet counts within the agency; the agency facet counts within the year.
    years = facet_links(soup, "facet-year")
    assert years["2023"][1] == "2" and years["2019"][1] == "1"
    year_link = years["2019"][0]
    assert "agency=edu" in year_link and "year=2019" in year_link
    chips = soup.select(".chips a.chip")
    assert len(chips) == 2
    remove_year = next(c["href"] for c in chips if "2023" in c.get_text())
    assert "year" not in remove_year and "agency=edu" in remove_year
    feed = soup.find("link", rel="alternate", type="application/atom+xml")["href"]
    assert feed.startswith(reverse("portal:feed_atom")) and "agency=edu" in feed and "year=2023" in feed


def test_pagination(client, many_docs):
    soup = fetch(client, reverse("portal:catalog"))
    assert len(titles(soup)) == 20
    pager = soup.find("nav", class_="pager")
    assert pager["aria-label"] == "分页"
    current = pager.find("a", attrs={"aria-current": "page"})
    assert current.get_text() == "1"
    soup = fetch(client, reverse("portal:catalog") + "?genre=通知&page=3")
    assert len(titles(soup)) == 5
    pager = soup.find("nav", class_="pager")
    prev = pager.find("a", rel="prev")
    assert "page=2" in prev["href"] and "genre=" in prev["href"]
    assert pager.find("a", rel="next") is None
    assert "第 3 页" in soup.title.get_text()
    # Out of range and junk fall back to a valid page.
    assert len(titles(fetch(client, reverse("portal:catalog") + "?page=99"))) == 5
    assert len(titles(fetch(client, reverse("portal:catalog") + "?page=x"))) == 20


def test_page_links_are_plain_links(client, many_docs):
    soup = fetch(client, reverse("portal:catalog"))
    for a in soup.find("nav", class_="pager").find_all("a"):
        assert a.get("href") and not a.get("tabindex")


def test_annual_reports_column(client, catalog):
    soup = fetch(client, reverse("portal:annual_reports"))
    assert soup.h1.get_text(strip=True) == "政府信息公开年报"
    assert titles(soup) == [catalog["report"].title]
    assert soup.find("h2", id="facet-category") is None
    feed = soup.find("link", rel="alternate", type="application/rss+xml")["href"]
    assert "category=annual_report" in feed
    soup = fetch(client, reverse("portal:annual_reports") + "?year=2023")
    assert titles(soup) == []
    soup = fetch(client, reverse("portal:annual_reports") + "?category=normative")
    assert titles(soup) == [catalog["report"].title]  # the column's category cannot be overridden


def test_list_query_count_does_not_grow(client, catalog, many_docs, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        assert client.get(reverse("portal:catalog")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("portal:catalog") + "?agency=edu&subject=1&year=2023&genre=决定&category=policy").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("portal:home")).status_code == 200
