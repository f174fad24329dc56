"""Fault drills on the real stack (private PostgreSQL cluster, Redis, gunicorn, Celery worker).

Run with `make test-drills`. Each drill asserts what the issue asks: nothing half-written after a
kill -9 (of a gunicorn worker or of a Celery worker, in the middle of a publish, an import job and a
notice generation), the job completes on retry without a duplicate 索引号, document or notice, a
clean Chinese 503 while PostgreSQL restarts and recovery without restarting the application, the
portal serving with Redis stopped and jobs resuming when it returns, the search index's
follower killed: web processes apply the change log themselves and no withdrawn document is ever listed; and
nginx running the production site (deploy/nginx/gongkai.conf, rendered by bench/load/stack.py with
the stack's ports and paths: TLS with a throw-away certificate, limit_req, the /media/ block).
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
BASE_PORT = int(os.environ.get("DRILL_BASE_PORT", "18800"))  # nginx HTTPS; the others follow (stack.py)
SLOW = RUN_DIR / "slow-publish"  # the pause points of gongkai/ops/drills/hooks.py: slow-<point>


def _nginx(stack):
    """nginx with the production site (deploy/nginx/gongkai.conf: TLS, limit_req, /media/), once."""
    if "nginx" not in stack.procs:
        stack.nginx_start()
    return stack


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
    s = Stack(RUN_DIR, base_port=BASE_PORT, db_name="gongkai_drills", web_workers=2, web_threads=2,
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
    dupes = (Document.objects.exclude(index_no="").exclude(index_no__isnull=True).values("index_no")
             .annotate(n=Count("id")).filter(n__gt=1))
    assert not dupes.exists(), list(dupes)


def _arm(slow=SLOW, key="1"):
    Path(str(slow) + ".entered").unlink(missing_ok=True)
    slow.write_text(key)


def _entered_pid(slow=SLOW):
    marker = Path(str(slow) + ".entered")
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


# --- import jobs -----------------------------------------------------------------------------------

SLOW_IMPORT = RUN_DIR / "slow-import"
SLOW_CASE = RUN_DIR / "slow-case"
SLOW_NOTICE = RUN_DIR / "slow-notice"


def _post(stack, path, timeout=90):
    """(status, body) of a POST straight to gunicorn; ("error", repr) when the connection dies."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(stack.url(path, direct=True), data=b"", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except Exception as exc:  # the connection dies with the worker
        return "error", repr(exc)


def _import_job(people, tag, *, queue):
    """A job of three files (published on import, so each gets a 索引号), queued or only created."""
    from gongkai.catalog.importing import services as importing

    # Titles that read like a 公文 title (the importer takes no other line as a title).
    titles = [f"关于{tag}演练导入第{i}件的通知" for i in (1, 2, 3)]
    files = [importing.ImportUpload(name=f"{i}.txt", data=f"{title}\n\n演练正文第{i}段。\n".encode())
             for i, title in enumerate(titles, start=1)]
    enqueue = importing.import_job_enqueue
    if not queue:
        importing.import_job_enqueue = lambda *, job: None
    try:
        job = importing.import_job_create(agency=people["agency"], actor=people["user"], files=files, publish=True)
    finally:
        importing.import_job_enqueue = enqueue
    return job, titles


def _import_state(job, titles):
    from gongkai.audit.models import AuditEntry
    from gongkai.catalog.models import Document, ImportJob

    job = ImportJob.objects.get(pk=job.pk)
    docs = {t: list(Document.objects.filter(title=t).values_list("status", "index_no")) for t in titles}
    return {"status": job.status, "attempts": job.attempts, "imported": job.imported,
            "items": list(job.items.order_by("position").values_list("status", flat=True)),
            "docs": docs,
            "create_audits": AuditEntry.objects.filter(action="document.create",
                                                       data__title__in=titles).count()}


def _assert_import_complete(state, titles):
    assert state["status"] == "done" and state["imported"] == 3, state
    assert state["items"] == ["imported"] * 3, state
    for title in titles:  # each file became exactly one published document with its own 索引号
        assert len(state["docs"][title]) == 1, (title, state)
        status, index_no = state["docs"][title][0]
        assert status == "published" and index_no, (title, state)
    assert state["create_audits"] == 3


