"""The one safe way to open an Office (zip) file: .docx, .xlsx, .pptx, templates, any zip upload.

    from gongkai.core.officezip import docx_open, xlsx_open, office_check

    document = docx_open(data)            # python-docx Document, after the checks
    workbook = xlsx_open(data)            # openpyxl read-only workbook, after the checks
    office_check(data)                    # just the checks (before docxtpl or another reader)

Every part of the archive is checked before any library parses it, whatever its name:
- the file size (`max_bytes`, default MAX_UPLOAD_BYTES), the entry count, unsafe part names
  (absolute, `..`, drive letters) and encrypted parts;
- the inflated size of every part, counted while it is really inflated (a lying header cannot make
  us inflate without bound), the total (`max_unpacked`) and the ratio of each large part;
- every part that an XML parser would read as XML (found by its bytes: a UTF-8, UTF-16 or UTF-32
  byte-order mark or pattern, or a leading "<", so a renamed main part is caught too) is parsed in
  full by defusedxml (expat) with DTDs, entity declarations and external references forbidden: a
  DOCTYPE anywhere in the prolog, in any encoding, is refused. A part that looks like XML but does
  not parse (unknown encoding, broken markup) is refused as damaged.

Every refusal is an `OfficeFileError` (a `UserFacingError`) with a Chinese message.
"""
import io
import re
import zipfile
import zlib

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import UserFacingError

MAX_ENTRIES = 2000
MAX_UNPACKED = 200 * 1024 * 1024  # all parts together, inflated
MAX_RATIO = 200  # inflated / compressed, for a part over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
CHUNK = 64 * 1024

_BAD = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError, NotImplementedError,
        KeyError, IndexError, OverflowError)


class OfficeFileError(UserFacingError):
    """An Office file that is refused; the message says why, in Chinese."""

    def __init__(self, message):
        super().__init__(message, code="office_refused")


def _damaged(kind: str = "") -> OfficeFileError:
    if kind == "docx":
        return OfficeFileError(_("不是有效的 Word 文件（.docx）：文件已损坏，或者并非 docx 格式（旧版 .doc 请先另存为 .docx）。"))
    if kind == "xlsx":
        return OfficeFileError(_("不是有效的 Excel 文件（.xlsx）：文件已损坏，或者并非 xlsx 格式（旧版 .xls 请先另存为 .xlsx）。"))
    return OfficeFileError(_("文件已损坏，无法作为 Office 文档（.docx/.xlsx）打开，请用办公软件重新保存后再上传。"))


def _bomb() -> OfficeFileError:
    return OfficeFileError(_("文件解压后体积过大或压缩比异常（疑似“压缩炸弹”），已拒绝。"))


