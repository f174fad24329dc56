"""Secrecy markers (密级标志, 内部资料, 注意保存, 不予公开): any one of them blocks publishing.

The words also occur in ordinary prose (商业秘密, “明确主动公开、依申请公开、不予公开等属性”), so a
marker counts only where it works as a marker: a classification with its star (机密★1年), after a
label (密级：秘密, 公开属性：不予公开), in brackets (【内部资料】, （此件不公开）) or alone on its line.
"""
import re

from .findings import SecrecyFinding
from .textfold import fold

_WORDS = r"绝密|机密|秘密|内部资料|内部文件|内部刊物|内部资料注意保存|注意保存|不予公开|此件不公开|此件不予公开|不宜公开|内部明电|内部使用"
_STAR_RE = re.compile(r"(绝密|机密|秘密)\s*[★☆*]\s*(?:\d+\s*(?:年|个月|月)|[一二三四五六七八九十]+\s*年|长期)?")
_LABEL_RE = re.compile(r"(?:密\s*级|保密级别|保密期限|公开属性|公开方式|公开类型|公开选项|信息公开选项)\s*[:：]\s*"
                       rf"[【\[(]?\s*({_WORDS})")
_BRACKET_RE = re.compile(rf"[【\[(〔](?=\s*[绝机秘内注不此])\s*({_WORDS})\s*[】\])〕]")
_LINE_RE = re.compile(rf"^[ \t]*(?=[绝机秘内注不此])(?:({_WORDS})[ \t、,]*)+$", re.MULTILINE)
_ONE_RE = re.compile(_WORDS)
# A numbered item's label alone on its line ("（三）", "3.", "三、"): in a table printed one cell per
# line the heading "（三）不予公开" of an annual report's result table breaks after its label, and the
# word on the next line is the item's text, not a marker (a marker is never a numbered item).
_NUM = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})"
_ENUM_LINE_RE = re.compile(rf"[ \t]*(?:[（(]\s*{_NUM}\s*[）)]|{_NUM}\s*[、.．])[ \t]*\Z")


def _after_item_label(folded: str, line_start: int) -> bool:
    before = folded[max(0, line_start - 200):line_start].rstrip()
    return bool(before) and bool(_ENUM_LINE_RE.match(before[before.rfind("\n") + 1:]))


def detect_secrecy(text: str, folded: str | None = None) -> list:
    """Find secrecy markers in `text` (spans into `text`)."""
    folded = fold(text) if folded is None else folded
    found = []
    # Every marker below holds one of the words of _ONE_RE: a text without them has none (one
    # scan instead of four on almost every text).
    if not _ONE_RE.search(folded):
        return found

    def add(marker, start, end):
        if all(end <= f.start or start >= f.end for f in found):
            found.append(SecrecyFinding(marker=marker, start=start, end=end, text=text[start:end]))

    for m in _STAR_RE.finditer(folded):
        add(m.group(1), m.start(), m.end())
    for m in _LABEL_RE.finditer(folded):
        add(m.group(1), m.start(), m.end())
    for m in _BRACKET_RE.finditer(folded):
        add(m.group(1), m.start(), m.end())
    # A marker alone on its line: only the lines holding a marker word are read.
    line_end = -1
    for hit in _ONE_RE.finditer(folded):
        if hit.start() <= line_end:
            continue
        line_start = folded.rfind("\n", 0, hit.start()) + 1
        line_end = folded.find("\n", hit.end())
        line_end = len(folded) if line_end < 0 else line_end
        m = _LINE_RE.match(folded, line_start)
        if m and not _after_item_label(folded, line_start):
            for word in _ONE_RE.finditer(folded, m.start(), m.end()):
                add(word.group(0), word.start(), word.end())
    found.sort(key=lambda f: f.start)
    return found
