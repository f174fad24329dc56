"""Fault drills: outages (PostgreSQL restarted under load, Redis stopped, a full media disk),
nginx and the search index's follower, and the production site's TLS, /media/ and rate limit."""
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from gongkai.ops.drills.common import (
    _assert_consistent, _case, _nginx, _notice_state, _pending, _post, _state, _wait)


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
