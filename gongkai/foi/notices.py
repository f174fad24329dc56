"""Render a case's notices (.docx via docxtpl) and convert them to PDF when LibreOffice is present.

Template lookup for a kind: the case's agency's own NoticeTemplate override, then the
government-wide override (agency empty, set by a superuser) — for the reply first `reply_<outcome>`,
then `reply` — else the default shipped in templates_docx/.

Templates uploaded by people are code to Jinja, so every template is rendered in an immutable
Jinja sandbox with no globals (`template_env`), uses only the variables in TEMPLATE_VARIABLES (an
upload that uses any other is refused, before anything is rendered), and is opened through the
project's safe Office opener.
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
from gongkai.core.officezip import OfficeFileError, office_check

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


TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
# What `notice_context` and the case actions provide: the only names a template may use.
TEMPLATE_VARIABLES = frozenset({
    "agency_name", "office_name", "office_phone", "office_address", "seal", "tracking_no", "applicant_name",
    "channel", "received_date", "info_summary", "due_date", "provisional_note", "issue_date", "remedies",
    "query_code", "reply_text", "withheld_note", "title", "notice_no", "outcome_label", "legal_basis",
    "outcome_wording", "correction_items", "correction_due", "consultation_due", "consultee",
    "consultation_reason", "consultation_article", "silence_rule", "extension_days", "reason", "art35",
    "fee_basis", "fee_amount", "fee_detail", "payment_method", "fee_pause_note", "fee_due",
    "you", "addressee", "delivery_text", "attachments",
})


def template_env():
    """A fresh immutable Jinja sandbox without globals (no cycler, range, namespace…): attribute
    access to internals, calls of unsafe callables and in-place mutation raise SecurityError;
    `**` and huge repetitions are refused."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class NoticeSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                raise SecurityError("the power operator is not allowed in notice templates")
            if isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple)):
                count = right if isinstance(right, int) else left if isinstance(left, int) else 1
                if isinstance(count, int) and count > 100:
                    raise SecurityError("repetition is limited in notice templates")
            return super().call_binop(context, operator, left, right)

    env = NoticeSandbox(autoescape=True)
    env.globals.clear()
    return env


def template_variables(tpl) -> set:
    """Every name a DocxTemplate reads from its context: body, headers, footers, footnotes and the
    document properties (docxtpl renders all of them)."""
    from docx.oxml import parse_xml
    from jinja2 import meta

    tpl.init_docx()
    sources = [tpl.patch_xml(tpl.get_xml())]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        sources += [tpl.patch_xml(tpl.get_part_xml(part)) for _key, part in tpl.get_headers_footers(uri)]
    for part in tpl.docx.part.package.parts:
        if part.content_type.endswith(".footnotes+xml"):
            sources.append(tpl.patch_xml(tpl.xml_to_string(parse_xml(part.blob))))
    props = tpl.docx.core_properties
    sources += [getattr(props, name) or "" for name in ("author", "comments", "identifier", "language",
                                                        "subject", "title")]
    env = template_env()
    names = set()
    for source in sources:
        names |= meta.find_undeclared_variables(env.parse(source))
    return names


def _render(data: bytes, context: dict) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(data))
    tpl.render(context, jinja_env=template_env(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def cn_date(day: dt.date | None) -> str:
    if not day:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def template_keys(kind: str, outcome: str = "") -> list[str]:
    keys = [f"reply_{outcome}"] if kind == NoticeKind.REPLY and outcome else []
    return keys + [kind]


def template_override(key: str, agency_id=None):
    """The NoticeTemplate row for `key` of one agency (None: the government-wide one), or None."""
    return NoticeTemplate.objects.filter(key=key, agency_id=agency_id).first()


def template_bytes(kind: str, outcome: str = "", agency_id=None) -> bytes:
    """Return the .docx template to use for `kind`: the agency's override, the government-wide
    override, then the shipped default."""
    for key in template_keys(kind, outcome):
        for scope in ([agency_id] if agency_id else []) + [None]:
            override = template_override(key, scope)
            if override and override.file:
                with override.file.open("rb") as fh:
                    return fh.read()
    return (DEFAULTS_DIR / f"{kind}.docx").read_bytes()


def template_validate(data: bytes) -> str:
    """Return "" when `data` is a safe .docx template that uses only TEMPLATE_VARIABLES and renders
    in the sandbox with a sample context, else a Chinese message. Nothing is rendered before the
    variables are known to be allowed."""
    from docxtpl import DocxTemplate

    try:
        office_check(data, max_bytes=TEMPLATE_MAX_BYTES, kind="docx")
    except OfficeFileError as exc:
        return exc.message
    try:
        used = template_variables(DocxTemplate(io.BytesIO(data)))
    except Exception as exc:  # noqa: BLE001 - any parse or template error is reported to the admin
        return _("模板无法使用：%(error)s") % {"error": str(exc)[:200]}
    unknown = sorted(used - TEMPLATE_VARIABLES)
    if unknown:
        return _("模板使用了不允许的变量：%(names)s。文书模板只能使用以下变量：%(allowed)s。") % {
            "names": "、".join(unknown[:10]), "allowed": "、".join(sorted(TEMPLATE_VARIABLES))}
    try:
        _render(data, {name: "示例" for name in TEMPLATE_VARIABLES})
    except Exception as exc:  # noqa: BLE001
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


def notice_render_context(*, kind: str, context: dict, agency_id=None) -> bytes:
    """Return the filled .docx for a context made by `notice_context` (the agency's template)."""
    data = template_bytes(kind, context.get(OUTCOME_KEY, ""), agency_id)
    try:
        office_check(data, max_bytes=TEMPLATE_MAX_BYTES, kind="docx")
        return _render(data, context)
    except Exception as exc:  # noqa: BLE001 - a broken override must not lose the case's work
        message = exc.message if isinstance(exc, UserFacingError) else str(exc)[:200]
        raise UserFacingError(_("文书模板“%(kind)s”无法生成：%(error)s。请管理员检查模板。")
                              % {"kind": NoticeKind(kind).label, "error": message})


def notice_render(*, case, kind: str, issue_date: dt.date, number: str = "",
                  extra: dict | None = None) -> bytes:
    """Return the filled .docx for `case`."""
    return notice_render_context(kind=kind, agency_id=case.agency_id,
                                 context=notice_context(case=case, kind=kind, issue_date=issue_date,
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
