"""Keyword runs: chains of short spam keywords joined by separators (a Mark Six title, an SEO tail
of search phrases), scored per line from the atoms `spam_atoms` found. Spans are spans of `low`,
the folded, lower-cased text."""
import re

from .spam_shapes import _only

_SPLIT_RE = re.compile(r"[\s_,，、|丨/;；>»›]+")
_SENTENCE_PUNCT = set("。！？!?；;“”\"《》")


def _clusters(atoms: list, ts: int, te: int) -> list:
    """Atoms of one token joined into clusters (gaps of six characters or less)."""
    out = []
    for s, e, w, _content in atoms:
        e = min(e, te)
        if out and s - out[-1][1] <= 6:
            out[-1][1] = max(out[-1][1], e)
            out[-1][2] += w
            out[-1][3] += e - s
        else:
            out.append([s, e, w, e - s])
    return out


def _token_length(low: str, ts: int, te: int) -> int:
    """Characters of a token, an ASCII word counting as one (freepeople性欧美熟妇: 6)."""
    if _ASCII_ALNUM_RE.search(low, ts, te) is None:
        return te - ts
    return len(_ASCII_WORD_RE.sub("a", low[ts:te]))


_ASCII_ALNUM_RE = re.compile(r"[a-z0-9][a-z0-9]")
_ASCII_WORD_RE = re.compile(r"[a-z0-9]{2,}")


_TOKEN_END_RE = re.compile(r"[\s_,，、|丨/;；>»›]")
_TOKEN_START_RE = re.compile(r"(?s:.*)[\s_,，、|丨/;；>»›]")
_SENTENCE_RE = re.compile(r"[。！？!?；;“”\"《》]")
_LONG = 200  # a token longer than this is prose, never a keyword


def _token_info(low: str, ts: int, te: int, mine: list) -> tuple:
    content = 0.0
    weight = 0.0
    for a in mine:
        weight += a[2]
        if a[3]:
            content += a[2]
    if content < 1.0:  # never a spam token: only a bridge (its length and punctuation read when needed)
        return (ts, te, weight, False, None, None, None, None)
    clusters = _clusters(mine, ts, te) if len(mine) > 1 else [[mine[0][0], min(mine[0][1], te)]]
    length = _token_length(low, ts, te)
    sentence = _SENTENCE_RE.search(low, ts, te) is not None
    first, last = clusters[0][0], clusters[-1][1]
    spam = (len(clusters) == 1 and not sentence
            and (_token_length(low, first, last) >= 0.4 * length or weight >= 2.5 and length <= 10)
            and not _prose_clause(low, ts, te, mine, length))
    return (ts, te, weight, spam, first, last, sentence, length)


def _prose_clause(low: str, ts: int, te: int, mine: list, length: int) -> bool:
    """A long token whose keywords are far apart inside ordinary words: a clause of prose that
    names the subject twice (目前设于博彩区内并与博彩场所相邻的投注点共有五间), not a keyword phrase.
    Keyword phrases are short or made mostly of their keywords (天天干天天插天天射)."""
    if length < _PROSE_MIN or _ASCII_ALNUM_RE.search(low, ts, te) is not None:
        return False
    covered, reach = 0, ts
    for s, e, _w, _content in sorted(mine):
        s, e = max(s, reach), min(e, te)
        if e > s:
            covered += e - s
            reach = e
    return covered < _PROSE_COVER * length


_PROSE_MIN = 16  # characters of a token from which it may be a clause of prose
_PROSE_COVER = 0.35  # ... when its keywords cover less than this share of it


# Separators, then at most one short piece without sentence punctuation, then separators.
_BRIDGE_RE = re.compile(r"[\s_,，、|丨/;；>»›]*(?:[^\s_,，、|丨/;；>»›。！？!?“”\"《》]{1,24}[\s_,，、|丨/;；>»›]*)?")


def _bridged(low: str, end: int, start: int) -> bool:
    """Between two tokens: separators and at most one short token without sentence punctuation."""
    return start - end <= 64 and _BRIDGE_RE.fullmatch(low, end, start) is not None


