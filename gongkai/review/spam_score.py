"""Scoring of spam atom groups: keyword chains, line position, glued brands, and the regulatory
context of the clause and the document that lowers a score (the second step of `spam.detect_spam`)."""
import bisect
import functools
import itertools
import re

from .spam_atoms import (_CHAIN_SEP_RE, _CLAUSE_SPLIT_RE, _DATA, _PUNCT, _TOKEN_RE, _TOKEN_SEPARATORS,
                         _lexicon_re, _regulatory_re, lexicon)
from .textfold import fold_lower
from .trie import trie_pattern

THRESHOLD = 4.0


def _groups(low: str, atoms: list) -> list:
    groups = []
    for atom in atoms:
        if groups:
            last = groups[-1][-1]
            if atom.start <= last.end:
                groups[-1].append(atom)
                continue
            gap = low[last.end:atom.start] if atom.start - last.end <= 4 else None
            if gap is not None and len(_CHAIN_SEP_RE.sub("", gap)) <= 2 and not any(c in _PUNCT for c in gap):
                groups[-1].append(atom)
                continue
        groups.append([atom])
    return groups


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le < 0 else le)


# The last clause cut of a window: `.*` runs to the window's end and backs off to the last cut.
_LAST_CUT_RE = re.compile(r"(?s:.*)[，,。！？!?；;\n]")


