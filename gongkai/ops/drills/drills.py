"""Fault drills on the real stack (private PostgreSQL cluster, Redis, gunicorn, Celery worker).

Run with `make test-drills`. Each drill asserts what the issue asks: nothing half-written after a
kill -9, the job completes on retry without a duplicate 索引号, a clean Chinese 503 while PostgreSQL
restarts and recovery without restarting the application, the portal serving with Redis stopped and
jobs resuming when it returns.
"""
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench" / "load"))

from stack import Stack  # noqa: E402

RUN_DIR = Path(os.environ.get("DRILL_RUN_DIR", "/tmp/gongkai-drills"))
SLOW = RUN_DIR / "slow-publish"


def _wait(predicate, timeout=60, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture(scope="module")
def stack():
    import shutil

    shutil.rmtree(RUN_DIR, ignore_errors=True)
    s = Stack(RUN_DIR, base_port=18800, db_name="gongkai_drills", web_workers=2, web_threads=2,
              settings_module="gongkai.ops.drills.settings",
              extra_env={"DRILL_SLOW_FILE": str(SLOW), "DB_UNAVAILABLE_RETRY_AFTER": "5"})
    try:
        s.pg_start()
        s.redis_start()
        os.environ.update(s.env)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        s.web_start()
        s.worker_start(concurrency=1)
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="module")
def people(stack):
    from gongkai.agencies.models import Agency, Membership, Role
    from django.contrib.auth import get_user_model

    agency = Agency.objects.create(name="演练市教育局", slug="drill-edu", kind=Agency.Kind.DEPARTMENT,
                                   level=Agency.Level.CITY, index_code="DRILL01")
    user = get_user_model().objects.create_user("drill_approver", password="Drill-pass-12345")
    for role in (Role.EDITOR, Role.APPROVER, Role.ADMIN):
        Membership.objects.create(user=user, agency=agency, role=role)
    return {"agency": agency, "user": user}


def _pending(people, title):
    import datetime as dt

    from gongkai.catalog.services import document_create, document_transition

    doc = document_create(agency=people["agency"], actor=people["user"], title=title,
                          written_date=dt.date(2024, 5, 6), body_html="<p>演练正文。</p>")
    return document_transition(document=doc, action="submit", actor=people["user"])


def _state(doc_id):
    from gongkai.audit.models import AuditEntry
    from gongkai.catalog.models import Document, Revision

    doc = Document.objects.get(pk=doc_id)
    return {"status": doc.status, "index_no": doc.index_no,
            "revisions": Revision.objects.filter(document_id=doc_id).count(),
            "publish_audits": AuditEntry.objects.filter(object_type="catalog.document", object_id=str(doc_id),
                                                        action="document.publish").count()}


def _assert_consistent():
    from django.db.models import Count

    from gongkai.audit.services import audit_chain_verify
    from gongkai.catalog.models import Document

    assert audit_chain_verify() == []
    dupes = (Document.objects.exclude(index_no="").values("index_no").annotate(n=Count("id")).filter(n__gt=1))
    assert not dupes.exists(), list(dupes)


def _arm():
    SLOW.write_text("1")
    Path(str(SLOW) + ".entered").unlink(missing_ok=True)


def _entered_pid():
    marker = Path(str(SLOW) + ".entered")
    return int(marker.read_text()) if marker.exists() and marker.read_text() else 0


