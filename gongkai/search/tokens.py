"""Index tokens for the tantivy index, in two fields per text:

- the *stream* (indexed with positions): one token per character. A character's token is the pair
  it starts with the next character of its line ("双随", "机、", "、一", "57", "5-"), the last
  character of a line stands alone, a run of spaces is one character (␣) and a line break is ¶.
  Inside a CJK run the pairs are the bigrams that word queries look for. A quoted phrase is the
  same stream of the phrase at consecutive positions, so the index alone proves it as a substring
  of the text, punctuation, digits and letters included ("双随机、一公开" ≠ "双随机。一公开";
  "575-" is found in 0575-8123 and "之日起2" in 之日起20), with one exact term every other
  position: no phrase needs a regular expression.
- the *extras* (no positions): every CJK character on its own, every run of letters or of digits
  whole (what a word query asks for "2021" or "gdp": the run, not a piece of a longer one) and the
  words (rjieba search mode, ≥ 3 characters, and the vocabulary written with punctuation), so that
  a one-character query, a number and a vocabulary word are found (analysis.py's module docstring).
"""
import re

from .analysis import RUN_RE, Analyzer, analyzer

LINE_BREAK = "¶"
SPACE = "␣"  # a run of spaces inside a line is one character of its own
_SPACE_RE = re.compile(r"\s+")
_ALNUM_RE = re.compile(RUN_RE.pattern.split("|", 1)[1])
_CJK_RUN_RE = re.compile(RUN_RE.pattern.split("|")[0])


def _line(text: str) -> str:
    return _SPACE_RE.sub(SPACE, text.strip())


def stream_tokens(norm: str) -> list[str]:
    """The positional stream of already normalised text (lines kept apart by ¶)."""
    out = []
    for n, line in enumerate(norm.lower().split("\n")):
        if n:
            out.append(LINE_BREAK)
        line = _line(line)
        if line:
            out.extend(map(str.__add__, line, line[1:]))
            out.append(line[-1])
    return out


def extra_tokens(norm: str, an: Analyzer | None = None) -> list[str]:
    """Every CJK character, every run of letters or digits, and the words."""
    lowered = norm.lower()
    out = []
    for run in _CJK_RUN_RE.findall(lowered):
        out.extend(run)
    out.extend(_ALNUM_RE.findall(lowered))
    out.extend((an or analyzer()).words_in(lowered))
    return out


def phrase_words(text: str) -> tuple[str, list]:
    """How to match the quoted phrase `text` (normalised, one line): (mode, [(offset, word)]).

    mode 'phrase': exact stream tokens at their offsets; 'regex': one character, whatever follows
    it ("税.?", the pair it starts or the character alone at the end of a line); 'none': nothing.

    Only every other pair is kept, and the last pair: a pair fixes two positions, so the tokens kept
    fix every character of the phrase, with half the posting lists to intersect. The phrase's last
    character is never asked alone (in the text it starts a pair with whatever follows it).
    """
    line = _line(text.lower())
    n = len(line)
    if n == 0:
        return "none", []
    if n == 1:
        return "regex", [(0, re.escape(line) + ".?")]
    kept = list(range(0, n - 1, 2))
    if kept[-1] != n - 2:
        kept.append(n - 2)
    return "phrase", [(k, line[k:k + 2]) for k in kept]
