"""Near-duplicate texts: the Jaccard similarity of character bigrams after normalisation, with
punctuation and spaces removed. Used to group template comments in 意见征集 ("同类意见N条": a new
comment joins the group of the first group head it is alike to, so group keys stay stable) and to
show a 留言 writer the answer to an alike message.
"""
import math
import re
import zlib

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


def prefix_tokens(fp: frozenset, threshold: float = THRESHOLD) -> list[str]:
    """The tokens of `fp` that a similarity index stores and looks up (the prefix filter of the
    all-pairs similarity join): under one fixed order of tokens, two sets whose Jaccard similarity
    is `threshold` or more share at least one token of their prefixes of |x| - ceil(t*|x|) + 1
    tokens (their overlap is at least t * max(|x|, |y|)). floor() in place of ceil() keeps one
    token more where t*|x| is not exact in floating point, so no alike pair is ever missed.
    The order is a fixed hash of the token, the same in every process and release."""
    ordered = sorted(fp, key=lambda t: (zlib.crc32(t.encode("utf-8")), t))
    return ordered[:len(ordered) - math.floor(threshold * len(ordered)) + 1]
