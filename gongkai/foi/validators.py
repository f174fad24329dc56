"""Checks on what applicants type and upload: 身份证号 (GB 11643), phone numbers, identity files."""
import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.text import nfkc

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def id_number_normalize(value: str) -> str:
    return re.sub(r"\s", "", nfkc(value or "")).upper()


def id_number_problem(value: str, *, today: dt.date | None = None) -> str:
    """Return "" for a valid 18-character 居民身份证号码, else a Chinese message saying what is wrong."""
    number = id_number_normalize(value)
    if not _ID_RE.match(number):
        return _("身份证号码应为18位，前17位为数字，最后一位为数字或X。")
    if number[:2] not in {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
                          "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
                          "63", "64", "65", "71", "81", "82", "83"}:
        return _("身份证号码的地区码无效。")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return _("身份证号码中的出生日期不存在。")
    today = today or timezone.localdate()
    if birth > today or birth.year < 1900:
        return _("身份证号码中的出生日期不合理。")
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    if _ID_CHECK[total % 11] != number[17]:
        return _("身份证号码校验位不正确，请核对。")
    return ""


def phone_normalize(value: str) -> str:
    text = nfkc(value or "").strip()
    text = re.sub(r"[\s()（）]", "", text).replace("—", "-").replace("－", "-")
    if text.startswith("+86"):
        text = text[3:]
    return text


def phone_problem(value: str) -> str:
    """Return "" for a mainland mobile (11 digits) or landline with area code, else a message."""
    text = phone_normalize(value)
    if _MOBILE_RE.match(text) or _LANDLINE_RE.match(text):
        return ""
    return _("请填写有效的联系电话：11位手机号码，或带区号的固定电话（如 0571-12345678）。")


# Identity uploads: accepted by content, not by name or the browser's claim.
_SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
MAX_IDENTITY_BYTES = 5 * 1024 * 1024


def sniff_identity_file(head: bytes) -> tuple[str, str] | None:
    """Return (mime, extension) when the bytes start like a PDF, JPEG or PNG; None otherwise."""
    for magic, mime, ext in _SIGNATURES:
        if head.startswith(magic):
            return mime, ext
    return None


def identity_file_problem(upload) -> str:
    """Return "" when `upload` is a PDF/JPEG/PNG within the size limit, else a Chinese message."""
    if upload.size > MAX_IDENTITY_BYTES:
        return _("身份证明文件不能超过5MB。")
    if upload.size == 0:
        return _("身份证明文件是空的。")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if sniff_identity_file(head) is None:
        return _("身份证明文件只接受PDF、JPG或PNG格式（按文件内容判断）。")
    return ""
