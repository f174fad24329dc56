"""Near-duplicate texts: the Jaccard similarity of character bigrams after normalisation, with
punctuation and spaces removed. Used to group template comments in 意见征集 ("同类意见N条": a new
comment joins the group of the first group head it is alike to, so group keys stay stable) and to
show a 留言 writer the answer to an alike message.
"""
import re

from gongkai.core.text import normalize

THRESHOLD = 0.8
_NOISE = re.compile(r"[\W_]+", re.U)


def fingerprint(text: str) -> frozenset:
    clean = _NOISE.sub("", normalize(text or "").lower())
    if len(clean) < 2:
        return frozenset({clean}) if clean else frozenset()
    return frozenset(clean[i:i + 2] for i in range(len(clean) - 1))


def similarity(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def overlap(a: frozenset, b: frozenset) -> float:
    """The share of the smaller text's bigrams found in the other (a short question inside a long
    message scores high; Jaccard would not)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
