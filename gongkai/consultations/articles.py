"""Split a draft into the units people comment on: 第X条 where the draft has articles, else its
numbered items 一、, （一） and 1. Text before the first unit (the title, a preamble) is not a unit."""
import re

from gongkai.core.text import normalize

_CN = "零〇一二三四五六七八九十百千两"
# 第十二条 at the start of a line (an article); 第X章/节 headings are kept inside the next article.
ARTICLE = re.compile(rf"^\s*(第[{_CN}\d]+条)[\s　]*", re.M)
ITEM = re.compile(rf"^\s*([{_CN}]+、|[（(][{_CN}]+[）)]|\d{{1,2}}[.．、](?!\d))[\s　]*", re.M)


def _units(text: str, pattern) -> list[tuple[str, str]]:
    """Each match with the text up to the next one; a sub-item （一） is labelled with its section."""
    matches = list(pattern.finditer(text))
    out = []
    section = ""
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end():end].strip()
        label = normalize(match.group(1)).replace("(", "（").replace(")", "）")
        if label[0] in _CN and label.endswith("、"):
            section = label
        elif section:
            label = section + label
        if body:
            out.append((label, body))
    return out


def split_articles(text: str) -> list[tuple[str, str]]:
    """Return [(label, text)]: articles when there are at least two, else numbered items."""
    text = (text or "").replace("\r\n", "\n")
    articles = _units(text, ARTICLE)
    if len(articles) >= 2:
        return articles
    return _units(text, ITEM)
