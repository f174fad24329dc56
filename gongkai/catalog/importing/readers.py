"""Turn an uploaded file's bytes into lines of text.

Every reader returns a `Source`: the file's text as lines in reading order (table rows as cells
joined by " | ", so metadata tables and data tables survive), plus a title hint where the format
carries one (a Word "Title" paragraph, an HTML <h1> or <title>). Anything unreadable raises
`ReadError` with a Chinese message that can be shown to the person who uploaded the file.
"""
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from .encodings import _META_CHARSET_RE, ReadError, decode_text  # noqa: F401 (ReadError: this module's API too)

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".docx")

# Bounds on the work one file may cause (a hostile file must not hold a worker, or a lock, for long):
HTML_MAX_DEPTH = 400  # element nesting; real pages stay far below 100
TEXT_MAX_CHARS = 2_000_000  # characters of text (about a thousand printed pages)
PARSE_SECONDS = 30  # wall time for reading one file


class _Budget:
    """A deadline for reading one file; `check()` raises ReadError once it has passed."""

    def __init__(self, seconds=None):
        seconds = getattr(settings, "IMPORT_PARSE_SECONDS", PARSE_SECONDS) if seconds is None else seconds
        self.deadline = time.monotonic() + seconds

    def check(self):
        if time.monotonic() > self.deadline:
            raise ReadError(_("文件结构过于复杂，解析超时，已停止导入。请将内容另存为纯文本或简化排版后再导入。"))


@dataclass
class Source:
    lines: list = field(default_factory=list)
    title_hint: str = ""  # a title the format marks as such (Word "Title" style, HTML <h1>)
    fallback_title: str = ""  # a weaker guess (the HTML <title>), used only when nothing else is found


def _suffix(name: str) -> str:
    name = (name or "").lower().strip()
    dot = name.rfind(".")
    return name[dot:] if dot >= 0 else ""


def _text_lines(text: str) -> list:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n")]


# --- .txt -----------------------------------------------------------------------------------

_PAGE_TAG_RE = re.compile(r"<(?:html|body|div|p|table|tr|td|th|li|br|h[1-6])\b[^>]*>", re.I)
_PAGE_CLOSE_RE = re.compile(r"</(?:html|body|div|p|table|tr|td|th|li|h[1-6])\s*>", re.I)


def looks_like_html(text: str) -> bool:
    """A web page saved as text: page markup (paragraphs, cells, breaks) opened and closed."""
    ends = text[:200_000] + "\n" + text[-200_000:] if len(text) > 400_000 else text
    return len(_PAGE_TAG_RE.findall(ends)) >= 5 and len(_PAGE_CLOSE_RE.findall(ends)) >= 3


def read_txt(data: bytes) -> Source:
    text = decode_text(data)
    if looks_like_html(text):
        return html_to_lines(text)
    return Source(lines=_text_lines(text))


# --- .html ----------------------------------------------------------------------------------

_REMOVE_TAGS = ["script", "style", "noscript", "template", "iframe", "object", "embed", "head",
                "nav", "header", "footer", "aside", "form", "button", "select", "input", "textarea",
                "svg", "canvas", "video", "audio", "noframes"]
_CHROME_TOKENS = {"header", "footer", "nav", "navbar", "menu", "sidebar", "breadcrumb", "crumb",
                  "crumbs", "share", "bdshare", "print", "toolbar", "topbar", "position", "location",
                  "hidden", "hide", "d-none", "sr-only", "visually-hidden", "invisible"}
_CHROME_SUBSTRINGS = ("breadcrumb", "crumb", "share", "weixin-qr", "qrcode")
_HIDDEN_STYLE_RE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|"
    r"(?:left|top|text-indent)\s*:\s*-\d{3,}|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|"
    r"(?:width|height)\s*:\s*0(?:px)?\s*;.*(?:width|height)\s*:\s*0(?:px)?\b", re.I)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
               "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure",
               "figcaption", "caption", "table", "tbody", "thead", "tfoot", "body", "html"}


def _is_hidden_or_chrome(tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if _HIDDEN_STYLE_RE.search(str(attrs.get("style", ""))):
        return True
    tokens = set()
    classes = attrs.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    tokens.update(c.lower() for c in classes)
    if attrs.get("id"):
        tokens.add(str(attrs["id"]).lower())
    if tokens & _CHROME_TOKENS:
        return True
    return any(s in t for t in tokens for s in _CHROME_SUBSTRINGS)


def _is_layout_table(table) -> bool:
    if table.find(["table", "p", "div", "h1", "h2", "h3", "ul", "ol"]) is not None:
        return True
    return any(len(cell.get_text(" ", strip=True)) > 300 for cell in table.find_all(["td", "th"]))


_TAG_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
# Elements that have no end tag, or whose end tag pages usually leave out: they do not nest.
_FLAT_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
              "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "tbody", "thead",
              "tfoot", "colgroup", "rt", "rp", "html", "head", "body"}


def html_depth(html: str, limit: int = HTML_MAX_DEPTH) -> int:
    """How deep the page's elements nest (counted on the tags, stops early past `limit`)."""
    depth = deepest = 0
    for m in _TAG_TOKEN_RE.finditer(html):
        name = m.group(2).lower()
        if name in _FLAT_TAGS or m.group(3):
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
    return deepest


