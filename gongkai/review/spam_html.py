"""Spam only HTML shows: hidden elements that hold text, links to foreign hosts with spam text.

One pass over the tags, in time linear in the HTML: elements are paired with a stack per tag name,
and whether an element holds text is read from a running count of the text characters between tags
(no element's content is searched again, so 140,000 nested or unclosed hidden <span>s cost what
140,000 tags cost). Only the outermost hidden element is reported.
"""
import bisect
import re

from .findings import SpamPassage
from .textfold import fold_lower

_HIDDEN_STYLE_RE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])|(?:left|top|text-indent)\s*:\s*-\d{3,}"
    r"|height\s*:\s*0(?:px)?\s*;\s*overflow\s*:\s*hidden|opacity\s*:\s*0(?![.\d])", re.I)
_TAG_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})\b([^>]*)>")
_STYLE_RE = re.compile(r"\bstyle\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
_HIDDEN_ATTR_RE = re.compile(r"\shidden(?:\s|=|$)", re.I)
_HREF_RE = re.compile(r"\bhref\s*=\s*[\"']?\s*(?:https?:)?//([^/\"'\s>:]+)", re.I)
_TAG_RE = re.compile(r"<[^>]+>")
_TEXT_RE = re.compile(r"\S")
_HIDING_ELEMENTS = frozenset({"noframes", "noscript", "marquee"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
MAX_ANCHOR = 2000  # characters of a link's content read for its text


def _hidden_kind(name: str, attrs: str):
    if name in _HIDING_ELEMENTS:
        return ["hidden_html", f"tag:{name}"]
    if "style" in attrs.lower():
        m = _STYLE_RE.search(attrs)
        if m and _HIDDEN_STYLE_RE.search(m.group(1) or m.group(2) or ""):
            return ["hidden_html"]
    if "hidden" in attrs.lower() and _HIDDEN_ATTR_RE.search(attrs):
        return ["hidden_html"]
    return None


def detect_html_spam(html: str, *, extra_hosts=(), threshold: float = 4.0) -> list:
    """Hidden elements with text, and links to non-government hosts whose text is spam."""
    from .spam_atoms import _atoms, host_is_public_sector

    if not html or "<" not in html:
        return []
    tags = list(_TAG_TOKEN_RE.finditer(html))
    # text_before[k]: text characters (not blanks, outside tags) before tag k.
    text_before, count, pos = [], 0, 0
    for m in tags:
        if m.start() > pos:
            count += sum(1 for _ in _TEXT_RE.finditer(html, pos, m.start()))
        text_before.append(count)
        pos = m.end()
    open_tags: dict[str, list] = {}
    hidden, links = [], []
    for k, m in enumerate(tags):
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if not closing:
            if name in _VOID or attrs.rstrip().endswith("/"):
                continue
            kind = _hidden_kind(name, attrs)
            href = _HREF_RE.search(attrs) if name == "a" else None
            open_tags.setdefault(name, []).append((k, kind, href.group(1) if href else None))
            continue
        stack = open_tags.get(name)
        if not stack:
            continue
        k0, kind, host = stack.pop()
        start, end = tags[k0].start(), m.end()
        if kind and text_before[k] > text_before[k0]:  # text between the element's tags
            hidden.append(SpamPassage(start=start, end=end, text="", score=5.0, signals=kind, source="html"))
        if host and not host_is_public_sector(host, extra_hosts):
            inner = html[tags[k0].end():min(m.start(), tags[k0].end() + MAX_ANCHOR)]
            anchor = fold_lower(_TAG_RE.sub("", inner))
            weight = 2.0 + sum(a.weight for a in _atoms(anchor, extra_hosts))
            if weight >= threshold:
                links.append(SpamPassage(start=start, end=end, text="", score=round(weight, 2),
                                         signals=["foreign_link"], source="html"))
    found = _outermost(hidden)
    starts = [p.start for p in found]
    for link in sorted(links, key=lambda p: p.start):
        i = bisect.bisect_right(starts, link.start) - 1
        if (i < 0 or found[i].end <= link.start) and (i + 1 >= len(found) or found[i + 1].start >= link.end):
            found.insert(i + 1, link)
            starts.insert(i + 1, link.start)
    for p in found:
        p.text = html[p.start:p.end]
    return found


def _outermost(passages: list) -> list:
    out = []
    for p in sorted(passages, key=lambda p: (p.start, -p.end)):
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out
