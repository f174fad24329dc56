"""Where a name starts and ends: the surname, the given name the segmenter agrees with, and the
readings that are not a name (a verb and its object, a word across the boundary)."""
import functools
import re

import rjieba

from .names_cues import (
    _ANON_RE, _BAD_FIRST, _BOUNDARY_BEFORE, _DATA, _STOP, _TITLE_GIVEN, surnames)


_SURNAMES = surnames()
_SINGLE, _COMPOUND = _SURNAMES
_SURNAME_HEADS = _SINGLE | frozenset(w[0] for w in _COMPOUND)  # where name_at can find a surname
_cut, _tag, _has_word = rjieba.cut, rjieba.tag, rjieba.has_word
_ALL_CJK_RE = re.compile(r"[\u4e00-\u9fff]+\Z")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _surname_len(text: str, p: int) -> int:
    single, compound = _SURNAMES
    if text[p:p + 2] in compound:
        return 2
    if text[p:p + 1] in single:
        return 1
    return 0


def _boundary_at(segment: str, at: int) -> bool:
    """True when the segmenter, reading `segment`, puts a token boundary at `at`."""
    if at == 0:
        return True
    pos = 0
    for token in _cut(segment):
        pos += len(token)
        if pos >= at:
            return pos == at
    return False


@functools.lru_cache(maxsize=8192)
def _is_common_word(word: str) -> bool:
    """True for dictionary words that are not tagged as person names (满意, 高度, 王国)."""
    if not rjieba.has_word(word):
        return False
    tags = rjieba.tag(word)
    return not (len(tags) == 1 and tags[0][1].startswith("nr"))


def name_at(text: str, p: int, end_hint: int | None = None) -> int:
    """Return the end of a person's name starting at `p`, or -1 when there is none."""
    if text[p:p + 2] in _COMPOUND:
        sl = 2
    elif text[p:p + 1] in _SINGLE:
        sl = 1
    else:
        return -1
    q = p + sl
    if end_hint is not None:
        if not 1 <= end_hint - q <= 2:
            return -1
        end = end_hint
        name = text[p:end]
        if not _ALL_CJK_RE.match(name) or _ANON_RE.match(name) or name[sl] in _BAD_FIRST:
            return -1
    else:
        c1 = text[q:q + 1]
        if not c1 or not "\u4e00" <= c1 <= "\u9fff" or c1 in _BAD_FIRST:
            return -1
        c2 = text[q + 1:q + 2]
        if not c2 or not "\u4e00" <= c2 <= "\u9fff" or c2 in _STOP or c2 == "某":
            end = q + 1
        else:
            # Where the segmenter, reading the surname and the next three characters, puts a
            # boundary: after two given-name characters, else after one, else two.
            pos, end = 0, q + 2
            for token in _cut(text[p:q + 4]):
                pos += len(token)
                if pos >= sl + 1:
                    if pos == sl + 1:
                        end = q + 1
                        continue
                    if pos == sl + 2:
                        end = q + 2
                    break
        name = text[p:end]
        # Surnames, c1 and c2 are all CJK here, c1 is not 某 and neither is c2 when it is part of the
        # name: the all-CJK and de-identified (王某) checks cannot fail.
    given = name[sl:]
    if given in _TITLE_GIVEN or given[:2] in _TITLE_GIVEN:
        return -1
    if _is_common_word(name):
        return -1
    return end


# Surnames that are also everyday function words: in running text they need the segmenter's nr tag.
_FUNCTION_SURNAMES = frozenset("和于向全由来应能曾还同将为以自从对与及其各本每有无要会可区管查平国")


def _segmenter_agrees(text: str, p: int, end: int, hard_end: bool = False, strong: bool = False,
                      known_start: bool = False) -> bool:
    """True when rjieba, reading the name in its context, does not contradict a person there.

    No word may run across the name's start (主管部门) or, unless the token is itself a name, its
    end (查询体系). With a weak cue (称, 系, 表示) the name must also start a token tagged nr; with a
    strong cue (村民, 驾驶人, （男，, 等3人, 同志) that is not needed, except for surnames that are
    everyday function words (和, 于, 来)."""
    if known_start and p > 0:
        # The cue ends at p; only a dictionary word running across p (业主|管部门 = 主管) objects.
        pos = max(0, p - 4)
        for word in _cut(text[pos:end]):
            nxt = pos + len(word)
            if pos < p < nxt and _has_word(word):
                # 申请人|马晓燕 reads 人马: fine when the name on its own is a tagged, unknown name.
                head = _tag(text[p:end + 2])[0]
                if not (head[1].startswith("nr") and len(head[0]) >= 2 and not _has_word(text[p:end])):
                    return False
            if nxt >= p:
                break  # no later word can run across p
            pos = nxt
    ws = p if known_start else max(0, p - 4)
    # Only the token starting at p and whether a token ends at `end` are read.
    pos, start_tag, at_end = ws, None, ws == end
    for token in _tag(text[ws:end if hard_end else end + 3]):
        if pos == p:
            start_tag = token
        pos += len(token[0])
        if pos >= end:
            at_end = pos == end
            break
    if start_tag is None:
        return False
    word, tag = start_tag
    nr = tag.startswith("nr")
    if not at_end and not (len(word) > end - p and nr):
        return False
    if nr and (len(word) > 1 or not _has_word(text[p:end])):
        return True
    if not strong or text[p] in _FUNCTION_SURNAMES:
        return False
    # A strong cue: accept a name the segmenter split into pieces, unless the pieces form a word
    # that crosses the name's end.
    return at_end or len(word) <= end - p


