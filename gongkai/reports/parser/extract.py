"""Turn a published report file (.html, .txt, .docx) into lines of cells.

Table rows from HTML and Word keep their cells; free text lines are split here: by pipes, tabs, or
a label followed by numbers separated by spaces or by nothing at all.
"""
import re

from django.utils.translation import gettext as _

from gongkai.catalog.importing.readers import decode_text  # noqa: F401  (also used by services)
from gongkai.core.errors import UserFacingError

from .text import clean_text, cut_run_together, lines_from_text, mark_runs, split_line  # noqa: F401  (split_line: tests)

MAX_DOCX_UNPACKED = 40 * 1024 * 1024
MAX_BYTES = 20 * 1024 * 1024



def _lines_from_text(text: str) -> list:
    return lines_from_text(text)


def _lines_from_html(text: str) -> list:
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString

    soup = BeautifulSoup(text, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "iframe"]):
        tag.decompose()
    tables = {}
    for i, table in enumerate(reversed(soup.find_all("table"))):
        rows = []
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table:
                continue
            cells = [clean_text(c.get_text(" ", strip=True)) for c in tr.find_all(["td", "th"], recursive=False)]
            if any(cells):
                rows.append(cells)
        marker = f"@@TABLE{i}@@"
        tables[marker] = rows
        table.replace_with(NavigableString(f"\n{marker}\n"))
    for br in soup.find_all("br"):
        br.replace_with("\n")
    lines = []
    block_tags = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "section", "article"]
    for tag in soup.find_all(block_tags):
        tag.insert_after(NavigableString("\n"))
    for raw in clean_text(soup.get_text("")).splitlines():
        raw = raw.strip()
        if raw in tables:
            lines.extend(tables[raw])
        elif raw:
            pieces = cut_run_together(raw)
            for piece in pieces:
                cells = split_line(piece)
                if cells:
                    lines.append(mark_runs(cells) if len(pieces) > 1 else cells)
    return lines


def _lines_from_docx(data: bytes) -> list:
    from docx.oxml.ns import qn

    from gongkai.core.officezip import docx_open

    # The project's safe opener; a report is small, so its inflated parts are bounded tighter.
    document = docx_open(data, max_bytes=MAX_BYTES, max_unpacked=MAX_DOCX_UNPACKED)
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            for raw in text.splitlines():
                cells = split_line(raw)
                if cells:
                    lines.append(cells)
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                cells = []
                for tc in tr.iterchildren(qn("w:tc")):
                    vmerge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                    if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                        continue  # the cell continues the one above: printed once
                    paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
                    cells.append(" ".join(p.strip() for p in paras if p.strip()))
                if any(cells):
                    lines.append(cells)
    return lines


def lines_from_file(*, name: str, data: bytes) -> list:
    """Return the report's lines, each a list of cell strings, in reading order."""
    if len(data) > MAX_BYTES:
        raise UserFacingError(_("文件超过20MB，无法检查。"))
    lower = (name or "").lower()
    if lower.endswith(".docx"):
        return _lines_from_docx(data)
    if lower.endswith(".doc"):
        raise UserFacingError(_("不支持旧版 Word（.doc）文件，请另存为 .docx 后重试。"))
    if lower.endswith(".pdf"):
        raise UserFacingError(_("暂不支持 PDF 文件，请上传网页（.html）、文本（.txt）或 Word（.docx）版本。"))
    if data[:4] == b"PK\x03\x04":
        return _lines_from_docx(data)
    text = decode_text(data)
    if lower.endswith((".html", ".htm")) or re.search(r"<(html|table|body|p|div)[\s>]", text[:5000], re.I):
        return _lines_from_html(text)
    return _lines_from_text(text)