def _assert_killed_mid_import(state, titles):
    """Killed inside file 2's transaction: file 1 complete, file 2 and 3 untouched."""
    assert state["status"] == "running" and state["imported"] == 1, state
    assert state["items"] == ["imported", "pending", "pending"], state
    assert len(state["docs"][titles[0]]) == 1 and state["docs"][titles[0]][0][0] == "published"
    assert state["docs"][titles[1]] == [] and state["docs"][titles[2]] == [], state
    assert state["create_audits"] == 1


def test_kill_web_worker_mid_import(stack, people):
    """The embedded default runs an import inside the web request: kill that worker mid-job."""
    job, titles = _import_job(people, "网页进程", queue=False)
    _arm(SLOW_IMPORT, "2.txt")
    workers_before = set(stack.web_worker_pids())
    results = {}
    thread = threading.Thread(target=lambda: results.update(r=_post(stack, f"/drill/import/{job.pk}/")))
    thread.start()
    pid = _wait(lambda: _entered_pid(SLOW_IMPORT), what="the import to reach the end of file 2's transaction")
    assert pid in workers_before
    os.kill(pid, signal.SIGKILL)
    SLOW_IMPORT.unlink()
    thread.join(30)
    assert results["r"][0] == "error" or results["r"][0] >= 500, results
    _assert_killed_mid_import(_import_state(job, titles), titles)
    _assert_consistent()
    _wait(lambda: len(stack.web_worker_pids()) == 2 and set(stack.web_worker_pids()) != workers_before,
          what="gunicorn to start a new worker")
    status, body = _post(stack, f"/drill/import/{job.pk}/")  # the retry: the job resumes at file 2
    assert status == 200 and '"done"' in body, (status, body)
    after = _import_state(job, titles)
    _assert_import_complete(after, titles)
    assert after["attempts"] == 2
    assert _post(stack, f"/drill/import/{job.pk}/")[0] == 200  # once more: nothing changes
    assert _import_state(job, titles) == after
    _assert_consistent()


def test_kill_celery_worker_mid_import(stack, people):
    from gongkai.catalog.tasks import import_job_run_task

    _arm(SLOW_IMPORT, "2.txt")
    children = _wait(stack.worker_child_pids, what="the Celery pool process")
    job, titles = _import_job(people, "后台进程", queue=True)
    pid = _wait(lambda: _entered_pid(SLOW_IMPORT), what="the task to reach the end of file 2's transaction")
    assert pid in children
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    _assert_killed_mid_import(_import_state(job, titles), titles)  # the killed attempt left file 2 untouched
    SLOW_IMPORT.unlink()
    # the message was not acknowledged: it is delivered again and the job resumes, each file once
    _wait(lambda: _import_state(job, titles)["status"] == "done", timeout=90, what="the retried job to finish")
    after = _import_state(job, titles)
    _assert_import_complete(after, titles)
    assert after["attempts"] == 2
    import_job_run_task.delay(job.pk)  # a duplicate delivery changes nothing
    time.sleep(3)
    assert _import_state(job, titles) == after
    _assert_consistent()


# --- notices -----------------------------------------------------------------------------------------

def _case(people):
    """An application registered today; its receipt is rendered by the worker."""
    from django.utils import timezone

    from gongkai.foi.services import case_register

    case, _code = case_register(
        agency=people["agency"], actor=people["user"], channel="in_person", received_date=timezone.localdate(),
        fields={"applicant_kind": "natural_person", "applicant_name": "演练申请人", "id_type": "id_card",
                "id_number": "11010519491231002X", "phone": "13800138000", "address": "演练市人民路1号",
                "info_title": "演练信息", "info_description": "请提供演练用的政府信息。", "info_form": "electronic",
                "delivery": "email"})
    _wait(lambda: _notice_state(case.pk)["notices"] == [("receipt", "issued")], timeout=60,
          what="the receipt to be generated")
    return case


def _notice_state(case_id):
    from gongkai.audit.models import AuditEntry
    from gongkai.foi.models import Case, Notice

    case = Case.objects.get(pk=case_id)
    notices = list(Notice.objects.filter(case_id=case_id).order_by("id"))
    return {"status": case.status, "outcome": case.outcome,
            "events": list(case.events.order_by("id").values_list("kind", flat=True)),
            "notices": [(n.kind, n.status) for n in notices],
            "case_audits": list(AuditEntry.objects.filter(object_type="foi.case", object_id=str(case_id))
                                .order_by("id").values_list("action", flat=True)),
            "issue_audits": AuditEntry.objects.filter(object_type="foi.notice", action="foi.notice_issue",
                                                      object_id__in=[str(n.pk) for n in notices]).count()}


