"""/healthz: database (reads and writes), cache and queue, as JSON; 503 when any of them fails (plus
the search index's state)."""
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _timed(check):
    started = time.monotonic()
    try:
        detail = check() or {}
        ok = True
    except Exception as exc:  # every failure is reported, none escapes
        detail, ok = {"error": f"{type(exc).__name__}: {exc}"[:300]}, False
    return {"ok": ok, "ms": round((time.monotonic() - started) * 1000, 1), **detail}


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


WRITE_PROBE_SECONDS = 2


def _check_write():
    """Could a write start now? SQLite has one write lock for the whole database: a short
    `BEGIN IMMEDIATE` on a separate connection fails after WRITE_PROBE_SECONDS when something holds
    it (the site then answers every write with 503). PostgreSQL: a writing transaction can start
    (not a read-only or recovering server) within the same time limit. Nothing is written."""
    if connection.in_atomic_block:
        return {"mode": "in-transaction"}  # this connection already holds the write path
    if connection.vendor == "sqlite":
        import sqlite3

        probe = sqlite3.connect(connection.settings_dict["NAME"], timeout=WRITE_PROBE_SECONDS,
                                isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise RuntimeError(f"写入被阻塞超过 {WRITE_PROBE_SECONDS} 秒：{exc}") from exc
        finally:
            probe.close()
        return {"mode": "sqlite-write-lock"}
    with transaction.atomic(), connection.cursor() as cursor:
        ms = WRITE_PROBE_SECONDS * 1000
        cursor.execute(f"SET LOCAL lock_timeout = {ms}")
        cursor.execute(f"SET LOCAL statement_timeout = {ms}")
        cursor.execute("SELECT txid_current()")  # refused on a read-only server
        transaction.set_rollback(True)
    return {"mode": "postgresql-transaction"}


def _check_cache():
    backend = settings.CACHES["default"]["BACKEND"]
    if "django_redis" in backend:
        from django_redis import get_redis_connection

        get_redis_connection("default").ping()
        return {"backend": "redis"}
    probe = f"healthz:{time.monotonic_ns()}"
    cache.set(probe, "1", 10)
    if cache.get(probe) != "1":
        raise RuntimeError("cache did not return the value just stored")
    cache.delete(probe)
    return {"backend": backend.rsplit(".", 1)[-1]}


def _check_queue():
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return {"mode": "inline"}
    url = settings.CELERY_BROKER_URL
    if url.startswith(("redis://", "rediss://", "unix://")):
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            client.ping()
            backlog = client.llen("celery")
        finally:
            client.close()
        return {"mode": "redis", "backlog": backlog}
    from kombu import Connection

    with Connection(url, connect_timeout=1) as conn:
        conn.ensure_connection(max_retries=1)
    return {"mode": url.split(":", 1)[0]}


def _check_search():
    from gongkai.search.index import index_status

    return index_status()


@never_cache
def healthz(request):
    """Report each dependency; HTTP 200 when all are up, 503 otherwise.

    The search index is reported, not required: a lagging index catches up from the change log.
    """
    checks = {"database": _timed(_check_database), "write": _timed(_check_write), "cache": _timed(_check_cache),
              "queue": _timed(_check_queue)}
    ok = all(c["ok"] for c in checks.values())
    checks["search"] = _timed(_check_search)
    return JsonResponse({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503,
                        json_dumps_params={"ensure_ascii": False})


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the Chinese 403 page (Django's own is English); the reason goes to the log only."""
    import logging

    from django.shortcuts import render

    logging.getLogger("gongkai.security").warning("CSRF failure on %s: %s", request.path, reason)
    response = render(request, "403_csrf.html", status=403)
    response["Cache-Control"] = "no-store"
    return response
