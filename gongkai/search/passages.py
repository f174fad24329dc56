"""Split a document's plain text into passages: articles (第X条) where it has them, else paragraphs."""
import re
from dataclasses import dataclass

_NUM = "零〇一二三四五六七八九十百千0-9"
ARTICLE_RE = re.compile(rf"^\s*(第[{_NUM}]+条)[\s　:：]*")
CHAPTER_RE = re.compile(rf"^\s*(第[{_NUM}]+[编章节])[\s　]*(.*)$")
# Short numbered headings: 一、总体要求 / （一）工作目标 / 1. 目标
HEADING_RE = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])\s*\S{1,30}$")

MAX_PASSAGE = 1200  # characters; longer paragraphs are cut at sentence ends
MIN_PASSAGE = 8


@dataclass
class PassageText:
    ordinal: int
    article_no: str
    heading: str
    text: str


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
            if len(piece) >= MIN_PASSAGE:
                out.append(PassageText(len(out) + 1, article_no, head[:200], piece))
    return out
