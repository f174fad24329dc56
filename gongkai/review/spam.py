"""Injected spam and defacement: gambling, lottery and pornographic SEO text in a government page.

No single word list decides. The detector collects *atoms* (lexicon terms with weights, an ASCII
brand glued to 官网/网址/体育, links to non-government hosts, emoji runs, pinyin-glossed characters,
hidden HTML), merges neighbouring atoms into passages and scores each passage with:
- lexicon weight (data/spam_lexicon.tsv, curated by hand);
- structure: keyword chains joined by spaces, `_` or `,`; a passage filling its whole line or
  glued to the start of a paragraph; ASCII brands glued into Chinese sentences;
- coherence: regulatory words in the same clause (打击, 警惕, 诈骗, 彩票管理条例) and a document
  whose own topic is gambling regulation or fraud warnings lower the score, so a page about the
  gaming regulator or a lottery-fraud warning passes; so does a report on gambling (news, police
  and court words, quoted jargon), where a keyword run inside one of its sentences is the text's own
  (a 六合彩 crackdown feature quoting 特码,庄家对照香港六合彩).
A passage scoring THRESHOLD or more is spam; its span can be removed to publish the clean text.
"""
import bisect
import re

from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

from .findings import SpamPassage, SpamResult
from .textfold import fold, lower_for_matching
from . import spam_shapes as shapes
from .spam_brands import brand_passages
from .spam_emoji import emoji_passages
from .spam_lottery import lottery_passages
from .spam_sites import latin_subject_passages, site_name_passages
from .spam_heads import coded_name_passages, head_passages, site_slot_passages
from .spam_codes import casino_code_passages
from .spam_selfname import selfname_passages
from .spam_slots import casino_slot_passages
from .spam_runs import keyword_runs
from .spam_atoms import (_Atom, _atoms, _lexicon_re, _may_hold_astral, _regulatory_re,  # noqa: F401
                         host_is_public_sector, lexicon)
from .spam_html import _HIDDEN_STYLE_RE, detect_html_spam  # noqa: F401
from .spam_passages import merge_passages as _merge, remove_passages, repeated_passages as _repeats
from .spam_score import THRESHOLD, _Clauses, _document_topic, _groups, _score_group  # noqa: F401

# The scoring work grows with the atoms found (each is scored with its line and clause, in bounded
# windows); past this many the text is refused with a Chinese message rather than read for minutes.
MAX_ATOMS = 20_000


class SpamScanTooLarge(UserFacingError):
    """A text with more spam atoms than MAX_ATOMS (refused, with the message for the person)."""