def _stored_name(notice):
    from gongkai.foi.notices import notice_file_name

    return Path(notice_file_name(notice)).name


def _notice_files(notice):
    """The files stored for `notice`'s number, and whether the one its row names holds its SHA-256."""
    import hashlib

    from gongkai.foi.notices import notice_file_name

    stored = Path(notice_file_name(notice))
    folder = Path(os.environ["MEDIA_ROOT"]) / stored.parent
    files = sorted(p.name for p in folder.glob(f"{stored.stem}*")) if folder.exists() else []
    intact = False
    if notice.file:
        with notice.file.open("rb") as fh:
            intact = hashlib.sha256(fh.read()).hexdigest() == notice.sha256
    return files, intact


def test_kill_web_worker_mid_notice_action(stack, people):
    """The action that produces a notice runs in the request: killed before commit, nothing of it stays."""
    from gongkai.foi.models import Notice

    case = _case(people)
    before = _notice_state(case.pk)
    _arm(SLOW_CASE, "answer")
    workers_before = set(stack.web_worker_pids())
    results = {}
    url = f"/drill/case/{case.pk}/answer/{people['user'].pk}/"
    thread = threading.Thread(target=lambda: results.update(r=_post(stack, url)))
    thread.start()
    pid = _wait(lambda: _entered_pid(SLOW_CASE), what="the answer to reach the end of its transaction")
    assert pid in workers_before
    os.kill(pid, signal.SIGKILL)
    SLOW_CASE.unlink()
    thread.join(30)
    assert results["r"][0] == "error" or results["r"][0] >= 500, results
    # nothing half-written: no status change, no event, no reply notice, no audit row
    assert _notice_state(case.pk) == before
    _assert_consistent()
    _wait(lambda: len(stack.web_worker_pids()) == 2 and set(stack.web_worker_pids()) != workers_before,
          what="gunicorn to start a new worker")
    status, body = _post(stack, url)
    assert status == 200 and '"answered"' in body, (status, body)
    _wait(lambda: _notice_state(case.pk)["notices"] == [("receipt", "issued"), ("reply", "issued")], timeout=60,
          what="the worker to generate the reply")
    assert _post(stack, url)[0] == 409  # the same action again is refused: no second reply
    after = _notice_state(case.pk)
    assert after["notices"] == [("receipt", "issued"), ("reply", "issued")] and after["issue_audits"] == 2
    assert after["case_audits"] == before["case_audits"] + ["foi.answer"]
    assert after["events"] == before["events"] + ["answered"]
    reply = Notice.objects.get(case=case, kind="reply")
    assert _notice_files(reply) == ([_stored_name(reply)], True)
    _assert_consistent()


def test_kill_celery_worker_mid_notice_generation_then_restart(stack, people):
    """kill -9 of the whole Celery worker (master and pool) after the .docx is written, before its
    row commits; a new worker is started and the unacknowledged message is delivered to it."""
    from gongkai.foi.models import Notice
    from gongkai.foi.services import case_transition
    from gongkai.foi.tasks import notice_generate_task

    case = _case(people)
    _arm(SLOW_NOTICE, "reply")
    children = _wait(stack.worker_child_pids, what="the Celery pool process")
    case_transition(case=case, action="answer", actor=people["user"], outcome="granted",
                    reply_text="演练：现提供该信息。")
    pid = _wait(lambda: _entered_pid(SLOW_NOTICE), what="the notice to be written and not yet committed")
    assert pid in children
    reply = Notice.objects.get(case=case, kind="reply")
    master = stack.procs["worker"]
    os.killpg(master.pid, signal.SIGKILL)  # the worker's process group: master and pool together
    master.wait(10)
    SLOW_NOTICE.unlink()
    state = _notice_state(case.pk)
    assert state["notices"] == [("receipt", "issued"), ("reply", "pending")], state
    assert state["issue_audits"] == 1  # the receipt's only
    reply.refresh_from_db()
    files, _intact = _notice_files(reply)
    assert files == [_stored_name(reply)] and not reply.file  # the killed run's file, named by no row
    killed_at = time.monotonic()
    stack.worker_start(concurrency=1)
    _wait(lambda: _notice_state(case.pk)["notices"][-1] == ("reply", "issued"), timeout=120,
          what="the restarted worker to generate the notice")
    waited = time.monotonic() - killed_at
    reply.refresh_from_db()
    assert _notice_files(reply) == ([_stored_name(reply)], True)  # overwritten, not duplicated
    state = _notice_state(case.pk)
    assert state["notices"] == [("receipt", "issued"), ("reply", "issued")] and state["issue_audits"] == 2
    notice_generate_task.delay(reply.pk)  # a duplicate delivery changes nothing
    time.sleep(3)
    assert _notice_state(case.pk) == state
    assert Notice.objects.get(pk=reply.pk).sha256 == reply.sha256
    _assert_consistent()
    print(f"notice redelivered to the restarted worker {waited:.1f}s after the kill")


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


