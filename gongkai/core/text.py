"""Text normalisation shared by the importer, search and review.

Real pages mix full-width and half-width forms and traditional characters; every comparison in the
product goes through these functions so that 發布機構, 发布机构 and ＡＢＣ１２３ all compare equal to what
a person means.
"""
import functools
import re
import unicodedata

import opencc

_t2s = opencc.OpenCC("t2s")

# Characters NFKC leaves alone but that mean the same thing in metadata.
_EXTRA = str.maketrans({"\u3000": " ", "\u00a0": " ", "\ufeff": "", "\u200b": "", "\u200c": "", "\u200d": ""})


# What XML 1.0 cannot carry (feeds, sitemaps, .docx): C0 controls other than tab, line feed and
# carriage return, lone surrogates, U+FFFE and U+FFFF. A form feed (pdftotext's page break) and a
# vertical tab become a line break; the others are dropped.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = str.maketrans({"\f": "\n", "\v": "\n"})


def clean_text(text: str) -> str:
    """`text` without characters XML 1.0 cannot carry: every stored text goes through it."""
    if not text:
        return text or ""
    if _XML_INVALID_RE.search(text) is None:
        return text
    return _XML_INVALID_RE.sub("", text.translate(_BREAKS))


def nfkc(text: str) -> str:
    """Fold full-width digits, letters and punctuation to their plain forms."""
    return clean_text(unicodedata.normalize("NFKC", text or "").translate(_EXTRA))


@functools.lru_cache(maxsize=4096)
def _t2s_cached(text: str) -> str:
    return _t2s.convert(text)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (OpenCC t2s tables)."""
    if not text:
        return ""
    if len(text) < 64:
        return _t2s_cached(text)
    return _t2s.convert(text)


def normalize(text: str) -> str:
    """NFKC plus traditional→simplified: the form used for matching, never for display."""
    return to_simplified(nfkc(text))


_SPACE_RE = re.compile(r"[ \t\r\f\v]+")


def squash_spaces(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def strip_inner_spaces(text: str) -> str:
    """Remove all white space: `索   引   号` → `索引号`."""
    return re.sub(r"\s+", "", text or "")
