"""Injected spam and defacement: gambling, lottery and pornographic SEO text in a government page.

No single word list decides. The detector collects *atoms* (lexicon terms with weights, an ASCII
brand glued to 官网/网址/体育, links to non-government hosts, emoji runs, pinyin-glossed characters,
hidden HTML), merges neighbouring atoms into passages and scores each passage with:
- lexicon weight (data/spam_lexicon.tsv, curated by hand);
- structure: keyword chains joined by spaces, `_` or `,`; a passage filling its whole line or
  glued to the start of a paragraph; ASCII brands glued into Chinese sentences;
- coherence: regulatory words in the same clause (打击, 警惕, 诈骗, 彩票管理条例) and a document
  whose own topic is gambling regulation or fraud warnings lower the score, so a page about the
  gaming regulator or a lottery-fraud warning passes.
A passage scoring THRESHOLD or more is spam; its span can be removed to publish the clean text.
"""
import bisect
import functools
import itertools
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

from .findings import SpamPassage, SpamResult
from .textfold import fold, fold_lower, lower_for_matching
from . import spam_shapes as shapes
from .spam_passages import merge_passages as _merge, remove_passages, repeated_passages as _repeats
from .trie import trie_pattern

THRESHOLD = 4.0
# The scoring work grows with the atoms found (each is scored with its line and clause, in bounded
# windows); past this many the text is refused with a Chinese message rather than read for minutes.
MAX_ATOMS = 20_000


class SpamScanTooLarge(UserFacingError):
    """A text with more spam atoms than MAX_ATOMS (refused, with the message for the person)."""
