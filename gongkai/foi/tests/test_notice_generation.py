"""Notice generation as a task: pending row in the action's transaction, .docx written before the row
is marked issued, idempotent, resumable after a kill, failures recorded in Chinese and retried."""
import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import audit_chain_verify
from gongkai.core.errors import PermissionDeniedError, TransitionError
from gongkai.foi import notices
from gongkai.foi.services import notice_issue
from gongkai.foi.models import Notice, NoticeStatus, NoticeTemplate
from gongkai.foi.services import notice_generate, notice_retry, notices_pending_requeue
from gongkai.foi.signals import notice_issued
from gongkai.foi.tasks import notice_generate_task

from .test_notices import act, text_of

pytestmark = pytest.mark.django_db
D = dt.date


class Killed(BaseException):
    """Stands in for kill -9: not an Exception, so nothing in the service catches it."""


@pytest.fixture
def no_worker(monkeypatch):
    """Actions record their notice but nothing renders it (a broker is set, no worker has run yet)."""
    monkeypatch.setattr(notice_issue, "task_enqueue", lambda task, *args: None)


def notice_files():
    root = Path(settings.MEDIA_ROOT) / "foi" / "notices"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


def notice_audits(notice):
    return list(AuditEntry.objects.filter(object_type="foi.notice", object_id=str(notice.pk))
                .order_by("id").values_list("action", flat=True))


def test_the_action_issues_its_notice_once(register, office_a):
    case = register(D(2025, 3, 3))
    receipt = case.notices.get()
    assert receipt.status == NoticeStatus.ISSUED and receipt.error == ""
    assert receipt.file.name == notices.notice_file_name(receipt)
    assert receipt.file.name.startswith(f"foi/notices/2025/{case.tracking_no}-")
    assert receipt.number == "示教依申〔2025〕1号"
    with receipt.file.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == receipt.sha256
    assert case.query_code in text_of(receipt)
    assert receipt.context["query_code"] == ""  # the plain code is kept only until the receipt is printed
    assert receipt.context["tracking_no"] == case.tracking_no and receipt.issue_date == D(2025, 3, 3)
    assert notice_audits(receipt) == ["foi.notice_issue"]
    # a second delivery of the task, or a second call, changes nothing
    assert notice_generate_task.delay(receipt.pk).get() == NoticeStatus.ISSUED
    assert notice_generate(notice=receipt).sha256 == receipt.sha256
    assert notice_files() == [notices.notice_file_name(receipt).removeprefix("foi/notices/")]
    assert notice_audits(receipt) == ["foi.notice_issue"]
    assert notice_generate_task.delay(987654321).get() is None


def test_a_notice_shows_the_facts_as_of_its_action_even_when_rendered_later(register, office_a, no_worker):
    case = register(D(2025, 3, 3))
    case = act(case, "answer", office_a, D(2025, 3, 10), outcome="granted", reply_text="现提供该报告电子版。")
    case = act(case, "deliver", office_a, D(2025, 3, 11), delivery_method="email")
    reply = case.notices.get(kind="reply")
    assert reply.status == NoticeStatus.PENDING and not reply.file and reply.sha256 == ""
    case.reply_text = "之后改动的内容"
    case.save()
    notice_generate(notice=reply)
    reply.refresh_from_db()
    assert reply.is_issued and "现提供该报告电子版。" in text_of(reply) and "之后改动的内容" not in text_of(reply)


def test_a_generation_killed_after_writing_the_file_is_completed_by_the_next_run(register, office_a, no_worker):
    case = register(D(2025, 3, 3))
    receipt = case.notices.get()

    def die(sender, notice, **kwargs):
        raise Killed  # the file is in storage, the row not yet committed

    notice_issued.connect(die, dispatch_uid="test-die")
    try:
        with pytest.raises(Killed):
            notice_generate(notice=receipt)
    finally:
        notice_issued.disconnect(dispatch_uid="test-die")
    receipt.refresh_from_db()
    assert receipt.status == NoticeStatus.PENDING and not receipt.file and notice_audits(receipt) == []
    assert notice_files() == [notices.notice_file_name(receipt).removeprefix("foi/notices/")]  # what the killed run left
    notice = notice_generate(notice=receipt)  # the redelivered task
    assert notice.is_issued and notice_files() == [notices.notice_file_name(receipt).removeprefix("foi/notices/")]
    with notice.file.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == notice.sha256
    assert notice_audits(notice) == ["foi.notice_issue"] and Notice.objects.count() == 1
    assert audit_chain_verify() == []


