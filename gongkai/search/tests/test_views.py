"""Portal pages and the JSON API."""
import pytest
from ninja.testing import TestClient

from gongkai.search.api import router


@pytest.mark.django_db
def test_search_page(client, corpus):
    html = client.get("/search/", {"q": "政務公開"}).content.decode()
    assert html.count("<h1") == 1
    assert corpus["open"].title in html.replace("<mark>", "").replace("</mark>", "")
    assert "有效" in html and "发布机构" in html
    empty = client.get("/search/", {"q": "政务公开 火星基地"}).content.decode()
    assert "您可以试试" in empty and "减少关键词" in empty
    assert client.get("/search/").status_code == 200
    assert client.get("/search/", {"q": "公开", "page": "x", "year": "abc"}).status_code == 200


@pytest.mark.django_db
def test_api(corpus):
    api = TestClient(router)
    data = api.get("/?q=绍政办发[2021]4号").json()
    assert data["hits"][0]["doc_no"] == "绍政办发〔2021〕4号" and data["hits"][0]["pinned"]
    assert "agency" in data["facets"]
    assert api.get("/?q=%20").status_code == 400


@pytest.mark.django_db
def test_facet_links_keep_the_query_and_escape_names(client, corpus, dept_b):
    from gongkai.search.selectors import _NAME_CACHE

    dept_b.name = '财政局<script>alert(1)</script>&"'
    dept_b.save()
    _NAME_CACHE.clear()
    html = client.get("/search/", {"q": "公开", "sort": "date", "page": "2"}).content.decode()
    assert "<script>alert" not in html
    assert "财政局&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;" in html
    # A facet link keeps the query and the sort, drops the page, and chooses the value.
    assert f'href="?q=%E5%85%AC%E5%BC%80&amp;sort=date&amp;agency={dept_b.pk}"' in html
    chosen = client.get("/search/", {"q": "公开", "agency": str(dept_b.pk)}).content.decode()
    assert '<li class="selected">' in chosen
    # Choosing another agency replaces the filter instead of adding a second one.
    assert f"agency={dept_b.pk}&amp;agency=" not in chosen


@pytest.mark.django_db
def test_result_rows_load_in_one_query(client, corpus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/search/", {"q": "税"})  # the index catches up with the corpus first (it reads documents)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/search/", {"q": "公开"}).content.decode()
    assert corpus["tax"].agency.name in html
    document_reads = [q["sql"] for q in ctx.captured_queries if 'FROM "catalog_document"' in q["sql"]]
    assert len(document_reads) == 1, document_reads  # no deferred field fetched row by row
