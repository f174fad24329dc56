"""Render a case's notices (.docx via docxtpl) and convert them to PDF when LibreOffice is present.

Template lookup for a kind: an administrator's NoticeTemplate override (for the reply, first
`reply_<outcome>`, then `reply`), else the default shipped in templates_docx/.
"""
import datetime as dt
import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongkai.core.errors import UserFacingError

from . import pdf_fonts, wording
from .models import Channel, NoticeKind, NoticeTemplate, Outcome
from .numbering import notice_number_allocate
from .outcomes import outcome_wording
from .remedies import remedy_sentence

DEFAULTS_DIR = Path(__file__).resolve().parent / "templates_docx"
PDF_TIMEOUT_SECONDS = 90
OUTCOME_KEY = "_outcome"  # in a stored context: the case's outcome, which picks the reply template
TITLES = {
    NoticeKind.RECEIPT: _lazy("政府信息公开申请登记回执"),
    NoticeKind.CORRECTION: _lazy("政府信息公开申请补正告知书"),
    NoticeKind.EXTENSION: _lazy("政府信息公开申请延期答复告知书"),
    NoticeKind.CONSULTATION: _lazy("政府信息公开征求意见书"),
    NoticeKind.FEE: _lazy("政府信息公开信息处理费收费通知书"),
    NoticeKind.REPLY: _lazy("政府信息公开申请答复书"),
}


def cn_date(day: dt.date | None) -> str:
    if not day:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def template_keys(kind: str, outcome: str = "") -> list[str]:
    keys = [f"reply_{outcome}"] if kind == NoticeKind.REPLY and outcome else []
    return keys + [kind]


def template_bytes(kind: str, outcome: str = "") -> bytes:
    """Return the .docx template to use for `kind` (override first, then the shipped default)."""
    for key in template_keys(kind, outcome):
        override = NoticeTemplate.objects.filter(key=key).first()
        if override and override.file:
            with override.file.open("rb") as fh:
                return fh.read()
    return (DEFAULTS_DIR / f"{kind}.docx").read_bytes()


def template_validate(data: bytes) -> str:
    """Return "" when `data` is a .docx that docxtpl can render with a sample context, else a message."""
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.render({}, autoescape=True)
    except Exception as exc:  # noqa: BLE001 - any parse or template error is reported to the admin
        return _("模板无法使用：%(error)s") % {"error": str(exc)[:200]}
    return ""


def base_context(case, *, issue_date: dt.date) -> dict:
    agency = case.agency
    you = wording.you(case)
    summary = "；".join(wording.clause(x) for x in [case.info_title, case.info_doc_no, case.info_description] if x)
    return {
        "agency_name": agency.name,
        "office_name": agency.office_name or agency.name,
        "office_phone": agency.office_phone,
        "office_address": agency.office_address,
        "seal": "",
        "you": you,
        "addressee": case.applicant_name,
        "tracking_no": case.tracking_no,
        "applicant_name": case.applicant_name,
        "channel": Channel(case.channel).label,
        "received_date": cn_date(case.received_date),
        "info_summary": wording.clause(summary[:500]),
        "due_date": cn_date(case.due_date),
        "provisional_note": _("（暂定，以国务院办公厅公布的节假日安排为准）") if case.provisional else "",
        "issue_date": cn_date(issue_date),
        "remedies": remedy_sentence(decided=issue_date, subject=_("本告知")),
        "query_code": "",
        "reply_text": "",
        "withheld_note": "",
        "delivery_text": "",
        "attachments": "",
    }


# Values the templates continue with their own punctuation, and values that are whole paragraphs.
CLAUSE_KEYS = {"reason", "fee_detail", "payment_method", "consultee", "fee_basis", "legal_basis", "outcome_label"}
PARAGRAPH_KEYS = {"correction_items", "consultation_reason", "reply_text", "withheld_note"}
REMEDY_SUBJECTS = {NoticeKind.REPLY: _lazy("本答复"), NoticeKind.FEE: _lazy("本通知"),
                   NoticeKind.CORRECTION: _lazy("本告知"), NoticeKind.EXTENSION: _lazy("本告知")}