class _Clauses:
    """Clause boundaries (，。；! ? and line breaks) of one text, looked for around a span only
    (most of a long text holds no atom, so its clauses are never read)."""

    def __init__(self, text: str, dense: bool = False):
        self.text = text
        # Many atoms: all cuts are found once and looked up by bisection.
        self.cuts = [m.start() for m in _CLAUSE_SPLIT_RE.finditer(text)] if dense else None

    def around(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        cuts = self.cuts
        if cuts is not None:
            floor = max(0, start - 400)  # a clause longer than that is cut there
            i = bisect.bisect_left(cuts, start) - 1
            cs = cuts[i] + 1 if i >= 0 and cuts[i] >= floor else floor
            j = bisect.bisect_left(cuts, end)
            return cs, min(cuts[j] if j < len(cuts) else len(text), end + 400)
        floor = max(0, start - 400)  # a clause longer than that is cut there
        # Most clauses are short: look at the last 40 characters first.
        near = max(floor, start - 40)
        m = _LAST_CUT_RE.match(text, near, start)
        if m is None and near > floor:
            m = _LAST_CUT_RE.match(text, floor, near)
        cs = m.end() if m else floor
        ceiling = min(len(text), end + 400)  # a clause longer than that is cut there
        m = _CLAUSE_SPLIT_RE.search(text, end, ceiling)
        return cs, (m.start() if m else ceiling)


def _document_topic(low: str, context: str, atoms: list, clauses_of: "_Clauses") -> bool:
    """True when the document itself is about gambling/pornography as a public-policy matter:
    its title names the subject with a regulatory word, two clauses of its text do, or it is a
    report on gambling (news, police or court words: `_reporting`)."""
    reg = _regulatory_re()
    ctx = fold_lower(context)
    if ctx and reg.search(ctx) and any(lexicon()[m.group(0)][1] not in ("seo", "stop") for m in _lexicon_re().finditer(ctx)):
        return True
    clauses = set()
    for atom in atoms:
        if not atom.signal.startswith("lexicon:") or atom.signal == "lexicon:seo":
            continue
        cs, ce = clauses_of.around(atom.start, atom.end)
        if (cs, ce) in clauses or ce - cs < 8:
            continue
        if reg.search(low, cs, atom.start) or reg.search(low, atom.end, ce):
            clauses.add((cs, ce))
            if len(clauses) >= 2:
                return True
    gambling = [a for a in atoms if a.signal == "lexicon:gambling"]
    return bool(gambling) and _reporting(low, sum(1 for a in gambling if low[a.start - 1:a.start] in _OPENING_QUOTES))


_OPENING_QUOTES = frozenset("“‘「『\"")


REPORTING_KINDS, REPORTING_MIN = 2, 3
QUOTED_MIN = 3


@functools.lru_cache(maxsize=1)
def _reporting_re():
    from .spam_shapes import shape_words

    return re.compile(trie_pattern(set(shape_words()["reporting"])))


def _reporting(low: str, quoted: int = 0) -> bool:
    """True for a text that reports on gambling rather than selling it: it holds REPORTING_MIN
    news/police/court/warning words (记者, 民警, 法院, 判处, 打击, 私彩…) of REPORTING_KINDS kinds.
    A news feature on a 六合彩 crackdown quotes the jargon (特码, 庄家, 买码) inside its sentences;
    defaced pages and tip pages hold almost none of these words (the dev pages: 2 at most).
    `quoted` gambling words in quotation marks (地下“六合彩”, 议论“特码”) are one more kind when
    there are QUOTED_MIN of them: a reporter quotes the jargon, an advert does not."""
    kinds, count = ({"quote"}, quoted) if quoted >= QUOTED_MIN else (set(), 0)
    for m in _reporting_re().finditer(low):
        kinds.add(m.group(0))
        count += 1
        if count >= REPORTING_MIN and len(kinds) >= REPORTING_KINDS:
            return True
    return False


@functools.lru_cache(maxsize=1)
def _warning_re():
    """The words of a warning or a crackdown (a subset of the regulatory words)."""
    words = [w for line in (_DATA / "regulatory_words.txt").read_text(encoding="utf-8").splitlines()
             if line.startswith("!") for w in line[1:].split()]
    return re.compile(trie_pattern(set(words)))


_STRUCTURAL = {"brand_site", "foreign_link", "emoji_run", "pinyin_gloss", "hidden_html", "brand_token", "lottery_draw", "title_tail",
               "inserted_symbol", "swapped_official_address", "place_tail", "keyword_run"}


class _LineTokens:
    """The separator-delimited tokens of one line and which of them hold an atom. What the chain
    rule asks of them (runs of spam tokens, counts over ranges) is worked out on first use and
    kept, so many groups on one long keyword chain cost no more than one."""

    __slots__ = ("spans", "starts", "spam", "_count", "_long", "_lo", "_hi")

    def __init__(self, low: str, ls: int, le: int, line_atom_list):
        # Only tokens from the one holding the line's first atom to the one holding its last can be
        # spam tokens; the tokens beyond them never join a chain, so they are not read.
        if line_atom_list:
            ws = min(a.start for a in line_atom_list)
            we = max(a.end for a in line_atom_list)
            while ws > ls and low[ws - 1] not in _TOKEN_SEPARATORS:
                ws -= 1
            while we < le and low[we] not in _TOKEN_SEPARATORS:
                we += 1
            ls, le = max(ls, ws), min(le, we)
        self.spans = spans = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(low, ls, le)]
        self.starts = [s_ for s_, _ in spans]
        atom_starts = [a.start for a in line_atom_list]
        self.spam = flags = []
        for s_, e_ in spans:
            i = bisect.bisect_left(atom_starts, s_)
            hit = (i < len(line_atom_list) and line_atom_list[i].start < e_) or (
                i > 0 and line_atom_list[i - 1].end > s_)
            flags.append(hit and not _clause_token(low, s_, e_, line_atom_list, i))
        self._count = self._long = None
        self._lo, self._hi = {}, {}

    def run_lo(self, i: int) -> int:
        """First index of the run of spam tokens holding spam token i."""
        j = self._lo.get(i)
        if j is None:
            k = j = i
            while k > 0 and self.spam[k - 1]:
                known = self._lo.get(k - 1)
                if known is not None:  # walked before: every token is read once
                    j = known
                    break
                k -= 1
                j = k
            for x in range(k, i + 1):
                self._lo[x] = j
        return j

    def run_hi(self, i: int) -> int:
        """Last index of the run of spam tokens holding spam token i."""
        j = self._hi.get(i)
        if j is None:
            j = i
            while j + 1 < len(self.spam) and self.spam[j + 1]:
                j += 1
            for k in range(i, j + 1):  # every token of the run learns its end at once
                self._hi[k] = j
        return j

    def count(self, first: int, last: int) -> int:
        """Spam tokens among tokens first..last."""
        if self._count is None:
            self._count = list(itertools.accumulate(self.spam, initial=0))
        return self._count[last + 1] - self._count[first]

    def all_short(self, first: int, last: int) -> bool:
        """True when no spam token among first..last is longer than 14 characters."""
        if self._long is None:
            self._long = list(itertools.accumulate(
                (flag and e_ - s_ > 14 for (s_, e_), flag in zip(self.spans, self.spam)), initial=0))
        return self._long[last + 1] == self._long[first]