def _looks_like_xml(head: bytes) -> bool:
    """Would an XML parser read a part starting with `head` as XML? (byte-order marks, UTF-16/32
    without one, EBCDIC "<?xm", or "<" after XML white space in an ASCII-compatible encoding)."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\x4c\x6f\xa7\x94")):
        return True
    if head[:4] in (b"<\x00\x00\x00", b"\x00\x00\x00<", b"\x00<\x00?", b"<\x00?\x00"):
        return True
    for encoding in ("utf-16-le", "utf-16-be", "latin-1"):
        width = 2 if encoding.startswith("utf-16") else 1
        text = head[: len(head) - len(head) % width].decode(encoding, "replace")
        if text.lstrip(" \t\r\n").startswith("<"):
            return True
    return False


def _xml_check(archive, info, budget: list) -> None:
    """Parse one part with defusedxml while inflating it; raise OfficeFileError when refused."""
    from xml.sax import SAXException

    from defusedxml import DefusedXmlException

    parser = _checker()
    try:
        try:
            for chunk in _chunks(archive, info, budget):
                parser.feed(chunk)
            parser.close()
        except ValueError as exc:
            if isinstance(exc, DefusedXmlException) or "multi-byte" not in str(exc):
                raise
            _transcoded_check(archive, info)  # GBK, GB2312, Big5…: expat reads only UTF-8/16 and 8-bit
    except DefusedXmlException:
        raise OfficeFileError(_("文件内含 XML 实体或文档类型声明（DOCTYPE，可能用于攻击），已拒绝。请用办公软件重新保存后再上传。"))
    except (SAXException, LookupError, UnicodeError):
        # Not XML to expat. Refuse it when it is named as XML (Office XML parts are well-formed) or
        # when lxml (what python-docx and openpyxl use) would read it: expat could not vouch for it.
        if info.filename.lower().endswith((".xml", ".rels")) or _lxml_reads(archive, info):
            raise OfficeFileError(_("文件内部部件“%(part)s”不是有效的 XML（或使用了不支持的编码），文件可能已损坏，已拒绝。")
                                  % {"part": info.filename[:80]})


_DECLARATION = re.compile(rb"""^(\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["'][^>]*\?>""")


def _transcoded_check(archive, info) -> None:
    """Check a part in a multi-byte encoding expat lacks: decode it with Python's codec, then parse
    the same text as UTF-8 with defusedxml."""
    raw = b"".join(_chunks(archive, info, [info.file_size]))
    match = _DECLARATION.match(raw)
    if not match:
        raise UnicodeError("no usable encoding declaration")
    text = raw[match.end():].decode(match.group(2).decode("ascii"))
    parser = _checker()
    parser.feed(('<?xml version="1.0" encoding="UTF-8"?>' + text).encode("utf-8"))
    parser.close()


def _checker():
    """defusedxml's expat SAX parser (DTDs, entity declarations and external references raise),
    without namespace processing and with no per-element callbacks: the parse only has to finish."""
    from defusedxml.expatreader import DefusedExpatParser

    class Checker(DefusedExpatParser):
        def reset(self):
            super().reset()
            expat = self._parser
            expat.StartElementHandler = expat.EndElementHandler = None
            expat.CharacterDataHandler = expat.ProcessingInstructionHandler = None

    return Checker(forbid_dtd=True, forbid_entities=True, forbid_external=True)


def _lxml_reads(archive, info) -> bool:
    """Whether lxml parses the part as XML (entities not resolved, no DTD loaded, no network)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        etree.fromstring(b"".join(_chunks(archive, info, [info.file_size])), parser)
    except etree.Error:
        return False
    return True


def _chunks(archive, info, budget: list):
    """Yield the inflated bytes of a part, counting them against the part's header and the budget."""
    seen = 0
    with archive.open(info) as part:
        while True:
            chunk = part.read(CHUNK)
            if not chunk:
                return
            seen += len(chunk)
            budget[0] -= len(chunk)
            if seen > info.file_size or budget[0] < 0:
                raise _bomb()
            yield chunk


def _head(archive, info) -> bytes:
    with archive.open(info) as part:
        head = part.read(512)
    if len(head) > info.file_size:
        raise _bomb()
    return head


def office_check(data: bytes, *, max_bytes: int | None = None, max_unpacked: int | None = None,
                 max_entries: int | None = None, kind: str = "") -> list[str]:
    """Check a zip/Office file as described above; return its part names or raise OfficeFileError.
    `kind` ("docx", "xlsx") only words the message for a file that is not a zip at all."""
    max_unpacked = max_unpacked or MAX_UNPACKED
    max_entries = max_entries or MAX_ENTRIES
    limit = int(max_bytes or getattr(settings, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
    if len(data) > limit:
        raise OfficeFileError(_("文件过大（%(size).1f MB），超过上限 %(limit).1f MB。")
                              % {"size": len(data) / 1048576, "limit": limit / 1048576})
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE: .doc/.xls, or password-protected OOXML
        raise OfficeFileError(_("文件是旧版 Office 格式（.doc/.xls）或已加密，无法检查其内容；请去除密码并另存为 .docx/.xlsx 后再上传。"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _BAD:
        raise _damaged(kind) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > max_entries:
            raise OfficeFileError(_("文件内部结构异常（部件数量过多），已拒绝。"))
        declared = 0
        for info in infos:
            name = info.filename.replace("\\", "/")
            if name.startswith("/") or ".." in name.split("/") or ":" in name:
                raise OfficeFileError(_("文件内部含有不安全的路径，已拒绝。"))
            if info.flag_bits & 0x1:
                raise OfficeFileError(_("文件已加密，无法检查其内容，请去除密码后再上传。"))
            declared += info.file_size
            large = info.file_size > RATIO_FLOOR
            if declared > max_unpacked or (large and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                raise _bomb()
        budget = [max_unpacked]
        try:
            for info in infos:
                if info.is_dir():
                    continue
                if _looks_like_xml(_head(archive, info)):
                    _xml_check(archive, info, budget)
                else:
                    for _chunk in _chunks(archive, info, budget):
                        pass
        except OfficeFileError:
            raise
        except _BAD:
            raise _damaged(kind) from None
        return [info.filename for info in infos]


def docx_open(data: bytes, **limits):
    """Check `data`, then open it with python-docx; raise OfficeFileError (Chinese) when refused."""
    names = office_check(data, kind="docx", **limits)
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise OfficeFileError(_("不是有效的 Word 文件（.docx）：缺少文档正文部分（旧版 .doc 请先另存为 .docx）。"))
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises KeyError, ValueError, lxml errors… on broken parts
        raise OfficeFileError(_("无法打开这个 Word 文件（.docx）：文件已损坏或不是 .docx 格式（旧版 .doc 请先另存为 .docx）。"))


def xlsx_open(data: bytes, **limits):
    """Check `data`, then open it with openpyxl (read-only, values); raise OfficeFileError when refused."""
    office_check(data, kind="xlsx", **limits)
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on broken or non-Excel zip files
        raise OfficeFileError(_("无法打开这个 Excel 文件（.xlsx）：文件已损坏、已加密或不是 .xlsx 格式。"))