def test_redis_stopped_during_a_notice_action(stack, people):
    """The broker is down when an action commits: the action stands (no error page), its notice
    waits, and the periodic sweep (beat, every 10 minutes; run by hand here) has it generated."""
    from gongkai.foi.services import notices_pending_requeue

    case = _case(people)
    url = f"/drill/case/{case.pk}/answer/{people['user'].pk}/"
    stack.redis_stop()
    try:
        started = time.monotonic()
        status, body = _post(stack, url, timeout=60)
        took = time.monotonic() - started
        assert status == 200 and '"answered"' in body, (status, body)
        assert _notice_state(case.pk)["notices"] == [("receipt", "issued"), ("reply", "pending")]
    finally:
        stack.redis_start()
    _wait(lambda: stack.get("/healthz", direct=True)[0] == 200, timeout=30, what="/healthz to recover")
    assert notices_pending_requeue(older_than_seconds=0) == 1
    _wait(lambda: _notice_state(case.pk)["notices"][-1] == ("reply", "issued"), timeout=60,
          what="the swept notice to be generated")
    _assert_consistent()
    print(f"action answered in {took:.1f}s with Redis stopped")


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


def test_withdrawn_page_leaves_nginx_at_once(stack, people):
    """nginx keeps document pages for PAGE_EDGE_REFRESHED_SECONDS (300 s); a withdrawal must still
    take the page off the edge at once: the worker refetches it through nginx's refresh listener."""
    from gongkai.catalog.services import document_transition

    _nginx(stack)
    doc = document_transition(document=_pending(people, "演练：撤回后边缘缓存立即更新"), action="publish",
                              actor=people["user"])
    path = f"/doc/{doc.pk}/"
    first, second = stack.get(path), stack.get(path)
    assert first[0] == second[0] == 200, (first[0], second[0], second[2].get("X-Cache-Edge"))
    assert second[2].get("X-Cache-Edge") == "HIT", second[2]
    assert "X-Accel-Expires" not in second[2]  # for nginx only, never sent on to the reader
    withdrawn_at = time.monotonic()
    document_transition(document=doc, action="withdraw", actor=people["user"], reason="演练：撤回")
    _wait(lambda: stack.get(path)[0] == 404, timeout=20, interval=0.05, what="nginx to serve the withdrawn page's 404")
    elapsed = time.monotonic() - withdrawn_at
    assert elapsed < 20  # against a 300 s edge lifetime: only the refresh explains it
    print(f"withdrawn page gone from nginx after {elapsed:.2f} s")


def test_search_index_writer_killed(stack, people):
    """kill -9 of the search index follower (`gongkai search_replica`, a writer of the index): the kernel
    drops its writer lock, a withdrawn document is never listed, and the web processes apply the change
    log themselves on their next search, so /healthz comes back to `current` without the follower."""
    import json
    from urllib.parse import quote

    from gongkai.catalog.services import document_transition

    def index_state():
        return json.loads(stack.get("/healthz", direct=True)[1])["checks"]["search"]["index"]

    def listed(doc, word):
        status, body, _h = stack.get(f"/search/?q={quote(word)}&n={time.monotonic_ns()}", direct=True)
        assert status == 200, status
        return f'href="/doc/{doc.pk}/"' in body

    stack.replica_start(timeout=120)
    assert index_state() == "current"
    doc = document_transition(document=_pending(people, "演练萤火虫保护通知"), action="publish",
                              actor=people["user"])
    _wait(lambda: listed(doc, "萤火虫"), timeout=20, what="the index to apply the publication")
    os.kill(stack.procs["replica"].pid, signal.SIGKILL)
    stack.procs["replica"].wait()
    document_transition(document=doc, action="withdraw", actor=people["user"], reason="演练：撤回")
    _wait(lambda: not listed(doc, "萤火虫"), timeout=20, what="the withdrawal to leave the results")
    other = document_transition(document=_pending(people, "演练萤火虫栖息地调查"), action="publish",
                                actor=people["user"])
    _wait(lambda: listed(other, "萤火虫"), timeout=20, what="a web process to apply the publication")
    _wait(lambda: index_state() == "current", timeout=20, what="/healthz to report the index current")
    assert not listed(doc, "萤火虫")


