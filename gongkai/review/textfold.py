"""Length-preserving text folding: full-width digits and letters become ASCII, spans stay valid.

NFKC can change a string's length (㈠ → (一)), which would break the mapping from a finding back to
the original text. `fold` applies NFKC only to characters whose NFKC form is exactly one character
(and maps traditional characters to simplified ones the same way), so position i of the folded
text is position i of the original. `fold_lower` also lower-cases
ASCII letters (spam matching).
"""
import functools
import re
import unicodedata
from pathlib import Path


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    table = {}
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch)
        if len(folded) == 1 and folded != ch:
            table[ch] = folded
    for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x202F):
        table[chr(cp)] = " "
    for cp in (0x2014, 0x2015, 0x2212, 0xFF0D, 0x2010, 0x2011, 0x2013):
        table[chr(cp)] = "-"
    # Traditional characters fold to simplified ones (one character to one, from OpenCC's t2s), so
    # 機密★, 張建國 and 葡京賭場 are found like 机密★, 张建国 and 葡京赌场.
    path = Path(__file__).resolve().parent / "data" / "t2s_chars.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            for pair in line.split():
                table.setdefault(pair[0], pair[1])
    return table


def _char_class(chars) -> str:
    cps = sorted(ord(c) for c in chars)
    ranges, start, prev = [], cps[0], cps[0]
    for cp in cps[1:]:
        if cp != prev + 1:
            ranges.append((start, prev))
            start = cp
        prev = cp
    ranges.append((start, prev))
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in ranges) + "]"


@functools.lru_cache(maxsize=1)
def _fold_re():
    return re.compile(_char_class(_table()))


@functools.lru_cache(maxsize=1)
def _lower_table() -> dict:
    table = {}
    for ch, folded in _table().items():
        table[ch] = folded.lower() if folded.isascii() else folded
    for cp in range(ord("A"), ord("Z") + 1):
        table[chr(cp)] = chr(cp).lower()
    return table


@functools.lru_cache(maxsize=1)
def _fold_lower_re():
    return re.compile(_char_class(_lower_table()))


# The full-width punctuation of ordinary Chinese prose: replaced with str.replace (a C loop) before
# the regular expression handles the rest, which is then rare (one Python call per character).
_COMMON = "，：（）；！？\u3000"


def fold(text: str) -> str:
    """Fold compatibility characters to their plain forms without changing the length."""
    if not text or text.isascii():
        return text or ""
    table = _table()
    for ch in _COMMON:
        if ch in text:
            text = text.replace(ch, table[ch])
    return _fold_re().sub(lambda m: table[m.group(0)], text)


def fold_lower(text: str) -> str:
    """`fold`, then ASCII letters to lower case (same length)."""
    if not text:
        return ""
    table = _lower_table()
    return _fold_lower_re().sub(lambda m: table[m.group(0)], text)


_UPPER_RE = re.compile(r"[A-Z]+")


def ascii_lower(folded: str) -> str:
    """ASCII letters of an already folded text to lower case: `ascii_lower(fold(t)) == fold_lower(t)`."""
    return _UPPER_RE.sub(lambda m: m.group(0).lower(), folded) if folded else ""


def lower_for_matching(folded: str) -> str:
    """An already folded text with its ASCII letters in lower case, for matchers that read the
    case of ASCII letters only (the spam detector): `str.lower` when it keeps the length (it also
    lowers non-ASCII letters, which such matchers never read; after folding, no non-ASCII letter
    lowers to an ASCII one), else `ascii_lower`. Much faster than `ascii_lower` on texts with many
    capitals (plates, ID check letters, brand names)."""
    if not folded:
        return ""
    low = folded.lower()
    return low if len(low) == len(folded) else ascii_lower(folded)