def html_to_lines(html: str, budget: _Budget = None) -> Source:
    """Lines of the visible, non-chrome text of an HTML page, tables as pipe rows."""
    from bs4 import BeautifulSoup, Comment

    budget = budget or _Budget()
    if len(html) > 4 * TEXT_MAX_CHARS:
        raise ReadError(_("网页过大（%(n)d 万字符），超过导入上限，请拆分后导入。") % {"n": len(html) // 10000})
    if html_depth(html) > HTML_MAX_DEPTH:
        raise ReadError(_("网页元素嵌套超过 %(n)d 层，疑似恶意构造或排版损坏，已拒绝导入。请另存为纯文本后再导入。")
                        % {"n": HTML_MAX_DEPTH})
    soup = BeautifulSoup(html, "lxml")
    budget.check()
    title_tag = soup.find("title")
    page_title = title_tag.get_text(" ", strip=True) if title_tag else ""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_REMOVE_TAGS):
        tag.decompose()
    for i, tag in enumerate(soup.find_all(True)):
        if i % 500 == 0:
            budget.check()
        if tag.__dict__.get("_decomposed"):  # not `tag.decomposed`: on a Tag that searches the subtree
            continue
        if _is_hidden_or_chrome(tag):
            tag.decompose()
    h1 = soup.find("h1")
    title_hint = h1.get_text("", strip=True) if h1 else ""
    # Data tables become one pipe row per line; layout tables just dissolve into blocks.
    for table in reversed(soup.find_all("table")):
        budget.check()
        if _is_layout_table(table):
            continue
        rows = []
        for tr in table.find_all("tr"):
            cells = [re.sub(r"\s+", " ", c.get_text(" ", strip=True)) for c in tr.find_all(["td", "th"])]
            if any(cells):
                rows.append(" | ".join(cells))
        table.replace_with(soup.new_string("\n" + "\n".join(rows) + "\n"))
    for br in soup.find_all("br"):
        br.replace_with(soup.new_string("\n"))
    for i, tag in enumerate(soup.find_all(_BLOCK_TAGS | {"tr", "td", "th"})):
        if i % 500 == 0:
            budget.check()
        if tag.name in {"td", "th"}:
            tag.insert_after(soup.new_string("\n"))
        else:
            tag.insert_before(soup.new_string("\n"))
            tag.insert_after(soup.new_string("\n"))
    text = soup.get_text()
    fallback = re.split(r"\s*[_|｜]\s*|\s+-\s+", page_title)[0].strip() if page_title else ""
    lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in text.split("\n")]
    return Source(lines=lines, title_hint=title_hint, fallback_title=fallback)


def read_html(data: bytes) -> Source:
    match = _META_CHARSET_RE.search(data[:4096])
    hint = match.group(1).decode("ascii", "ignore") if match else ""
    return html_to_lines(decode_text(data, hint=hint))


# --- .docx ----------------------------------------------------------------------------------

def _docx_open(data: bytes):
    """The project's safe Office opener (size, ratio, parts, XML entities in every part), then python-docx."""
    from gongkai.core.officezip import OfficeFileError, docx_open

    try:
        return docx_open(data)
    except OfficeFileError as exc:
        raise ReadError(exc.message) from None


def read_docx(data: bytes) -> Source:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    budget = _Budget()
    document = _docx_open(data)
    try:
        lines, title_hint = [], ""
        for block in document.element.body.iterchildren():
            budget.check()
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                para = Paragraph(block, document)
                text = para.text.strip()
                style = (para.style.name if para.style is not None else "") or ""
                if text and not title_hint and style.lower() in {"title", "heading 1", "标题", "标题 1"}:
                    title_hint = text
                lines.extend(t.strip() for t in text.split("\n"))
                lines.append("")
            elif tag == "tbl":
                table = Table(block, document)
                for row in table.rows:
                    cells, last = [], None
                    for cell in row.cells:
                        if last is not None and cell._tc is last:
                            continue  # a merged cell repeats itself in python-docx
                        last = cell._tc
                        cells.append(re.sub(r"\s+", " ", cell.text).strip())
                    if any(cells):
                        lines.append(" | ".join(cells))
                lines.append("")
    except ReadError:
        raise
    except Exception:  # python-docx raises KeyError, ValueError, lxml errors… on broken parts
        raise ReadError(_("Word 文件结构损坏，无法读取其内容。"))
    return Source(lines=lines, title_hint=title_hint)


# --- dispatch -------------------------------------------------------------------------------

def read_document(*, name: str, data: bytes) -> Source:
    """Read `data` according to the suffix of `name`; raise ReadError when it cannot be read."""
    limit = settings.MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise ReadError(_("文件过大（%(size).1f MB），超过上限 %(limit).1f MB。")
                        % {"size": len(data) / 1048576, "limit": limit / 1048576})
    if not data.strip():
        raise ReadError(_("文件为空，没有可导入的内容。"))
    suffix = _suffix(name)
    if suffix in (".txt", ".text"):
        source = read_txt(data)
    elif suffix in (".html", ".htm"):
        source = read_html(data)
    elif suffix == ".docx":
        source = read_docx(data)
    else:
        source = None
    if source is not None:
        chars = sum(len(line) for line in source.lines)
        if chars > TEXT_MAX_CHARS:
            raise ReadError(_("文件文字过多（约 %(n)d 万字），超过导入上限 %(limit)d 万字，请拆分后分别导入。")
                            % {"n": chars // 10000, "limit": TEXT_MAX_CHARS // 10000})
        return source
    if suffix == ".doc":
        raise ReadError(_("不支持旧版 Word（.doc）文件，请另存为 .docx 后再导入。"))
    raise ReadError(_("不支持的文件类型“%(suffix)s”：只能导入 .txt、.html 和 .docx 文件。")
                    % {"suffix": suffix or _("无扩展名")})
