"""Index tokens for the tantivy index, in two fields per text:

- the *stream* (indexed with positions): one token per character position of the normalised text —
  for a CJK character the bigram it starts (the last character of a run: the character itself),
  letters and digits as whole runs, each punctuation mark as itself, a line break as ¶; spaces
  give nothing. A quoted phrase is the same stream of the phrase, matched at consecutive
  positions, so the index alone proves it, punctuation included ("双随机、一公开" ≠ "双随机。一公开").
- the *extras* (no positions): the single characters of longer CJK runs and the words (rjieba
  search mode, ≥ 3 characters, and the vocabulary written with punctuation), so that a one-character
  query and a vocabulary word are found (analysis.py's module docstring).
"""
import re

from .analysis import CJK_RE, RUN_RE, Analyzer, analyzer

LINE_BREAK = "¶"
_PIECE_RE = re.compile(RUN_RE.pattern + r"|\S")
_CJK_PART = RUN_RE.pattern.split("|")[0]
# One alternative per kind (CJK run, letters or digits, any other visible character), in text order.
_KIND_RE = re.compile(f"({_CJK_PART})|([a-z]+|[0-9]+)|(\\S)")


def _is_cjk_run(run: str) -> bool:
    return run[0] > "z" and CJK_RE.match(run) is not None


def stream_pieces(lowered: str):
    """(kind, text) of one line: 'cjk', 'alnum' runs and 'punct' marks, in order."""
    for m in _PIECE_RE.finditer(lowered):
        piece = m.group(0)
        if RUN_RE.fullmatch(piece):
            yield ("cjk" if _is_cjk_run(piece) else "alnum"), piece
        else:
            yield "punct", piece


def _cjk_tokens(run: str, *, closed: bool = True) -> list[str]:
    """One token per character: the bigram it starts; the last character alone when the run ends."""
    out = [run[i:i + 2] for i in range(len(run) - 1)]
    if closed:
        out.append(run[-1])
    return out


def stream_tokens(norm: str) -> list[str]:
    """The positional stream of already normalised text (lines kept apart by ¶)."""
    out = []
    for n, line in enumerate(norm.lower().split("\n")):
        if n:
            out.append(LINE_BREAK)
        for cjk, alnum, other in _KIND_RE.findall(line):
            if cjk:
                out.extend(map(str.__add__, cjk, cjk[1:]))
                out.append(cjk[-1])
            else:
                out.append(alnum or other)
    return out


def extra_tokens(norm: str, an: Analyzer | None = None) -> list[str]:
    """Single characters of CJK runs longer than one, and the words."""
    lowered = norm.lower()
    out = []
    for run in RUN_RE.findall(lowered):
        if len(run) > 1 and _is_cjk_run(run):
            out.extend(run)
    out.extend((an or analyzer()).words_in(lowered))
    return out


def phrase_words(text: str) -> tuple[str, list[str]]:
    """How to match the quoted phrase `text` (normalised): (mode, words).

    mode 'term': one token; 'phrase': tokens at consecutive positions; 'prefix': the same with the
    last token a prefix (the phrase ends inside a run of the document: "之日起2" in "之日起20");
    'regex': the words are regular expressions (the phrase starts with letters or digits, which may
    be the end of a longer run: "575-" in "0575-8123"). 'none': nothing to match.
    """
    pieces = [(kind, piece) for line in [text.lower()] for kind, piece in stream_pieces(line)]
    if not pieces:
        return "none", []
    words: list[str] = []
    for i, (kind, piece) in enumerate(pieces):
        last = i == len(pieces) - 1
        if kind == "cjk":
            words.extend(_cjk_tokens(piece, closed=not last) if len(piece) > 1 or not last else [piece])
        else:
            words.append(piece)
    last_kind, last_piece = pieces[-1]
    open_end = (last_kind == "cjk" and len(last_piece) == 1) or last_kind == "alnum"
    open_start = pieces[0][0] == "alnum" and len(pieces) > 1
    if len(pieces) == 1 and last_kind == "alnum":
        return "term", words  # a whole run, as the database engines matched it
    if open_start:
        regex = [re.escape(w) for w in words]
        regex[0] = "[a-z0-9]*" + regex[0]
        if open_end:
            regex[-1] = regex[-1] + ("." if last_kind == "cjk" else "[a-z0-9]*")
            if last_kind == "cjk":
                regex[-1] += "?"
        return "regex", regex
    if len(words) == 1:
        return ("prefix" if open_end else "term"), words
    return ("prefix" if open_end else "phrase"), words
