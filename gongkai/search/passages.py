"""Split a document's plain text into passages: articles (第X条) where it has them, else paragraphs.

Each passage has a kind (article, item, section, paragraph); table rows and statistics lines (an
annual report's figures, a flattened table) are classified too and never become passages: they
answer no question and only crowd out the text that does.
"""
import re
from dataclasses import dataclass

_NUM = "零〇一二三四五六七八九十百千0-9"
ARTICLE_RE = re.compile(rf"^\s*(第[{_NUM}]+条)[\s　:：]*")
CHAPTER_RE = re.compile(rf"^\s*(第[{_NUM}]+[编章节])[\s　]*(.*)$")
# Short numbered headings: 一、总体要求 / （一）工作目标 / 1. 目标
HEADING_RE = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])\s*\S{1,30}$")

ITEM_RE = re.compile(r"^\s*([（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.、．]|[一二三四五六七八九十]+、)")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?%?")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")

MAX_PASSAGE = 1200  # characters; longer paragraphs are cut at sentence ends
MIN_PASSAGE = 8


@dataclass
class PassageText:
    ordinal: int
    article_no: str
    heading: str
    text: str
    kind: str = "paragraph"


def passage_kind(text: str, *, article_no: str = "", heading: str = "") -> str:
    """article / item / section / paragraph, or table / statistics for text that is not prose.

    A table: cells kept apart by | or tabs, or runs of wide spaces between short cells. Statistics:
    four or more figures with fewer than five Chinese characters around each (年报 table rows
    flattened into a line); prose that quotes a few figures stays a paragraph.
    """
    body = text or ""
    if body.count("|") >= 2 or body.count("\t") >= 2 or len(re.findall(r"\S\s{3,}\S", body)) >= 3:
        return "table"
    if article_no:
        return "article"
    numbers = len(NUMBER_RE.findall(body))
    if numbers >= 4 and len(CJK_RE.findall(body)) < 5 * numbers:
        return "statistics"
    if ITEM_RE.match(body):
        return "item"
    return "section" if heading else "paragraph"


def _cut_long(text: str) -> list[str]:
    if len(text) <= MAX_PASSAGE:
        return [text]
    out, cur = [], ""
    for sentence in re.split(r"(?<=[。；！？])", text):
        if cur and len(cur) + len(sentence) > MAX_PASSAGE:
            out.append(cur)
            cur = ""
        cur += sentence
    if cur:
        out.append(cur)
    return out


def split_passages(text: str) -> list[PassageText]:
    """Articles with everything up to the next article; otherwise paragraphs with their heading."""
    lines = [line.strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    has_articles = sum(1 for line in lines if ARTICLE_RE.match(line)) >= 2
    chunks: list[tuple[str, str, str]] = []  # (article_no, heading, text)
    heading = ""
    if has_articles:
        current = None
        for line in lines:
            chapter = CHAPTER_RE.match(line)
            if chapter and len(line) <= 40:
                heading = (chapter.group(1) + " " + chapter.group(2)).strip()
                continue
            article = ARTICLE_RE.match(line)
            if article:
                if current:
                    chunks.append(current)
                current = (article.group(1), heading, line)
            elif current:
                current = (current[0], current[1], current[2] + "\n" + line)
            else:
                chunks.append(("", heading, line))
        if current:
            chunks.append(current)
    else:
        for line in lines:
            if HEADING_RE.match(line):
                heading = line
                continue
            chunks.append(("", heading, line))
    out = []
    for article_no, head, body in chunks:
        for piece in _cut_long(body):
            if len(piece) < MIN_PASSAGE:
                continue
            kind = passage_kind(piece, article_no=article_no, heading=head)
            if kind not in NOT_ANSWERS:
                out.append(PassageText(len(out) + 1, article_no, head[:200], piece, kind))
    return out


NOT_ANSWERS = ("table", "statistics")
