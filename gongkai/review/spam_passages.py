"""Spam passages from scored spans: merging, repeats, and cutting them out of a text."""
import re

from .findings import SpamPassage

THRESHOLD = 4.0  # the same as spam.THRESHOLD (spam imports this module)
_DECORATION = set(" \t-_@:：|·.~#>/,，、【】[]()（）")
_MAX_REPEATED = 30
# Passages exact to the character (a gloss, an inserted symbol, a tag run) take nothing around them.
_KEEP_APART = frozenset({"pinyin_gloss", "inserted_symbol", "hidden_html"})


_PIECE_SPLIT_RE = re.compile(r"[\s_,，、|丨/>:：]+")


def repeated_passages(text: str, low: str, found: list, lexicon_re) -> list:
    """Other occurrences of the spam pieces of found passages (a brand or site name repeated in
    the page's chrome): pieces of 4 to 40 characters that hold a lexicon term or a brand."""
    out = []
    seen = set()
    lex = lexicon_re
    for start, end, _score, signals in sorted(found, key=lambda f: -f[2]):
        if "pinyin_gloss" in signals or "inserted_symbol" in signals or "hidden_html" in signals:
            continue
        for m in _PIECE_SPLIT_RE.split(low[start:end]):
            piece = m.strip()
            if not 4 <= len(piece) <= 40 or piece in seen or not (lex.search(piece) or "brand" in "".join(signals)):
                continue
            seen.add(piece)
            if len(seen) > _MAX_REPEATED:
                return out
            at = low.find(piece)
            hits = 0
            while at >= 0 and hits < 200:
                out.append((at, at + len(piece), THRESHOLD, ["repeated_spam"]))
                hits += 1
                at = low.find(piece, at + len(piece))
    return out


def merge_passages(text: str, low: str, found: list) -> list:
    """Passages from scored spans: overlapping ones and ones apart only by decoration (`-【`, ` @:`)
    joined; a passage also takes the closing bracket and `:` or `@` right after it, so removing it
    leaves no stray marks (bet36体育在线-【官网直营网站】 @:印发 → 印发)."""
    passages = []
    for start, end, score, signals in sorted(found, key=lambda f: (f[0], -f[1])):
        if passages:
            prev = passages[-1]
            gap = low[prev.end:start]
            if start <= prev.end or (len(gap) <= 4 and "\n" not in gap and all(c in _DECORATION for c in gap)
                                     and _KEEP_APART.isdisjoint(signals) and _KEEP_APART.isdisjoint(prev.signals)):
                prev.end = max(prev.end, end)
                prev.score = max(prev.score, round(score, 2))
                prev.signals = sorted(set(prev.signals) | set(signals))
                continue
        passages.append(SpamPassage(start=start, end=end, text="", score=round(score, 2), signals=sorted(set(signals))))
    for p in passages:
        if _KEEP_APART.isdisjoint(p.signals):
            end = p.end
            while end < len(low) and low[end] in " \t@:：-】]":
                if low[end] in "】]" and ("【" if low[end] == "】" else "[") not in low[p.start:end]:
                    break
                end += 1
            if end > p.end and low[end - 1] in " \t":  # keep the blank before ordinary text
                end = p.end + len(low[p.end:end].rstrip(" \t"))
            p.end = end
        p.text = text[p.start:p.end]
    return passages


_MARKER_LINE_RE = re.compile(r"^[ \t]*(?:\d{1,3}[.、)）]|[•·*-])?[ \t]*$")
_EDGE_SEPARATORS = " \t\u3000_|丨-,，、:："
_JOINERS = " \t\u3000_|丨-"  # what joins an SEO phrase to the text before it (not a sentence's comma)


def remove_passages(text: str, passages) -> str:
    """Cut `passages` (text spans) out of `text` with the blank space they leave behind. A passage
    that starts its line also takes the separators after it (百家樂 訣竅_省… → 省…), one that ends
    its line the separators before it (…预案》|成人… → …预案》) and a lone list marker (1. )."""
    out, pos = [], 0
    for p in sorted((p for p in passages if getattr(p, "source", "text") == "text"), key=lambda p: p.start):
        if p.end <= pos:
            continue
        start = max(p.start, pos)
        line_start = text.rfind("\n", 0, start) + 1
        head = text[pos:start]
        end = p.end
        while end < len(text) and text[end] in " \t\u3000":
            end += 1
        ends_line = end >= len(text) or text[end] in "\r\n"
        starts_line = line_start >= pos and not text[line_start:start].strip(" \t\u3000")
        if ends_line and line_start >= pos and _MARKER_LINE_RE.match(text[line_start:start]):
            head = text[pos:line_start]
        elif ends_line and not starts_line:
            head = head.rstrip(_JOINERS)
        if starts_line and not ends_line:
            while end < len(text) and text[end] in _EDGE_SEPARATORS:
                end += 1
        out.append(head)
        pos = end
    out.append(text[pos:])
    return "".join(out)
