"""Structured personal information: 身份证号, phone numbers, bank cards, e-mail, plates, addresses.

Every detector runs on the folded text (full-width → ASCII, same length), so a finding's span is a
span of the original text. A number only counts when it is valid: an ID needs a known region, a
real birth date and (18 digits) the GB 11643 check digit; a card number needs the Luhn check and a
card word nearby. Statistics (本月共办理120件) never match because no pattern accepts a bare count.
"""
import datetime as dt
import re

from django.utils.translation import gettext_noop as _

from .findings import START, PiiFinding, SpanSet
from .labels import translated
from .textfold import fold
from .trie import trie_pattern

_ID_CHECK = "10X98765432"
_REGIONS = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
            50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}

_ID18_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})[ -]?(\d{8})[ -]?(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_ID15_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{6})(\d{3})(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(
    r"(?<![0-9A-Za-z.])(?:(?:\+|00)?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![0-9A-Za-z]|\.\d)")
_LANDLINE_RE = re.compile(
    r"(?<![0-9A-Za-z.])(?:\((0\d{2,3})\)|(0\d{2,3}))[ -]?([2-9]\d{6,7})(?:(?:-|转|-转)(\d{1,5}))?(?![0-9A-Za-z])")
_CARD_RE = re.compile(r"(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?|\d{16,19})(?![0-9A-Za-z])")
_EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,10}(?![A-Za-z])")
_PLATE_RE = re.compile(
    r"([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])([A-HJ-NP-Z])[ ·•.-]?"
    r"([A-HJ-NP-Z0-9]{6}|[A-HJ-NP-Z0-9]{5}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])")

_PLATE_HEAD_RE = re.compile(r"[A-HJ-NP-Z](?<=[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z])")

# Candidate number runs (digits with the separators numbers are written with); every numeric
# detector looks only inside these, which keeps the scan fast on long Chinese texts.
_RUN_RE = re.compile(r"[0-9][0-9A-Za-z ()+\-转]{6,}")
_NON_DIGIT_RE = re.compile(r"\D")
_NOT_DIGITS = "".join(chr(c) for c in range(128) if not chr(c).isdigit()) + "转"
_UNIT_AFTER = re.compile(r"\s*(元|万|亿|千|百|件|人|次|个|项|吨|份|户|名|册|平方|公里|米|%|余|多|条|家|台|辆|笔)")
_CARD_WORDS = re.compile(r"卡号|银行卡|借记卡|信用卡|储蓄卡|社保卡|账号|帐号|账户|帐户|银行|开户行|卡")
_ID_WORDS = re.compile(r"身份证|公民身份号码|证件号|身份号码")
_PERSONAL_PHONE_CONTEXT = re.compile(r"申请人|本人|个人|家庭|住宅|宅电|私人|当事人|举报人|投诉人|户主|姓名")

_ADDRESS_LABEL_RE = re.compile(
    "(" + trie_pattern("家庭住址 现住址 住址 居住地址 经常居住地 居住地 户籍所在地 户籍地址 户籍地 户口所在地 家住 现住 "
                       "现居住于 现居住 暂住".split()) + r")\s*(?:在|于|为|是)?\s*[:：]?\s*")
_ADDRESS_BODY_RE = re.compile(r"[^，。；;,\n\t（(）)：:、]{4,40}")
_ADDRESS_MARK_RE = re.compile(r"省|市|县|区|旗|镇|乡|村|街道|路|街|巷|弄|号|室|组|栋|幢|单元|小区|社区|庄|屯|苑|园")
_ADDRESS_STOP_RE = re.compile(r"(?:的|，|联系|电话|手机|身份证|邮编|性别|民族|出生|工作单位|职业|现为|因|于\d)")


def _valid_date(y: int, m: int, d: int, today: dt.date | None = None) -> bool:
    try:
        born = dt.date(y, m, d)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= (today or dt.date.today())


