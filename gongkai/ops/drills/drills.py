"""Fault drills on the real stack (private PostgreSQL cluster, Redis, gunicorn, Celery worker).

Run with `make test-drills`. Each drill asserts what the issue asks: nothing half-written after a
kill -9 (of a gunicorn worker or of a Celery worker, in the middle of a publish, an import job and a
notice generation), the job completes on retry without a duplicate 索引号, document or notice, a
clean Chinese 503 while PostgreSQL restarts and recovery without restarting the application, the
portal serving with Redis stopped and jobs resuming when it returns, the search replica's
follower killed: searches fall back to the database and no withdrawn document is ever listed; and
nginx running the production site (deploy/nginx/gongkai.conf, rendered by bench/load/stack.py with
the stack's ports and paths: TLS with a throw-away certificate, limit_req, the /media/ block).
"""
import os
import signal
import threading
import time
from pathlib import Path

from gongkai.ops.drills.common import (
    SLOW, SLOW_CASE, SLOW_IMPORT, SLOW_NOTICE, _arm, _assert_consistent, _case, _entered_pid, _notice_state, _pending,
    _post, _state, _wait)


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


def _import_job(people, tag, *, queue):
    """A job of three files (published on import, so each gets a 索引号), queued or only created."""
    from gongkai.catalog.importing import jobs as importing

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
