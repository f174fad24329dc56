"""Recognise row labels and section headings despite numbering, punctuation, variants and typos."""
import difflib
import re

from gongkai.core.text import normalize

from .. import template as t

# Misprints seen in published reports, mapped to the intended text.
TYPOS = {
    "行政法复议": "行政复议",
    "行政复意": "行政复议",
    "行政附议": "行政复议",
    "行政诉颂": "行政诉讼",
    "行政述讼": "行政诉讼",
    "结果推持": "结果维持",
    "尚未审洁": "尚未审结",
    "申情": "申请",
    "政俯": "政府",
}

_MARKER = re.compile(r"(?=[一二三四五六七八九十]+、)|(?=\([一二三四五六七八九十]+\))|(?<![\d.])(?=\d{1,2}[.、](?!\d))")
_LEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、](?!\d))")
_PUNCT = re.compile(r"[\s()\[\]“”\"'‘’、,，。:：;；·•\-—_*/]+")


# A pinyin gloss that converting mirrors put after a character (`發(fā)生`, `園區(qū)`): tone-marked only.
_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")


def norm(text: str) -> str:
    """NFKC, simplified characters, no white space, no pinyin glosses, known misprints corrected."""
    s = _GLOSS.sub("", re.sub(r"\s+", "", normalize(text or "")))
    for wrong, right in TYPOS.items():
        s = s.replace(wrong, right)
    return s


def core(text: str) -> str:
    """The words of a label without its numbering and punctuation."""
    s = norm(text)
    s = _LEADING.sub("", s)
    return _PUNCT.sub("", s)


def segments(text: str) -> list:
    """Cut a label run at its numbering markers (一、 (一) 1.)."""
    s = norm(text)
    return [p for p in _MARKER.split(s) if p]


def leading_number(segment: str):
    m = re.match(r"^(\d{1,2})[.、]", segment)
    return int(m.group(1)) if m else None


# Table B vocabulary: (core, kind, key) where kind is "row" or "group" or "results".
def _table_b_vocab():
    vocab = []
    for row in t.ROWS:
        vocab.append((core(row.label), "row", row.key))
        for alias in row.aliases:
            vocab.append((core(alias), "row", row.key))
    for group in t.GROUPS:
        vocab.append((core(group.label), "group", group.key))
    vocab.append((core(t.RESULTS_LABEL), "results", ""))
    vocab.append(("本年新收政府信息公开申请", "row", "new"))
    vocab.append(("上年结转政府信息公开申请", "row", "carried_over"))
    vocab.append(("结转下年度继续办理", "row", "carry_next"))
    return vocab


TABLE_B_VOCAB = _table_b_vocab()
SHORT_CORES = {"其他", "总计"}


def match_table_b(segment: str):
    """Return (kind, key, exact) for one label segment, or None."""
    c = core(segment)
    if not c:
        return None
    best = None
    for vc, kind, key in TABLE_B_VOCAB:
        if vc in SHORT_CORES:
            if c == vc:
                return kind, key, True
            continue
        pos = c.rfind(vc)
        if pos >= 0:
            cand = (pos + len(vc), len(vc), kind, key)
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best:
        return best[2], best[3], True
    scored = []
    for vc, kind, key in TABLE_B_VOCAB:
        if vc in SHORT_CORES:
            continue
        ratio = difflib.SequenceMatcher(None, c, vc).ratio()
        scored.append((ratio, kind, key))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= 0.72:
        return scored[0][1], scored[0][2], False
    return None


def is_heading(cells_text: str, section: str) -> bool:
    """True when a line is the heading of `section` (active, applications, appeals, problems, other)."""
    s = norm(cells_text)
    short = len(s) <= 40
    if section == "active":
        return short and "主动公开" in s and (s.startswith("二、") or "政府信息情况" in s)
    if section == "applications":
        return short and "收到和处理" in s and "申请" in s
    if section == "appeals":
        return short and "行政复议" in s and "行政诉讼" in s and ("情况" in s or s.startswith("四、"))
    if section == "problems":
        return short and "问题" in s and ("改进" in s or "整改" in s) and not s.startswith(("一是", "二是"))
    if section == "other":
        return "其他需要报告" in s and len(s) <= 60
    return False
