"""Shapes of injected spam that a word list alone does not show, read on real defaced pages.

Each function takes the folded, lower-cased text `low` (same length as the original, so spans are
spans of the original) and returns passages `(start, end, score, signals)`:

- `gloss_passages`: pinyin glosses a converting mirror puts after characters (`發(fā)布`); each gloss
  is a passage, the character before it stays. Three toned glosses make a page a mirror.
- `tag_passages`: runs of empty HTML elements in plain text sharing one id (`<del id="tu7zm"></del>`):
  an id is unique in a real page, so a repeated one marks generated junk.
- `symbol_passages`: symbols inserted between two characters of a word (`彩票管理≡条例`, `财政》部`):
  junk symbols and unmatched brackets; three different ones make the pattern (one may be a typo).
- `keyword_runs`: lines or line segments made of separator-joined keyword phrases (SEO titles:
  `日韩精品一区二区_亚洲…_…`, `国产一区91,…,…`), taken from the first to the last spam phrase.
- `swapped_address_passages`: a non-government address where the page names its government
  portal (`门户网站(网址:http://spam.cn/)`).
- `place_tail_passages`: a run of place names appended as an SEO tail (not an addressee list).
- `brand_token_passages`: ASCII gambling brands with digits (`88betway88`, `bet36`, `365bet`).
- `lottery_atoms`: private-lottery tips: tonight's draw (`今晚9点30开奖`) and Mark Six draw numbers
  (`021期10-03-40-06-39-20 T:39`, a three-digit issue or a 特码 after six dash-joined numbers),
  with the tip's name glued in front (`某某最精准021期…`).
"""
import functools
import re
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"
_CJK_LO, _CJK_HI = "\u3400", "\u9fff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_UNTONE = str.maketrans(_TONED + "ü", "aaaaeeeeiiiioooouuuuvvvvv")
_TONED_RE = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
# A space may sit before the closing bracket (`樂(lè )`), as some mirrors emit it.
_GLOSS_RE = re.compile(r"[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}) ?[)）]")
_SYLLABLE_RE = re.compile(
    r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|"
    r"ou|iu|ie|ve|ue|er|an|en|in|un|vn|ia|ua|uo|a|o|e|i|u|v)$")
GLOSS_MIN = 3  # toned glosses that make a page a converting mirror
PLAIN_MIN, PLAIN_KINDS = 8, 5  # untoned glosses (and distinct ones) that make a page a mirror


def _cjk(ch: str) -> bool:
    return _CJK_LO <= ch <= _CJK_HI


def gloss_passages(low: str, minimum: int = GLOSS_MIN) -> list:
    """Each `(pinyin)` right after a character, once the page holds `minimum` toned ones."""
    toned_page = _TONED_RE.search(low) is not None
    if not toned_page and low.count("(") + low.count("（") < PLAIN_MIN:  # most texts: two C scans
        return []
    toned, plain, loose = [], [], []
    for m in _GLOSS_RE.finditer(low):
        syllable = m.group(1)
        if not _SYLLABLE_RE.match(syllable.translate(_UNTONE)):
            continue
        if m.start() == 0 or not _cjk(low[m.start() - 1]):
            if m.start() and "a" <= low[m.start() - 1] <= "z" and _TONED_RE.search(syllable):
                loose.append((m.start(), m.end()))  # a gloss after mojibake (`,F(xiàn)`): a mirror's only
            continue
        (toned if any(c in _TONED for c in syllable) else plain).append((m.start(), m.end()))
    if len(toned) < max(1, minimum):
        # A mirror that glosses without tone marks (`文(wen)章(zhang)`): many two-letter-or-longer
        # syllables of several kinds, since one `(an)` after a word may be real text.
        plain = [(s, e) for s, e in plain if e - s >= 4]
        if minimum > 1 and len(plain) >= PLAIN_MIN and len({low[s:e] for s, e in plain}) >= PLAIN_KINDS:
            return [(s, e, 4.5, ["pinyin_gloss"]) for s, e in plain]
        return []
    # Neutral-tone glosses (no mark) count once the page is a glossing mirror; one letter is too
    # little to tell a gloss from a list item.
    spans = sorted(toned + loose + [(s, e) for s, e in plain if e - s >= 4])
    return [(s, e, 4.5, ["pinyin_gloss"]) for s, e in spans]