def keyword_runs(low: str, line_atoms: dict, line_bounds: dict, regulatory_re) -> list:
    """SEO phrase lines: on each line holding atoms, the run of separator-joined tokens from the
    first to the last spam token, where most tokens are spam and the others are short bridges.

    `line_atoms` maps a line number to its atoms (start, end, weight, content); `line_bounds` to
    (start, end). `content` is False for atoms that only say "a site" (官网, 登录, a foreign link).
    A token is spam when its content atoms weigh 1 or more, sit together and cover much of it; the
    passage reaches a spam token's edges when what its atoms leave at either end is short
    (秦艽能|壮阳延时|吗), else it stops at the atoms. Only the tokens holding atoms are read, and the
    gaps between them. Returns (start, end, score, signals, strong): `strong` when the run has the
    shape of an SEO line (two spam tokens, a whole line, or a high score) or is a keyword spliced
    into a sentence as a clause of its own (…权益,新庄瘦小脸,保持…)."""
    found = []
    for line_no, atoms in line_atoms.items():
        if sum(a[2] for a in atoms if a[3]) < 1.0:
            continue
        ls, le = line_bounds[line_no]
        info = []
        atoms = sorted(atoms)
        i = 0
        while i < len(atoms):
            a0 = atoms[i][0]
            m = _TOKEN_START_RE.match(low, max(ls, a0 - _LONG), a0)
            ts = m.end() if m else max(ls, a0 - _LONG)
            m = _TOKEN_END_RE.search(low, atoms[i][1], min(le, atoms[i][1] + _LONG))
            te = m.start() if m else min(le, atoms[i][1] + _LONG)
            j = i
            while j < len(atoms) and atoms[j][0] < te:
                te = max(te, min(atoms[j][1], le)) if atoms[j][1] > te else te
                j += 1
            info.append(_token_info(low, ts, te, atoms[i:j]))
            i = j
        i = 0
        while i < len(info):
            if not info[i][3]:
                i += 1
                continue
            j, spam_tokens = i, 1
            while True:
                if j + 1 < len(info) and info[j + 1][3] and _bridged(low, info[j][1], info[j + 1][0]):
                    j += 1
                elif j + 2 < len(info) and info[j + 2][3] and _bridged(low, info[j][1], info[j + 2][0]):
                    j += 2  # a token with a weak atom as the bridge
                else:
                    break
                spam_tokens += 1
            # Weak tokens after a long run (国产手机在机看影片), a short bridge allowed before them.
            while spam_tokens >= 3 and j + 1 < len(info) and _bridged(low, info[j][1], info[j + 1][1]):
                j += 1  # the gap and the weak token together: one short piece or none
            # ... and weak tokens right before it (国产一区91,国内外精品…).
            while spam_tokens >= 3 and i > 0 and info[i - 1][2] > 0 and _bridged(low, info[i - 1][0], info[i][0]):
                i -= 1
            run = info[i:j + 1]
            score = sum(t[2] for t in run) + 0.5 * (spam_tokens - 1)
            start = _edge(low, info[i], head=True)
            end = _edge(low, info[j], head=False)
            if spam_tokens == 1 and i == j and _only(low, ls, info[i][0], _MARKERS, backwards=True) \
                    and _only(low, info[i][1], le, _TAIL) and not _LABEL_RE.search(low, info[i][0], start):
                start, end = info[i][0], info[i][1]  # one spam token that is the whole line (某某能壮阳吗)
            head_blank = _only(low, ls, start, _MARKERS, backwards=True)
            whole = head_blank and _only(low, end, le, _TAIL)
            if head_blank:
                score += 1.0
            ts, te = info[i][0], info[i][1]
            spliced = (spam_tokens == 1 and i == j and info[i][7] <= 6 and ts > ls + 6 and te + 7 < le
                       and low[ts - 1] in ",，" and low[te] in ",，"
                       and not _SPLIT_RE.search(low, ts - 7, ts - 1) and not _SPLIT_RE.search(low, te + 1, te + 7))
            if spliced:
                score += 1.5
                outside = len(regulatory_re.findall(low, ts, te))
            else:
                # The words around the run (within a clause's reach: a long line is not read per run).
                outside = (len(regulatory_re.findall(low, max(ls, start - 200), start))
                           + len(regulatory_re.findall(low, end, min(le, end + 200))))
            score -= min(outside, 3) * 2.0
            strong = spam_tokens >= 2 or whole or spliced or score >= 5.0
            if spam_tokens >= 2 and not whole:
                start, end = _list_line(low, ls, le, atoms, start, end)
            found.append((start, end, round(score, 2), ["keyword_run"], strong))
            i = j + 1
    return found


def _list_line(low: str, ls: int, le: int, atoms: list, start: int, end: int) -> tuple:
    """The run widened over the rest of its line when the line is a list of short separator-joined
    phrases, half or more of them holding a spam atom, and the run already holds two spam tokens:
    an SEO line whose outer items hold no lexicon word (…,黑人与美女高潮,18岁女rapperdisssubs,
    国产手机在机看影片) is cut whole. A phrase holding no atom is taken only when short and without a
    sentence's function words (a clause of the real text before a spliced chain stays). Read only
    for runs found, so it never decides a page."""
    tokens = [m.span() for m in _LIST_TOKEN_RE.finditer(low, ls, le)]
    while tokens and all(c in _MARKERS for c in low[tokens[0][0]:tokens[0][1]]):
        tokens.pop(0)  # a list marker (`1.`, `•`) is not a phrase
    if len(tokens) < 3 or _SENTENCE_RE.search(low, ls, le) is not None:
        return start, end
    starts = [a[0] for a in atoms]
    held = [any(a <= x < b for x in starts) for a, b in tokens]
    if 2 * sum(held) < len(tokens):
        return start, end
    inside = [k for k, (a, b) in enumerate(tokens) if a < end and start < b]
    if not inside:
        return start, end

    def phrase(k: int) -> bool:
        a, b = tokens[k]
        if held[k]:
            return _token_length(low, a, b) <= _LIST_TOKEN_MAX
        return _token_length(low, a, b) <= _LIST_BARE_MAX and _FUNCTION_RE.search(low, a, b) is None

    i, j = inside[0], inside[-1]
    while i > 0 and phrase(i - 1):
        i -= 1
    while j + 1 < len(tokens) and phrase(j + 1):
        j += 1
    return min(start, tokens[i][0]), max(end, tokens[j][1])


# Phrases split at the separators of SEO lines (the folded text has ASCII commas only).
_LIST_TOKEN_RE = re.compile(r"[^\s_,|丨/>»›]+")
_LIST_TOKEN_MAX = 16  # characters of a phrase of an SEO line (an ASCII word counting as one)
_LIST_BARE_MAX = 12  # ... of one holding no spam atom
_FUNCTION_RE = re.compile(r"[的了为将给请各其之及对把被们]|有关|根据|按照|要求|如下")
_LABEL_RE = re.compile(r"[:：]")  # a head ending in a label (版权所有：) is the page's own text
_MARKERS = frozenset(" \t•·-*.0123456789、)）")
_TAIL = frozenset(" \t_,，、|丨")


def _edge(low: str, token, head: bool) -> int:
    ts, te, weight, spam, first, last, _sentence, _length = token
    if not spam or first is None:
        return ts if head else te
    if head:
        return ts if _token_length(low, ts, first) <= 3 else first
    return te if _token_length(low, last, te) <= 3 else last