def detect_spam(text: str, *, html: str | None = None, context: str = "", extra_hosts=(),
                folded: str | None = None) -> SpamResult:
    """Score `text` (and `html` when given) for injected spam; return passages to remove.

    `folded` is `textfold.fold(text)` when the caller has it already (saves folding twice)."""
    low = lower_for_matching(fold(text) if folded is None else folded)
    atoms = _atoms(low, extra_hosts)
    if len(atoms) > MAX_ATOMS:
        raise SpamScanTooLarge(_("文本中疑似垃圾信息的片段超过 %(n)d 处，无法逐一审查；请先清理文本或分段提交。")
                               % {"n": MAX_ATOMS})
    found = []  # (start, end, score, signals)
    beside = []  # other groups of site or gambling words: spam when only decoration parts them from spam
    weaker = []  # groups below THRESHOLD but at SECOND_THRESHOLD or more, not in a regulatory clause
    if atoms:
        clauses_of = _Clauses(low, dense=len(atoms) * 300 > len(low))
        topic = _document_topic(low, context, atoms, clauses_of)
        line_cuts = [m.start() for m in re.finditer("\n", low)]
        per_line: dict[int, int] = {}
        cache: dict = {}
        atoms_by_line: dict[int, list] = {}
        for atom in atoms:
            line_no = bisect.bisect_left(line_cuts, atom.start)
            per_line[line_no] = per_line.get(line_no, 0) + 1
            atoms_by_line.setdefault(line_no, []).append(atom)
        prose_cache: dict = {}
        for group in _groups(low, atoms):
            line_no = bisect.bisect_left(line_cuts, group[0].start)
            bounds = (line_cuts[line_no - 1] + 1 if line_no else 0,
                      line_cuts[line_no] if line_no < len(line_cuts) else len(low))
            start, end, score, signals = _score_group(text, low, group, topic, clauses_of, per_line.get(line_no, 0),
                                                      cache, atoms_by_line.get(line_no, ()), bounds)
            if score >= THRESHOLD and _byline_address(low, group, bounds, line_cuts, line_no):
                continue  # the article's own address in its byline (文:… / 網址:https://… / 時間:…)
            if score >= THRESHOLD and topic and _cited(group) and _prose_tokens(
                    low, atoms_by_line.get(line_no, ()), bounds, start, end, prose_cache):
                # A report's or a ruling's own clause (为网址为https://…的赌博网站担任代理): its words and the
                # address it cites as evidence, joined by a sentence's grammar.
                beside.append((start, end, score, signals + ["beside_spam"]))
            elif score >= THRESHOLD:
                found.append((start, end, score, signals))
            elif score >= SECOND_THRESHOLD and "regulatory_context" not in signals and "on_topic_document" not in signals:
                weaker.append((start, end, score, signals + ["spam_page"]))
            elif sum(a.weight for a in group) >= 1.0:  # its words, before any context lowered it
                beside.append((start, end, sum(a.weight for a in group), signals + ["beside_spam"]))
        bounds = {n: (line_cuts[n - 1] + 1 if n else 0, line_cuts[n] if n < len(line_cuts) else len(low))
                  for n in atoms_by_line}
        runs = keyword_runs(low, {n: [(a.start, a.end, a.weight, a.signal not in _SITE_ONLY) for a in line]
                                         for n, line in atoms_by_line.items()}, bounds, _regulatory_re())
        for s_, e_, sc, sig, strong in runs:
            if topic:
                sc, sig = sc - 2.0, sig + ["on_topic_document"]
                if sc >= SECOND_THRESHOLD and _words_only(atoms_by_line, line_cuts, s_, e_) and (
                        _inside_sentence(low, s_, e_) or _reads_as_prose(low, atoms_by_line, line_cuts, s_, e_)):
                    # Jargon quoted in a sentence of a report or a regulator's text (…下注，按照特码,
                    # 庄家对照香港六合彩开奖结果兑付，赔率…) is the text's own: not spam, not even on a page
                    # with injected spam (cutting it would cut the report). A chain of keywords there
                    # is still found by its groups (spam_score's keyword_chain).
                    continue
            if sc >= THRESHOLD and strong:
                found.append((s_, e_, sc, sig))
            elif sc >= SECOND_THRESHOLD:
                weaker.append((s_, e_, sc, sig + ["spam_page"]))
    found += shapes.gloss_passages(low)
    found += shapes.tag_passages(low)
    found += lottery_passages(low)
    found += brand_passages(low)
    found += site_name_passages(low)
    found += head_passages(low)
    found += coded_name_passages(low)
    found += site_slot_passages(low)
    found += casino_code_passages(low)
    found += casino_slot_passages(low)
    found += selfname_passages(text, low)
    found += latin_subject_passages(text)  # the text as given: the case of Latin names counts
    found += shapes.symbol_passages(text)  # the text as given: folding turns ㊣ into 正
    if _may_hold_astral(text):
        found += emoji_passages(text)
    found += shapes.swapped_address_passages(low, [(a.start, a.end) for a in atoms if a.signal == "foreign_link"])
    # A tail of place names is spam on its own only at the very end of the text, so only the end is
    # read unless the page already shows spam (then a run anywhere counts as a weaker signal).
    tail_from = 0 if found else max(0, len(low) - TAIL_WINDOW)
    for tail in shapes.place_tail_passages(low, tail_from):
        (found if tail[2] >= THRESHOLD else weaker).append(tail)
    if found:
        # A page shown to carry spam: weaker signals of the same kinds are believed too, and every
        # other occurrence of a short spam passage (a brand, a site name) is spam as well. Glosses
        # and inserted symbols alone show a converting mirror, not injected words: on such a page
        # the real text's own words (a news item on casino policy) stay below the threshold.
        if any(not _ARTEFACTS.issuperset(f[3]) for f in found):
            found += _outside(weaker, found)
            found += _beside(low, beside, found)
        found += _repeats(text, low, found, _lexicon_re())
    passages = _merge(text, low, found)
    best = max([p.score for p in passages], default=0.0)
    if html:
        html_passages = detect_html_spam(html, extra_hosts=extra_hosts, threshold=THRESHOLD)
        passages.extend(html_passages)
        best = max([best] + [p.score for p in html_passages])
    is_spam = any(p.score >= THRESHOLD for p in passages)
    return SpamResult(is_spam=is_spam, score=round(best, 2), passages=passages)


_SITE_ONLY = frozenset({"lexicon:seo", "foreign_link"})
# A line `网址:https://…` between the lines of an article's byline (set 7: a news site's permalink
# under 文:… and over 時間:…) cites the article itself, not a site to visit.
_ADDRESS_LINE_RE = re.compile(r"[ \t\u3000]*(?:本文|原文)?(?:网址|網址|链接|鏈接|地址)[ \t\u3000]*[:：][ \t\u3000]*"
                              r"(?:https?://)?[a-z0-9.-]+\.[a-z]{2,}(?:/\S*)?[ \t\u3000]*$")