def test_a_partial_file_left_by_a_killed_write_is_replaced(register, no_worker):
    receipt = register(D(2025, 3, 3)).notices.get()
    storage = receipt.file.storage
    storage.save(notices.notice_file_name(receipt), ContentFile(b"PK\x03\x04 truncated"))
    notice = notice_generate(notice=receipt)
    assert notice.file.name == notices.notice_file_name(receipt) and notice_files() == [notices.notice_file_name(receipt).removeprefix("foi/notices/")]
    assert text_of(notice).count(receipt.case.tracking_no) >= 1


def test_the_same_notice_cannot_be_created_twice(register):
    receipt = register(D(2025, 3, 3)).notices.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Notice.objects.create(case=receipt.case, kind=receipt.kind, number=receipt.number)


def test_a_template_that_cannot_render_fails_the_notice_in_chinese_and_retry_issues_it(
        register, office_a, office_b, admin_user):
    import docx

    from gongkai.foi.services import notice_template_reset

    out = io.BytesIO()
    broken = docx.Document()
    broken.add_paragraph("{{ tracking_no|no_such_filter }}")  # parses, fails only when rendered
    broken.save(out)
    template = NoticeTemplate(key="receipt")
    template.file.save("receipt.docx", ContentFile(out.getvalue()))
    case = register(D(2025, 3, 3))
    receipt = case.notices.get()
    assert case.status == "processing"  # the action itself is kept
    assert receipt.status == NoticeStatus.FAILED and not receipt.file
    assert receipt.error.startswith("文书模板“登记回执”无法生成：") and "请管理员检查模板" in receipt.error
    assert notice_audits(receipt) == ["foi.notice_fail"]
    with pytest.raises(PermissionDeniedError):
        notice_retry(notice=receipt, actor=office_b)
    assert notice_retry(notice=receipt, actor=office_a).status == NoticeStatus.FAILED  # still broken
    notice_template_reset(key="receipt", actor=admin_user)
    notice = notice_retry(notice=receipt, actor=office_a)
    assert notice.is_issued and "政府信息公开申请登记回执" in text_of(notice)
    assert notice_audits(notice) == ["foi.notice_fail", "foi.notice_retry", "foi.notice_fail", "foi.notice_retry",
                                     "foi.notice_issue"]
    with pytest.raises(TransitionError, match="只有生成失败的文书可以重新生成"):
        notice_retry(notice=notice, actor=office_a)


def test_pending_notices_are_hidden_from_the_applicant_and_explained_to_staff(client, register, office_a,
                                                                               no_worker, client_for):
    case = register(D(2025, 3, 3))
    receipt = case.notices.get()
    page = client.post("/apply/track/", {"tracking_no": case.tracking_no, "code": case.query_code}).content.decode()
    assert "登记回执" not in page
    assert client.get(f"/apply/track/notices/{receipt.pk}/").status_code == 404
    staff = client_for(office_a)
    html = staff.get(f"/console/foi/cases/{case.pk}/").content.decode()
    assert "正在生成，请稍后刷新页面" in html
    response = staff.get(f"/console/foi/notices/{receipt.pk}/docx/", follow=True)
    assert "正在生成" in response.content.decode()
    assert staff.get(f"/api/foi/staff/cases/{case.pk}").json()["notices"][0]["status"] == "pending"
    notice_generate(notice=receipt)
    response = client.get(f"/apply/track/notices/{receipt.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"PK")


def test_notices_left_pending_are_queued_again(register, monkeypatch):
    queued = []
    monkeypatch.setattr(notice_issue, "task_enqueue", lambda task, *args: queued.append(args[0]))
    old = register(D(2025, 3, 3)).notices.get()
    fresh = register(D(2025, 3, 4)).notices.get()
    Notice.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(minutes=30))
    Notice.objects.filter(pk=fresh.pk).update(created_at=timezone.now())
    queued.clear()
    assert notices_pending_requeue() == 1 and queued == [old.pk]
    monkeypatch.undo()
    assert notices_pending_requeue(older_than_seconds=0) == 2  # the embedded default renders at once
    assert set(Notice.objects.values_list("status", flat=True)) == {NoticeStatus.ISSUED}
    assert notices_pending_requeue(older_than_seconds=0) == 0


def test_an_unreachable_broker_does_not_fail_the_action(register, office_a, monkeypatch,
                                                         django_capture_on_commit_callbacks):
    """With a broker that is down when the action commits, the action stands, the notice waits, and
    the periodic sweep renders it once the broker is back."""
    from kombu.exceptions import OperationalError

    def down(*args):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    task = notice_generate_task._get_current_object()
    monkeypatch.setitem(task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(task, "delay", down)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = register(D(2025, 3, 3))
    assert len(callbacks) == 1
    receipt = case.notices.get()
    assert case.status == "processing" and receipt.status == NoticeStatus.PENDING
    monkeypatch.undo()
    assert notices_pending_requeue(older_than_seconds=0) == 1
    receipt.refresh_from_db()
    assert receipt.is_issued