def _clause_token(low: str, s_: int, e_: int, atoms, i: int) -> bool:
    """True for a token that is a clause of prose naming one subject word (严厉打击网络赌博,
    查处地下六合彩窝点): Chinese, long, and mostly other words. Keyword phrases of an SEO chain are
    short or made mostly of their keywords, so a list of such clauses is no keyword chain."""
    if e_ - s_ < _CLAUSE_MIN or not all("\u4e00" <= c <= "\u9fff" for c in low[s_:e_]):
        return False
    covered, reach, k = 0, s_, max(0, i - 1)
    while k < len(atoms) and atoms[k].start < e_:
        a, b = max(atoms[k].start, reach, s_), min(atoms[k].end, e_)
        if b > a:
            covered, reach = covered + b - a, b
        k += 1
    return covered < _CLAUSE_COVER * (e_ - s_)


_CLAUSE_MIN = 7  # characters from which an all-Chinese token may be a clause of prose
_CLAUSE_COVER = 0.4  # ... when its atoms cover less than this share of it


def _line_tokens(low: str, ls: int, le: int, cache: dict, line_atom_list) -> "_LineTokens":
    """The tokens of one line (computed once per line of the current text)."""
    entry = cache.get((ls, le))
    if entry is None:
        entry = cache[(ls, le)] = _LineTokens(low, ls, le, line_atom_list)
    return entry


def _blank(low: str, a: int, b: int) -> bool:
    """True when low[a:b] holds only blanks; reads from b backwards and stops at the first other
    character (a long line is never sliced or scanned once per group)."""
    k = b
    while k > a and low[k - 1] in _BLANKS:
        k -= 1
    return k <= a


def _blank_after(low: str, a: int, b: int) -> bool:
    k = a
    while k < b and low[k] in _BLANKS:
        k += 1
    return k >= b


_BLANKS = frozenset(" \t\r\u3000\xa0")
_TAIL_NAME_MAX = 8  # characters of a site's name glued in front of its site words
_TAIL_SEPARATORS = frozenset("-_|—–")
_PLACED = {"line_start", "whole_line", "glued_into_sentence"}  # a passage standing as a line of its own


