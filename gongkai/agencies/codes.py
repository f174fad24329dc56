"""Validate 统一社会信用代码 (GB 32100-2015) and 组织机构代码 (GB 11714-1997).

Hand-written because the rules are a few lines of arithmetic published in the standards and no
maintained package validates both; `test_codes.py` checks them against codes with known check digits.
"""
import re

from gongkai.core.text import nfkc

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_ORG_RE = re.compile(r"^[0-9A-Z]{8}[0-9X]$")


def clean_code(value: str) -> str:
    return nfkc(value or "").strip().upper().replace("-", "").replace(" ", "")


def org_code_check_char(body: str) -> str:
    total = 0
    for ch, weight in zip(body, ORG_WEIGHTS):
        total += (int(ch) if ch.isdigit() else ord(ch) - 55) * weight
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def is_valid_org_code(value: str) -> bool:
    code = clean_code(value)
    return bool(_ORG_RE.match(code)) and org_code_check_char(code[:8]) == code[8]


def uscc_check_char(body: str) -> str:
    total = sum(USCC_CHARSET.index(ch) * w for ch, w in zip(body, USCC_WEIGHTS))
    c = 31 - total % 31
    return USCC_CHARSET[0 if c == 31 else c]


def is_valid_uscc(value: str) -> bool:
    """True when `value` is an 18-character 统一社会信用代码 whose check character is right."""
    code = clean_code(value)
    if not _USCC_RE.match(code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def uscc_problem(value: str):
    """Return a Chinese explanation of what is wrong with a 统一社会信用代码, or None."""
    code = clean_code(value)
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实际为{len(code)}位。"
    if not _USCC_RE.match(code):
        return "统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）。"
    expected = uscc_check_char(code[:17])
    if expected != code[17]:
        return f"统一社会信用代码校验位错误：应为“{expected}”，实际为“{code[17]}”。"
    return None
