"""Masks per kind of personal information (去标识化): 张**, 3301**********123X, 138****5678."""
import re

from .names import surnames

_ADDRESS_KEEP_RE = re.compile(r"^.{0,12}?(?:自治州|地区|盟|市)(?:.{1,6}?(?:区|县|旗|市))?")


def _digits_mask(value: str, keep_head: int, keep_tail: int) -> str:
    chars = list(value)
    positions = [i for i, c in enumerate(chars) if c.isalnum()]
    for n, i in enumerate(positions):
        if keep_head <= n < len(positions) - keep_tail:
            chars[i] = "*"
    return "".join(chars)


def mask(kind: str, value: str) -> str:
    """Return `value` masked for its kind; the length of the masked part is kept."""
    if kind == "person_name":
        single, compound = surnames()
        keep = 2 if value[:2] in compound and len(value) > 2 else 1
        return value[:keep] + "*" * (len(value) - keep)
    if kind == "id_card":
        return _digits_mask(value, 4, 4)
    if kind in ("mobile", "bank_card"):
        return _digits_mask(value, 3 if kind == "mobile" else 4, 4)
    if kind == "landline":
        m = re.match(r"^(\(?0\d{2,3}\)?[ -]?)(.*)$", value)
        head, local = (m.group(1), m.group(2)) if m else ("", value)
        return head + _digits_mask(local, 0, 2)
    if kind == "email":
        local, _, domain = value.partition("@")
        return local[:1] + "*" * max(len(local) - 1, 1) + "@" + domain
    if kind == "plate":
        return value[:2] + "*" * (len(value) - 3) + value[-1:]
    if kind == "address":
        m = _ADDRESS_KEEP_RE.match(value)
        keep = m.end() if m else min(3, len(value))
        return value[:keep] + "*" * (len(value) - keep)
    return "*" * len(value)
