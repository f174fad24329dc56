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
"""
import functools
import re
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"
_CJK_LO, _CJK_HI = "\u3400", "\u9fff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_UNTONE = str.maketrans(_TONED + "ü", "aaaaeeeeiiiioooouuuuvvvvv")
_GLOSS_RE = re.compile(r"[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})[)）]")
_SYLLABLE_RE = re.compile(
    r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|"
    r"ou|iu|ie|ve|ue|er|an|en|in|un|vn|ia|ua|uo|a|o|e|i|u|v)$")
GLOSS_MIN = 3  # toned glosses that make a page a converting mirror


def _cjk(ch: str) -> bool:
    return _CJK_LO <= ch <= _CJK_HI


def gloss_passages(low: str) -> list:
    """Each `(pinyin)` right after a character, once the page holds GLOSS_MIN toned ones."""
    if "(" not in low and "（" not in low:
        return []
    toned, plain = [], []
    for m in _GLOSS_RE.finditer(low):
        if m.start() == 0 or not _cjk(low[m.start() - 1]):
            continue
        syllable = m.group(1)
        if not _SYLLABLE_RE.match(syllable.translate(_UNTONE)):
            continue
        (toned if any(c in _TONED for c in syllable) else plain).append((m.start(), m.end()))
    if len(toned) < GLOSS_MIN:
        return []
    # Neutral-tone glosses (no mark) count once the page is a glossing mirror; one letter is too
    # little to tell a gloss from a list item.
    spans = sorted(toned + [(s, e) for s, e in plain if e - s >= 4])
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
    hits = [(m.start(), m.group(0)) for m in _symbol_re().finditer(low)]
    if not hits:
        return []
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


_ASCII_TOKEN_RE = re.compile(r"[a-z0-9]{3,24}")


def brand_token_passages(low: str) -> list:
    """ASCII tokens holding a gambling stem and a digit (88betway88, bet36, 365bet), or a strong
    stem (betway, casino), standing between non-letters."""
    token_re, strong_re = _brand_re()
    found = []
    for m in _ASCII_TOKEN_RE.finditer(low):
        s, e = m.start(), m.end()
        if (s and (low[s - 1].isascii() and low[s - 1].isalnum() or low[s - 1] in "./@_-")) or (
                e < len(low) and low[e] in "./@_-" and e + 1 < len(low) and low[e + 1].isalnum()):
            continue  # part of an address, a file name or a longer word
        token = m.group(0)
        if not token_re.fullmatch(token):
            continue
        if any(c.isdigit() for c in token) and any(c.isalpha() for c in token) or strong_re.search(token):
            found.append((s, e, 4.5, ["brand_token"]))
    return found


@functools.lru_cache(maxsize=1)
def _portal_re():
    from .spam import _TLDS

    labels = "|".join(sorted(set(shape_words()["portal"]), key=len, reverse=True))
    return re.compile(rf"(?:{labels})[^\n]{{0,30}}?((?:https?://)?((?:[a-z0-9-]+\.)+(?:{_TLDS}))(?![a-z0-9-])(?::\d+)?/?)")


def swapped_address_passages(low: str, extra_hosts=()) -> list:
    """A non-government address right after the page names its government portal; then every
    other occurrence of that address on the page."""
    from .spam import host_is_public_sector

    hosts = set()
    found = []
    for m in _portal_re().finditer(low):
        if not host_is_public_sector(m.group(2), extra_hosts):
            hosts.add(m.group(1).rstrip("/"))
    for base in hosts:
        at = low.find(base)
        while at >= 0:
            end = at + len(base)
            if end < len(low) and low[end] == "/":
                end += 1
            found.append((at, end, 4.5, ["swapped_official_address"]))
            at = low.find(base, end)
    return found


@functools.lru_cache(maxsize=1)
def _places() -> tuple:
    names, suffixes = set(), ()
    for line in (_DATA / "place_names.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("!suffix"):
            suffixes = tuple(line.split()[1:])
        elif line.strip() and not line.startswith("#"):
            names.update(line.split())
    return frozenset(names), suffixes


_PLACE_TOKEN_RE = re.compile(r"[\u4e00-\u9fff]{2,7}")
_LIST_SEP_RE = re.compile(r"[ \t、,，|/_]+")
PLACE_RUN_MIN = 8


def place_tail_passages(low: str) -> list:
    """A run of PLACE_RUN_MIN or more place names joined by separators that ends its line and is
    not followed by an addressee word (主送: …人民政府, 各…): an appended SEO tail. Scored higher at
    the very end of the text."""
    names, suffixes = _places()
    agency = tuple(shape_words()["agency"])
    found = []
    pos = 0
    n = len(low)
    while pos < n:
        m = _PLACE_TOKEN_RE.search(low, pos)
        if m is None:
            break
        run_start, run_end, count, at = m.start(), m.end(), 0, m.start()
        while True:
            t = _PLACE_TOKEN_RE.match(low, at)
            if t is None:
                break
            word = t.group(0)
            if not (word in names or (word.endswith(suffixes) and len(word) <= 5)):
                break
            count += 1
            run_end = t.end()
            sep = _LIST_SEP_RE.match(low, run_end)
            if sep is None:
                break
            at = sep.end()
        pos = max(run_end, m.end())
        if count < PLACE_RUN_MIN:
            continue
        rest_end = low.find("\n", run_end)
        rest = low[run_end:n if rest_end < 0 else rest_end].strip(" \t、,，|/_")
        if rest or low[run_end:run_end + 4].startswith(agency):
            continue
        score = 4.5 if not low[run_end:].strip() else 3.0
        found.append((run_start, run_end, score, ["place_tail"]))
    return found


_SPLIT_RE = re.compile(r"[\s_,，、|丨/;；>»›]+")
_SENTENCE_PUNCT = set("。！？!?；;“”\"《》")


def _clusters(atoms: list, ts: int, te: int) -> list:
    """Atoms of one token joined into clusters (gaps of five characters or less)."""
    out = []
    for s, e, w in atoms:
        e = min(e, te)
        if out and s - out[-1][1] <= 5:
            out[-1][1] = max(out[-1][1], e)
            out[-1][2] += w
            out[-1][3] += e - s
        else:
            out.append([s, e, w, e - s])
    return out


def _token_length(low: str, ts: int, te: int) -> int:
    """Characters of a token, an ASCII word counting as one (freepeople性欧美熟妇: 6)."""
    piece = low[ts:te]
    return len(_ASCII_WORD_RE.sub("a", piece))


_ASCII_WORD_RE = re.compile(r"[a-z0-9]{2,}")


def keyword_runs(low: str, line_atoms: dict, line_bounds: dict, regulatory_re) -> list:
    """SEO phrase lines: on each line holding atoms, the run of separator-joined tokens from the
    first to the last spam token, where most tokens are spam and the others are short bridges.

    `line_atoms` maps a line number to its atoms (start, end, weight); `line_bounds` to (start, end).
    A token is spam when its atoms weigh 1 or more, sit together and cover much of it; the passage
    reaches a spam token's edges when what its atoms leave at either end is short (秦艽能|壮阳延时|吗),
    else it stops at the atoms. Returns (start, end, score, signals, strong): `strong` when the run
    has the shape of an SEO line (two spam tokens, a whole line, or a high score) or is a keyword
    spliced into a sentence as a clause of its own (…权益,新庄瘦小脸,保持…)."""
    found = []
    for line_no, atoms in line_atoms.items():
        if sum(a[2] for a in atoms) < 1.0:
            continue
        ls, le = line_bounds[line_no]
        tokens = []
        prev = ls
        for sep in _SPLIT_RE.finditer(low, ls, le):
            if sep.start() > prev:
                tokens.append([prev, sep.start()])
            prev = sep.end()
        if prev < le:
            tokens.append([prev, le])
        if not tokens or len(tokens) > 400:
            continue
        info = []
        ai = 0
        atoms = sorted(atoms)
        for ts, te in tokens:
            while ai < len(atoms) and atoms[ai][0] < ts:
                ai += 1
            j = ai
            while j < len(atoms) and atoms[j][0] < te:
                j += 1
            mine = atoms[ai:j]
            weight = sum(a[2] for a in mine)
            clusters = _clusters(mine, ts, te) if mine else []
            length = _token_length(low, ts, te)
            sentence = any(c in _SENTENCE_PUNCT for c in low[ts:te])
            first = clusters[0][0] if clusters else None
            last = clusters[-1][1] if clusters else None
            spam = (weight >= 1.0 and len(clusters) == 1 and not sentence
                    and (_token_length(low, first, last) >= 0.4 * length or length <= 10))
            info.append((ts, te, weight, spam, first, last, sentence, length))
        i = 0
        while i < len(info):
            if not info[i][3]:
                i += 1
                continue
            j, k = i, i + 1
            while k < len(info):
                ts, te, weight, spam, _f, _l, sentence, length = info[k]
                if spam:
                    j = k
                    k += 1
                    continue
                # A bridge: one short token without sentence punctuation between spam tokens.
                if not sentence and length <= 20 and k + 1 < len(info) and info[k + 1][3]:
                    k += 1
                    continue
                break
            spam_tokens = sum(1 for t in info[i:j + 1] if t[3])
            # Weak tokens after the run (国产手机在机看影片), with short bridges before them, belong to it.
            k = j + 1
            while spam_tokens >= 3 and k < len(info) and not info[k][6] and info[k][7] <= 20:
                if info[k][2] > 0:
                    j = k
                elif not (k + 1 < len(info) and info[k + 1][2] > 0):
                    break
                k += 1
            run = info[i:j + 1]
            score = sum(t[2] for t in run) + 0.5 * (spam_tokens - 1)
            start = _edge(low, info[i], head=True)
            end = _edge(low, info[j], head=False)
            head_blank = not low[ls:start].strip(_MARKERS)
            whole = head_blank and not low[end:le].strip(" \t_,，、|丨")
            if head_blank:
                score += 1.0
            spliced = (spam_tokens == 1 and i == j and 0 < i < len(info) - 1 and info[i][7] <= 6
                       and low[info[i][0] - 1] in ",，" and low[info[i][1]] in ",，"
                       and info[i - 1][7] >= 6 and info[i + 1][7] >= 6)
            if spliced:
                score += 1.5
                outside = len(regulatory_re.findall(low, info[i][0], info[i][1]))
            else:
                outside = len(regulatory_re.findall(low, ls, start)) + len(regulatory_re.findall(low, end, le))
            score -= min(outside, 3) * 2.0
            strong = spam_tokens >= 2 or whole or spliced or score >= 5.0
            found.append((start, end, round(score, 2), ["keyword_run"], strong))
            i = j + 1
    return found


_MARKERS = " \t•·-*.0123456789、)）"


def _edge(low: str, token, head: bool) -> int:
    ts, te, weight, spam, first, last, _sentence, _length = token
    if not spam or first is None:
        return ts if head else te
    if head:
        rest = low[ts:first]
        return ts if _token_length(low, ts, first) <= 3 else first
    return te if _token_length(low, last, te) <= 3 else last
