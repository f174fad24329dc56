"""The nginx edge cache: how long pages may be kept, and the refresh of changed document pages."""
import http.server
import threading

import pytest

from gongkai.catalog.services import document_transition
from gongkai.ops.edge import edge_refresh, edge_seconds


class _Listener:
    """A stand-in for nginx's refresh listener: records what it was asked for."""

    def __init__(self, status=200):
        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                seen.append((self.path, self.headers.get("Host")))
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = _Listener()
    yield server
    server.close()


@pytest.fixture
def edge(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_EDGE_CACHE_SECONDS = 2
    settings.PAGE_EDGE_REFRESHED_SECONDS = 300
    settings.SITE_URL = "https://gongkai.example.gov.cn"
    return settings


def test_seconds_long_only_with_a_refresh_listener(edge):
    edge.EDGE_REFRESH_URLS = []
    assert edge_seconds(refreshed=True) == 2
    assert edge_seconds(refreshed=False) == 2
    edge.EDGE_REFRESH_URLS = ["http://127.0.0.1:8081"]
    assert edge_seconds(refreshed=True) == 300
    assert edge_seconds(refreshed=False) == 2
    edge.PAGE_EDGE_CACHE_SECONDS = 0  # edge caching off: off for every page
    assert edge_seconds(refreshed=True) == 0


@pytest.mark.django_db
def test_document_page_kept_long_lists_short_and_gone_pages_briefly(client, edge, published_doc):
    edge.EDGE_REFRESH_URLS = ["http://127.0.0.1:9"]
    first = client.get(published_doc.get_absolute_url())
    assert first["X-Cache"] == "MISS" and first["X-Accel-Expires"] == "300"
    second = client.get(published_doc.get_absolute_url())
    assert second["X-Cache"] == "HIT" and second["X-Accel-Expires"] == "300"
    assert client.get("/xxgk/fdzdgknr/")["X-Accel-Expires"] == "2"
    missing = client.get("/doc/987654321/")
    assert missing.status_code == 404 and missing["X-Accel-Expires"] == "2"
    edge.EDGE_REFRESH_URLS = []
    assert client.get(published_doc.get_absolute_url() + "?x=1")["X-Accel-Expires"] == "2"


@pytest.mark.django_db
def test_signed_in_pages_and_forms_never_get_an_edge_header(client, edge, published_doc, editor_a):
    edge.EDGE_REFRESH_URLS = ["http://127.0.0.1:9"]
    assert "X-Accel-Expires" not in client.get("/apply/")
    client.force_login(editor_a)
    assert "X-Accel-Expires" not in client.get(published_doc.get_absolute_url())


def test_refresh_asks_every_listener_with_the_public_host(edge, listener):
    other = _Listener(status=404)
    try:
        edge.EDGE_REFRESH_URLS = [listener.url, other.url, "http://127.0.0.1:9"]  # the last one is down
        assert edge_refresh(paths=["/doc/1/", "/doc/1/", "not-a-path"]) == 2
        assert listener.seen == [("/doc/1/", "gongkai.example.gov.cn")]
        assert other.seen == [("/doc/1/", "gongkai.example.gov.cn")]
    finally:
        other.close()


@pytest.mark.django_db
def test_withdraw_and_publish_refresh_the_document_and_its_relations(edge, listener, document_factory, dept_a,
                                                                     django_capture_on_commit_callbacks):
    from gongkai.catalog.models import DocumentRelation, RelationKind

    edge.EDGE_REFRESH_URLS = [listener.url]
    policy = document_factory(dept_a, "published", title="关于印发某办法的通知")
    listener.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reading = document_factory(dept_a, "pending", title="《某办法》政策解读")
    assert listener.seen == []  # a draft has no public page: refreshing it would only store a 404
    DocumentRelation.objects.create(source=reading, target=policy, kind=RelationKind.INTERPRETS)
    listener.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document_transition(document=reading, action="publish", actor=None)
    assert {p for p, _h in listener.seen} == {reading.get_absolute_url(), policy.get_absolute_url()}
    listener.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document_transition(document=policy, action="withdraw", actor=None, reason="内容有误")
    assert policy.get_absolute_url() in {p for p, _h in listener.seen}


@pytest.mark.django_db
def test_no_refresh_without_listeners(edge, listener, document_factory, dept_a, django_capture_on_commit_callbacks):
    edge.EDGE_REFRESH_URLS = []
    with django_capture_on_commit_callbacks(execute=True):
        document_factory(dept_a, "published")
    assert listener.seen == []
