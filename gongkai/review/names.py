"""Person names: by label (姓名：, 申请人：) and in running text (surname list + context + segmenter).

A name in running text needs three things: a surname from `data/surnames.txt`, a cue next to it (a
role word before it such as 村民/申请人, or a word after it such as 同志/先生/（男/反映/等3人), and a
segmenter boundary (rjieba) so that 满意 in 群众满意度 or 高度 are not taken for people. Names already
de-identified (王某, 李某某, 张××) are not personal data.

A name is *public* (reported, never masked, never changes the verdict) when it belongs to an
official acting in office: a title next to it (副市长陈静, 王建国同志), a public label (联系人, 法定代表人)
or a 公示 that the law requires (任前公示, 拟录用人员公示).
"""
import functools
import re

from django.utils.translation import gettext_noop as _

from .findings import START, PiiFinding, SpanSet
from .labels import translated

from .names_cues import (
    _CUE_SIDES, _CUE_SLOTS, _CUE_TRIE, _GONGSHI_KIND_RE, _GONGSHI_RE, _PUBLIC_LABEL_SET, _STOP, _SUFFIX_RE,
    _TITLE_GIVEN, _label_matches, _suffix_pattern_starts, surnames)
from .names_span import (
    _ALL_CJK_RE, _COMPOUND, _FUNCTION_SURNAMES, _SURNAME_HEADS, _has_word, _is_cjk, _is_common_word,
    _segmenter_agrees, _start_before, _surname_len, _surname_split_off_at_start, _tag,
    _verb_object_reads_as_name, _word_across, given_chars, name_at)


@functools.lru_cache(maxsize=1)
def _single_surname_re():
    """A surname (not one that is also a function word) followed by a given-name character."""
    heads = "".join(sorted(surnames()[0] - _FUNCTION_SURNAMES))
    # A given-name character that is also a stop character (于, 在) never starts a running name.
    return re.compile(f"[{heads}](?=[{''.join(sorted(given_chars() - _STOP))}])")


def _running_names(text: str, spans) -> list[tuple[int, int]]:
    """Names with no cue around them: a surname the segmenter tags, with what follows, as an
    unknown person name (nr, not a dictionary word), at a word boundary."""
    out = []
    # The spans found so far do not change here. A candidate at p is read only when no span starts
    # before p + 2 and ends after p: the scan runs over the gaps between the spans.
    gaps, prev = [], 0
    for s_, e_ in zip(spans.starts, spans.ends):
        if s_ - 2 >= prev:
            gaps.append((prev, s_))  # candidates prev..s_-2 (the lookahead reads up to s_ - 1)
        prev = max(prev, e_)
    gaps.append((prev, len(text)))
    heads = _single_surname_re()
    gchars = given_chars()
    # One scan of the text instead of one per gap (thousands of short gaps a MB): a head at p is
    # in gap (gs, ge) when gs <= p <= ge - 2 (the lookahead reads p + 1 < ge), and the head pattern
    # reads only p and p + 1, so the scans of the gaps find exactly these heads.
    gap_iter = iter(gaps)
    gs, ge = next(gap_iter)
    for m in heads.finditer(text, gs):
        p = m.start()
        if p > ge - 2:
            for gs, ge in gap_iter:
                if p <= ge - 2:
                    break
            else:
                break  # the last gap ends with the text: not reached
        if p < gs:
            continue
        if _has_word(text[p:p + 2]):  # what follows is never a stop character here
            continue
        c2 = text[p + 2:p + 3]
        if c2 and _has_word(text[p:p + 3]) and _is_common_word(text[p:p + 3]):
            continue
        if p > 0 and "\u4e00" <= text[p - 1] <= "\u9fff" and _has_word(text[p - 1:p + 1]):
            continue
        ws = max(0, p - 3)
        pos, name = ws, None
        for word, tag in _tag(text[ws:p + 5]):
            if pos == p:
                if tag.startswith("nr") and 2 <= len(word) <= 3 and _ALL_CJK_RE.match(word):
                    name = word
                break
            if pos > p:
                break
            pos += len(word)
        if not name:
            continue
        end = p + len(name)
        if len(name) == 3 and name[2] in _STOP:
            end -= 1
        if any(c not in gchars for c in text[p + 1:end]):
            continue
        if name_at(text, p, end) == end:
            out.append((p, end))
    return out


