"""The information itself: files disclosed with a 予以公开 / 部分公开 reply.

Staff upload the files while the case is open; each is read and reviewed by the pre-publication
review (personal data, secrecy marks) before it is kept: a block verdict refuses the file with the
reason, warnings are stored masked and shown. A 部分公开 reply needs the redaction recorded on its
files (which file was 区分处理 and how). The files go out with the reply by the way the applicant
chose: attached to the e-mail (up to EMAIL_ATTACH_MAX_BYTES in all), and always downloadable from the
tracking page with the query code once the reply is issued; every download is logged.
"""
import hashlib
import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError

from .models import CLOCK_STATUSES, Case, NoticeKind, NoticeStatus, Outcome
from .models_delivery import DisclosedFile, FileDownload
from .transitions import OFFICE_ROLES

ALLOWED_SUFFIXES = (".pdf", ".docx", ".xlsx", ".txt", ".csv")
MIME = {".pdf": "application/pdf", ".txt": "text/plain", ".csv": "text/csv",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _limit(name: str, default_mb: int) -> int:
    return int(getattr(settings, name, default_mb * 1024 * 1024))


def file_max_bytes() -> int:
    return _limit("FOI_DISCLOSED_FILE_MAX_BYTES", 20)


def case_max_bytes() -> int:
    return _limit("FOI_DISCLOSED_CASE_MAX_BYTES", 100)


def email_attach_max_bytes() -> int:
    return _limit("FOI_EMAIL_ATTACH_MAX_BYTES", 10)


def _check_role(actor, case):
    if actor is not None and not user_has_role(user=actor, agency=case.agency, roles=OFFICE_ROLES):
        raise PermissionDeniedError(_("您没有为“%(agency)s”执行此操作的权限。") % {"agency": case.agency.name})


def _review_file(name: str, data: bytes) -> dict:
    """Read and review the file; refuse it on a block verdict. Returns the masked report."""
    from gongkai.review import services as review

    try:
        text, html = review.text_for_scan(name=name, data=data)
    except (UserFacingError, ValueError) as exc:
        raise UserFacingError(_("无法读取“%(name)s”的文字，不能进行公开前审查：%(e)s")
                              % {"name": name, "e": getattr(exc, "message", str(exc))})
    report = review.review_text(text=text, html=html, context=name)
    if report.verdict == "block":
        raise UserFacingError(_("“%(name)s”未通过公开前审查：%(msg)s 请作区分处理（删除或遮盖）后重新上传。")
                              % {"name": name, "msg": review.review_message(report)})
    data = review.masked_report(report)
    data["message"] = review.review_message(report) if report.verdict != "pass" else ""
    return data


@transaction.atomic
def disclosed_file_add(*, case, actor, name: str, data: bytes, redacted: bool = False,
                       redaction_note: str = "") -> DisclosedFile:
    """Add a file to be disclosed with the reply of `case` (before the reply is made)."""
    case = Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
    _check_role(actor, case)
    if case.status not in CLOCK_STATUSES:
        raise TransitionError(_("只能在答复前添加公开的信息文件。"))
    name = PurePath((name or "").replace("\\", "/")).name.strip()[:200]
    suffix = PurePath(name).suffix.lower()
    if not name or suffix not in ALLOWED_SUFFIXES:
        raise UserFacingError(_("请上传 PDF、Word（.docx）、Excel（.xlsx）、.txt 或 .csv 文件。"))
    if not data:
        raise UserFacingError(_("文件“%(name)s”是空的。") % {"name": name})
    if len(data) > file_max_bytes():
        raise UserFacingError(_("单个文件不能超过 %(mb)d MB。") % {"mb": file_max_bytes() // (1024 * 1024)})
    used = sum(case.disclosed_files.values_list("size", flat=True))
    if used + len(data) > case_max_bytes():
        raise UserFacingError(_("一件申请的文件合计不能超过 %(mb)d MB。") % {"mb": case_max_bytes() // (1024 * 1024)})
    redaction_note = (redaction_note or "").strip()
    if redacted and not redaction_note:
        raise UserFacingError(_("已作区分处理的文件，请写明删除或遮盖了哪些内容及理由。"))
    review = _review_file(name, data)
    item = DisclosedFile(case=case, name=name, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                         redacted=bool(redacted), redaction_note=redaction_note, review=review,
                         uploaded_by=actor if actor is not None and actor.pk else None)
    item.file.save(f"{secrets.token_hex(8)}{suffix}", ContentFile(data), save=False)
    item.save()
    audit_record(actor=actor, action="foi.file_add", obj=case,
                 data={"file": item.pk, "name": name, "size": len(data), "sha256": item.sha256,
                       "redacted": item.redacted, "verdict": review.get("verdict", "")})
    return item


@transaction.atomic
def disclosed_file_remove(*, item, actor) -> None:
    case = Case.objects.select_for_update().select_related("agency").get(pk=item.case_id)
    _check_role(actor, case)
    if case.status not in CLOCK_STATUSES:
        raise TransitionError(_("答复已作出，公开的信息文件不能再删除。"))
    item = DisclosedFile.objects.get(pk=item.pk)
    audit_record(actor=actor, action="foi.file_remove", obj=case, data={"file": item.pk, "name": item.name})
    item.file.delete(save=False)
    item.delete()


def answer_problem(*, case, outcome: str) -> str:
    """Why `case` cannot be answered with `outcome` given its files ("" when it can)."""
    files = list(case.disclosed_files.all())
    if files and outcome not in (Outcome.GRANTED, Outcome.PARTIAL):
        return _("已上传公开的信息文件，只有予以公开或部分公开的答复才能提供文件；请先删除文件。")
    if outcome == Outcome.PARTIAL and files and not any(f.redacted for f in files):
        return _("部分公开：请在所提供的文件中标明已作区分处理的文件，并写明删除或遮盖的内容及理由。")
    return ""


def files_public(case) -> list:
    """The files the applicant may download: only once the reply is issued."""
    if case.outcome not in (Outcome.GRANTED, Outcome.PARTIAL):
        return []
    if not case.notices.filter(kind=NoticeKind.REPLY, status=NoticeStatus.ISSUED).exists():
        return []
    return list(case.disclosed_files.all())


def file_download_record(*, item, ip: str = "", user_agent: str = "") -> FileDownload:
    """Log one download from the tracking page (the client address is kept only as a hash)."""
    ip_hash = hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest() if ip else ""
    return FileDownload.objects.create(file=item, ip_hash=ip_hash, user_agent=(user_agent or "")[:200])


def email_attachments(case) -> tuple[list, bool]:
    """[(name, bytes, mime)] of the disclosed files for the reply e-mail, and whether all fit."""
    files = files_public(case)
    if not files or sum(f.size for f in files) > email_attach_max_bytes():
        return [], not files
    out = []
    for f in files:
        with f.file.open("rb") as fh:
            out.append((f.name, fh.read(), MIME.get(PurePath(f.name).suffix.lower(), "application/octet-stream")))
    return out, True
