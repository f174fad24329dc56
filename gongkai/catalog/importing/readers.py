"""Turn an uploaded file's bytes into lines of text.

Every reader returns a `Source`: the file's text as lines in reading order (table rows as cells
joined by " | ", so metadata tables and data tables survive), plus a title hint where the format
carries one (a Word "Title" paragraph, an HTML <h1> or <title>). Anything unreadable raises
`ReadError` with a Chinese message that can be shown to the person who uploaded the file.
"""
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".docx")

# Decoders we accept from charset detection: the encodings Chinese government sites actually use.
_ACCEPTED_DETECTED = {"utf_8", "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950",
                      "utf_16", "utf_16_le", "utf_16_be", "utf_32", "ascii"}
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


class ReadError(UserFacingError):
    """A file that cannot be imported; the message says why, in Chinese."""


@dataclass
class Source:
    lines: list = field(default_factory=list)
    title_hint: str = ""  # a title the format marks as such (Word "Title" style, HTML <h1>)
    fallback_title: str = ""  # a weaker guess (the HTML <title>), used only when nothing else is found


def _suffix(name: str) -> str:
    name = (name or "").lower().strip()
    dot = name.rfind(".")
    return name[dot:] if dot >= 0 else ""


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = len(_CONTROL_RE.findall(text))
    return controls > max(2, len(text) // 200)


def decode_text(data: bytes, *, hint: str = "") -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030 or Big5.

    `hint` is an encoding declared by the file itself (an HTML <meta charset>), tried first.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8") if _utf8_ok(data[3:]) else None)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise ReadError(_("文件声明为 UTF-16 编码，但内容无法按此编码读取。"))
    if _utf8_ok(data):  # before any declared charset: pages often say gb2312 but are UTF-8
        return _checked(data.decode("utf-8"))
    if hint:
        try:
            return _checked(data.decode(_canonical_encoding(hint)))
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_32"]).best()
    if best is not None and best.encoding in _ACCEPTED_DETECTED:
        encoding = "gb18030" if best.encoding in {"gb2312", "gbk"} else best.encoding
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            pass
    try:
        return _checked(data.decode("gb18030"))
    except UnicodeDecodeError:
        pass
    # A Chinese file with a handful of broken bytes (often a character cut at the end): keep it,
    # with the broken characters shown as �. Anything worse is not text we can trust.
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        broken = text.count("\ufffd")
        if broken <= max(3, len(text) // 2000) and len(_CJK_RE.findall(text)) > 10 * broken:
            return _checked(text)
    raise ReadError(_("无法识别文件的文字编码：内容既不是 UTF-8，也不是 GBK/GB18030。请将文件另存为 UTF-8 编码后再导入。"))


def _canonical_encoding(name: str) -> str:
    name = name.lower().replace("_", "-")
    if name in {"gb2312", "gbk", "gb-2312", "x-gbk", "cp936"}:
        return "gb18030"  # a superset: pages labelled gb2312 routinely contain GBK characters
    return name


def _utf8_ok(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _checked(text):
    if text is None:
        raise ReadError(_("文件以 UTF-8 标记开头，但内容不是有效的 UTF-8 文字。"))
    if _looks_binary(text):
        raise ReadError(_("文件含有无法识别的二进制内容，不是文本文件。"))
    return text


def _text_lines(text: str) -> list:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n")]


# --- .txt -----------------------------------------------------------------------------------

def read_txt(data: bytes) -> Source:
    return Source(lines=_text_lines(decode_text(data)))


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


def html_to_lines(html: str) -> Source:
    """Lines of the visible, non-chrome text of an HTML page, tables as pipe rows."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(html, "lxml")
    title_tag = soup.find("title")
    page_title = title_tag.get_text(" ", strip=True) if title_tag else ""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_REMOVE_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        if _is_hidden_or_chrome(tag):
            tag.decompose()
    h1 = soup.find("h1")
    title_hint = h1.get_text("", strip=True) if h1 else ""
    # Data tables become one pipe row per line; layout tables just dissolve into blocks.
    for table in reversed(soup.find_all("table")):
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
    for tag in soup.find_all(_BLOCK_TAGS | {"tr", "td", "th"}):
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

    document = _docx_open(data)
    try:
        lines, title_hint = [], ""
        for block in document.element.body.iterchildren():
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
        return read_txt(data)
    if suffix in (".html", ".htm"):
        return read_html(data)
    if suffix == ".docx":
        return read_docx(data)
    if suffix == ".doc":
        raise ReadError(_("不支持旧版 Word（.doc）文件，请另存为 .docx 后再导入。"))
    raise ReadError(_("不支持的文件类型“%(suffix)s”：只能导入 .txt、.html 和 .docx 文件。")
                    % {"suffix": suffix or _("无扩展名")})