def id18_valid(number: str, today: dt.date | None = None) -> bool:
    """Check region, birth date and the GB 11643 check digit of an 18-character ID number."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if int(number[:2]) not in _REGIONS:
        return False
    if not _valid_date(int(number[6:10]), int(number[10:12]), int(number[12:14]), today):
        return False
    # The weights are 2**(17 - i) mod 11 and 13 ≡ 2 (mod 11): the weighted sum mod 11 is twice the
    # 17 digits read in base 13 (one C call instead of a loop over the digits).
    return _ID_CHECK[2 * int(number[:17], 13) % 11] == number[17].upper()


def id15_valid(number: str, today: dt.date | None = None) -> bool:
    """Check region and birth date (19yy) of an old 15-digit ID number."""
    if len(number) != 15 or not number.isdigit() or int(number[:2]) not in _REGIONS:
        return False
    return _valid_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]), today)


_LUHN_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_valid(number: str) -> bool:
    digits = list(map(int, number)) if number.isdigit() else [int(c) for c in number if c.isdigit()]
    return (sum(digits[-1::-2]) + sum(_LUHN_DOUBLE[d] for d in digits[-2::-2])) % 10 == 0


def _landline_area_ok(area: str) -> bool:
    if len(area) == 3:
        return area == "010" or area.startswith("02")
    return area[1] in "3456789"


def _before(folded: str, start: int, width: int) -> str:
    return folded[max(0, start - width):start]


_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def _email_windows(folded: str):
    """Yield (start, end) windows around each '@' that hold every e-mail address of the text: an
    address holds one '@', at most 64 characters before it and its domain after it (one more
    character is kept so the closing lookahead sees the real text)."""
    n, pos, window = len(folded), 0, None
    while True:
        at = folded.find("@", pos)
        if at < 0:
            break
        end = at + 1
        while end < n and folded[end] in _DOMAIN_CHARS:
            end += 1
        start, end = max(0, at - 64), min(n, end + 1)
        if window and start <= window[1]:
            window[1] = max(window[1], end)
        else:
            if window:
                yield tuple(window)
            window = [start, end]
        pos = at + 1
    if window:
        yield tuple(window)


def _covered(found: list, first: int, start: int, end: int) -> bool:
    """True when one of `found[first:]` (the findings of one number run) covers [start, end)."""
    for i in range(first, len(found)):
        f = found[i]
        if f.start <= start and f.end >= end:
            return True
    return False


def detect_structured(text: str, folded: str | None = None, *, language: str | None = None) -> list:
    """Find IDs, phones, cards, e-mails, plates and residence addresses in `text` (`language`:
    the active language when the caller has it, for the reasons of public findings)."""
    folded = fold(text) if folded is None else folded
    found = []
    spans = SpanSet()

    take, free = spans.take, spans.free

    def add(kind, start, end, personal=True, reason=""):
        take(start, end)
        found.append(PiiFinding(kind, start, end, text[start:end], personal, reason))

    public_phone = public_email = None
    today = dt.date.today()
    for run in _RUN_RE.finditer(folded):
        # Candidate number runs; each detector is tried only where the run holds enough digits,
        # and none once a finding covers all of the run's digits (nothing else could be free).
        rs, re_ = run.span()
        value = run.group(0)
        digits = len(value) if value.isdigit() else len(_NON_DIGIT_RE.sub("", value))
        if digits < 7:
            continue
        last_digit = rs + len(value.rstrip(_NOT_DIGITS))
        ws = max(0, rs - 4)
        # Matches stay inside [ws, re_) and runs do not touch, so only a finding added for this
        # run can cover it: the covered test is needed only after one was added, and reads those.
        before = len(found)

        if digits >= 17:
            for m in _ID18_RE.finditer(folded, ws, re_):
                s, e = m.span()
                if free(s, e) and id18_valid("".join(m.groups()), today):
                    add("id_card", s, e)
            if len(found) > before and _covered(found, before, rs, last_digit):
                continue
        if digits >= 15:
            for m in _ID15_RE.finditer(folded, ws, re_):
                s, e = m.span()
                if free(s, e) and id15_valid(m.group(0), today):
                    if _CARD_WORDS.search(_before(folded, s, 12)) and not _ID_WORDS.search(_before(folded, s, 12)):
                        continue
                    add("id_card", s, e)
            if len(found) > before and _covered(found, before, rs, last_digit):
                continue
        if digits >= 16:
            for m in _CARD_RE.finditer(folded, ws, re_):
                s, e = m.span()
                if not free(s, e):
                    continue
                number = _NON_DIGIT_RE.sub("", m.group(1))
                # The card word first: most long numbers without one (order numbers) stop there.
                if 16 <= len(number) <= 19 and _CARD_WORDS.search(_before(folded, s, 24)) and luhn_valid(number):
                    add("bank_card", s, e)
            if len(found) > before and _covered(found, before, rs, last_digit):
                continue
        if digits >= 11:
            for m in _MOBILE_RE.finditer(folded, ws, re_):
                s, e = m.span()
                if free(s, e) and not _UNIT_AFTER.match(folded, e):
                    add("mobile", s, e)
            if len(found) > before and _covered(found, before, rs, last_digit):
                continue
        if digits >= 10:
            for m in _LANDLINE_RE.finditer(folded, ws, re_):
                s, e = m.span()
                area = m.group(1) or m.group(2)
                if not free(s, e) or not _landline_area_ok(area):
                    continue
                if _UNIT_AFTER.match(folded, e):
                    continue
                personal = bool(_PERSONAL_PHONE_CONTEXT.search(folded, max(0, s - 40), s))
                if not personal and public_phone is None:
                    public_phone = translated(_("机关对外联系电话"), language)
                add("landline", s, e, personal=personal, reason="" if personal else public_phone)
    for ws, we in _email_windows(folded):
        for m in _EMAIL_RE.finditer(folded, ws, we):
            if not spans.free(m.start(), m.end()):
                continue
            domain = m.group(0).rsplit("@", 1)[1].lower()
            public = domain.endswith(".gov.cn") or domain.endswith(".gov") or domain == "gov.cn"
            if public and public_email is None:
                public_email = translated(_("机关电子邮箱"), language)
            add("email", m.start(), m.end(), personal=not public, reason=public_email if public else "")
    # A plate is a province character and a capital letter; capitals are rare in Chinese text, so
    # they are looked for first. Plates hold no province character after their first one, so two
    # never overlap and matching at each candidate finds what a scan for the whole pattern finds.
    for hit in _PLATE_HEAD_RE.finditer(folded):
        m = _PLATE_RE.match(folded, hit.start() - 1)
        if m is None:
            continue
        tail = m.group(3)
        if sum(c.isdigit() for c in tail) >= 3 and spans.free(m.start(), m.end()):
            add("plate", m.start(), m.end())
    for m in _ADDRESS_LABEL_RE.finditer(folded):
        body = _ADDRESS_BODY_RE.match(folded, m.end())
        if not body:
            continue
        start, end = body.start(), body.end()
        stop = _ADDRESS_STOP_RE.search(folded, start, end)
        if stop:
            end = stop.start()
        value = folded[start:end].rstrip()
        end = start + len(value)
        if end - start >= 4 and _ADDRESS_MARK_RE.search(value) and spans.free(start, end):
            add("address", start, end)
    found.sort(key=START)
    return found
