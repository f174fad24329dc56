"""The applicant is e-mailed when a notice addressed to them is issued: once, after commit, never
for a rolled-back action, retried when the mail server refuses."""
import datetime as dt

import pytest
from django.core import mail

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import audit_chain_verify
from gongkai.foi.models import Notice, NoticeKind
from gongkai.foi.services import DOCX_MIME, notice_email_send, notice_emails_pending_send

from .conftest import at
from .test_notices import act

pytestmark = pytest.mark.django_db
D = dt.date


class RefusingBackend:
    """A mail server that cannot be reached."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


@pytest.fixture
def mailbox(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FOI_NOTICE_EMAIL = True
    settings.SITE_URL = "https://gongkai.example.gov.cn"
    mail.outbox = []
    return mail.outbox


def test_receipt_mailed_with_the_notice_when_email_is_the_chosen_way(register, mailbox,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = register(D(2025, 3, 3))
    receipt = case.notices.get(kind=NoticeKind.RECEIPT)
    assert len(mailbox) == 1
    message = mailbox[0]
    assert message.to == ["zs@example.org"]
    assert case.tracking_no in message.subject and "登记回执" in message.subject
    assert "张三" in message.body and receipt.number in message.body
    assert "https://gongkai.example.gov.cn/apply/track/" in message.body
    assert case.query_code not in message.body  # the code travels only inside the receipt itself
    (name, content, mime), = message.attachments
    assert name == f"{receipt.number}.docx" and mime == DOCX_MIME
    with receipt.file.open("rb") as fh:
        assert content == fh.read()
    receipt.refresh_from_db()
    assert receipt.emailed_at is not None
    assert AuditEntry.objects.filter(action="foi.notice_email", object_id=str(receipt.pk)).count() == 1
    assert notice_email_send(notice=receipt) is False  # once only
    assert len(mailbox) == 1
    assert audit_chain_verify() == []


def test_post_delivery_gets_a_mail_without_the_notice(register, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(D(2025, 3, 3), delivery="post")
    (message,) = mailbox
    assert message.attachments == [] and "邮寄" in message.body


def test_no_address_no_mail_and_setting_off(register, mailbox, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(D(2025, 3, 3), email="", delivery="post")
    assert mailbox == []
    settings.FOI_NOTICE_EMAIL = False
    with django_capture_on_commit_callbacks(execute=True):
        register(D(2025, 3, 4))
    assert mailbox == []


def test_third_party_consultation_notice_is_not_mailed_to_the_applicant(register, office_a, mailbox,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = register(D(2025, 3, 3))
        act(case, "start_consultation", office_a, D(2025, 3, 5), consultee="某科技有限公司",
            reason="该信息含有该公司的经营数据")
    consultation = Notice.objects.get(case=case, kind=NoticeKind.CONSULTATION)
    assert consultation.is_issued and consultation.emailed_at is None
    assert [m.subject for m in mailbox if "征求第三方意见书" in m.subject] == []
    assert notice_email_send(notice=consultation) is False


def test_refused_mail_keeps_the_notice_and_is_sent_by_the_sweep(register, mailbox, settings,
                                                                 django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "gongkai.foi.tests.test_notice_email.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        case = register(D(2025, 3, 3))
    receipt = case.notices.get(kind=NoticeKind.RECEIPT)
    assert receipt.is_issued and receipt.emailed_at is None  # the notice stands
    assert not AuditEntry.objects.filter(action="foi.notice_email").exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with at(2025, 3, 3, hour=11):
        assert notice_emails_pending_send() == 1
        receipt.refresh_from_db()
        assert receipt.emailed_at is not None and len(mailbox) == 1
        assert notice_emails_pending_send() == 0
    with at(2025, 3, 10):  # older than the retry window: never mailed out of the blue
        Notice.objects.filter(pk=receipt.pk).update(emailed_at=None)
        assert notice_emails_pending_send() == 0


def test_no_mail_for_a_rolled_back_action(register, office_a, mailbox, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        case = register(D(2025, 3, 3))
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                act(case, "request_correction", office_a, D(2025, 3, 5), items="请写明年份", days=10)
                raise RuntimeError("the request failed after the action")
    assert mailbox == []
    assert not Notice.objects.filter(case=case, kind=NoticeKind.CORRECTION).exists()
