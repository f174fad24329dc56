"""Bytes → text: the encodings Chinese government files come in, and Japanese files recognised as such.

Anything undecodable raises `ReadError` with a Chinese message for the person who uploaded it.
"""
import re

from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

# Decoders we accept from charset detection: the encodings Chinese government sites actually use.
_ACCEPTED_DETECTED = {"utf_8", "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950",
                      "utf_16", "utf_16_le", "utf_16_be", "utf_32", "ascii"}
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


class ReadError(UserFacingError):
    """A file that cannot be imported; the message says why, in Chinese."""


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
    japanese = _japanese(data) if not hint else None
    if japanese is not None:  # read as GBK it would be mojibake
        return _checked(japanese)
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


_HIRAGANA_RE = re.compile(r"[\u3041-\u309f]")
_HALFWIDTH_KANA_RE = re.compile(r"[\uff61-\uff9f]")


def _japanese(data: bytes):
    """The text of a Japanese file (Shift-JIS / CP932 or EUC-JP), or None when it is not one.

    GBK and Shift-JIS share byte ranges, so GBK detection would turn Japanese into mojibake. Japanese
    prose is full of hiragana (の, に, は); Chinese bytes read as Shift-JIS give half-width katakana or
    fail to decode, and never that many hiragana."""
    for encoding in ("cp932", "euc_jp"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = sum(1 for ch in text if not ch.isspace() and not ch.isascii()) or 1
        if len(_HIRAGANA_RE.findall(text)) >= max(3, letters // 20) and \
                len(_HALFWIDTH_KANA_RE.findall(text)) <= letters // 100:
            return text
    return None


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
