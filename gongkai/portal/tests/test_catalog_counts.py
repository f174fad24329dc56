"""The list's facet counts and total: the same numbers as counting document_list_public directly,
cached per catalog version and exact again after every publish, withdraw and validity change."""
import datetime as dt

import pytest
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Category
from gongkai.catalog.selectors import document_list_public, document_page_public
from gongkai.catalog.services import document_transition, document_validity_change
from gongkai.ops.pagecache import page_cache_version
from gongkai.portal import selectors
from gongkai.portal.selectors import catalog_counts

from .conftest import publish

pytestmark = pytest.mark.django_db


def reference_counts(filters):
    """The counts as the list computed them before they were cached: one query per facet."""
    def rows(facet, column, **annotations):
        others = {k: v for k, v in filters.items() if k != facet}
        qs = document_list_public(filters=others).order_by().annotate(**annotations)
        return {r[column]: r["n"] for r in qs.values(column).annotate(n=Count("id"))}

    return {
        "agency": rows("agency", "agency_id"),
        "subject": rows("subject", "subject_id"),
        "year": rows("year", "y", y=ExtractYear("publish_date")),
        "genre": rows("genre", "genre"),
        "category": rows("category", "category"),
        "total": document_list_public(filters=filters).count(),
    }


def counts_now(filters):
    agencies = list(Agency.objects.all())
    return catalog_counts(filters=filters, agencies=agencies)


def without_zero(counts):
    return {k: ({v: n for v, n in c.items() if n} if isinstance(c, dict) else c) for k, c in counts.items()}


def filter_cases(catalog, subjects, city, dept_a):
    return [
        {},
        {"agency": "edu"}, {"agency": "city"}, {"agency": str(dept_a.pk)}, {"agency": "unknown"},
        {"subject": str(subjects["top"].pk)}, {"subject": str(subjects["child"].pk)},
        {"subject": str(subjects["edu_top"].pk)}, {"subject": "abc"}, {"subject": "0"},
        {"subject": str(2**63)}, {"subject": "999999"},
        {"year": "2024"}, {"year": "2021"}, {"year": "0"}, {"year": "x"},
        {"genre": "决定"}, {"genre": "通知"}, {"category": Category.NORMATIVE},
        {"category": Category.ANNUAL_REPORT}, {"validity": "valid"}, {"validity": "abolished"},
        {"agency": "edu", "year": "2023"}, {"agency": "fin", "genre": "决定", "validity": "valid"},
        {"subject": str(subjects["top"].pk), "agency": "edu", "category": Category.POLICY},
        {"agency": "city", "subject": str(subjects["edu_top"].pk), "year": "2023", "genre": "办法",
         "category": Category.NORMATIVE, "validity": "valid"},
        {"agency": "unknown", "year": "2024"}, {"year": "abc", "genre": "通知"},
    ]


def test_counts_equal_direct_counting_for_every_filter_combination(catalog, many_docs, subjects, city, dept_a):
    for filters in filter_cases(catalog, subjects, city, dept_a):
        expected = reference_counts(filters)
        assert without_zero(counts_now(filters)) == without_zero(expected), filters
        # A second time the counts come from the cache and must be the same.
        assert without_zero(counts_now(filters)) == without_zero(expected), filters


def test_pages_equal_slices_of_the_list(catalog, many_docs, subjects):
    for filters in ({}, {"agency": "edu"}, {"subject": str(subjects["top"].pk)}, {"genre": "通知"}):
        ordered = [d.pk for d in document_list_public(filters=filters)]
        for offset in (0, 5, 20, 40, 50):
            page = document_page_public(filters=filters, offset=offset, limit=20)
            assert [d.pk for d in page] == ordered[offset:offset + 20], (filters, offset)


def test_counts_are_cached_per_version(catalog, subjects, django_assert_num_queries):
    assert page_cache_version()
    counts_now({"agency": "edu"})
    with django_assert_num_queries(1):  # the agency list only: every count is cached
        counts_now({"agency": "edu"})
    # A page filtered by subject shares the unfiltered subject counts and counts the rest.
    with django_assert_num_queries(1 + 1 + 3):  # agencies, the subject's children, 3 count queries
        counts_now({"subject": str(subjects["top"].pk)})


def list_total(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


def test_publish_withdraw_and_validity_change_are_counted_at_once(client, catalog, dept_a, subjects):
    url = reverse("portal:catalog")
    assert list_total(client, url) == 8
    assert list_total(client, url + "?agency=edu") == 4
    assert list_total(client, url + "?validity=abolished") == 1  # the old rule, abolished by the fixture
    edu_before = counts_now({})["agency"][dept_a.pk]

    doc = publish(dept_a, title="示范市教育局关于新学期工作的通知", publish_date=dt.date(2024, 3, 1),
                  genre="通知", category=Category.NOTICE, subject=subjects["edu_top"], body_html="<p>通知。</p>")
    assert list_total(client, url) == 9
    assert list_total(client, url + "?agency=edu") == 5
    assert list_total(client, url + "?year=2024&genre=通知") == 1
    assert counts_now({})["agency"][dept_a.pk] == edu_before + 1
    assert counts_now({"year": "2024"})["subject"][subjects["edu_top"].pk] == 1

    document_validity_change(document=doc, validity="abolished", actor=None, reason="测试")
    assert list_total(client, url + "?validity=abolished") == 2

    document_transition(document=doc, action="withdraw", actor=None, reason="内容有误")
    assert list_total(client, url) == 8
    assert list_total(client, url + "?agency=edu") == 4
    assert list_total(client, url + "?validity=abolished") == 1
    assert counts_now({})["agency"][dept_a.pk] == edu_before


def test_counts_without_a_cache(catalog, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(selectors, "page_cache_version", lambda: 0)  # what it returns when the cache is down
    expected = without_zero(reference_counts({"agency": "edu"}))
    assert without_zero(counts_now({"agency": "edu"})) == expected
    with django_assert_num_queries(1 + 3):  # nothing kept: counted again
        assert without_zero(counts_now({"agency": "edu"})) == expected


def test_deep_page_and_out_of_range_page(client, many_docs):
    response = client.get(reverse("portal:catalog") + "?page=3")
    titles = [d.title for d in response.context["documents"]]
    assert titles == [d.title for d in document_list_public()[40:60]]
    assert response.context["page_obj"].paginator.count == 45
    response = client.get(reverse("portal:catalog") + "?page=9")
    assert response.context["page_obj"].number == 3