def notice_context(*, case, kind: str, issue_date: dt.date, number: str = "", extra: dict | None = None) -> dict:
    """The facts a notice of `case` shows, as of now (JSON-safe: stored on the pending Notice)."""
    context = base_context(case, issue_date=issue_date)
    context["title"] = str(TITLES[NoticeKind(kind)])
    context["notice_no"] = number
    outcome = case.outcome if kind == NoticeKind.REPLY else ""
    context["remedies"] = remedy_sentence(outcome=outcome or "", decided=issue_date,
                                          subject=str(REMEDY_SUBJECTS.get(kind, _("本告知"))))
    if kind == NoticeKind.REPLY and case.outcome:
        context.update({"outcome_label": wording.clause(Outcome(case.outcome).label),
                        "legal_basis": wording.clause(case.legal_basis),
                        "outcome_wording": wording.for_applicant(outcome_wording(case.outcome), case),
                        "reply_text": wording.paragraph(case.reply_text),
                        "withheld_note": wording.paragraph(case.withheld_note)})
        context.update(wording.delivery(case))
    context.update(extra or {})
    for key in CLAUSE_KEYS & set(context):
        context[key] = wording.clause(str(context[key]))
    for key in PARAGRAPH_KEYS & set(context):
        context[key] = wording.paragraph(str(context[key]))
    context[OUTCOME_KEY] = case.outcome or ""
    return wording.tidy(json.loads(json.dumps(context, ensure_ascii=False, default=str)))


def notice_render_context(*, kind: str, context: dict) -> bytes:
    """Return the filled .docx for a context made by `notice_context`."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(template_bytes(kind, context.get(OUTCOME_KEY, ""))))
    try:
        tpl.render(context, autoescape=True)
    except Exception as exc:  # noqa: BLE001 - a broken override must not lose the case's work
        raise UserFacingError(_("文书模板“%(kind)s”无法生成：%(error)s。请管理员检查模板。")
                              % {"kind": NoticeKind(kind).label, "error": str(exc)[:200]})
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def notice_render(*, case, kind: str, issue_date: dt.date, number: str = "",
                  extra: dict | None = None) -> bytes:
    """Return the filled .docx for `case`."""
    return notice_render_context(kind=kind, context=notice_context(case=case, kind=kind, issue_date=issue_date,
                                                                   number=number, extra=extra))


def notice_number(case, kind: str, *, issue_date: dt.date) -> str:
    """The notice's 文号 (e.g. 示财依申〔2026〕12号): the agency's next number in the year of its
    落款日期 (call inside the issuing transaction; see numbering.py)."""
    return notice_number_allocate(agency=case.agency, year=issue_date.year, kind=kind)


def notice_file_name(notice) -> str:
    """Where a notice's .docx is stored: fixed by its number, so a retried generation finds (and
    replaces) what a killed one may have left, instead of leaving a second file beside it."""
    year = (notice.issue_date or timezone.localdate(notice.created_at)).year
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in notice.number)
    # two agencies may share a 代字; the case's tracking number keeps the names apart
    return f"foi/notices/{year}/{notice.case.tracking_no}-{safe}.docx"


def notice_file_write(*, notice, data: bytes) -> str:
    """Write the .docx of `notice` to the storage backend; return the stored name."""
    storage = notice.file.storage
    name = notice_file_name(notice)
    if storage.exists(name):
        storage.delete(name)  # left by a generation that was killed before its row was saved
    return storage.save(name, ContentFile(data))


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes) -> bytes:
    """Convert .docx bytes to PDF with LibreOffice; raise UserFacingError when it is not installed."""
    binary = soffice_path()
    if not binary:
        raise UserFacingError(_("服务器未安装 LibreOffice，无法生成PDF；请下载Word版本。"
                                "（管理员可执行 make deps-system，或 apt-get install libreoffice-writer-nogui "
                                "fonts-noto-cjk fonts-arphic-ukai）"))
    problem = pdf_fonts.fonts_problem()
    if problem:
        raise UserFacingError(problem + _("请下载Word版本。"))
    with tempfile.TemporaryDirectory(prefix="gongkai-pdf-") as tmp:
        src = Path(tmp) / "notice.docx"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                            "pdf", "--outdir", tmp, str(src)], check=True, capture_output=True,
                           timeout=PDF_TIMEOUT_SECONDS, env=pdf_fonts.fontconfig_env())
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise UserFacingError(_("PDF转换失败，请下载Word版本。（%(error)s）") % {"error": type(exc).__name__})
        pdf = Path(tmp) / "notice.pdf"
        if not pdf.exists():
            raise UserFacingError(_("PDF转换失败，请下载Word版本。"))
        return pdf.read_bytes()
