"""The question's words in a passage: which it holds (with the words the sources use for them,
`cues.SYNONYMS`), how much a chapter heading or a cited title counts, and which words are
distinctive (rare in the sources: what the question is about)."""
import re

from gongkai.core.text import nfkc
from gongkai.search.query import is_word

from .cues import term_variants

CITED_RE = re.compile(r"《[^》]{1,60}》")
HEADING_SHARE = 0.5     # a word only in a statute article's chapter heading (see coverage)
DISTINCT_SHARE = 0.05   # a word in under this share of the source passages is distinctive


def coverage(terms, text, *, heading="", title="", article=False) -> float:
    """Share of the question's words in the passage. A word found only in a statute chapter's
    heading (第三章 主动公开) counts HEADING_SHARE: every article of the chapter carries it, so it
    says which chapter, not which article. A guide section's heading is its own subject and counts
    fully, as does the document's title. A title cited in the text (“根据《中华人民共和国政府信息
    公开条例》”) names another document, not what the passage is about: its words do not count."""
    if not terms:
        return 0.0
    body = nfkc(CITED_RE.sub("《》", text) + title).lower()
    head = nfkc(heading).lower()
    share = HEADING_SHARE if article else 1.0
    return sum(1.0 if _found(t, body) else share if _found(t, head) else 0.0 for t in terms) / len(terms)


def covered(terms, text, *, heading="", title="") -> frozenset:
    """The question's words (or their SYNONYMS) a passage, its heading or its document's title
    holds, cited titles aside."""
    body = nfkc(CITED_RE.sub("《》", text) + heading + title).lower()
    return frozenset(t for t in terms if _found(t, body))


# what "多少天内" / "几个工作日内" leave once the question word is taken out: the form of a duration
# question (cues "duration"), not what it is about
UNIT_FRAGMENT_RE = re.compile(r"个?(?:工作日|日|天|月|年)内?")


def distinct(terms, sources: list[str]) -> frozenset:
    """The question's words (with their SYNONYMS) found in under DISTINCT_SHARE of the source
    passages: what the question is about rather than the words every article of the 条例 holds
    (a unit left over from a duration question aside, and a fragment the segmenter glued from
    characters it had no word for: "住建局" read as 住 + "建局" is no subject the sources lack; one
    the SYNONYMS name, "不归", is a word)."""
    if not sources:
        return frozenset()
    return frozenset(t for t in terms if not UNIT_FRAGMENT_RE.fullmatch(t)
                     and (is_word(t) or len(term_variants(t)) > 1)
                     and sum(1 for x in sources if _found(t, x)) < DISTINCT_SHARE * len(sources))


def _found(term: str, text: str) -> bool:
    return any(v in text for v in term_variants(term))