_TAG_RUN_RE = re.compile(r"</?[a-z][a-z0-9]{0,11}(?:\s[^<>\n]{0,200})?>(?:[ \t]*</?[a-z][a-z0-9]{0,11}(?:\s[^<>\n]{0,200})?>)*")
_ID_RE = re.compile(r"\sid\s*=\s*[\"']?([a-z0-9_-]{3,40})")


_TAG_NAME_ID_RE = re.compile(r"<([a-z][a-z0-9]{0,11})\s[^<>]*?\bid\s*=\s*[\"']?([a-z0-9_-]{3,40})")


def tag_passages(low: str) -> list:
    """Runs of HTML elements in plain text (nothing but tags and blanks between them) where one
    id recurs on elements of different kinds: ids are unique in a real page, and a page that
    repeats one on purpose (a page-break div) repeats the same element."""
    if "<" not in low:
        return []
    runs, kinds = [], {}
    for m in _TAG_RUN_RE.finditer(low):
        pairs = _TAG_NAME_ID_RE.findall(low, m.start(), m.end())
        runs.append((m.start(), m.end(), {v for _n, v in pairs}))
        for name, value in pairs:
            kinds.setdefault(value, set()).add(name)
    junk = {v for v, names in kinds.items() if len(names) >= 2}
    if not junk:
        return []
    return [(s, e, 5.0, ["hidden_html", "repeated_id"]) for s, e, ids in runs if junk & ids]


@functools.lru_cache(maxsize=1)
def _junk_re():
    return re.compile(_symbol_re().pattern.replace("《》〈〉【】〖〗『』「」]", "]"))


