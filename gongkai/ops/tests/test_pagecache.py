import pytest
from django.core.cache import cache

from gongkai.catalog.services import document_transition, document_validity_change
from gongkai.ops.pagecache import VERSION_KEY, page_cache_version


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    return settings


def _doc_url(doc):
    return f"/doc/{doc.pk}/"


@pytest.mark.django_db
def test_anonymous_public_page_served_from_cache(client, page_cache, published_doc, django_assert_num_queries):
    first = client.get(_doc_url(published_doc))
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(_doc_url(published_doc))
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # headers added outside the cache are fresh on every response
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert "default-src 'self'" in second["Content-Security-Policy"]


@pytest.mark.django_db(transaction=True)
def test_withdraw_invalidates_after_commit(client, page_cache, city, dept_a):
    import datetime as dt

    from gongkai.catalog.services import document_create

    doc = document_create(agency=dept_a, actor=None, title="关于撤回测试的通知", written_date=dt.date(2024, 3, 1),
                          publish_date=dt.date(2024, 3, 5), body_html="<p>正文</p>")
    document_transition(document=doc, action="submit", actor=None)
    document_transition(document=doc, action="publish", actor=None)
    assert client.get(_doc_url(doc)).status_code == 200
    assert client.get(_doc_url(doc))["X-Cache"] == "HIT"
    version = page_cache_version()
    document_transition(document=doc, action="withdraw", actor=None, reason="内容有误")
    assert page_cache_version() > version
    assert client.get(_doc_url(doc)).status_code == 404


@pytest.mark.django_db
def test_publish_and_validity_change_bump_version(page_cache, published_doc, django_capture_on_commit_callbacks):
    version = page_cache_version()
    with django_capture_on_commit_callbacks(execute=True):
        document_validity_change(document=published_doc, validity="abolished", actor=None, reason="已被新文件替代")
    assert page_cache_version() >= version + 2  # once in the transaction, once after commit


@pytest.mark.django_db
def test_staff_and_form_paths_never_cached(client, page_cache, editor_a):
    for path in ["/console/", "/console/login/", "/admin/login/", "/apply/", "/healthz"]:
        client.get(path)
        assert client.get(path).get("X-Cache") is None, path
    client.cookies["messages"] = "flash"
    client.get("/")
    assert client.get("/").get("X-Cache") is None  # a flash message cookie: render
    del client.cookies["messages"]
    client.force_login(editor_a)
    client.get("/")
    assert client.get("/").get("X-Cache") is None  # signed-in readers always get a fresh page


@pytest.mark.django_db
def test_response_setting_cookie_is_not_cached(client, page_cache):
    # The login page sets the CSRF cookie: it must never be stored, even if its path were public.
    from gongkai.ops.pagecache import response_is_cacheable
    from django.http import HttpResponse

    response = HttpResponse("x")
    response.set_cookie("csrftoken", "abc")
    assert not response_is_cacheable(response)
    response = HttpResponse("x")
    response["Vary"] = "Authorization"
    assert not response_is_cacheable(response)
    response = HttpResponse("x")
    response["Cache-Control"] = "private"
    assert not response_is_cacheable(response)
    assert response_is_cacheable(HttpResponse("x"))


@pytest.mark.django_db
def test_cache_down_still_serves(client, page_cache, published_doc, monkeypatch):
    def boom(*args, **kwargs):
        raise ConnectionError("redis down")

    for name in ("get", "set", "add", "incr", "get_many"):
        monkeypatch.setattr(cache, name, boom, raising=False)
    response = client.get(_doc_url(published_doc))
    assert response.status_code == 200
    assert response.get("X-Cache") is None
    assert published_doc.title in response.content.decode()


@pytest.mark.django_db
def test_version_survives_eviction(page_cache):
    first = page_cache_version()
    cache.delete(VERSION_KEY)
    assert page_cache_version() >= first  # restarts from the clock, never re-uses an old number


@pytest.mark.django_db
@pytest.mark.parametrize("with_cookie", [False, True])
def test_page_with_csrf_form_is_never_cached(client, page_cache, settings, with_cookie):
    """A public page rendering a CSRF token must not hand one reader's token to another."""
    settings.ROOT_URLCONF = "gongkai.ops.tests.urls_faults"
    if with_cookie:
        client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    for _ in range(2):
        response = client.get("/fault/public-form/")
        assert response.status_code == 200
        assert response.get("X-Cache") is None


@pytest.mark.django_db
def test_edge_cache_header_only_on_public_pages(client, page_cache, published_doc, editor_a, settings):
    settings.PAGE_EDGE_CACHE_SECONDS = 2
    assert client.get(_doc_url(published_doc))["X-Accel-Expires"] == "2"
    assert client.get(_doc_url(published_doc))["X-Accel-Expires"] == "2"  # on hits too
    assert client.get("/console/login/").get("X-Accel-Expires") is None
    client.force_login(editor_a)
    assert client.get(_doc_url(published_doc)).get("X-Accel-Expires") is None
    settings.PAGE_EDGE_CACHE_SECONDS = 0
    client.logout()
    cache.clear()
    assert client.get(_doc_url(published_doc)).get("X-Accel-Expires") is None
