"""Tamper evidence: edits made behind the application's back, and altered served pages."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Document
from gongkai.review.integrity import integrity_check, render_page
from gongkai.review.models import IntegrityRun
from gongkai.review.services import integrity_run_create

pytestmark = pytest.mark.django_db

SPAM = '<p>澳门新葡京官网 葡京赌场开户 博彩网址 <a href="http://www.xpj-bet.com/">现金网注册送彩金</a></p>'


class InjectSpamMiddleware:
    """Stands in for a defaced server: appends gambling SEO text to every HTML page it serves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.content = response.content.replace(b"</body>", SPAM.encode() + b"</body>")
        return response


def test_intact_site_passes(published_doc):
    result = integrity_check()
    assert result.ok, result.problems
    assert result.documents_checked == 1 and result.pages_checked == 1
    assert result.audit_entries >= 3


def test_body_edited_in_database_is_detected(published_doc):
    Document.objects.filter(pk=published_doc.pk).update(body_html="<p>坚持以公开为常态。</p><p>已被篡改。</p>")
    result = integrity_check()
    kinds = {p["kind"] for p in result.problems}
    assert "document_changed" in kinds
    changed = next(p for p in result.problems if p["kind"] == "document_changed")
    assert changed["fields"] == ["body_html"] and changed["document_id"] == published_doc.pk
    # The page now shows text the revision does not contain.
    assert "page_missing_content" in kinds


def test_audit_row_edited_in_database_is_detected(published_doc):
    entry = AuditEntry.objects.order_by("id").first()
    AuditEntry.objects.filter(pk=entry.pk).update(reason="事后补写的理由")
    result = integrity_check()
    audit = [p for p in result.problems if p["kind"] == "audit_chain"]
    assert audit and audit[0]["audit_id"] == entry.pk
    assert "篡改" in audit[0]["message"]


def test_revision_snapshot_edited_is_detected(published_doc):
    revision = published_doc.revisions.get()
    snapshot = dict(revision.snapshot, title="改过的标题")
    type(revision).objects.filter(pk=revision.pk).update(snapshot=snapshot)
    kinds = {p["kind"] for p in integrity_check().problems}
    assert "revision_tampered" in kinds


def test_served_page_altered_is_detected(published_doc, settings):
    settings.MIDDLEWARE = list(settings.MIDDLEWARE) + [f"{__name__}.InjectSpamMiddleware"]
    result = integrity_check()
    injected = [p for p in result.problems if p["kind"] == "page_injected"]
    whats = {p["what"] for p in injected}
    assert {"spam_text", "foreign_link"} <= whats, result.problems
    assert all(p["source"] == "render" and p["document_id"] == published_doc.pk for p in injected)
    # Hash checks are unaffected: only the served HTML changed.
    assert not [p for p in result.problems if p["kind"] in ("document_changed", "audit_chain")]


class _Pages(BaseHTTPRequestHandler):
    pages: dict = {}

    def do_GET(self):  # noqa: N802 (http.server API)
        body = self.pages.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback_portal():
    """A portal served over HTTP on 127.0.0.1 from pages given by the test."""
    pages = {}
    handler = type("Handler", (_Pages,), {"pages": pages})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_live_portal_fetched_by_url(published_doc, loopback_portal):
    base, pages = loopback_portal
    path = reverse("portal:document", args=[published_doc.pk])
    status, html = render_page(path)
    assert status == 200
    pages[path] = html
    pages["/"] = "<html><body><h1>示范市人民政府</h1><p>政务公开</p></body></html>"
    result = integrity_check(base_url=base, render=False)
    assert result.ok, result.problems
    assert result.pages_checked == 2
    # The live server now serves a defaced page and a defaced front page.
    pages[path] = html.replace("</body>", SPAM + "</body>")
    pages["/"] = "<html><body><p>bob最新官网 葡京赌场 博彩开户</p></body></html>"
    result = integrity_check(base_url=base, render=False)
    live = [p for p in result.problems if p.get("source") == "live"]
    assert {p["path"] for p in live} == {path, "/"}
    # A page that disappeared is reported too.
    del pages[path]
    result = integrity_check(base_url=base, render=False)
    assert any(p["kind"] == "page_error" and "404" in p["message"] for p in result.problems)


def test_run_is_stored_and_command_reports(published_doc, capsys):
    run = integrity_run_create(source=IntegrityRun.Source.CONSOLE)
    assert run.ok and run.documents_checked == 1
    Document.objects.filter(pk=published_doc.pk).update(title="被改动的标题")
    with pytest.raises(SystemExit) as exc:
        call_command("integrity", "check", "--json")
    assert exc.value.code == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert any(p["kind"] == "document_changed" for p in data["problems"])
    latest = IntegrityRun.objects.first()
    assert latest.source == IntegrityRun.Source.COMMAND and not latest.ok
    assert AuditEntry.objects.filter(action="integrity.problems").exists()


def test_metadata_changed_on_page_is_detected(published_doc, settings):
    settings.MIDDLEWARE = list(settings.MIDDLEWARE) + [f"{__name__}.ReplaceDocNoMiddleware"]
    problems = integrity_check().problems
    assert [p["what"] for p in problems if p["kind"] == "page_missing_content"] == ["doc_no"]


class ReplaceDocNoMiddleware:
    """A served page whose 发文字号 was rewritten."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.content = response.content.replace("示教发".encode(), "伪造".encode())
        return response


def test_audited_validity_change_is_not_tampering(published_doc):
    from gongkai.catalog.services import document_validity_change

    document_validity_change(document=published_doc, validity="abolished", actor=None, reason="已被新文件废止")
    assert integrity_check().ok
    Document.objects.filter(pk=published_doc.pk).update(validity="valid")  # behind the log's back
    kinds = {p["kind"] for p in integrity_check().problems}
    assert "document_changed" in kinds
