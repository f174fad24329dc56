"""Notice numbers (文号) per agency and year, e.g. 示财依申〔2026〕12号 (GB/T 9704 §7.2.5: 代字, the
year in 〔〕, the sequence without leading zeros or 第).

`notice_number_allocate` runs inside the transaction that issues the notice and locks the
agency's counter row, so two offices issuing at once never get the same number and a rolled-back
action gives its number back: the numbers of an agency and year have no gaps.
"""
import re

from django.db import IntegrityError, transaction

from .models_delivery import DEFAULT_NUMBER_PATTERN, NoticeNumbering, NoticeSequence

# A short name for each notice kind, for patterns that number kinds apart ({kind}).
KIND_CODES = {"receipt": "登", "correction": "补", "extension": "延", "consultation": "征", "fee": "费",
              "reply": "答"}
_PLACE = re.compile(r"^(.+?(?:自治区|自治州|自治县|特别行政区|省|市|县|区|旗|盟|州|镇|乡|街道))(.+)$")
_STEMS = (("人民政府办公厅", "政办"), ("人民政府办公室", "政办"), ("人民政府", "政"), ("办公室", "办"),
          ("办公厅", "办"))


def default_prefix(name: str, short_name: str = "") -> str:
    """A 机关代字 from an agency's name: the place's first character and the body's, e.g.
    示范市财政局 → 示财, 示范市人民政府 → 示政, 示范市人民政府办公室 → 示政办."""
    name = (name or "").strip()
    m = _PLACE.match(name)
    if not m:
        return (short_name or name)[:2] or "依申"
    place, body = m.groups()
    for stem, code in _STEMS:
        if body.startswith(stem):
            return place[0] + code
    inner = _PLACE.match(body)  # 示范市某某区教育局 → 示教 (the innermost body)
    while inner:
        body = inner.group(2)
        inner = _PLACE.match(body)
    return place[0] + body[0]


def numbering_for(agency) -> tuple[str, str]:
    """(prefix, pattern) of `agency`: its own settings, else the defaults."""
    rule = NoticeNumbering.objects.filter(agency=agency).first()
    prefix = (rule.prefix if rule and rule.prefix else "") or default_prefix(agency.name, agency.short_name)
    pattern = (rule.pattern if rule and rule.pattern else "") or DEFAULT_NUMBER_PATTERN
    return prefix, pattern


def pattern_problem(pattern: str) -> str:
    """"" when `pattern` makes numbers, else what is wrong (Chinese)."""
    if "{seq}" not in pattern:
        return "文号格式必须包含 {seq}（序号）。"
    try:
        pattern.format(prefix="示财", year=2026, seq=1, kind="答")
    except (KeyError, IndexError, ValueError) as exc:
        return f"文号格式有误：{exc}"
    return ""


def notice_number_allocate(*, agency, year: int, kind: str) -> str:
    """The next number of `agency` in `year` (call inside the issuing transaction)."""
    prefix, pattern = numbering_for(agency)
    key = kind if "{kind}" in pattern else ""
    for _attempt in range(3):
        seq = NoticeSequence.objects.select_for_update().filter(agency=agency, year=year, kind=key).first()
        if seq is not None:
            break
        try:
            with transaction.atomic():
                NoticeSequence.objects.create(agency=agency, year=year, kind=key, last=0)
        except IntegrityError:
            continue  # another transaction created it first; lock theirs
    else:  # pragma: no cover - three lost races in a row
        raise RuntimeError("could not lock the notice counter")
    seq.last += 1
    seq.save(update_fields=["last"])
    return pattern.format(prefix=prefix, year=year, seq=seq.last, kind=KIND_CODES.get(kind, ""))