def detect_names(text: str, context: str = "", *, language: str | None = None) -> list:
    """Find person names in `text`; `context` is the document's title (公示 detection);
    `language` is the active language when the caller has it (reasons are translated into it)."""
    found: dict[tuple, PiiFinding] = {}
    spans = SpanSet()
    by_start: dict[int, PiiFinding] = {}
    gongshi = bool(_GONGSHI_RE.search(context) and _GONGSHI_KIND_RE.search(context + text[:300]))
    reasons: dict[str, str] = {}

    def reason_for(key: str) -> str:
        # Translated once per call (the active language is looked up through a context variable).
        value = reasons.get(key)
        if value is None:
            message = _("公开职务人员") if key == "label" else _("公职人员姓名") if key == "official" else _("法定公示")
            value = reasons[key] = translated(message, language)
        return value

    overlapping, take = spans.overlapping, spans.take

    def add(start, end, public, reason):
        if end <= start:
            return
        add_at(overlapping(start, end), start, end, public, reason)

    def add_at(j, start, end, public, reason):
        """`add` when `j = overlapping(start, end)` is known (spans unchanged since)."""
        if j >= 0:
            f = by_start[spans.starts[j]]
            if public and f.personal:
                f.personal, f.reason = False, reason
            return
        if text[start:end] in _CUE_SLOTS:  # a role word (申请人, 当事人) the segmenter tagged nr is no name
            return
        take(start, end)
        if public:
            personal = False
        elif gongshi:
            personal, reason = False, reason_for("gongshi")
        else:
            personal, reason = True, ""
        found[(start, end)] = by_start[start] = PiiFinding("person_name", start, end, text[start:end],
                                                           personal, reason)

    n = len(text)
    for m in _label_matches(text):
        p = m.end()
        end = name_at(text, p)
        if end > 0 and text[p + 1:p + 3] not in _TITLE_GIVEN:
            # With a label the name may have a third character the segmenter split off.
            nxt = text[end:end + 1]
            if end - p == 2 and _surname_len(text, p) == 1 and _is_cjk(nxt) and nxt not in _STOP \
                    and not _SUFFIX_RE.match(text, end) and (end + 1 >= n or not _is_cjk(text[end + 1])):
                end += 1
            public = m.group(1) in _PUBLIC_LABEL_SET
            add(p, end, public, reason_for("label") if public else "")
    # One scan finds every cue; each goes to the lists of the roles it plays (prefix cues keep
    # where they end, suffix cues where they start), and only where the loops below can use it: a
    # prefix cue before a surname, a suffix cue after a Chinese character with a surname two or
    # three characters (a compound one four) before it (the tests those loops start with).
    cues = ([], [], [], [], [], [])
    heads, compound = _SURNAME_HEADS, _COMPOUND
    for s_, e_ in _CUE_TRIE.spans(text):
        # Each test only for a cue word that plays a role of its kind (most play one kind only).
        prefix, suffix = _CUE_SIDES[text[s_:e_]]
        if prefix and e_ < n and text[e_] in heads:
            for i in prefix:
                cues[i].append(e_)
        if suffix and s_ >= 2 and "\u4e00" <= text[s_ - 1] <= "\u9fff" and (
                text[s_ - 2] in heads or (s_ >= 3 and text[s_ - 3] in heads)
                or (s_ >= 4 and text[s_ - 4:s_ - 2] in compound)):
            for i in suffix:
                cues[i].append(s_)
    for key, public in ((0, True), (1, False)):
        for p in cues[key]:
            if p >= n or text[p] not in _SURNAME_HEADS or (not public and overlapping(p, p + 1) >= 0):
                continue
            end = name_at(text, p)
            if end < 0:
                continue
            j = overlapping(p, end)  # a name found already: only a public cue can change it
            if j >= 0 and not (public and by_start[spans.starts[j]].personal):
                continue
            if _segmenter_agrees(text, p, end, strong=True, known_start=True):
                add_at(j, p, end, public, reason_for("official") if public else "")
    gchars = given_chars()
    for p in cues[2]:
        if p >= n or text[p] not in _SURNAME_HEADS or overlapping(p, p + 1) >= 0:
            continue
        end = name_at(text, p)
        if end > 0 and all(c in gchars for c in text[p + _surname_len(text, p):end]) and spans.free(p, end) \
                and not _has_word(text[p:end]) and _verb_object_reads_as_name(text, p, end) \
                and _segmenter_agrees(text, p, end, strong=True, known_start=True):
            add(p, end, False, "")
    suffix_starts = [(e, True, True) for e in cues[3]] + [(e, False, False) for e in cues[4]]
    suffix_starts += [(e, False, True) for e in cues[5]]
    suffix_starts += [(e, False, True) for e in _suffix_pattern_starts(text)]
    for e, public, strong in suffix_starts:
        if e < 2 or not "\u4e00" <= text[e - 1] <= "\u9fff":
            continue
        # _start_before finds a start only at a surname 2 or 3 characters back, or a compound one 4
        # back: most suffix cues (同志 after 党员, 表示 after 部门) have none, and stop here.
        if text[e - 2] not in heads and (e < 3 or text[e - 3] not in heads) \
                and (e < 4 or text[e - 4:e - 2] not in compound):
            continue
        if not public and overlapping(e - 1, e) >= 0:
            continue  # a personal name ending at e would overlap a name already found
        p = _start_before(text, e)
        if p < 0:
            continue
        j = overlapping(p, e)
        if j >= 0 and not (public and by_start[spans.starts[j]].personal):
            continue
        if not _word_across(text, e) and name_at(text, p, e) == e \
                and (_segmenter_agrees(text, p, e, hard_end=True, strong=strong)
                     or _surname_split_off_at_start(text, p, e)):
            add_at(j, p, e, public, reason_for("official") if public else "")
    for p, end in _running_names(text, spans):
        add(p, end, False, "")
    # Lists: 张三、李四和王五 — a neighbour of a found name is a name too.
    queue = list(found.values())
    while queue:
        f = queue.pop()
        s, e = f.start, f.end
        if s > 1 and text[s - 1] in "、，,和与及":
            p = _start_before(text, s - 1)
            if p >= 0 and spans.free(p, s - 1) and name_at(text, p, s - 1) == s - 1:
                add(p, s - 1, not f.personal, f.reason)
                queue.append(found[(p, s - 1)])
        if e < len(text) and text[e] in "、，,和与及" and spans.free(e + 1, e + 2):
            end = name_at(text, e + 1)
            if end > 0 and spans.free(e + 1, end) and (
                    end >= len(text) or not _is_cjk(text[end]) or text[end] in "、和与及等"):
                add(e + 1, end, not f.personal, f.reason)
                queue.append(found[(e + 1, end)])
    return sorted(found.values(), key=START)
