"""发文字号 (GB/T 9704-2012 §7.2.5): 机关代字 + 〔年份〕 + 序号 + 号, e.g. 国办发〔2017〕47号."""
import re

from gongkai.core.text import nfkc, normalize

# Brackets seen in the wild around the year: 〔〕 [] ［］ () （） 【】 〖〗 {} and none at all.
_OPEN = "〔[［(（【〖{｛"
_CLOSE = "〕]］)）】〗}｝"
_DOCNO_RE = re.compile(
    r"^(?P<code>[\u4e00-\u9fffA-Za-z]+?)\s*"
    r"[" + re.escape(_OPEN) + r"]?\s*(?P<year>(19|20)\d{2})\s*[" + re.escape(_CLOSE) + r"]?\s*"
    r"第?\s*(?P<seq>\d{1,6})\s*号?$"
)
# The same shape on text as shown (traditional characters, 號): used to rebuild it in the GB/T form.
_SHOWN_RE = re.compile(
    r"^(?P<code>[\u3400-\u9fffA-Za-z]+?)\s*"
    r"[" + re.escape(_OPEN) + r"]?\s*(?P<year>(19|20)\d{2})\s*[" + re.escape(_CLOSE) + r"]?\s*"
    r"第?\s*(?P<seq>\d{1,6})\s*(?P<hao>[号號]?)$"
)

# Brackets of any kind around a bare year (two or four digits) in a number that does not parse.
_YEAR_BRACKETS_RE = re.compile(r"[" + re.escape(_OPEN) + r"]\s*((?:19|20)?\d{2})\s*[" + re.escape(_CLOSE) + r"]\s*")


def parse_doc_no(value: str):
    """Return (code, year, seq) or None for text that is not a 发文字号 (matching form: simplified)."""
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
    """The GB/T 9704 form (`绍政办发〔2021〕4号`): 〔〕 around the year, no space before 号. The
    characters are kept as shown (`豫政辦〔2017〕118號` stays traditional, 號 stays 號); full-width
    digits become plain. Text that is not a 发文字号 is kept as given, without a space before 号."""
    text = re.sub(r"\s+", " ", nfkc(value or "")).strip()
    if parse_doc_no(text) is not None:
        m = _SHOWN_RE.match(text)
        if m:
            return f"{m.group('code')}〔{m.group('year')}〕{int(m.group('seq'))}{m.group('hao') or '号'}"
    text = _YEAR_BRACKETS_RE.sub(r"〔\1〕", (value or "").strip())  # `[89]司发法字第001号`: the year's brackets
    return re.sub(r"\s+(?=[号號]$)", "", text)


def is_standard_doc_no(value: str) -> bool:
    parsed = parse_doc_no(value)
    return parsed is not None and normalize_doc_no(value) == value