@functools.lru_cache(maxsize=1)
def _symbol_re():
    parts = []
    for line in (_DATA / "spam_symbols.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        first, last = line.split("\t")[0].split()
        a, b = chr(int(first, 16)), chr(int(last, 16))
        parts.append(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}")
    return re.compile("[" + "".join(parts) + "《》〈〉【】〖〗『』「」]")


_PAIRS = {"《": "》", "〈": "〉", "【": "】", "〖": "〗", "『": "』", "「": "」"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
SYMBOL_KINDS_MIN = 3


def _between_words(low: str, i: int) -> bool:
    """A character between two Chinese characters (a blank allowed on either side)."""
    j = i - 1
    if j >= 0 and low[j] == " ":
        j -= 1
    k = i + 1
    if k < len(low) and low[k] == " ":
        k += 1
    return j >= 0 and k < len(low) and _cjk(low[j]) and _cjk(low[k])


def _unmatched_brackets(low: str, positions: list) -> set:
    """Positions (among `positions`, all brackets) whose pair is not on the same line."""
    unmatched, stacks, line_end = set(), {}, -1
    for i in positions:
        if i > line_end:  # a new line: what is still open on the old one is unmatched
            for stack in stacks.values():
                unmatched.update(stack)
            stacks = {}
            nl = low.find("\n", i)
            line_end = len(low) if nl < 0 else nl
        ch = low[i]
        if ch in _PAIRS:
            stacks.setdefault(ch, []).append(i)
        else:
            stack = stacks.get(_CLOSERS[ch])
            if stack:
                stack.pop()
            else:
                unmatched.add(i)
    for stack in stacks.values():
        unmatched.update(stack)
    return unmatched


def symbol_passages(low: str) -> list:
    """Junk symbols and unmatched brackets inserted inside words, when the page shows three kinds."""
    if not any(_between_words(low, m.start()) for m in _junk_re().finditer(low)):
        return []  # no junk symbol inside a word: brackets alone are never the pattern
    hits = [(m.start(), m.group(0)) for m in _symbol_re().finditer(low)]
    if not any(ch not in _PAIRS and ch not in _CLOSERS and _between_words(low, i) for i, ch in hits):
        return []  # unmatched brackets alone are typos (…办法》等规定), not the pattern
    brackets = [i for i, ch in hits if ch in _PAIRS or ch in _CLOSERS]
    unmatched = _unmatched_brackets(low, brackets) if brackets else set()
    inserted = [(i, ch) for i, ch in hits
                if (ch not in _PAIRS and ch not in _CLOSERS or i in unmatched) and _between_words(low, i)]
    if len({ch for _, ch in inserted}) < SYMBOL_KINDS_MIN:
        return []
    return [(i, i + 1, 4.5, ["inserted_symbol"]) for i, _ in inserted]


@functools.lru_cache(maxsize=1)
def shape_words() -> dict:
    words = {}
    for line in (_DATA / "spam_shapes.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("!"):
            key, *values = line[1:].split()
            words.setdefault(key, []).extend(values)
    return words


@functools.lru_cache(maxsize=1)
def _brand_re():
    words = shape_words()
    stems = "|".join(sorted(set(words["stem"]), key=len, reverse=True))
    strong = "|".join(sorted(set(words["stem_strong"]), key=len, reverse=True))
    return re.compile(rf"[a-z0-9]*(?:(?:{strong})|(?:{stems}))[a-z0-9]*"), re.compile(strong)


@functools.lru_cache(maxsize=1)
def _stem_re():
    words = shape_words()
    return re.compile("|".join(sorted(set(words["stem"]) | set(words["stem_strong"]), key=len, reverse=True)))


_ASCII_TOKEN_RE = re.compile(r"[a-z0-9]{3,24}+(?![./@_-]?[a-z0-9])")


def brand_token_at(low: str, at: int):
    """The ASCII token starting at `at` when it holds a gambling stem and a digit (88betway88,
    bet36, 365bet) or a strong stem (betway, casino), and stands between non-letters (not part of
    an address, a file name or a longer word); else None. Called for each ASCII run."""
    m = _ASCII_TOKEN_RE.match(low, at)
    if m is None:
        return None
    token_re, strong_re = _brand_re()
    if _stem_re().search(low, at, m.end()) is None:
        return None
    token = m.group(0)
    if not token_re.fullmatch(token):
        return None
    if any(c.isdigit() for c in token) and any(c.isalpha() for c in token) or strong_re.search(token):
        return m.start(), m.end()
    return None


def brand_token_passages(low: str) -> list:
    """Every brand token of `low` (the detector finds them in its ASCII-run scan instead)."""
    found = []
    for m in re.finditer(r"(?<![a-z0-9./@_-])[a-z0-9]", low):
        hit = brand_token_at(low, m.start())
        if hit:
            found.append((hit[0], hit[1], 4.5, ["brand_token"]))
    return found


@functools.lru_cache(maxsize=1)
def _portal_re():
    from .trie import trie_pattern

    return re.compile(trie_pattern(set(shape_words()["portal"])))


def swapped_address_passages(low: str, foreign: list) -> list:
    """A non-government address (`foreign`: the spans of the page's foreign links, found by the
    detector's ASCII scan) right after the page names its government portal; then every other
    occurrence of that address on the page."""
    if not foreign:
        return []
    portal = _portal_re()
    hosts = set()
    for start, end in foreign:
        line_start = low.rfind("\n", max(0, start - 80), start) + 1
        if portal.search(_GLOSS_RE.sub("", low[max(line_start, start - 80):start])[-40:]):  # 門戶網(wǎng)站 too
            m = _HOST_RE.match(low, start, end)
            if m:
                hosts.add(m.group(0).rstrip("/"))
    found = []
    for base in hosts:
        at = low.find(base)
        while at >= 0:
            end = at + len(base)
            if end < len(low) and low[end] == "/":
                end += 1
            found.append((at, end, 4.5, ["swapped_official_address"]))
            at = low.find(base, end)
    return found


_HOST_RE = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,10}(?::\d+)?")


@functools.lru_cache(maxsize=1)
def _places() -> tuple:
    names, suffixes = set(), ()
    for line in (_DATA / "place_names.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("!suffix"):
            suffixes = tuple(line.split()[1:])
        elif line.strip() and not line.startswith("#"):
            names.update(line.split())
    return frozenset(names), suffixes


_SEPARATORS = frozenset(" \t、,，|/_")
# Five or more short items each after a separator: the scan starts only at separators (a plain
# class first, so the engine skips ahead in C; a possessive first repeat would disable that).
_LIST_RE = re.compile(r"[ \t、,，|/_][ \t、,，|/_]*+[\u4e00-\u9fff]{2,7}+(?:[ \t、,，|/_]++[\u4e00-\u9fff]{2,7}+){4,}")
_PLACE_ITEM_RE = re.compile(r"[\u4e00-\u9fff]{2,7}")
PLACE_RUN_MIN = 8
PLACE_RUN_SHORT = 6
_NON_BLANK_RE = re.compile(r"\S")


def _place_rest(word: str, names, suffixes):
    """What follows the place name `word` starts with ("" for a bare place; 代孕 in 北京代孕), or
    None when `word` does not start with a place name."""
    if word in names or (len(word) <= 5 and word.endswith(suffixes)):
        return ""
    for k in (4, 3, 2):
        head = word[:k]
        if len(word) > k and (head in names or (k >= 3 and head.endswith(suffixes))):
            return word[k:]
    return None


def place_tail_passages(low: str, start: int = 0) -> list:
    """A run of place names joined by separators (each bare, or each followed by the same word:
    北京代孕 上海代孕…) that ends its line and is not followed by an addressee word (主送: …人民政府,
    各…) nor labelled as the site's navigation: an appended SEO tail. PLACE_RUN_MIN names at the
    very end of the text are spam on their own; a shorter run, or one inside the page, only on a
    page already shown to carry spam."""
    names, suffixes = _places()
    agency = tuple(shape_words()["agency"])
    found = []
    for m in _LIST_RE.finditer(low, start):
        line_end = low.find("\n", m.end())
        if not _only(low, m.end(), len(low) if line_end < 0 else line_end, _SEPARATORS):
            continue  # a list inside a sentence (…、岳西县等7个县) is not a tail
        # The item before the first separator belongs to the list too.
        items = []
        head = m.start()
        k = head
        while k > 0 and "\u4e00" <= low[k - 1] <= "\u9fff" and head - k < 7:
            k -= 1
        if 2 <= head - k:
            items.append((k, head))
        items += [(t.start(), t.end()) for t in _PLACE_ITEM_RE.finditer(low, m.start(), m.end())]
        best, run, rest_of_run = [], [], None
        for s, e in items:
            rest = _place_rest(low[s:e], names, suffixes)
            if rest is not None and (not run or rest == rest_of_run):
                run.append((s, e))
            else:
                run = [(s, e)] if rest is not None else []
            rest_of_run = rest
            if len(run) > len(best):
                best = list(run)
        if len(best) < PLACE_RUN_SHORT:
            continue
        run_start, run_end = best[0][0], best[-1][1]
        rest_end = low.find("\n", run_end)
        if not _only(low, run_end, len(low) if rest_end < 0 else rest_end, _SEPARATORS) or low[run_end:run_end + 4].startswith(agency):
            continue
        # A labelled list (区县网站：东城区 西城区…, 友情链接) is the site's navigation.
        line_start = low.rfind("\n", 0, run_start) + 1
        label = low[max(0, low.rfind("\n", 0, max(0, line_start - 1)) + 1):run_start]
        if label.rstrip().endswith((":", "：")) or any(w in label for w in shape_words()["navigation"]):
            continue
        at_end = _NON_BLANK_RE.search(low, run_end) is None
        score = 4.5 if at_end and len(best) >= PLACE_RUN_MIN else 3.0
        found.append((run_start, run_end, score, ["place_tail"]))
    return found


def _only(low: str, a: int, b: int, chars, backwards: bool = False) -> bool:
    """True when low[a:b] holds only `chars`; stops at the first other character."""
    if backwards:
        k = b
        while k > a and low[k - 1] in chars:
            k -= 1
        return k <= a
    k = a
    while k < b and low[k] in chars:
        k += 1
    return k >= b


# Tonight's draw of a private lottery, with at most a time between (今晚开奖, 今晚上9点30开奖).
_TONIGHT_DRAW_RE = re.compile(r"(?:今晚|今夜)[^\s，。,;；！？!?|、]{0,8}?开奖")
# Six dash-joined two-digit numbers after a three-digit issue (021期) or before a 特码 (t:39).
_DRAW_NUMBERS_RE = re.compile(r"(?<!\d)\d{3}期\s*[:：]?\s*\d{2}(?:-\d{2}){5}(?:\s*(?:t|特码?)\s*[:：]?\s*\d{2})?"
                              r"|(?<![\d-])\d{2}(?:-\d{2}){5}\s*(?:t|特码?)\s*[:：]\s*\d{2}(?!\d)")
_DASH_RUN_RE = re.compile(r"-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}")
_TIP_NAME_MAX = 16  # CJK characters of a tip's name glued in front of its draw numbers


def lottery_atoms(low: str) -> list:
    """(start, end, weight, signal) of private-lottery tips; `low` as for the other shapes."""
    if "开奖" not in low and "期" not in low and "t:" not in low:
        return []
    found = [(m.start(), m.end(), 3.0, "lottery_draw") for m in _TONIGHT_DRAW_RE.finditer(low)]
    if not _DASH_RUN_RE.search(low):  # both draw shapes hold five dash-joined pairs; "-" is rare, so this is quick
        return found
    for m in _DRAW_NUMBERS_RE.finditer(low):
        start = m.start()
        while start > 0 and m.start() - start < _TIP_NAME_MAX and _cjk(low[start - 1]):
            start -= 1
        found.append((start, m.end(), 5.0, "lottery_draw"))
    return found