def _score_group(text: str, low: str, group: list, topic: bool, clauses_of: "_Clauses",
                 line_atoms: int, cache: dict, line_atom_list=(), bounds=None) -> tuple[int, int, float, list]:
    start, end = group[0].start, max(a.end for a in group)
    signals = sorted({a.signal for a in group})
    score = sum(a.weight for a in group)
    if line_atoms < 3 and score + 2.0 < THRESHOLD:
        return start, end, score, signals  # cannot reach the threshold: skip the costly parts
    ls, le = bounds if bounds is not None else _line_bounds(low, start, end)
    # Chains: the passage reaches over separator-joined tokens that are (almost) all spam.
    seg_start, seg_end = start, end
    tokens = _line_tokens(low, ls, le, cache, line_atom_list) if line_atoms >= 3 else None
    if tokens is not None and len(tokens.spans) >= 3:
        spans, spam_token = tokens.spans, tokens.spam
        # The run of spam tokens around this group.
        first = max(0, bisect.bisect_right(tokens.starts, start) - 1)
        last = max(first, bisect.bisect_left(tokens.starts, end) - 1)
        if spam_token[first] or spam_token[last]:
            if first > 0 and spam_token[first - 1]:
                first = tokens.run_lo(first - 1)
            if last + 1 < len(spans) and spam_token[last + 1]:
                last = tokens.run_hi(last + 1)
        spam_tokens = tokens.count(first, last)
        if spam_tokens >= 3 and tokens.all_short(first, last):
            # Reach to the whole first and last token, unless that would take in a sentence.
            i, j = first, last
            while not spam_token[i]:
                i += 1
            while not spam_token[j]:
                j -= 1
            first_s, last_e = spans[i][0], spans[j][1]
            seg_start = first_s if start - first_s <= 4 else start
            seg_end = last_e if last_e - end <= 4 else end
            score += 2.0 + min(spam_tokens, 20) * 0.1
            signals.append("keyword_chain")
    start, end = min(start, seg_start), max(end, seg_end)
    blank_before = _blank(low, ls, start)
    blank_after = blank_before and _blank_after(low, end, le)
    if blank_before and not blank_after:
        score += 1.0
        signals.append("line_start")
    elif blank_before and blank_after:
        score += 1.0
        signals.append("whole_line")
    tail_from = 0
    if "lexicon:seo" in signals and not blank_before and _blank_after(low, end, le):
        # A site's name hung after the page title (`…成效显著 -某某app官网开户`): the tail from the
        # separator to the line's end, the name glued in front of the site words included.
        k = start
        while k > ls and start - k < _TAIL_NAME_MAX and (low[k - 1].isalnum() or "\u4e00" <= low[k - 1] <= "\u9fff"):
            k -= 1
        j = k
        while j > ls and low[j - 1] in " \t\u3000":
            j -= 1
        if j > ls and low[j - 1] in _TAIL_SEPARATORS:
            start, tail_from = k, j  # the title before the separator is not the tail's clause
            score += 1.0
            signals.append("title_tail")
    before, after = low[start - 1:start], low[end:end + 1]
    glued_after = "\u4e00" <= (after or " ") <= "\u9fff"
    if glued_after and ("brand_site" in signals or "line_start" in signals) and (
            not before or "\u4e00" <= before <= "\u9fff" or before in "、，,\n"):
        score += 1.0
        signals.append("glued_into_sentence")
    cs, ce = clauses_of.around(start, end)
    cs = max(cs, tail_from)
    structural = bool(set(signals) & _STRUCTURAL)
    # The clause outside the passage (no regulatory word holds a space, so none runs across the gap).
    words = _warning_re() if structural else _regulatory_re()
    regulatory = len(words.findall(low, cs, start)) + len(words.findall(low, end, ce))
    if regulatory and "keyword_chain" not in signals:
        score -= min(regulatory, 3) * 2.0
        signals.append("regulatory_context")
    if topic and not (set(signals) & _STRUCTURAL) and "keyword_chain" not in signals:
        score -= 2.0
        signals.append("on_topic_document")
        if all(a.signal == "lexicon:gambling" for a in group) and not (set(signals) & _PLACED):
            # A crackdown notice lists the kinds it targets (六合彩赌博、赌球等赌博活动庄家): in a
            # document about gambling regulation its own words, inside a sentence, never make spam.
            score = min(score, THRESHOLD - 0.5)
    if all(a.signal == "lexicon:gambling" for a in group) and _PLACE_AFTER_RE.match(low, end):
        # The head of a place's or an institution's own name (太阳城社区党委, 金沙路小学): a casino's word
        # put into a page is never followed by the unit of a real address.
        score = min(score, THRESHOLD - 0.5)
        signals.append("place_name")
    if all(a.signal == "lexicon:gambling" for a in group) and all(
            _operator(low, low[a.start:a.end], cache) for a in group):
        # An operator's own news (美高梅赞助…中学生历史知识邀请赛 on a page naming 美高梅中国控股有限公司):
        # the brand is the short name of a company the text names, not a word put into it.
        score = min(score, THRESHOLD - 0.5)
        signals.append("operator_company")
    return start, end, score, signals


_PLACE_AFTER_RE = re.compile(r"(?:社区|街道|居委会|村委会|村民委员会|村|镇|乡|小区|花园|家园|苑|派出所|卫生院|中学|小学|"
                             r"幼儿园|学校|路|街|巷|大道|广场|公园)")
_COMPANY_TAIL = r"[^\s。，,、；;!！?？\n]{0,8}?(?:有限公司|控股)"


def _operator(low: str, word: str, cache: dict) -> bool:
    """Whether the text names `word` as a registered company (`美高梅中国控股有限公司`), once per word."""
    key = ("operator", word)
    if key not in cache:
        cache[key] = re.search(re.escape(word) + _COMPANY_TAIL, low) is not None
    return cache[key]