# Characters that end a sentence or clause: a name right after one starts it.
_CLAUSE_START_BEFORE = frozenset("、，,。；;：:！!？?（(）)《》“”\"' \n\t\r【】[]")
# Tags of words that are never a given name (pronouns, prepositions, conjunctions, particles,
# adverbs, numerals, measure words, locality words).
_NOT_GIVEN_TAGS = frozenset("rpcudmqfta")
# Words a verb such as 谢/贺/祝 takes as its object at the start of a sentence (谢大家…), made of
# given-name characters but never a given name after such a verb.
_ADDRESSEES = frozenset("大家 群众 国家 人民 大地 天地 社会 全体 各位 大伙 百姓 新春 春节 新年 元旦 中秋 佳节 "
                        "光临 指导 支持 关心 关注 帮助 配合 理解".split())


def _surname_split_off_at_start(text: str, p: int, end: int) -> bool:
    """True for 谢天明 in "谢天明驾驶的货车…" at the start of a sentence: the segmenter reads the
    surname alone as a word of its own (谢, a verb) and the given name as one word (天明), so its
    tags never say "person". Accepted only when all of this holds: the name starts its sentence or
    clause, it is a one-character surname that is not an everyday function word, the segmenter
    splits it exactly into the surname and a two-character given name, and that given name is made
    of common given-name characters and is neither a pronoun, particle, adverb, number, time word or
    adjective (明天, 平安) nor a verb's usual object (谢大家, 贺新春). 谢谢大家 and 谢绝参观 are one
    word to the segmenter and never get here."""
    if end - p != 3 or text[p] not in _SINGLE or text[p] in _FUNCTION_SURNAMES:
        return False
    if p > 0 and text[p - 1] not in _CLAUSE_START_BEFORE:
        return False
    tokens = _tag(text[p:end])
    if len(tokens) != 2 or len(tokens[0][0]) != 1:
        return False
    given, tag = tokens[1]
    if len(given) != 2 or tag[:1] in _NOT_GIVEN_TAGS or given in _ADDRESSEES:
        return False
    gchars = given_chars()
    return given[0] in gchars and given[1] in gchars


def _verb_object_reads_as_name(text: str, p: int, end: int) -> bool:
    """True when the segmenter reads the object of a verb cue as a name: its first token is a
    person name (nr) or the surname alone (刘|桂兰), not a word such as 安全 in 收到安全月方案."""
    word, tag = _tag(text[p:end + 3])[0]
    return tag.startswith("nr") or len(word) == _surname_len(text, p)


def _word_across(text: str, at: int) -> bool:
    """True when a dictionary word runs across position `at` (勾稽关|系 reads 关系)."""
    ws = max(0, at - 3)
    pos = ws
    for word in _cut(text[ws:at + 3]):
        if pos < at < pos + len(word):
            return len(word) > 1 and rjieba.has_word(word)
        pos += len(word)
        if pos >= at:
            return False
    return False


def _start_before(text: str, end: int) -> int:
    """Find where a name ending at `end` starts (compound surnames, then 3-character names), or -1."""
    single, compound = _SURNAMES
    if text[end - 4:end - 2] in compound:
        lengths = (4,)
    elif text[end - 3:end - 1] in compound:
        lengths = (3,)
    else:
        lengths = (3, 2)
    for length in lengths:
        p = end - length
        if p < 0:
            continue
        if text[p:p + 2] in compound:
            sl = 2
        elif text[p] in single:
            sl = 1
        else:
            continue
        if length == 4 and sl != 2:
            continue
        if not _ALL_CJK_RE.match(text, p, end):
            continue
        prev = text[p - 1] if p > 0 else "\n"
        if not _is_cjk(prev) or prev in _BOUNDARY_BEFORE:
            return p
        window_start = max(0, p - 6)
        if _boundary_at(text[window_start:end], p - window_start):
            if name_at(text, p, end) == end:
                return p
    return -1


@functools.lru_cache(maxsize=1)
def given_chars() -> frozenset:
    text = (_DATA / "given_chars.txt").read_text(encoding="utf-8")
    return frozenset(c for line in text.splitlines() if not line.startswith("#") for c in line.split())
