"""Emoji spun into a page's sentences (issue 12, set 6): a converting mirror puts one or two emoji
(with skin tones, arrows or dingbats beside them) between the clauses of every paragraph, `藍圖✷💸,共譜`,
`早上8點🏂🏿,從`, `建校112年來📀,一批`. A runs of three is an emoji run (spam_atoms); one or two at a
time are spam only when the page holds many of them, of many kinds, inside its lines: a new-media
post's bullets (`👉点击查看`, `📢通知`) stand at a line's start or end, and are few and alike.
Spans are exact (each run only), so removing them restores the sentence."""
import re

SCORE = 4.5
MIN_RUNS = 4  # runs inside lines on the page
MIN_KINDS = 4  # distinct emoji among them

# An emoji, then what may ride with it: skin tones, joiners, variation selectors, gender signs, and
# the arrows and dingbats the same mirrors mix in (→, ✷).
_RUN_RE = re.compile("[\U0001F000-\U0001FAFF][\U0001F3FB-\U0001F3FF\u200d\ufe0f\u2640\u2642\u2190-\u21ff\u2700-\u27bf]*"
                     "(?:[\U0001F000-\U0001FAFF][\U0001F3FB-\U0001F3FF\u200d\ufe0f\u2640\u2642\u2190-\u21ff\u2700-\u27bf]*)?")
_BEFORE_RE = re.compile("[\u2190-\u21ff\u2700-\u27bf\u2640\u2642]")  # one mark the run may start with (✷💸)
_CJK_OR_PUNCT = re.compile("[\u4e00-\u9fff0-9，,。、；;：:！？!?“”]")


def emoji_passages(text: str) -> list:
    """(start, end, score, signals) for each emoji run inside a line, when the page shows enough."""
    runs = []
    for m in _RUN_RE.finditer(text):
        s, e = m.span()
        if s and _BEFORE_RE.match(text, s - 1):
            s -= 1
        if s == 0 or e >= len(text) or text[s - 1] == "\n" or text[e] == "\n":
            continue  # at a line's start or end: a bullet or a sign-off
        if _CJK_OR_PUNCT.match(text, s - 1) and _CJK_OR_PUNCT.match(text, e):
            runs.append((s, e))
    if len(runs) < MIN_RUNS:
        return []
    kinds = {c for s, e in runs for c in text[s:e] if c >= "\U0001F000" and not "\U0001F3FB" <= c <= "\U0001F3FF"}
    if len(kinds) < MIN_KINDS:
        return []
    return [(s, e, SCORE, ["inserted_symbol"]) for s, e in runs]