_BYLINE_RE = re.compile(r"[ \t\u3000]*(?:文|作者|记者|記者|编辑|編輯|责任编辑|責任編輯|时间|時間|日期|发布时间|發佈時間|"
                        r"發布時間|来源|來源|出处|出處)[ \t\u3000]*[:：]")


def _byline_address(low: str, group, bounds: tuple, line_cuts: list, line_no: int) -> bool:
    if not _SITE_ONLY.issuperset(a.signal for a in group) or not _ADDRESS_LINE_RE.fullmatch(low, *bounds):
        return False
    near = []
    for step in (-1, 1):  # the nearest non-blank line above and below
        n = line_no + step
        while 0 <= n <= len(line_cuts):
            ls = line_cuts[n - 1] + 1 if n else 0
            le = line_cuts[n] if n < len(line_cuts) else len(low)
            if low[ls:le].strip():
                near.append(_BYLINE_RE.match(low, ls, le) is not None)
                break
            n += step
    return any(near)
_SENTENCE_END = "。！？!?"
_SENTENCE_CUTS = _SENTENCE_END + "\n"


def _inside_sentence(low: str, start: int, end: int) -> bool:
    """True when low[start:end] sits inside a sentence of prose: words of the same sentence come
    before it on its line, and the sentence ends with 。！？ on that line (not a title, not a line
    of keywords)."""
    cut = max(low.rfind(c, 0, start) for c in _SENTENCE_CUTS) + 1
    if sum(1 for c in low[cut:start] if "\u4e00" <= c <= "\u9fff") < _SENTENCE_HEAD:
        return False
    k = end
    while k < len(low) and low[k] not in _SENTENCE_CUTS:
        k += 1
    return k < len(low) and low[k] in _SENTENCE_END


_SENTENCE_HEAD = 4  # Chinese characters of the sentence before a passage inside it


def _reads_as_prose(low: str, atoms_by_line: dict, line_cuts: list, start: int, end: int) -> bool:
    """True when the words between the keywords of low[start:end] are a sentence's grammar, not a
    list's separators: a court headline (开设赌场案—担任赌博网站代理接受投注构成开设赌场罪), a ruling's
    clause (为赌博网站担任代理并接受投注的) or a report's enumeration (通常以赌博网站、赌博App和赌博游戏
    形式进行). Keyword lines join their words with separators and short modifiers (最新, 官网, 免费)."""
    line_no = bisect.bisect_left(line_cuts, start)
    gaps, at = [], start
    for a in sorted(atoms_by_line.get(line_no, ()), key=lambda a: a.start):
        if a.end <= start or a.start >= end:
            continue
        if a.start > at:
            gaps.append(low[at:a.start])
        at = max(at, a.end)
    if at < end:
        gaps.append(low[at:end])
    glue = "|".join(gaps)
    return len(_GRAMMAR_RE.findall(glue)) >= 2 or _LEGAL_RE.search(low, start, end) is not None


def _prose_tokens(low: str, line_atoms, bounds: tuple, start: int, end: int, cache: dict) -> bool:
    """True when the tokens (parts between separators) of the sentence around low[start:end] that
    hold a keyword read as prose (`_reads_as_prose`): a ruling's clauses joined by commas
    (在网络上建立赌博网站,或者为赌博网站担任代理,接受投注的), not keywords spliced in (…介绍,澳门六合彩,特码,平码,…)."""
    ls, le = bounds
    a = max([ls] + [low.rfind(c, ls, start) + 1 for c in _SENTENCE_END])
    ends = [i for i in (low.find(c, end, le) for c in _SENTENCE_END) if i >= 0]
    b = min(ends) if ends else le
    if (a, b) in cache:  # one answer a sentence
        return cache[(a, b)]
    if _LEGAL_RE.search(low, a, b) is None and len(_GRAMMAR_RE.findall(low, a, b)) < 2:
        cache[(a, b)] = False  # not even the whole sentence has the grammar
        return False
    starts = cache.get(id(line_atoms))
    if starts is None:  # the line's atoms are sorted by start: find the sentence's by bisection
        starts = cache[id(line_atoms)] = [x.start for x in line_atoms]
    lo = max(0, bisect.bisect_left(starts, a) - 8)  # an atom starting a little before may reach in
    mine = [x for x in line_atoms[lo:bisect.bisect_left(starts, b)] if x.end > a]
    cache[(a, b)] = answer = _prose_sentence(low, mine, a, b)
    return answer


