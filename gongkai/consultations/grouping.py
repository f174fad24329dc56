"""Group near-duplicate and template comments ("同类意见N条").

Two comments are alike when the Jaccard similarity of their character bigrams (after
normalisation, punctuation and spaces removed) reaches `THRESHOLD`. A new comment joins the group of
the first group head it is alike to (`ledger.comment_submit`), so group keys are stable as comments
arrive; the work is O(groups) per comment.
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