def test_kill_web_worker_mid_publish(stack, people):
    doc = _pending(people, "演练：网页进程在发布中途被强制终止")
    before = _state(doc.pk)
    _arm()
    results = {}

    def publish():
        results["response"] = stack.get(f"/drill/publish/{doc.pk}/{people['user'].pk}/", direct=True, timeout=90)

    def post():
        import urllib.request

        request = urllib.request.Request(stack.url(f"/drill/publish/{doc.pk}/{people['user'].pk}/", direct=True),
                                         data=b"", method="POST")
        try:
            with urllib.request.urlopen(request, timeout=90) as response:
                results["status"] = response.status
        except Exception as exc:  # the connection dies with the worker
            results["error"] = repr(exc)

    workers_before = set(stack.web_worker_pids())
    thread = threading.Thread(target=post)
    thread.start()
    pid = _wait(_entered_pid, what="the publish to reach the end of its transaction")
    assert pid in workers_before
    os.kill(pid, signal.SIGKILL)
    SLOW.unlink()
    thread.join(30)
    assert "status" not in results or results["status"] >= 500, results
    # nothing half-written: the document is exactly as before, no revision, no 索引号, no audit row
    assert _state(doc.pk) == before
    _assert_consistent()
    # gunicorn replaced the worker; the retry completes once
    _wait(lambda: len(stack.web_worker_pids()) == 2 and set(stack.web_worker_pids()) != workers_before,
          what="gunicorn to start a new worker")
    import urllib.request

    request = urllib.request.Request(stack.url(f"/drill/publish/{doc.pk}/{people['user'].pk}/", direct=True),
                                     data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
    after = _state(doc.pk)
    assert after["status"] == "published" and after["index_no"] and after["revisions"] == 1
    assert after["publish_audits"] == 1
    _assert_consistent()


def test_kill_celery_worker_mid_task(stack, people):
    from gongkai.ops.drills.tasks import document_publish_task

    doc = _pending(people, "演练：后台任务进程在发布中途被强制终止")
    before = _state(doc.pk)
    _arm()
    children = _wait(stack.worker_child_pids, what="the Celery pool process")
    document_publish_task.delay(doc.pk, people["user"].pk)
    pid = _wait(_entered_pid, what="the task to reach the end of its transaction")
    assert pid in children
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    assert _state(doc.pk) == before  # the killed attempt left nothing
    SLOW.unlink()
    # the message was not acknowledged: it is delivered again and the job completes, once
    _wait(lambda: _state(doc.pk)["status"] == "published", timeout=90, what="the retried task to publish")
    after = _state(doc.pk)
    assert after["revisions"] == 1 and after["publish_audits"] == 1 and after["index_no"]
    # running the task again (a duplicate delivery) changes nothing
    document_publish_task.delay(doc.pk, people["user"].pk)
    time.sleep(3)
    assert _state(doc.pk) == after
    _assert_consistent()


def _hammer(stack, paths, stop, log):
    i = 0
    while not stop.is_set():
        path = paths[i % len(paths)]
        i += 1
        try:
            status, body, headers = stack.get(path, direct=True, timeout=15)
        except Exception as exc:
            log.append((time.monotonic(), "exception", repr(exc)))
            continue
        log.append((time.monotonic(), status, body if status != 200 else ""))
        time.sleep(0.02)


def test_postgresql_restart_under_load(stack, people):
    import datetime as dt

    from gongkai.catalog.services import document_create, document_transition

    doc = document_create(agency=people["agency"], actor=people["user"], title="演练：数据库重启期间的页面",
                          written_date=dt.date(2024, 5, 6), body_html="<p>正文</p>")
    document_transition(document=doc, action="submit", actor=people["user"])
    document_transition(document=doc, action="publish", actor=people["user"])
    # uncached pages, so every request needs the database
    paths = [f"/doc/{doc.pk}/?n={i}" for i in range(50)] + ["/console/login/", "/apply/"]
    stop, log = threading.Event(), []
    threads = [threading.Thread(target=_hammer, args=(stack, paths, stop, log)) for _ in range(4)]
    master = stack.procs["web"].pid
    for t in threads:
        t.start()
    time.sleep(2)
    outage_start = time.monotonic()
    stack.pg_stop(mode="fast")
    time.sleep(4)
    stack.pg_start()
    outage_end = time.monotonic()
    from django.db import connection

    connection.close()  # this test process's own connection died with the server
    time.sleep(8)
    stop.set()
    for t in threads:
        t.join(30)
    statuses = [entry[1] for entry in log]
    assert "exception" not in statuses, [e for e in log if e[1] == "exception"][:3]
    assert set(statuses) <= {200, 503}, {s for s in statuses if s not in (200, 503)}
    unavailable = [e for e in log if e[1] == 503]
    assert unavailable, "the outage was not observed"
    assert all("服务暂时不可用" in e[2] for e in unavailable)
    assert all(outage_start - 1 <= e[0] <= outage_end + 5 for e in unavailable)
    tail = [e for e in log if e[0] > outage_end + 5]
    assert len(tail) >= 20 and all(e[1] == 200 for e in tail)  # recovered by itself
    assert stack.procs["web"].pid == master  # …without restarting the application


def test_redis_stopped_portal_serves_and_jobs_resume(stack, people):
    from gongkai.ops.drills.tasks import document_publish_task

    status, _body, headers = stack.get("/", direct=True)
    assert status == 200
    stack.redis_stop()
    try:
        for path in ["/", "/xxgk/", "/console/login/"]:
            status, body, headers = stack.get(path, direct=True, timeout=15)
            assert status == 200, (path, status)
            assert "X-Cache" not in headers or headers["X-Cache"] != "HIT"
        status, body, _h = stack.get("/healthz", direct=True, timeout=15)
        assert status == 503 and '"cache"' in body
    finally:
        stack.redis_start()
    _wait(lambda: stack.get("/healthz", direct=True)[0] == 200, timeout=30, what="/healthz to recover")
    doc = _pending(people, "演练：缓存与队列恢复后的后台任务")
    document_publish_task.delay(doc.pk, people["user"].pk)  # the same worker process, reconnected
    _wait(lambda: _state(doc.pk)["status"] == "published", timeout=90, what="the job after Redis returned")
    status, _b, headers = stack.get("/", direct=True)
    status, _b, headers = stack.get("/", direct=True)
    assert status == 200 and headers.get("X-Cache") == "HIT"  # caching resumed
    _assert_consistent()


def test_disk_full_on_media_volume(stack, people, tmp_path):
    """A real full volume (a 256 KiB tmpfs as MEDIA_ROOT): refused in Chinese, nothing lost."""
    import datetime as dt
    import subprocess

    from django.test.utils import override_settings

    from gongkai.catalog.models import Attachment
    from gongkai.catalog.services import attachment_add, document_create
    from gongkai.core.errors import UserFacingError

    media = tmp_path / "media"
    media.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(media)],
                             capture_output=True, text=True)
    assert mounted.returncode == 0, f"cannot mount a tmpfs (the drill needs root): {mounted.stderr}"
    try:
        with override_settings(MEDIA_ROOT=str(media)):
            doc = document_create(agency=people["agency"], actor=people["user"], title="演练：附件磁盘已满",
                                  written_date=dt.date(2024, 5, 6), body_html="<p>正文</p>")
            first = attachment_add(document=doc, actor=people["user"], name="a.pdf", content=b"%PDF-1.4 " + b"a" * 1000)
            (media / "filler.bin").write_bytes(b"\0" * (200 * 1024))  # the volume is now almost full
            with pytest.raises(UserFacingError, match="存储空间已满"):
                attachment_add(document=doc, actor=people["user"], name="b.pdf", content=b"%PDF-1.4 " + b"b" * 100_000)
            assert list(Attachment.objects.filter(document=doc)) == [first]
            with first.file.open("rb") as fh:
                assert fh.read().startswith(b"%PDF-1.4 aaa")
            stored = sorted(p.name for p in media.rglob("*") if p.is_file() and p.name != "filler.bin")
            assert stored == [Path(first.file.name).name]  # no partial file left
    finally:
        if subprocess.run(["umount", str(media)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(media)], check=False)  # detach even if a handle is open