_DATA = Path(__file__).resolve().parent / "data"


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    weight: float
    signal: str


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    terms = {}
    for line in (_DATA / "spam_lexicon.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, weight, category = line.split("\t")
        terms[term.lower()] = (float(weight), category)
    return terms


@functools.lru_cache(maxsize=1)
def _signals() -> dict:
    """Each lexicon term with its weight and its signal name (lexicon:<category>)."""
    return {term: (weight, f"lexicon:{category}") for term, (weight, category) in lexicon().items()}


WEAK = 1.0  # terms below this weight are only looked for next to stronger signals


@functools.lru_cache(maxsize=1)
def _lexicon_re():
    """Chinese terms of weight WEAK or more (a trie)."""
    return re.compile(trie_pattern([t for t, (w, _c) in lexicon().items() if not t.isascii() and w >= WEAK]))


@functools.lru_cache(maxsize=1)
def _weak_lexicon_re():
    """Chinese terms below WEAK (注册, 下载, 最新): ordinary words, matched near stronger atoms."""
    return re.compile(trie_pattern([t for t, (w, _c) in lexicon().items() if not t.isascii() and w < WEAK]))


@functools.lru_cache(maxsize=1)
def _ascii_lexicon_re():
    """ASCII terms, matched at the start of an ASCII run."""
    return re.compile(r"(?:" + trie_pattern([t for t in lexicon() if t.isascii()]) + r")(?![a-z])")


# Runs of ASCII letters/digits (with dots, slashes: URLs): every ASCII signal starts one.
# Holds a letter. A run never starts at a digit that follows a digit: where the first digit could
# not start one, no later digit of the same number can (and long numbers would be read quadratically).
# The run up to the first letter is possessive (*+): [0-9._/:-] holds no letter, so giving any of it
# back never lets [a-z] match, and a number with no letter after it fails without backtracking.
_ASCII_RUN_RE = re.compile(r"[a-z0-9](?<![0-9][0-9])(?:[0-9._/:-]*+[a-z])[a-z0-9._/:?=&%#~+-]*")
_RUN_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@._-")


@functools.lru_cache(maxsize=1)
def _regulatory_re():
    words = [w for line in (_DATA / "regulatory_words.txt").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for w in line.lstrip("!").split()]
    return re.compile(trie_pattern(set(words)))


_NOT_BRANDS = r"app|pc|ios|web|wap|www|http|https|gov|api|h5|ai|vr|ar|pdf|doc|ppt|wifi|gps|ok|cn|id|tv|qq|ems|sos|etc|ic|it|ip|pm"
_SITE_WORDS = r"官网|官方网站|网址|网站|app|下载|登录|入口|平台|体育|娱乐|棋牌|注册|彩票|开户|导航"
_BRAND_RE = re.compile(
    rf"(?!(?:{_NOT_BRANDS})(?![a-z0-9]))"
    rf"([a-z][a-z0-9]{{1,11}}|[0-9]{{1,5}}[a-z][a-z0-9]{{0,8}})\s?[\u4e00-\u9fff]{{0,3}}?(?:最新|官方)?(?:{_SITE_WORDS})")
_TLDS = r"com|net|cc|vip|top|xyz|info|org|me|io|co|tv|app|club|site|online|live|bet|win|fun|pro|biz|ws|la|hk|mo|tw|cn|shop|ink|icu|cyou|asia"
_DOMAIN_RE = re.compile(
    rf"(?:https?://)?((?:[a-z0-9-]+\.)+(?:{_TLDS}))(?![a-z0-9-])(?::\d+)?(?:/[!-~]*)?")
_ASTRAL_RE = re.compile("[\U0001F000-\U0001FAFF]")
# Three or more emoji; written to start with a class so the engine skips to candidate positions.
_EMOJI_RE = re.compile("[\U0001F000-\U0001FAFF][\uFE0F\u200D]?(?:[\U0001F000-\U0001FAFF][\uFE0F\u200D]?){2,}")
_PINYIN = re.compile(
    r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|"
    r"ou|iu|ie|ve|ue|er|an|en|in|un|vn|ia|ua|uo|a|o|e|i|u|v)[1-4]?$")
_GLOSS_CHUNK_RE = re.compile(r"[(（]?([a-z]{1,6})[1-4]?[)）]?")
_GLOSSED_RE = re.compile(r"[(（a-z](?<=[\u4e00-\u9fff][(（a-z])")  # starts with a class: a fast scan
_SEP_ONLY_RE = re.compile(r"^[\s_,，、|/\-·.:：~#]*$")
_PUNCT = set("。！？!?；;（）()《》“”\"【】[]")
_CLAUSE_SPLIT_RE = re.compile(r"[，,。！？!?；;\n]")
_CHAIN_SEP_RE = re.compile(r"[\s_,，、|/]+")
_CHAIN_BREAK_RE = re.compile(r"[。！？!?；;\n]")
_TOKEN_RE = re.compile(r"[^\s_,，、|/]+")
_TOKEN_SEPARATORS = frozenset(" \t\n\r\f\v_,，、|/\u3000\xa0")
_GOV_HOST_RE = re.compile(r"(?:^|\.)gov\.(?:cn|mo|hk|tw)$|\.gov$|(?:^|\.)(?:12371\.cn|people\.com\.cn|xinhuanet\.com|news\.cn)$")
# Hidden elements and foreign links in HTML: spam_html (kept importable from here).
from .spam_html import _HIDDEN_STYLE_RE, detect_html_spam  # noqa: E402,F401


def host_is_public_sector(host: str, extra_hosts=()) -> bool:
    """True for government hosts (and the site's own hosts passed in `extra_hosts`)."""
    host = host.lower().rstrip(".")
    return bool(_GOV_HOST_RE.search(host)) or any(host == h or host.endswith("." + h) for h in extra_hosts)


def _gloss_atoms(low: str) -> list:
    """Runs of three or more characters each followed by its pinyin: 博(bo)彩(cai)网(wang)."""
    found, run = [], []

    def flush():
        if len(run) >= 3 and sum(bool(_PINYIN.match(syllable)) for _, _, syllable in run) >= 3:
            found.append(_Atom(run[0][0] - 1, run[-1][1], 4.0, "pinyin_gloss"))

    # Every chunk of a run follows a Chinese character directly, so only those places are read;
    # a chunk anywhere else would only end the current run, as the gap to the next chunk does.
    for hit in _GLOSSED_RE.finditer(low):
        m = _GLOSS_CHUNK_RE.match(low, hit.start())
        if m is None:
            continue
        if m.end() < len(low) and low[m.end()] in shapes._TONED:
            flush()
            run = []
            continue
        start = m.start()
        before = low[start - 1:start]
        if not before or not ("\u4e00" <= before <= "\u9fff") or (
                start >= 2 and "a" <= low[start - 2] <= "z" and not run):
            flush()
            run = []
            continue
        if run and start - run[-1][1] != 1:
            flush()
            run = []
        run.append((start, m.end(), m.group(1)))
    flush()
    return found


_CPYTHON = sys.implementation.name == "cpython"


def _may_hold_astral(text: str) -> bool:
    """False only when `text` surely holds no character beyond U+FFFF (emoji are all beyond it).
    CPython stores a string with one, two or four bytes a character, four only when it holds such
    a character; the size tells which, without reading the text (a regex search reads it all)."""
    if not _CPYTHON or len(text) < 64:
        return True
    return sys.getsizeof(text) >= 4 * len(text)


def _atoms(low: str, extra_hosts=()) -> list:
    atoms = []
    terms = _signals()
    for m in _lexicon_re().finditer(low):
        weight, signal = terms[m.group(0)]
        atoms.append(_Atom(m.start(), m.end(), weight, signal))
    ascii_lex = _ascii_lexicon_re()
    for run in _ASCII_RUN_RE.finditer(low):
        at = run.start()
        if run.group(0).isdigit() or (at and low[at - 1] in _RUN_BEFORE and not (
                # `_` joins SEO keywords (国产91_porn); after a letter it is part of a name (file_x)
                low[at - 1] == "_" and not (at >= 2 and low[at - 2].isascii() and low[at - 2].isalpha()))):
            continue
        m = _BRAND_RE.match(low, at)
        if m:
            atoms.append(_Atom(m.start(), m.end(), 5.0, "brand_site"))
        m = _DOMAIN_RE.match(low, at)
        if m and not host_is_public_sector(m.group(1), extra_hosts):
            atoms.append(_Atom(m.start(), m.end(), 2.0, "foreign_link"))
        m = ascii_lex.match(low, at)
        if m:
            weight, signal = terms[m.group(0)]
            atoms.append(_Atom(m.start(), m.end(), weight, signal))
        if "_" in run.group(0):  # 91_porn: a keyword joined by `_` inside the run
            for k in (i for i, c in enumerate(run.group(0)) if c == "_"):
                m = ascii_lex.match(low, at + k + 1)
                if m:
                    weight, signal = terms[m.group(0)]
                    atoms.append(_Atom(m.start(), m.end(), weight, signal))
        brand = shapes.brand_token_at(low, at)
        if brand:
            atoms.append(_Atom(brand[0], brand[1], 4.5, "brand_token"))
    atoms.extend(_gloss_atoms(low))
    if _may_hold_astral(low) and _ASTRAL_RE.search(low):
        for m in _EMOJI_RE.finditer(low):
            atoms.append(_Atom(m.start(), m.end(), 4.0, "emoji_run"))
    if atoms:
        weak = _weak_lexicon_re()
        windows = sorted((max(0, a.start - 16), min(len(low), a.end + 16)) for a in atoms)
        merged = []
        for ws, we in windows:
            if merged and ws <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], we)
            else:
                merged.append([ws, we])
        for ws, we in merged:
            for m in weak.finditer(low, ws, we):
                weight, signal = terms[m.group(0)]
                atoms.append(_Atom(m.start(), m.end(), weight, signal))
    atoms.sort(key=lambda a: (a.start, -a.end))
    # An atom inside a stronger one (bob inside bob最新官网) adds nothing.
    kept = []
    for atom in atoms:
        if kept and atom.start >= kept[-1].start and atom.end <= kept[-1].end:
            if atom.weight > kept[-1].weight:
                kept[-1].weight, kept[-1].signal = atom.weight, atom.signal
            continue
        kept.append(atom)
    return kept


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
    its title names the subject with a regulatory word, or two clauses of its text do."""
    reg = _regulatory_re()
    ctx = fold_lower(context)
    if ctx and reg.search(ctx) and any(lexicon()[m.group(0)][1] != "seo" for m in _lexicon_re().finditer(ctx)):
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
    return False


@functools.lru_cache(maxsize=1)
def _warning_re():
    """The words of a warning or a crackdown (a subset of the regulatory words)."""
    words = [w for line in (_DATA / "regulatory_words.txt").read_text(encoding="utf-8").splitlines()
             if line.startswith("!") for w in line[1:].split()]
    return re.compile(trie_pattern(set(words)))


_STRUCTURAL = {"brand_site", "foreign_link", "emoji_run", "pinyin_gloss", "hidden_html", "brand_token",
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
            flags.append((i < len(line_atom_list) and line_atom_list[i].start < e_) or (
                i > 0 and line_atom_list[i - 1].end > s_))
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
    before, after = low[start - 1:start], low[end:end + 1]
    glued_after = "\u4e00" <= (after or " ") <= "\u9fff"
    if glued_after and ("brand_site" in signals or "line_start" in signals) and (
            not before or "\u4e00" <= before <= "\u9fff" or before in "、，,\n"):
        score += 1.0
        signals.append("glued_into_sentence")
    cs, ce = clauses_of.around(start, end)
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
    return start, end, score, signals


def detect_spam(text: str, *, html: str | None = None, context: str = "", extra_hosts=(),
                folded: str | None = None) -> SpamResult:
    """Score `text` (and `html` when given) for injected spam; return passages to remove.

    `folded` is `textfold.fold(text)` when the caller has it already (saves folding twice)."""
    low = lower_for_matching(fold(text) if folded is None else folded)
    atoms = _atoms(low, extra_hosts)
    if len(atoms) > MAX_ATOMS:
        raise SpamScanTooLarge(_("文本中疑似垃圾信息的片段超过 %(n)d 处，无法逐一审查；请先清理文本或分段提交。")
                               % {"n": MAX_ATOMS})
    found = []  # (start, end, score, signals)
    beside = []  # other groups of site or gambling words: spam when only decoration parts them from spam
    weaker = []  # groups below THRESHOLD but at SECOND_THRESHOLD or more, not in a regulatory clause
    if atoms:
        clauses_of = _Clauses(low, dense=len(atoms) * 300 > len(low))
        topic = _document_topic(low, context, atoms, clauses_of)
        line_cuts = [m.start() for m in re.finditer("\n", low)]
        per_line: dict[int, int] = {}
        cache: dict = {}
        atoms_by_line: dict[int, list] = {}
        for atom in atoms:
            line_no = bisect.bisect_left(line_cuts, atom.start)
            per_line[line_no] = per_line.get(line_no, 0) + 1
            atoms_by_line.setdefault(line_no, []).append(atom)
        for group in _groups(low, atoms):
            line_no = bisect.bisect_left(line_cuts, group[0].start)
            bounds = (line_cuts[line_no - 1] + 1 if line_no else 0,
                      line_cuts[line_no] if line_no < len(line_cuts) else len(low))
            start, end, score, signals = _score_group(text, low, group, topic, clauses_of, per_line.get(line_no, 0),
                                                      cache, atoms_by_line.get(line_no, ()), bounds)
            if score >= THRESHOLD:
                found.append((start, end, score, signals))
            elif score >= SECOND_THRESHOLD and "regulatory_context" not in signals and "on_topic_document" not in signals:
                weaker.append((start, end, score, signals + ["spam_page"]))
            elif sum(a.weight for a in group) >= 1.0:  # its words, before any context lowered it
                beside.append((start, end, sum(a.weight for a in group), signals + ["beside_spam"]))
        bounds = {n: (line_cuts[n - 1] + 1 if n else 0, line_cuts[n] if n < len(line_cuts) else len(low))
                  for n in atoms_by_line}
        runs = shapes.keyword_runs(low, {n: [(a.start, a.end, a.weight, a.signal not in _SITE_ONLY) for a in line]
                                         for n, line in atoms_by_line.items()}, bounds, _regulatory_re())
        for s_, e_, sc, sig, strong in runs:
            if topic:
                sc, sig = sc - 2.0, sig + ["on_topic_document"]
            if sc >= THRESHOLD and strong:
                found.append((s_, e_, sc, sig))
            elif sc >= SECOND_THRESHOLD:
                weaker.append((s_, e_, sc, sig + ["spam_page"]))
    found += shapes.gloss_passages(low)
    found += shapes.tag_passages(low)
    found += shapes.symbol_passages(text)  # the text as given: folding turns ㊣ into 正
    found += shapes.swapped_address_passages(low, [(a.start, a.end) for a in atoms if a.signal == "foreign_link"])
    # A tail of place names is spam on its own only at the very end of the text, so only the end is
    # read unless the page already shows spam (then a run anywhere counts as a weaker signal).
    tail_from = 0 if found else max(0, len(low) - TAIL_WINDOW)
    for tail in shapes.place_tail_passages(low, tail_from):
        (found if tail[2] >= THRESHOLD else weaker).append(tail)
    if found:
        # A page shown to carry spam: weaker signals of the same kinds are believed too, and every
        # other occurrence of a short spam passage (a brand, a site name) is spam as well.
        found += _outside(weaker, found)
        found += _beside(low, beside, found)
        found += _repeats(text, low, found, _lexicon_re())
    passages = _merge(text, low, found)
    best = max([p.score for p in passages], default=0.0)
    if html:
        html_passages = detect_html_spam(html, extra_hosts=extra_hosts, threshold=THRESHOLD)
        passages.extend(html_passages)
        best = max([best] + [p.score for p in html_passages])
    is_spam = any(p.score >= THRESHOLD for p in passages)
    return SpamResult(is_spam=is_spam, score=round(best, 2), passages=passages)


_SITE_ONLY = frozenset({"lexicon:seo", "foreign_link"})
SECOND_THRESHOLD = 2.5  # for passages on a page already shown to carry spam
TAIL_WINDOW = 3000  # characters at the end of a text read for an appended list of place names
_SITE_ONLY = frozenset({"lexicon:seo", "foreign_link"})


# Signals of artefacts a converting mirror leaves inside real words: the line is still the real
# title underneath (strip_spam removes them), so they alone do not make a line spam.
_ARTEFACTS = frozenset({"pinyin_gloss", "inserted_symbol"})


def _beside(low: str, spans: list, taken: list) -> list:
    """The spans that touch a taken one across decoration only (bet88体育在线-【官网直营】)."""
    if not spans:
        return []
    ends = sorted(t[1] for t in taken)
    starts = sorted(t[0] for t in taken)
    out = []
    for span in spans:
        i = bisect.bisect_right(ends, span[0]) - 1
        j = bisect.bisect_left(starts, span[1])
        if (i >= 0 and span[0] - ends[i] <= 4 and _decoration_only(low, ends[i], span[0])) or (
                j < len(starts) and starts[j] - span[1] <= 4 and _decoration_only(low, span[1], starts[j])):
            out.append(span)
    return out


def _decoration_only(low: str, a: int, b: int) -> bool:
    return all(c in _GAP_DECORATION for c in low[a:b])


_GAP_DECORATION = frozenset(" \t-_@:：|·~#>【】[]()（）")


def _outside(spans: list, taken: list) -> list:
    """The spans that overlap none of `taken` (one sort and a sweep, not a pairwise test)."""
    cover = []
    for s_, e_, *_rest in sorted(taken):
        if cover and s_ <= cover[-1][1]:
            cover[-1][1] = max(cover[-1][1], e_)
        else:
            cover.append([s_, e_])
    starts = [c[0] for c in cover]
    out = []
    for span in spans:
        i = bisect.bisect_left(starts, span[1]) - 1  # the last cover starting before span's end
        if i < 0 or cover[i][1] <= span[0]:
            out.append(span)
    return out


def is_spam_line(text: str) -> bool:
    """True when one line (a title candidate, a header value) carries injected spam: a spam phrase
    or keyword run, a gambling brand, a hidden tag run, a swapped address. Pinyin glosses and
    symbols inserted inside words alone do not count (see `strip_spam`). Stable API for the
    importer, which rejects such lines as titles, and for the publish gate."""
    if not text or not text.strip():
        return False
    result = detect_spam(text)
    return any(p.score >= THRESHOLD and not _ARTEFACTS.issuperset(p.signals) for p in result.passages)


def strip_spam(text: str) -> str:
    """`text` (one line or a short text) with every spam passage removed, pinyin glosses after
    characters included even when there are fewer than a page needs (關(guān)于 → 關于), and the
    separators left at the cut edges (百家樂 訣竅_省人民政府… → 省人民政府…)."""
    if not text:
        return text or ""
    low = lower_for_matching(fold(text))
    result = detect_spam(text)
    glosses = [SpamPassage(start=s_, end=e_, text=text[s_:e_], score=sc, signals=sig)
               for s_, e_, sc, sig in shapes.gloss_passages(low, minimum=1)]
    return remove_passages(text, result.passages + glosses).strip()
