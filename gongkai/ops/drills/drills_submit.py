"""Fault drills: kill -9 of a web worker in the middle of a public submission (意见征集 comment, 留言).

Each submission is posted to gunicorn as a browser posts it (CSRF token, a solved proof of work) and
held at the end of its transaction, after the comment or message, its group tokens or event and its
audit row are written (hooks.py, `slow-submit`); the worker is killed there. Nothing of it may stay
(no row, no audit row, the audit chain intact); the person's retry with the same page is answered
with the form again, their text kept and a Chinese request to verify again (the proof of work was
spent before the kill); the retry with a new proof of work saves exactly one row and redirects to
the receipt. Submissions acknowledged before the kill (302) are all in the database.
"""
import os
import signal
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from gongkai.ops.drills.common import RUN_DIR, _arm, _assert_consistent, _entered_pid, _wait

SLOW_SUBMIT = RUN_DIR / "slow-submit"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _send(stack, path, fields, csrf, timeout=90):
    """(status, body) of a form POST straight to gunicorn; ("error", repr) when the connection dies."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(stack.url(path, direct=True), data=urlencode(fields).encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "Cookie": f"csrftoken={csrf}", "Host": "127.0.0.1"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:  # 302 lands here (redirects are not followed)
        return exc.code, exc.read().decode()
    except Exception as exc:  # the connection dies with the worker
        return "error", repr(exc)


@pytest.fixture(scope="module")
def forms(stack, people):
    import datetime as dt

    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from django.utils import timezone

    from gongkai.consultations.models import Consultation, ConsultationStatus
    from gongkai.mailboxes.models import Mailbox

    today = timezone.localdate()
    c = Consultation.objects.create(agency=people["agency"], title="《演练用征求意见稿》", kind="其他",
                                    start_date=today - dt.timedelta(days=1), end_date=today + dt.timedelta(days=30),
                                    status=ConsultationStatus.PUBLISHED, draft_text="第一条 演练。")
    box = Mailbox.objects.create(agency=people["agency"], name="演练信箱", slug="drill-box")
    secret = _get_new_csrf_string()
    return {"csrf": secret, "token": lambda: _mask_cipher_secret(secret), "consultation": c, "mailbox": box}


def _solved(scope):
    from gongkai.core.challenge import challenge_issue, challenge_solve

    return challenge_solve(challenge_issue(scope=scope).json)


def _spec(kind, forms):
    from gongkai.audit.models import AuditEntry
    from gongkai.consultations.models import Comment
    from gongkai.mailboxes.models import Message, MessageEvent

    if kind == "comment":
        c = forms["consultation"]
        return {"path": f"/hdjl/yjzj/{c.pk}/", "scope": "consultations.comment", "action": "consultation.comment",
                "fields": lambda body: {"article": "", "body": body, "name": "", "phone": "", "email": ""},
                "rows": lambda body: Comment.objects.filter(consultation=c, body=body).count(),
                # (a comment's 同类意见 tokens are written after the commit by the grouping task,
                # so the second figure is the comments saved with a group key, not the tokens)
                "state": lambda: (Comment.objects.filter(consultation=c).count(),
                                  Comment.objects.filter(consultation=c).exclude(group_key="").count(),
                                  AuditEntry.objects.filter(action="consultation.comment").count())}
    box = forms["mailbox"]
    return {"path": f"/hdjl/ly/{box.slug}/write/", "scope": "mailboxes.write", "action": "mailbox.submit",
            "fields": lambda body: {"type": "consult", "title": "演练留言", "body": body, "name": "", "phone": "",
                                    "email": "", "wants_public": "1"},
            "rows": lambda body: Message.objects.filter(mailbox=box, body=body).count(),
            "state": lambda: (Message.objects.filter(mailbox=box).count(),
                              MessageEvent.objects.filter(message__mailbox=box).count(),
                              AuditEntry.objects.filter(action="mailbox.submit").count())}


def _post_form(stack, forms, spec, body, payload):
    fields = {"csrfmiddlewaretoken": forms["token"](), "altcha": payload, "website": "", **spec["fields"](body)}
    return _send(stack, spec["path"], fields, forms["csrf"])


@pytest.mark.parametrize("kind", ["comment", "message"])
def test_kill_web_worker_mid_submission(stack, people, forms, kind):
    spec = _spec(kind, forms)
    # Submissions acknowledged before the kill: each must be in the database afterwards.
    early = [f"演练：先行提交的第{i}条{kind}，内容各不相同。" for i in range(3)]
    payloads = [_solved(spec["scope"]) for _ in early] + [_solved(spec["scope"])]
    time.sleep(3.2)  # the proofs of work are older than the minimum fill time
    for body, payload in zip(early, payloads):
        status, _text = _post_form(stack, forms, spec, body, payload)
        assert status == 302, (status, _text[:500])
    before = spec["state"]()
    body = f"演练：提交过程中网页进程被强制终止的{kind}，这段文字不能丢。"
    _arm(SLOW_SUBMIT, key=spec["action"])
    result = {}
    workers_before = set(stack.web_worker_pids())
    thread = threading.Thread(target=lambda: result.update(r=_post_form(stack, forms, spec, body, payloads[-1])))
    thread.start()
    pid = _wait(lambda: _entered_pid(SLOW_SUBMIT), what="the submission to reach the end of its transaction")
    assert pid in workers_before
    os.kill(pid, signal.SIGKILL)
    SLOW_SUBMIT.unlink()
    thread.join(30)
    assert result["r"][0] == "error" or result["r"][0] >= 500, result
    # nothing of the killed submission stayed: no row, no tokens or event, no audit row
    assert spec["state"]() == before and spec["rows"](body) == 0
    assert all(spec["rows"](b) == 1 for b in early)
    _assert_consistent()
    _wait(lambda: len(stack.web_worker_pids()) == 2 and set(stack.web_worker_pids()) != workers_before,
          what="gunicorn to start a new worker")
    # The same page sent again: the proof of work was spent, so the form comes back with the text
    # and a request to verify again; nothing is saved.
    status, page = _post_form(stack, forms, spec, body, payloads[-1])
    assert status == 200 and body in page and "该验证已使用" in page, page[:800]
    assert spec["rows"](body) == 0
    # With a new proof of work it is saved once and the person gets the receipt page.
    fresh = _solved(spec["scope"])
    time.sleep(3.2)
    status, _text = _post_form(stack, forms, spec, body, fresh)
    assert status == 302 and spec["rows"](body) == 1
    after = spec["state"]()
    assert after[0] == before[0] + 1 and after[2] == before[2] + 1
    _assert_consistent()
