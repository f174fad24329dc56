"""What the review reads: a document's public text, and the text of a file to scan."""
import io

from django.utils.translation import gettext as _

from gongkai.catalog.importing.readers import decode_text
from gongkai.core.errors import UserFacingError

from . import detect
from .findings import ReviewReport

MAX_SCAN_BYTES = 20 * 1024 * 1024
_TEXT_ATTACHMENTS = (".txt", ".html", ".htm", ".docx", ".csv", ".md")


def html_scan_text(html: str) -> str:
    """All text of an HTML page, hidden parts included (they are what the scan looks for)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    return soup.get_text("\n")


def file_text(*, name: str, data: bytes) -> tuple[str, str | None]:
    """Return (text, html or None) for a .txt, .html or .docx file."""
    if len(data) > MAX_SCAN_BYTES:
        raise UserFacingError(_("文件超过 %(mb)d MB，无法扫描。") % {"mb": MAX_SCAN_BYTES // (1024 * 1024)})
    lower = (name or "").lower()
    if lower.endswith(".docx"):
        try:
            import docx

            doc = docx.Document(io.BytesIO(data))
        except Exception:
            raise UserFacingError(_("无法读取 Word 文件“%(name)s”，文件可能已损坏。") % {"name": name})
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                lines.append("\t".join(cell.text for cell in row.cells))
        return "\n".join(lines), None
    if data[:4] == b"%PDF" or lower.endswith((".pdf", ".doc", ".xls", ".xlsx", ".zip")):
        raise UserFacingError(_("暂不支持扫描此类文件，请上传 .txt、.html 或 .docx 文件。"))
    text = decode_text(data)
    if "\x00" in text:
        raise UserFacingError(_("文件不是文本文件，无法扫描。"))
    if lower.endswith((".html", ".htm")) or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return html_scan_text(text), text
    return text, None


def attachment_texts(document) -> list[str]:
    """The text of a document's text-like attachments (.txt, .html, .docx)."""
    texts = []
    for attachment in document.attachments.all():
        if not attachment.original_name.lower().endswith(_TEXT_ATTACHMENTS):
            continue
        try:
            with attachment.file.open("rb") as fh:
                data = fh.read(MAX_SCAN_BYTES + 1)
            text, _html = file_text(name=attachment.original_name, data=data)
        except (OSError, UserFacingError):
            continue
        texts.append(text)
    return texts


def document_review(*, document) -> ReviewReport:
    """Review what publishing `document` would show: title, summary, body and attachments."""
    # All text of the body, not only its block elements: a page shows text in a bare <div> too.
    body = html_scan_text(document.body_html) if document.body_html else (document.body_text or "")
    parts = [document.title or "", document.summary or "", body]
    parts += attachment_texts(document)
    return detect.review("\n".join(parts), html=document.body_html or None, context=document.title or "")
