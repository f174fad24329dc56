"""A casino's name with a code standing as a school's or an agency's name, no site word beside it
(issue 12, set 10).

Mirrors replace a university's or a college's name with a casino's name glued to a number code
(`某葡平台7906第一次党员大会`, `中国共产党某某98488护理学院`, `某某人91111在院会议室召开`,
`某某2004路线js5举行了第56届田径运动会`), or with a lower-case betting code (`abc365于4月6日…举办`,
`abc365的师生`). The site-word shapes of `spam_heads` miss them (no app/官网/入口 beside the name).

Shape: a run of 3–6 digits (no unit after it) whose name before it holds a casino's word (金沙, 威尼斯,
葡京…) or is a lower-case Latin word glued to it, standing where an institution's name stands: after
中共/中国共产党, or before an edition (第N届/第N次), a meeting verb (召开/举行/举办, or 在… + one of them
within the clause), 党委, 师生/学子/全体, or a college's name (…学院). A casino word with a code needs one
such slot; a Latin code (a plain product code, `abc365`) needs two. Macau news names real operators
(金沙, 永利) but never glues a code to them; a year or a count has its unit (年, 元, 万, 人…) after it.

Cheap gate: a page holds far fewer casino words and letter-digit joints than digits (dates, counts,
document numbers), so the code patterns are tried only there (`_candidates`): after a lower-case letter,
within reach of a casino's word, or right before one. What they find is what a scan of every digit finds.
"""
import re

from .spam_brands import SCORE

_CJK = "\u4e00-\u9fff"
# Casino names seen in codes; `_CASINO_RE` also takes words that only mark a casino in a name.
_CASINO_NAMES = "金沙|威尼斯人?|葡京|新葡京?|永利|银河|新濠|美高梅|太阳城|必赢"
_CASINO_RE = re.compile(_CASINO_NAMES + "|皇冠|澳门|博彩|娱乐城|真人")
_UNIT_AFTER = "年月日号元个万亿人名户次届期条款项页米吨辆家所件份台座张株头只棵亩天时分秒岁批类种位周票例起宗公千克斤套间栋层路线%．.,，"
# The code: digits glued to a letter or a Chinese character before them, no unit after; a letters-and-
# digits tail (`js5`) and 路线 + a tail belong to it.
_CODE_RE = re.compile(rf"(?<=[{_CJK}a-z])[0-9]{{3,6}}(?![0-9])")
_CODE_TAIL_RE = re.compile(r"(?:路线|线路)?[a-z]{1,4}[0-9]{0,3}(?![a-z0-9])|(?:路线|线路)(?=[a-z])")
_NAME_LEFT_RE = re.compile(rf"(?:中国共产党|中共)?([{_CJK}]{{2,10}}|[a-z]{{2,8}})$")
_PARTY_BEFORE_RE = re.compile(r"(?:中国共产党|中共)$")
_SLOT_AFTER_RE = re.compile(
    rf"第[一二三四五六七八九十百0-9]{{1,4}}[届次]|召开|举行|举办|党委|的?师生|学子|全体|荣获|[{_CJK}]{{2,4}}学院|"
    rf"[12][0-9]{{3}}届|(?:于|在)[^。！？\n]{{0,24}}?(?:召开|举行|举办)")
# The code before the casino's word (`24848某某2018届毕业典礼`): digits not glued to a digit, letter or
# a unit's number before them.
_CODE_FIRST_RE = re.compile(rf"(?<![0-9a-z.])[0-9]{{3,6}}(?={_CASINO_NAMES})")
_CASINO_WORD_RE = re.compile(_CASINO_NAMES)
CASINO_SLOTS = 1
LATIN_SLOTS = 2


def casino_code_passages(low: str) -> list:
    """(start, end, score, signals) for a casino's code name in an institution's slot."""
    names: dict = {}
    code_starts, first_starts = _candidates(low)
    for m in filter(None, (_CODE_RE.match(low, d) for d in code_starts)):
        if m.end() < len(low) and low[m.end()] in _UNIT_AFTER and not low.startswith(("路线", "线路"), m.end()):
            continue
        left = _NAME_LEFT_RE.search(low, max(0, m.start() - 15), m.start())
        if left is None:
            continue
        stem = left.group(1)
        latin = stem.isascii()
        if not latin:
            cut = _CASINO_RE.search(stem)
            if cut is None:
                continue
            stem = stem[cut.start():]  # the name starts at the casino's word, never mid-sentence
        start = m.start() - len(stem)
        tail = _CODE_TAIL_RE.match(low, m.end())
        end = tail.end() if tail else m.end()
        slot = bool(_PARTY_BEFORE_RE.search(low, max(0, start - 5), start)) or bool(_SLOT_AFTER_RE.match(low, end))
        spots = names.setdefault(low[start:end], [latin, 0, []])
        spots[1] += slot
        spots[2].append((start, end))
    for m in filter(None, (_CODE_FIRST_RE.match(low, d) for d in first_starts)):
        end = _CASINO_WORD_RE.match(low, m.end()).end()
        slot = bool(_SLOT_AFTER_RE.match(low, end))
        spots = names.setdefault(low[m.start():end], [False, 0, []])
        spots[1] += slot
        spots[2].append((m.start(), end))
    out = []
    for latin, slots, spots in names.values():
        if slots >= (LATIN_SLOTS if latin else CASINO_SLOTS):
            out += [(s, e, SCORE, ["casino_code_name"]) for s, e in spots]
    return out


_LETTER_DIGIT_RE = re.compile(r"[a-z](?=[0-9])")
_DIGITS = frozenset("0123456789")
_STEM_MAX = 10  # `_NAME_LEFT_RE`: the Chinese name before a code is 2 to 10 characters long


def _candidates(low: str) -> tuple:
    """Where `_CODE_RE` and `_CODE_FIRST_RE` may match with a use below, in text order.

    A code the loop keeps follows a lower-case letter (a Latin stem) or ends a Chinese stem of at
    most _STEM_MAX characters holding a casino's word, which lies inside a match of `_CASINO_RE`'s
    scan or starts one (the scan skips only words inside its matches); a code before a casino's
    name ends where a match starts (digits hold no casino word). Both lists are re-matched on the
    whole text, so a candidate the patterns reject costs nothing but the match."""
    code = {m.end() for m in _LETTER_DIGIT_RE.finditer(low)}
    first = []
    n = len(low)
    for c in _CASINO_RE.finditer(low):
        cs, ce = c.span()
        reach = ce + _STEM_MAX
        code.update(m.start() for m in _CODE_RE.finditer(low, cs, min(n, reach + 7)) if m.start() <= reach)
        d = cs
        while d and low[d - 1] in _DIGITS:
            d -= 1
        if d < cs:
            first.append(d)
    return sorted(code), first
