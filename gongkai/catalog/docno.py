"""发文字号 (GB/T 9704-2012 §7.2.5): 机关代字 + 〔年份〕 + 序号 + 号, e.g. 国办发〔2017〕47号."""
import re

from gongkai.core.text import normalize

# Brackets seen in the wild around the year: 〔〕 [] ［］ () （） 【】 〖〗 {} and none at all.
_OPEN = "〔[［(（【〖{｛"
_CLOSE = "〕]］)）】〗}｝"
_DOCNO_RE = re.compile(
    r"^(?P<code>[\u4e00-\u9fffA-Za-z]+?)\s*"
    r"[" + re.escape(_OPEN) + r"]?\s*(?P<year>(19|20)\d{2})\s*[" + re.escape(_CLOSE) + r"]?\s*"
    r"第?\s*(?P<seq>\d{1,6})\s*号?$"
)


def parse_doc_no(value: str):
    """Return (code, year, seq) or None for text that is not a 发文字号."""
    text = normalize(value or "").strip()
    text = re.sub(r"\s+", " ", text)
    m = _DOCNO_RE.match(text)
    if not m:
        return None
    seq = int(m.group("seq"))
    if seq == 0:
        return None
    return m.group("code"), int(m.group("year")), seq


def normalize_doc_no(value: str) -> str:
    """Canonical GB/T 9704 form (`绍政办发〔2021〕4号`); text that does not parse is kept as given."""
    parsed = parse_doc_no(value)
    if parsed is None:
        return (value or "").strip()
    code, year, seq = parsed
    return f"{code}〔{year}〕{seq}号"


def is_standard_doc_no(value: str) -> bool:
    parsed = parse_doc_no(value)
    return parsed is not None and normalize_doc_no(value) == value
