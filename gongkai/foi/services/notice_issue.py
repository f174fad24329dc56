"""Notices: recorded pending with the action that issues them, rendered to .docx by a task after
the action commits, retried after a failure, and e-mailed to the applicant.

The tasks are queued by name (core.queue), so this module imports no tasks module."""
import datetime as dt
import hashlib
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record
from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.core.queue import task_enqueue

from .. import disclosure, notices
from ..models import Case, Delivery, Notice, NoticeKind, NoticeStatus
from ..selectors import applicant_notices
from ..signals import notice_issued
from ..transitions import OFFICE_ROLES
from .common import _check_role, _review

logger = logging.getLogger(__name__)

NOTICE_GENERATE_TASK = "gongkai.foi.notice_generate"
NOTICE_EMAIL_SEND_TASK = "gongkai.foi.notice_email_send"


def _notice_issue(*, case, kind, actor, issue_date, extra=None, review_text=""):
    """Record a notice for the action being taken: a pending row holding the facts as of now, and
    the task that renders it (queued for when this transaction commits)."""
    review = _review(review_text, context=f"foi_notice:{kind}") if review_text else {}
    number = notices.notice_number(case, kind, issue_date=issue_date)
    notice = Notice.objects.create(
        case=case, kind=kind, number=number, issue_date=issue_date, review=review,
        context=notices.notice_context(case=case, kind=kind, issue_date=issue_date, number=number, extra=extra),
        created_by=actor if actor is not None and actor.pk else None)
    task_enqueue(NOTICE_GENERATE_TASK, notice.pk)
    return notice


def notice_generate(*, notice) -> Notice:
    """Render a pending notice, write its .docx to storage, then mark it issued (with an audit row).

    Idempotent: a notice already issued (or failed) is returned unchanged, and the row lock makes
    a second run wait for the first. The file is written before the row that names it commits,
    under a name fixed by the notice number, so a run killed in between leaves nothing that a
    reader can see and the next run overwrites the file it left. A template that cannot be
    rendered marks the notice failed with the reason in Chinese (`notice_retry` tries again).
    """
    try:
        with transaction.atomic():
            notice = Notice.objects.select_for_update().select_related("case").get(pk=notice.pk)
            if notice.status != NoticeStatus.PENDING:
                return notice
            data = notices.notice_render_context(kind=notice.kind, context=notice.context,
                                                 agency_id=notice.case.agency_id)
            notice.file.name = notices.notice_file_write(notice=notice, data=data)
            notice.sha256 = hashlib.sha256(data).hexdigest()
            notice.status, notice.error = NoticeStatus.ISSUED, ""
            if notice.context.get("query_code"):
                # the plain query code is needed only to print the receipt; the case keeps its hash
                notice.context = {**notice.context, "query_code": ""}
            notice.save()
            audit_record(actor=None, action="foi.notice_issue", obj=notice, agency_id=notice.case.agency_id,
                         from_state=NoticeStatus.PENDING, to_state=NoticeStatus.ISSUED,
                         data={"case": notice.case.tracking_no, "kind": notice.kind, "number": notice.number,
                               "sha256": notice.sha256})
            notice_issued.send(sender=Notice, notice=notice)
        return notice
    except UserFacingError as exc:
        with transaction.atomic():
            notice = Notice.objects.select_for_update().select_related("case").get(pk=notice.pk)
            if notice.status == NoticeStatus.PENDING:
                notice.status, notice.error = NoticeStatus.FAILED, exc.message
                notice.save(update_fields=["status", "error"])
                audit_record(actor=None, action="foi.notice_fail", obj=notice, agency_id=notice.case.agency_id,
                             from_state=NoticeStatus.PENDING, to_state=NoticeStatus.FAILED, reason=exc.message,
                             data={"case": notice.case.tracking_no, "number": notice.number})
        return notice