def _prose_sentence(low: str, mine: list, a: int, b: int) -> bool:
    gaps, legal, k = [], False, 0
    for m in _TOKEN_RE.finditer(low, a, b):
        ts, te = m.span()
        while k < len(mine) and mine[k].end <= ts:  # atoms and tokens both run left to right
            k += 1
        inside = []
        j = k
        while j < len(mine) and mine[j].start < te:
            inside.append(mine[j])
            j += 1
        if not inside:
            continue
        legal = legal or _LEGAL_RE.search(low, ts, te) is not None
        at = ts
        for x in inside:
            if x.start > at:
                gaps.append(low[at:x.start])
            at = max(at, x.end)
        if at < te:
            gaps.append(low[at:te])
    return legal or len(_GRAMMAR_RE.findall("|".join(gaps))) >= 2


_TOKEN_RE = re.compile(r"[^\s_,，、|/;；]+")


def _cited(group) -> bool:
    """True when a group holds only lexicon words and addresses (what a report may quote)."""
    return all(a.signal.startswith("lexicon:") or a.signal == "foreign_link" for a in group)


# Grammar words of a sentence (verbs and conjunctions that never join SEO keywords).
_GRAMMAR_RE = re.compile("通常|接受|担任|构成|进行|属于|利用|通过|或者|以及|并且|并|或|以|为|和|与|及|被|把|将|向|"
                         "宣布|表示|指出|介绍|下称|包括|其中|分别")
_LEGAL_RE = re.compile("[罪案]|判处|判决|被告|获刑|定罪")


def _words_only(atoms_by_line: dict, line_cuts: list, start: int, end: int) -> bool:
    """True when every atom in start..end is a lexicon word (no brand, link, gloss or draw)."""
    line_no = bisect.bisect_left(line_cuts, start)
    return all(a.signal.startswith("lexicon:") for a in atoms_by_line.get(line_no, ())
               if a.start < end and a.end > start)
SECOND_THRESHOLD = 2.5  # for passages on a page already shown to carry spam
TAIL_WINDOW = 3000  # characters at the end of a text read for an appended list of place names


# Signals of artefacts a converting mirror leaves inside real words: the line is still the real
# title underneath (strip_spam removes them), so they alone do not make a line spam.
_ARTEFACTS = frozenset({"pinyin_gloss", "inserted_symbol"})


def _beside(low: str, spans: list, taken: list) -> list:
    """The spans that touch a taken one across decoration only (bet88体育在线-【官网直营】)."""
    if not spans:
        return []
    ends = sorted(t[1] for t in taken)
    starts = sorted(t[0] for t in taken)
    out = []
    for span in spans:
        i = bisect.bisect_right(ends, span[0]) - 1
        j = bisect.bisect_left(starts, span[1])
        if (i >= 0 and span[0] - ends[i] <= 4 and _decoration_only(low, ends[i], span[0])) or (
                j < len(starts) and starts[j] - span[1] <= 4 and _decoration_only(low, span[1], starts[j])):
            out.append(span)
    return out


def _decoration_only(low: str, a: int, b: int) -> bool:
    return all(c in _GAP_DECORATION for c in low[a:b])


_GAP_DECORATION = frozenset(" \t-_@:：|·~#>【】[]()（）")


def _outside(spans: list, taken: list) -> list:
    """The spans that overlap none of `taken` (one sort and a sweep, not a pairwise test)."""
    cover = []
    for s_, e_, *_rest in sorted(taken):
        if cover and s_ <= cover[-1][1]:
            cover[-1][1] = max(cover[-1][1], e_)
        else:
            cover.append([s_, e_])
    starts = [c[0] for c in cover]
    out = []
    for span in spans:
        i = bisect.bisect_left(starts, span[1]) - 1  # the last cover starting before span's end
        if i < 0 or cover[i][1] <= span[0]:
            out.append(span)
    return out


def is_spam_line(text: str) -> bool:
    """True when one line (a title candidate, a header value) carries injected spam: a spam phrase
    or keyword run, a gambling brand, a hidden tag run, a swapped address. Pinyin glosses and
    symbols inserted inside words alone do not count (see `strip_spam`). Stable API for the
    importer, which rejects such lines as titles, and for the publish gate."""
    if not text or not text.strip():
        return False
    result = detect_spam(text)
    return any(p.score >= THRESHOLD and not _ARTEFACTS.issuperset(p.signals) for p in result.passages)


def strip_spam(text: str) -> str:
    """`text` (one line or a short text) with every spam passage removed, pinyin glosses after
    characters included even when there are fewer than a page needs (關(guān)于 → 關于), and the
    separators left at the cut edges (百家樂 訣竅_省人民政府… → 省人民政府…)."""
    if not text:
        return text or ""
    low = lower_for_matching(fold(text))
    result = detect_spam(text)
    glosses = [SpamPassage(start=s_, end=e_, text=text[s_:e_], score=sc, signals=sig)
               for s_, e_, sc, sig in shapes.gloss_passages(low, minimum=1)]
    return remove_passages(text, result.passages + glosses).strip()
