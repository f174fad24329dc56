"""Index tokens for the tantivy index, in two fields per text:

- the *stream* (indexed with positions): one token per position. A position is a character that is
  not a letter or a digit (a CJK character, a punctuation mark, a run of spaces as ␣), or a whole
  run of letters or of digits. A character's token is the pair it starts with the next character when
  that one is also a character ("双随", "机、", "、一"), otherwise the character alone; a run of letters or digits is its own token; a line break is ¶. A quoted phrase is the
  same stream of the phrase, matched at consecutive positions, so the index alone proves it,
  punctuation included ("双随机、一公开" ≠ "双随机。一公开"). Inside a CJK run the pairs are the bigrams
  that word queries look for.
- the *extras* (no positions): every CJK character on its own and the words (rjieba search mode,
  ≥ 3 characters, and the vocabulary written with punctuation), so that a one-character query and
  a vocabulary word are found (analysis.py's module docstring).
"""
import re

from .analysis import RUN_RE, Analyzer, analyzer

LINE_BREAK = "¶"
SPACE = "␣"  # a run of spaces inside a line is one character of its own
_SPACE_RE = re.compile(r"\s+")
# A stretch of characters (no letters or digits), or one run of letters or of digits.
_SEG_RE = re.compile(r"([^a-z0-9]+)|([a-z]+|[0-9]+)")
_CJK_RUN_RE = re.compile(RUN_RE.pattern.split("|")[0])


def stream_tokens(norm: str) -> list[str]:
    """The positional stream of already normalised text (lines kept apart by ¶)."""
    out = []
    for n, line in enumerate(norm.lower().split("\n")):
        if n:
            out.append(LINE_BREAK)
        for chars, alnum in _SEG_RE.findall(_SPACE_RE.sub(SPACE, line.strip())):
            if chars:
                out.extend(map(str.__add__, chars, chars[1:]))
                out.append(chars[-1])
            else:
                out.append(alnum)
    return out


def extra_tokens(norm: str, an: Analyzer | None = None) -> list[str]:
    """Every CJK character, and the words."""
    lowered = norm.lower()
    out = []
    for run in _CJK_RUN_RE.findall(lowered):
        out.extend(run)
    out.extend((an or analyzer()).words_in(lowered))
    return out


def _units(text: str) -> list[tuple[str, bool]]:
    """(token, is_character) per position of a one-line text, as `stream_tokens` makes them."""
    out = []
    for chars, alnum in _SEG_RE.findall(_SPACE_RE.sub(SPACE, text.lower().strip())):
        if chars:
            out.extend((a + b, True) for a, b in zip(chars, chars[1:]))
            out.append((chars[-1], True))
        else:
            out.append((alnum, False))
    return out


def _alnum_class(run: str) -> str:
    return "[0-9]*" if run[0].isdigit() else "[a-z]*"


def phrase_words(text: str) -> tuple[str, list]:
    """How to match the quoted phrase `text` (normalised): (mode, [(offset, word)]).

    mode 'term': one exact token; 'phrase': exact tokens at their offsets; 'regex': the words are
    regular expressions (the phrase starts with letters or digits, which may end a longer run in
    the document, "575-" in "0575-8123"; or ends with them or with a lone character, which may
    begin a longer run or a pair, "之日起2" in "之日起20"); 'none': nothing to match.

    Only every other pair is kept: a pair fixes two positions (and that both are characters, so
    the token between is the pair the phrase has), so the tokens kept still fix every position of
    the phrase, with half the posting lists to intersect.
    """
    units = _units(text)
    n = len(units)
    if n == 0:
        return "none", []
    if n == 1:
        token, is_char = units[0]
        if not is_char:
            return "term", [(0, token)]
        return "regex", [(0, re.escape(token) + ".?")]
    kept, k = [], 0
    while k < n:
        kept.append(k)
        token, is_char = units[k]
        k += 2 if is_char and len(token) > 1 else 1
    last = n - 1
    if kept[-1] == last and units[last][1] and len(units[last - 1][0]) > 1 and units[last - 1][1]:
        kept[-1] = last - 1  # the pair before the last character covers it
    words, regex = [], False
    for k in kept:
        token, is_char = units[k]
        word = re.escape(token)
        if k == 0 and not is_char:
            word, regex = _alnum_class(token) + word, True
        if k == last:
            if is_char:
                word, regex = word + ".?", True
            else:
                word, regex = word + _alnum_class(token), True
        words.append((k, word))
    if not regex:
        return "phrase", [(k, units[k][0]) for k in kept]
    return "regex", words
