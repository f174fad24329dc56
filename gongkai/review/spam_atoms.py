"""Spam atoms: the lexicon, ASCII brands and foreign links, pinyin glosses and emoji runs found in
folded, lower-cased text (the first step of `spam.detect_spam`)."""
import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import spam_shapes as shapes
from .trie import trie_pattern

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


STOP = "stop"  # lexicon category of ordinary words that hold a spam term (娱乐场所): never an atom
WEAK = 1.0  # terms below this weight are only looked for next to stronger signals


@functools.lru_cache(maxsize=1)
def _lexicon_re():
    """Chinese terms of weight WEAK or more, and the ordinary words that hold one (category `stop`:
    娱乐场所 holds 娱乐场), so the longest match takes the ordinary word and no atom is made (a trie)."""
    return re.compile(trie_pattern([t for t, (w, c) in lexicon().items()
                                    if not t.isascii() and (w >= WEAK or c == STOP)]))


@functools.lru_cache(maxsize=1)
def _weak_lexicon_re():
    """Chinese terms below WEAK (注册, 下载, 最新): ordinary words, matched near stronger atoms."""
    return re.compile(trie_pattern([t for t, (w, c) in lexicon().items() if not t.isascii() and w < WEAK and c != STOP]))


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


# Not a brand before site words: common acronyms, and English function words (`Powered by 政务云平台`).
_NOT_BRANDS = (r"app|pc|ios|web|wap|www|http|https|gov|api|h5|ai|vr|ar|pdf|doc|ppt|wifi|gps|ok|cn|id|tv|qq|ems|sos|etc|ic|it|ip|pm"
               r"|by|of|in|on|at|to|for|and|the|from|with|via")
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


_STOP_SIGNAL = f"lexicon:{STOP}"
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
        if signal == _STOP_SIGNAL:
            continue
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
                m = _BRAND_RE.match(low, at + k + 1)  # dafa888_dafa888手机登录: a brand after `_`
                if m:
                    atoms.append(_Atom(m.start(), m.end(), 5.0, "brand_site"))
        brand = shapes.brand_token_at(low, at)
        if brand:
            atoms.append(_Atom(brand[0], brand[1], 4.5, "brand_token"))
    atoms.extend(_gloss_atoms(low))
    atoms.extend(_Atom(*found) for found in shapes.lottery_atoms(low))
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