def notice_retry(*, notice, actor) -> Notice:
    """Generate a failed notice again (after an administrator has fixed its template)."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("case__agency").get(pk=notice.pk)
        _check_role(actor, notice.case.agency, OFFICE_ROLES)
        if notice.status != NoticeStatus.FAILED:
            raise TransitionError(_("只有生成失败的文书可以重新生成。"))
        notice.status, notice.error = NoticeStatus.PENDING, ""
        notice.save(update_fields=["status", "error"])
        audit_record(actor=actor, action="foi.notice_retry", obj=notice, agency_id=notice.case.agency_id,
                     from_state=NoticeStatus.FAILED, to_state=NoticeStatus.PENDING,
                     data={"case": notice.case.tracking_no, "number": notice.number})
        task_enqueue(NOTICE_GENERATE_TASK, notice.pk)
    notice.refresh_from_db()
    return notice


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTICE_EMAIL_WINDOW = dt.timedelta(days=3)


def notice_email_send(*, notice) -> bool:
    """E-mail the applicant that `notice` was issued, attaching it when they chose e-mail delivery.

    Returns whether a mail went out. Idempotent: the row is locked and `emailed_at` recorded with an
    audit row, so a notice is mailed once (a worker killed after the send and before the commit may
    mail it twice: mail is at least once, never lost). A mail server that refuses or cannot be
    reached leaves `emailed_at` empty for `notice_emails_pending_send` to try again; it never
    undoes the notice.
    """
    from django.core.mail import EmailMessage
    from django.urls import reverse

    if not getattr(settings, "FOI_NOTICE_EMAIL", True):
        return False
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("case__agency").get(pk=notice.pk)
        case = notice.case
        if (notice.emailed_at or not case.email
                or not applicant_notices(case_ids=[case.pk]).filter(pk=notice.pk).exists()):
            return False
        attach = case.delivery == Delivery.EMAIL
        lines = [
            _("%(name)s：") % {"name": case.applicant_name},
            _("您向%(agency)s提出的政府信息公开申请（申请编号 %(no)s）已出具《%(kind)s》（%(number)s）。")
            % {"agency": case.agency.name, "no": case.tracking_no, "kind": notice.get_kind_display(),
               "number": notice.number},
            _("文书见本邮件附件。") if attach else
            _("文书将按您选择的方式（%(way)s）送达。") % {"way": case.get_delivery_display()},
            _("您可凭申请编号和查询码在 %(url)s 查看办理进度和文书。")
            % {"url": settings.SITE_URL + reverse("foi:track")},
            _("本邮件由系统自动发送，请勿直接回复。"),
        ]
        message = EmailMessage(
            subject=_("【政府信息公开】%(kind)s（申请编号 %(no)s）") % {"kind": notice.get_kind_display(),
                                                               "no": case.tracking_no},
            body="\n\n".join(lines), to=[case.email])
        if attach:
            with notice.file.open("rb") as fh:
                message.attach(f"{notice.number}.docx", fh.read(), DOCX_MIME)
            if notice.kind == NoticeKind.REPLY:  # the disclosed information itself, when it fits
                files, complete = disclosure.email_attachments(case)
                for name, data, mime in files:
                    message.attach(name, data, mime)
                if not complete:
                    message.body += "\n\n" + _("所公开的信息文件较大，未随邮件发送，请凭申请编号和查询码在上述网址下载。")
        try:
            message.send(fail_silently=False)
        except (OSError, smtplib.SMTPException) as exc:
            logger.warning("notice %s: e-mail to the applicant failed: %s", notice.pk, exc)
            return False
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])
        audit_record(actor=None, action="foi.notice_email", obj=notice, agency_id=case.agency_id,
                     data={"case": case.tracking_no, "number": notice.number, "attached": attach})
    return True


def notice_emails_pending_send() -> int:
    """Queue the applicant e-mail of notices issued in the last few days and not yet mailed."""
    if not getattr(settings, "FOI_NOTICE_EMAIL", True):
        return 0
    ids = list(applicant_notices(case_ids=Case.objects.exclude(email="").values("pk"))
               .filter(emailed_at__isnull=True, created_at__gte=timezone.now() - NOTICE_EMAIL_WINDOW)
               .values_list("pk", flat=True))
    for pk in ids:
        task_enqueue(NOTICE_EMAIL_SEND_TASK, pk)
    return len(ids)


def notices_pending_requeue(*, older_than_seconds: int = 300) -> int:
    """Queue again every notice still pending after `older_than_seconds` (its message was lost, or its
    worker failed for a reason other than being killed); returns how many. Safe to run at any time."""
    cutoff = timezone.now() - dt.timedelta(seconds=older_than_seconds)
    ids = list(Notice.objects.filter(status=NoticeStatus.PENDING, created_at__lt=cutoff).values_list("pk", flat=True))
    for pk in ids:
        task_enqueue(NOTICE_GENERATE_TASK, pk)
    return len(ids)
