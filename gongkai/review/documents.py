"""What the review reads: a document's public text, and the text of a file to scan.

Attachments are read as text where their format allows (.txt, .html, .docx, .pdf, .xlsx). The work
on one file is bounded (bytes, PDF pages, spreadsheet cells, extracted characters, seconds); a file
that cannot be read within those bounds, is damaged or encrypted, or is a PDF without a text layer
becomes a *warn* finding: the reviewer has to look at it by hand before publishing.
"""
import hashlib
import io
import json
import threading
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from gongkai.catalog.importing.readers import decode_text
from gongkai.core.errors import UserFacingError

from . import detect
from .findings import WARN, ReviewReport, worst
from .spam import strip_spam

MAX_SCAN_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_XLSX_CELLS = 200_000
MAX_EXTRACTED_CHARS = 2_000_000
MAX_EXTRACT_SECONDS = 20.0
_TEXT_ATTACHMENTS = (".txt", ".html", ".htm", ".docx", ".csv", ".md", ".pdf", ".xlsx")


@dataclass
class AttachmentProblem:
    """An attachment the review could not read: the reviewer must look at it by hand."""

    name: str
    problem: str

    def to_dict(self) -> dict:
        return asdict(self)


class _Budget:
    """Bounds the text taken out of one file: characters and seconds."""

    def __init__(self, name: str):
        self.name, self.chars, self.started = name, 0, time.process_time()

    def add(self, text: str) -> None:
        self.chars += len(text)
        if self.chars > MAX_EXTRACTED_CHARS:
            raise UserFacingError(_("附件“%(name)s”的文字超过 %(n)d 万字，未能全部审查。")
                                  % {"name": self.name, "n": MAX_EXTRACTED_CHARS // 10000})
        if time.process_time() - self.started > MAX_EXTRACT_SECONDS:
            raise UserFacingError(_("读取附件“%(name)s”耗时过长，未能全部审查。") % {"name": self.name})


def pdf_text(*, name: str, data: bytes) -> str:
    """The text layer of a PDF (pypdf). Raises UserFacingError (Chinese) when it cannot be read:
    damaged, encrypted, too many pages, too much text, too slow, or no text at all (a scan)."""
    from pypdf import PdfReader

    budget = _Budget(name)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # only an owner password: readable as it is
            except Exception:
                opened = 0
            if not opened:
                raise UserFacingError(_("PDF 文件“%(name)s”已加密，无法读取其文字。") % {"name": name})
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise UserFacingError(_("PDF 文件“%(name)s”有 %(pages)d 页，超过 %(max)d 页，未能审查。")
                                  % {"name": name, "pages": pages, "max": MAX_PDF_PAGES})
        parts = []
        for page in reader.pages:
            text = page.extract_text() or ""
            budget.add(text)
            parts.append(text)
    except UserFacingError:
        raise
    except Exception:
        raise UserFacingError(_("无法读取 PDF 文件“%(name)s”，文件可能已损坏。") % {"name": name})
    text = "\n".join(parts)
    if pages and not text.strip():
        raise UserFacingError(_("PDF 文件“%(name)s”没有可读取的文字（可能是扫描件）。") % {"name": name})
    return text


def xlsx_text(*, name: str, data: bytes) -> str:
    """The cell values of every sheet of an .xlsx workbook (openpyxl, read-only), one row a line.
    Raises UserFacingError (Chinese) for damaged or encrypted workbooks, zip bombs, too many cells."""
    from gongkai.core.officezip import OfficeFileError, xlsx_open

    budget = _Budget(name)
    try:
        workbook = xlsx_open(data)  # zip bombs, encrypted parts, unsafe names, XML entities in every part
    except OfficeFileError as exc:
        raise UserFacingError(_("无法读取 Excel 文件“%(name)s”：%(error)s") % {"name": name, "error": exc.message})
    except Exception:
        raise UserFacingError(_("无法读取 Excel 文件“%(name)s”，文件可能已损坏、已加密或内部结构异常。") % {"name": name})
    lines, cells = [], 0
    try:
        for sheet in workbook.worksheets:
            lines.append(str(sheet.title))
            for row in sheet.iter_rows(values_only=True):
                cells += len(row)
                if cells > MAX_XLSX_CELLS:
                    raise UserFacingError(_("Excel 文件“%(name)s”超过 %(max)d 个单元格，未能全部审查。")
                                          % {"name": name, "max": MAX_XLSX_CELLS})
                line = "\t".join("" if v is None else str(v) for v in row).rstrip("\t")
                if line:
                    budget.add(line)
                    lines.append(line)
    except UserFacingError:
        raise
    except Exception:
        raise UserFacingError(_("无法读取 Excel 文件“%(name)s”，文件可能已损坏。") % {"name": name})
    finally:
        workbook.close()
    return "\n".join(lines)


def html_scan_text(html: str) -> str:
    """All text of an HTML page, hidden parts included (they are what the scan looks for)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    return soup.get_text("\n")


def file_text(*, name: str, data: bytes) -> tuple[str, str | None]:
    """Return (text, html or None) for a .txt, .html, .docx, .pdf or .xlsx file."""
    if len(data) > MAX_SCAN_BYTES:
        raise UserFacingError(_("文件超过 %(mb)d MB，无法扫描。") % {"mb": MAX_SCAN_BYTES // (1024 * 1024)})
    lower = (name or "").lower()
    if lower.endswith(".docx"):
        from gongkai.core.officezip import OfficeFileError, docx_open

        try:
            doc = docx_open(data)  # zip bombs, encrypted parts, unsafe names, XML entities in every part
        except OfficeFileError as exc:
            raise UserFacingError(_("无法读取 Word 文件“%(name)s”：%(error)s") % {"name": name, "error": exc.message})
        except Exception:
            raise UserFacingError(_("无法读取 Word 文件“%(name)s”，文件可能已损坏。") % {"name": name})
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                lines.append("\t".join(cell.text for cell in row.cells))
        return "\n".join(lines), None
    if data[:5] == b"%PDF-" or lower.endswith(".pdf"):
        return pdf_text(name=name, data=data), None
    if lower.endswith(".xlsx"):
        return xlsx_text(name=name, data=data), None
    if lower.endswith((".doc", ".xls", ".zip")):
        raise UserFacingError(_("暂不支持扫描此类文件，请上传 .txt、.html、.docx、.pdf 或 .xlsx 文件。"))
    text = decode_text(data)
    if "\x00" in text:
        raise UserFacingError(_("文件不是文本文件，无法扫描。"))
    if lower.endswith((".html", ".htm")) or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return html_scan_text(text), text
    return text, None


def attachment_texts(document) -> tuple[list[str], list[AttachmentProblem]]:
    """The text of a document's readable attachments (.txt, .html, .docx, .pdf, .xlsx), and the
    attachments that could not be read: damaged, encrypted or too large, or of a kind the review
    cannot read at all (.doc, .xls, images, archives)."""
    texts, problems = [], []
    for attachment in document.attachments.all():
        name = attachment.original_name
        if not name.lower().endswith(_TEXT_ATTACHMENTS):
            # .doc, .xls, images, archives: nothing here can read them, so a person must (a photo of
            # an ID card or a scanned page marked 秘密 would otherwise pass unseen).
            problems.append(AttachmentProblem(name=name, problem=_(
                "附件“%(name)s”的文件类型无法自动审查，请人工核对其中没有个人信息、密级标志或植入内容。") % {"name": name}))
            continue
        try:
            with attachment.file.open("rb") as fh:
                data = fh.read(MAX_SCAN_BYTES + 1)
            text, _html = file_text(name=name, data=data)
        except UserFacingError as exc:
            message = exc.message if name in exc.message else _("附件“%(name)s”：%(reason)s") % {
                "name": name, "reason": exc.message}
            problems.append(AttachmentProblem(name=name, problem=message))
            continue
        except OSError:
            problems.append(AttachmentProblem(name=name, problem=_("附件“%(name)s”的文件无法打开。") % {"name": name}))
            continue
        texts.append(text)
    return texts, problems


# Reports computed before a write transaction (`review_prepare`, from the `document_prepare` signal),
# keyed by what they reviewed: the publish gate inside the transaction then only looks them up.
_PREPARED: "OrderedDict[str, ReviewReport]" = OrderedDict()
_PREPARED_MAX = 32
_PREPARED_LOCK = threading.Lock()


def _prepared_key(title: str, summary: str, body_html: str, body_text: str) -> str:
    return hashlib.sha256(json.dumps([title or "", summary or "", body_html or "", body_text or ""],
                                     ensure_ascii=False).encode()).hexdigest()


def _review_parts(*, title, summary, body_html, body_text, extra=()) -> ReviewReport:
    # All text of the body, not only its block elements: a page shows text in a bare <div> too.
    body = html_scan_text(body_html) if body_html else (body_text or "")
    # The title as context tells the detectors what the document is about; spam in it must not
    # (a casino name in a 彩票公益金 title would make the page look like one about gambling policy).
    return detect.review("\n".join([title or "", summary or "", body, *extra]), html=body_html or None,
                         context=strip_spam(title or ""))


def review_prepare(*, title: str, summary: str = "", body_html: str = "", body_text: str = "") -> None:
    """Review a document's text before the transaction that publishes it, and keep the report."""
    report = _review_parts(title=title, summary=summary, body_html=body_html, body_text=body_text)
    with _PREPARED_LOCK:
        _PREPARED[_prepared_key(title, summary, body_html, body_text)] = report
        while len(_PREPARED) > _PREPARED_MAX:
            _PREPARED.popitem(last=False)


def document_review(*, document) -> ReviewReport:
    """Review what publishing `document` would show: title, summary, body and attachments.
    An attachment that could not be read makes the verdict at least *warn*."""
    texts, problems = attachment_texts(document)
    prepared = None
    if not texts and not problems:
        key = _prepared_key(document.title, document.summary, document.body_html,
                            "" if document.body_html else document.body_text)
        with _PREPARED_LOCK:
            prepared = _PREPARED.pop(key, None)
    report = prepared or _review_parts(title=document.title, summary=document.summary,
                                       body_html=document.body_html, body_text=document.body_text, extra=texts)
    if problems:
        report.attachments = problems
        report.verdict = worst(report.verdict, WARN)
    return report
