"""Text analysis shared by indexing and querying: normalisation, segmentation and index tokens.

Every document and every query goes through the same steps:

1. `normalize_text` — NFKC (full-width → half-width) and traditional → simplified, exactly
   `gongkai.core.text.normalize`, only faster on text that has no traditional characters.
2. Runs — maximal stretches of CJK characters, ASCII letters or digits; everything else separates.
3. Tokens (tokens.py) — for a CJK run its overlapping character bigrams and its single characters
   (so that any substring of one or more characters can be found), for letters and digits the run
   itself, plus the words of three or more characters that rjieba finds in search mode and the
   words of the government vocabulary (kept whole even when written with punctuation: 双随机、一公开).
"""
import functools
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import rjieba
from django.core.cache import cache

from gongkai.core.text import nfkc, to_simplified

VOCABULARY_FILE = Path(__file__).parent / "data" / "vocabulary.txt"
VOCAB_VERSION_KEY = "search:vocabulary-version"

_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
RUN_RE = re.compile(f"[{_CJK}]+|[a-z]+|[0-9]+")
CJK_RE = re.compile(f"[{_CJK}]")
CJK_WORD_RE = re.compile(f"[{_CJK}]{{3,}}")
_STRIP_RE = re.compile(f"[^{_CJK}a-z0-9]+")


# --- normalisation -------------------------------------------------------------------------------

# The separators OpenCC splits on before converting (opencc.OpenCC.split_chars_re): conversion
# never crosses them, so converting piece by piece gives the same result as converting the whole.
_OPENCC_SPLIT_RE = re.compile(
    r"(\s+|-|,|\.|\?|!|\*|　|，|。|、|；|：|？|！|…|“|”|‘|’|『|』|「|」|﹁|﹂|—|－|（|）|《|》|〈|〉|～|．|／|＼"
    r"|︒|︑|︔|︓|︿|﹀|︹|︺|︙|︐|［|﹇|］|﹈|︕|︖|︰|︳|︴|︽|︾|︵|︶|｛|︷|｝|︸|﹃|﹄|【|︻|】|︼)")


def _opencc_entries(name):
    import opencc

    with open(Path(opencc.__file__).parent / "dictionary" / name, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2:
                yield parts[0], parts[1].split(" ")


@functools.lru_cache(maxsize=1)
def _changing() -> tuple[frozenset, dict]:
    """What t2s conversion can change: single characters, and phrases (matched before characters).

    Returns the characters the character table changes, and for every character at a position
    where a phrase's key and value differ, a pattern of the phrases to look for.
    Text with none of the characters and none of the phrases converts to itself.
    """
    # OpenCC uses the first candidate when an entry lists several (opencc.StringTree.__findMatch).
    chars = frozenset(k for k, values in _opencc_entries("TSCharacters.txt") if values[0] != k)
    anchors: dict[str, list] = {}
    for key, values in _opencc_entries("TSPhrases.txt"):
        value = values[0]
        if len(value) != len(key):
            positions = set(range(len(key)))
        else:
            positions = {i for i, (k, v) in enumerate(zip(key, value)) if k != v}
        for i in positions:
            anchors.setdefault(key[i], set()).add(key)
    return chars, {ch: re.compile("|".join(map(re.escape, sorted(keys, key=len, reverse=True))))
                   for ch, keys in anchors.items()}


def _may_change(text: str) -> bool:
    chars, anchors = _changing()
    if not chars.isdisjoint(text):
        return True
    return any(anchors[ch].search(text) for ch in anchors.keys() & set(text))


_NFKC_EXTRA = frozenset("\u3000\u00a0\ufeff\u200b\u200c\u200d")  # what core.text.nfkc also maps


def normalize_text(text: str) -> str:
    """Return `gongkai.core.text.normalize(text)`, skipping work that cannot change anything."""
    text = text or ""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if not _NFKC_EXTRA.isdisjoint(text):
        text = nfkc(text)  # core.text.nfkc: NFKC plus the extra spaces it folds
    if not _may_change(text):
        return text
    pieces = _OPENCC_SPLIT_RE.split(text)
    for i in range(0, len(pieces), 2):
        piece = pieces[i]
        if piece and _may_change(piece):
            pieces[i] = to_simplified(piece)
    return "".join(pieces)


def strip_punct(text: str) -> str:
    """Lower-case and keep only CJK characters, ASCII letters and digits."""
    return _STRIP_RE.sub("", text.lower())


# --- vocabulary and segmenter --------------------------------------------------------------------

def shipped_vocabulary() -> list[str]:
    words = []
    for line in VOCABULARY_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return words


@dataclass
class Analyzer:
    """A segmenter loaded with the vocabulary, plus a matcher for vocabulary written with punctuation."""

    words: frozenset  # stripped forms of every vocabulary word
    jieba: object = field(repr=False)
    punct_re: re.Pattern | None = field(repr=False)
    punct_map: dict = field(repr=False)

    def words_in(self, norm: str) -> list[str]:
        """Words (≥3 CJK characters) rjieba finds in search mode, plus vocabulary written with punctuation."""
        out = [w for w in self.jieba.cut_for_search(norm) if len(w) >= 3 and CJK_WORD_RE.fullmatch(w)]
        if self.punct_re is not None:
            out.extend(self.punct_map[m.group(0)] for m in self.punct_re.finditer(norm))
        return out


def _analyzer_build(extra: list[str]) -> Analyzer:
    segmenter = rjieba.Jieba()
    stripped = set()
    punct_map = {}
    for raw in shipped_vocabulary() + list(extra):
        norm = normalize_text(raw).lower().strip()
        key = strip_punct(norm)
        if not key:
            continue
        stripped.add(key)
        if CJK_WORD_RE.fullmatch(key):
            segmenter.add_word(key, None, None)
        if norm != key and CJK_WORD_RE.fullmatch(key):
            punct_map[norm] = key
    punct_re = None
    if punct_map:
        punct_re = re.compile("|".join(re.escape(w) for w in sorted(punct_map, key=len, reverse=True)))
    return Analyzer(words=frozenset(stripped), jieba=segmenter, punct_re=punct_re, punct_map=punct_map)


_lock = threading.Lock()
_state = {"version": None, "analyzer": None, "checked": 0.0}
VOCAB_CHECK_SECONDS = 1.0  # other processes pick up a vocabulary change within this


def vocabulary_changed():
    """Mark the vocabulary as changed so every process reloads its segmenter on next use."""
    cache.set(VOCAB_VERSION_KEY, time.time(), None)
    with _lock:
        _state["version"] = None


def analyzer() -> Analyzer:
    """The segmenter for the current vocabulary (shipped words plus the administrators' ExtraWord rows)."""
    current = _state["analyzer"]
    now = time.monotonic()
    if current is not None and _state["version"] is not None and now - _state["checked"] < VOCAB_CHECK_SECONDS:
        return current  # a search segments several times: ask the shared cache once a second
    version = cache.get(VOCAB_VERSION_KEY, 0)
    if current is not None and _state["version"] == version:
        _state["checked"] = now
        return current
    with _lock:
        if _state["analyzer"] is not None and _state["version"] == version:
            return _state["analyzer"]
        from .models import ExtraWord

        try:
            extra = list(ExtraWord.objects.values_list("word", flat=True))
        except Exception:  # table not migrated yet (first migrate, bench set-up)
            extra = []
        built = _analyzer_build(extra)
        _state["analyzer"], _state["version"], _state["checked"] = built, version, now
        return built
