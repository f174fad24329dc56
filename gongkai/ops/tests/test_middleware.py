import json
import logging

import pytest
from django.db import OperationalError
from django.test import Client

from gongkai.ops import views as ops_views
from gongkai.ops.logs import JsonFormatter, RequestIdFilter, request_id_var


@pytest.mark.django_db
def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "write", "cache", "queue", "search"}
    assert all(c["ok"] for c in body["checks"].values())
    assert body["checks"]["search"]["index"] == "missing"  # built from the database on the first search
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("check", ["_check_database", "_check_write", "_check_cache", "_check_queue"])
def test_healthz_503_when_a_dependency_fails(client, monkeypatch, check):
    def broken():
        raise ConnectionError("refused")

    monkeypatch.setattr(ops_views, check, broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    name = check.removeprefix("_check_")
    assert body["checks"][name]["ok"] is False
    assert "refused" in body["checks"][name]["error"]


@pytest.mark.django_db
def test_request_id_is_generated_or_kept(client):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-abcdef123456")
    assert response["X-Request-ID"] == "nginx-abcdef123456"
    response = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert response["X-Request-ID"] != "bad id\nwith newline"


def test_json_log_line_carries_request_id():
    record = logging.LogRecord("gongkai.test", logging.WARNING, __file__, 1, "导入失败 %s", ("x.docx",), None)
    record.path = "/console/import/"
    token = request_id_var.set("req-1234567890")
    try:
        RequestIdFilter().filter(record)
        line = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)
    payload = json.loads(line)
    assert payload["message"] == "导入失败 x.docx"
    assert payload["request_id"] == "req-1234567890"
    assert payload["level"] == "WARNING"
    assert payload["path"] == "/console/import/"


@pytest.mark.django_db
def test_security_headers_on_public_page(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/fault/db-down/", "/fault/conn-closed/"])
def test_database_error_in_view_gives_chinese_503(client, settings, url):
    settings.ROOT_URLCONF = "gongkai.ops.tests.urls_faults"
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "服务暂时不可用" in text
    assert "<script" not in text


@pytest.mark.django_db
def test_database_error_in_middleware_gives_chinese_503(monkeypatch, settings):
    from django.contrib.sessions.backends.db import SessionStore

    def down(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", down)
    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    response = client.get("/console/")
    assert response.status_code == 503
    assert "服务暂时不可用" in response.content.decode()


def test_settings_recover_connections_without_restart(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db(transaction=True)
def test_healthz_reports_a_blocked_write_path(client):
    """A transaction holding SQLite's write lock (a long import did, for minutes) makes every write
    fail: /healthz says so instead of "ok"."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has no database-wide write lock")
    import sqlite3

    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        response = client.get("/healthz")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 503
    write = response.json()["checks"]["write"]
    assert write["ok"] is False and "写入被阻塞" in write["error"]
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_healthz_write_probe_outside_a_transaction(client):
    """The probe itself (not the in-transaction shortcut of the other tests) on either engine."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["write"]["mode"] in {"sqlite-write-lock", "postgresql-transaction"}