def test_production_site_tls_media_and_rate_limit(stack, people):
    """The production site as deployed (deploy/nginx/gongkai.conf rendered with the stack's ports and
    paths): HTTPS with the stack's throw-away certificate, plain HTTP redirected to it, /media/ never
    served from disk, and limit_req on the public forms answering 429 (a Chinese page) past its burst
    while the application itself (rate limits off here) would still answer."""
    import http.client
    import ssl
    import urllib.error
    import urllib.request

    _nginx(stack)
    # TLS: the certificate verifies for 127.0.0.1, a current protocol, the site's headers on the answer
    conn = http.client.HTTPSConnection("127.0.0.1", stack.nginx_port, context=stack.tls_context(), timeout=15)
    conn.request("GET", "/xxgk/", headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read().decode()
    assert response.status == 200 and "<html" in body
    assert conn.sock.version() in ("TLSv1.2", "TLSv1.3"), conn.sock.version()
    assert response.getheader("Strict-Transport-Security", "").startswith("max-age=31536000")  # the application's
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    conn.close()
    with pytest.raises(urllib.error.URLError) as refused:  # a client that does not trust the certificate
        urllib.request.urlopen(stack.url("/xxgk/"), timeout=15)
    assert isinstance(refused.value.reason, ssl.SSLCertVerificationError), refused.value
    plain = http.client.HTTPConnection("127.0.0.1", stack.nginx_port, timeout=15)
    plain.request("GET", "/xxgk/")  # plain HTTP on the TLS port is refused, not served
    assert plain.getresponse().status == 400
    plain.close()
    # plain HTTP: everything redirected to HTTPS except /healthz
    plain = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=15)
    plain.request("GET", "/xxgk/?page=2", headers={"Host": "127.0.0.1"})
    response = plain.getresponse()
    response.read()
    assert response.status == 301 and response.getheader("Location") == "https://127.0.0.1/xxgk/?page=2"
    plain.request("GET", "/healthz", headers={"Host": "127.0.0.1"})  # monitors may poll it unencrypted
    response = plain.getresponse()
    assert response.status in (200, 503) and b'"checks"' in response.read(), response.status
    plain.close()
    # /media/: a file on disk under MEDIA_ROOT is never served by path, nor through the internal alias
    secret = Path(stack.env["MEDIA_ROOT"]) / "drill" / "secret.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("演练：不应公开的附件内容")
    os.chmod(secret, 0o644)
    for path in ("/media/drill/secret.txt", "/protected-media/drill/secret.txt"):
        status, body, _h = stack.get(path)
        assert status == 404 and "不应公开" not in body, (path, status)
    assert stack.get("/media/drill/secret.txt")[2].get("Strict-Transport-Security")  # nginx's own header
    # limit_req on /apply/ and /console/login/: 30 per minute per address, a burst of 20 without delay
    started = time.monotonic()
    answers = [stack.get("/apply/") for _ in range(40)]
    elapsed = time.monotonic() - started
    statuses = [a[0] for a in answers]
    assert statuses[:21] == [200] * 21, statuses  # the first request and the burst of 20
    limited = [a for a in answers if a[0] == 429]
    assert limited, statuses
    assert 40 - len(limited) <= 21 + int(elapsed / 2) + 1, (statuses, elapsed)  # one more every 2 s
    assert all("请求过于频繁" in a[1] and a[2].get("Strict-Transport-Security") for a in limited)
    assert stack.get("/console/login/")[0] == 429  # the same zone covers the login form
    assert stack.get("/apply/", direct=True)[0] == 200  # the 429 is nginx's, not the application's
    assert stack.get("/xxgk/")[0] == 200  # other pages are not limited
    print(f"limit_req: {40 - len(limited)} of 40 requests to /apply/ passed in {elapsed:.1f} s, "
          f"{len(limited)} answered 429")
