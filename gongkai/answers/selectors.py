"""Reads of the 问答: the curated FAQ first, then ranked passages, else the pointer to the form.

Candidates come from the search index through `search.selectors.passage_candidates` (lexical) plus
every passage of the authoritative sources (条例, 指南, 制度: a few hundred at most), and are ranked
by lexical score, coverage of the question's words, semantic similarity, question-type cues (also
read in a passage's lead) and source authority; the first is widened to the unit that answers (a
guide section, a run of articles: `answer_unit`); abolished or expired documents come after those
in force and annual reports after everything (their tables and statistics lines are never
passages at all).
"""
import re
import time

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.catalog.models import Category, Status, Validity
from gongkai.core.text import nfkc, normalize
from gongkai.search.models import Passage
from gongkai.search.passages import NOT_ANSWERS, passage_kind
from gongkai.search.query import parse_question
from gongkai.search.selectors import passage_candidates

from . import semantic
from .cues import passage_cue_hits, passage_lead_hits, question_cues, wants_list, wants_procedure
from .items import best_similarities, cited_parts, item_texts
from .models import AnswerSource, Faq, FaqStatus, SourceKind
from .results import Answer, AnswerResult
from .units import MIN_SCORE, answer_unit
from .units import _complement  # noqa: F401  (tests read it here)
from .words import coverage as _coverage, covered as _covered, distinct as _distinct

INACTIVE = (Validity.ABOLISHED, Validity.EXPIRED)
AUTHORITY = {SourceKind.STATUTE: 0.12, SourceKind.GUIDE: 0.10, SourceKind.SYSTEM: 0.06}
CATEGORY_AUTHORITY = {Category.REGULATION: 0.04, Category.NORMATIVE: 0.03, Category.INTERPRETATION: 0.02}
# Weights of (lexical score / best lexical score, share of the question's words present, semantic
# similarity, question-type cues matched, source authority), set on the development questions
# (docs/PERFORMANCE.md): the engine's lexical score chooses the candidates and breaks ties, while
# the share of the question's analysed words a passage holds ranks better among them than BM25 over
# passages of very different lengths.
WEIGHTS = (0.0, 0.7, 0.6, 0.1, 2.0, 0.3)
LEXICAL_CANDIDATES = 50
SEMANTIC_LEXICAL = 10       # lexical candidates outside the sources that are also embedded
# The best passage does not answer (say so) when it scores under units.MIN_SCORE, nor when the best passage means something else: its semantic similarity to the question is below
# this (set under the lowest of the development questions answered right, 0.31; questions about
# what the site does not hold, "财务公开多久公开一次", score 0.2–0.27 on a 条例 article that shares a cue)
SEMANTIC_FLOOR = 0.3
# a question with two or more distinctive words (words.distinct) whose best passage holds none of them
# is answered by that passage only if its similarity is at least this
SEMANTIC_SURE = 0.45
# nor by the similarity floor when it holds this many of them, and half (_holds_subject)
SUBJECT_WORDS = 3
FAQ_SAME = 0.85             # a question this close to a FAQ variant is that question: the FAQ wins
SAME_OVERLAP = 0.5          # …and holds this share of the question's character pairs
FAQ_NEAR = 0.95             # a FAQ scoring this share of the best passage is shown second
FAQ_AUTHORITY = 0.15        # above the 条例 (0.12): a curated answer outranks a passage that scores alike
# a line with no clause punctuation and short (a document's title or date line) answers nothing
TITLE_LINE_RE = re.compile(r"^[^。；，：,;:]{0,40}$")
# nor does the transmittal line of a 印发 notice ("现将《……办法》印发给你们，请认真贯彻执行"): it names
# the rules it sends, it says nothing they say
TRANSMITTAL_RE = re.compile(r"^\s*现将《[^》]{1,80}》(?:印发|转发)给你们")
SENTENCE_RE = re.compile(r"[^。；！？\n]+[。；！？]?")


def pointer() -> dict:
    """Where a question the site cannot answer goes: the form, the 指南 and the office's contacts."""
    return {"message": _("本站没有找到能回答这个问题的内容。您可以申请政府信息公开，查阅政府信息公开指南，"
                         "或联系政府信息公开工作机构。"),
            "links": _links()}


def _links():
    return [{"title": _("申请政府信息公开"), "url": "/apply/"},
            {"title": _("政府信息公开指南"), "url": "/xxgk/guide/"},
            {"title": _("政府信息公开工作机构联系方式"), "url": "/xxgk/guide/#contact-title"}]


def _pairs(text: str) -> set:
    t = re.sub(r"[^\w]", "", normalize(text or "").lower())
    return {t[i:i + 2] for i in range(len(t) - 1)}


def faq_candidates(*, question: str, terms: list[str], cues,
                   distinct: frozenset = frozenset()) -> list[tuple[Faq, float, float, float]]:
    """Published FAQ entries scored like passages: [(faq, score, similarity to its closest variant,
    semantic similarity of its answer)].

    The entries are ordered by the question's closeness to their variants and answers; the score
    (compared with the passages') reads the answer as a passage is read (words covered, semantic
    similarity to the answer, cues) with FAQ_AUTHORITY: a curated answer outranks a passage that
    scores alike, not one that answers better. The third value, the closest variant's similarity
    (semantic, or the share of the question's character pairs it holds), decides whether the
    question *is* that FAQ question."""
    faqs = list(Faq.objects.filter(status=FaqStatus.PUBLISHED))
    if not faqs:
        return []
    variants = [(i, v) for i, f in enumerate(faqs) for v in f.variants()]
    # a clause holding what the question is about (its distinctive words) is read on its own too
    parts = [(i, p) for i, f in enumerate(faqs) for p in cited_parts(f.answer) if _covered(distinct, p)]
    sims = semantic.similarities(question, [v for _i, v in variants] + [f.answer for f in faqs]
                                 + [p for _i, p in parts])
    # an answer quoting several clauses is read as a list is: the best of the whole and each clause
    answer_sims = sims[len(variants):len(variants) + len(faqs)]
    for (i, _p), sim in zip(parts, sims[len(variants) + len(faqs):]):
        answer_sims[i] = max(answer_sims[i], sim)
    by_variant = [0.0] * len(faqs)
    for (i, _v), sim in zip(variants, sims):
        by_variant[i] = max(by_variant[i], sim)
    asked = _pairs(question)
    out = []
    for i, faq in enumerate(faqs):
        mine = set().union(*(_pairs(v) for v in faq.variants()))
        overlap = len(mine & asked) / len(asked) if asked else 0.0
        coverage = _coverage(terms, normalize(faq.answer + "".join(faq.variants())))
        answer_sim = answer_sims[i]
        parts = (overlap, coverage, answer_sim, passage_cue_hits(cues, faq.answer, question), FAQ_AUTHORITY,
                 passage_lead_hits(cues, faq.answer, question))
        score = sum(w * x for w, x in zip(WEIGHTS, parts))
        # which entry: its questions count (a question is closer to a question than to any answer);
        # against passages: its answer, read as a passage is
        pick = score + WEIGHTS[2] * max(0.0, by_variant[i] - answer_sim)
        # the same question in other words shares its words too: the model alone calls "依申请公开的
        # 政府信息以什么形式提供" the same as "怎样申请政府信息公开"
        same = max(by_variant[i] if overlap >= SAME_OVERLAP else 0.0, overlap)
        out.append((pick, faq, score, same, answer_sim))
    out.sort(key=lambda t: -t[0])
    return [(faq, score, same, answer_sim) for _pick, faq, score, same, answer_sim in out]


def _holds_half(distinct: frozenset, faq: Faq) -> bool:
    """The entry (answer or questions) holds at least half of the question's distinctive words,
    which must be two or more (`words.distinct`)."""
    held = _covered(distinct, faq.answer + "".join(faq.variants()))
    return len(distinct) >= 2 and 2 * len(held) >= len(distinct)


def _article_covers(top: Answer, distinct: frozenset) -> bool:
    """The best passage is an article of an authoritative source holding every one of the question's
    distinctive words (two or more): it says whole what the question is about, which a FAQ entry
    restating part of it (the 答复 entry quotes 第三十三条 and a clause of 第三十条) may not, so the
    article answers first and the entry second. Holding only some of them, as many as the entry,
    is not enough: the entries that quote an article and add the rest of the rule lose then."""
    if not (top.article and top.parts and top.parts[4] > 0 and distinct):
        return False
    return len(distinct) >= 2 and distinct <= top.covered


def _source_urls() -> list[tuple[str, str]]:
    """(title, url) of the published authoritative sources, longest title first."""
    docs = (AnswerSource.objects.filter(document__status=Status.PUBLISHED)
            .values_list("document__title", "document_id"))
    return sorted(((t, reverse("portal:document", args=[pk])) for t, pk in docs), key=lambda r: -len(r[0]))


def _faq_answer(faq: Faq, score: float) -> Answer:
    links = faq.source_links()
    title = "；".join(t for t, _u in links) or _("常见问题")
    url = next((u for _t, u in links if u), "")
    if not url and links:  # "中华人民共和国政府信息公开条例 第四十二条" links to the 条例 on this site
        url = next((u for t, _u in links for name, u in _source_urls() if t.startswith(name)), "")
    return Answer(text=faq.answer, source_title=title, source_url=url, validity=_("有效"), score=score,
                  kind="faq", sentence="")


# A clause that qualifies the rule before it (an extension, a proviso, an exception) answers only
# after that rule: "应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，……不得超过20个工作日".
QUALIFIER_RE = re.compile(r"^(?:需要延长|确需延长|如需延长|但是?|除[^，。；]{0,30}外|另有规定)")


def _best_sentence(text: str, terms: list[str], cues, question: str = "") -> str:
    best, best_score = "", 0.0
    for sentence in SENTENCE_RE.findall(text):
        s = sentence.strip()
        if len(s) < 6:
            continue
        norm = nfkc(s).lower()
        score = sum(1 for t in terms if t in norm) + 1.5 * passage_cue_hits(cues, s, question)
        if QUALIFIER_RE.match(s):
            score *= 0.5
        if score > best_score:
            best, best_score = s, score
    return best


def answer_question(*, question: str, limit: int = 5, use_faq: bool = True) -> AnswerResult:
    """What the 问答 page, the API and `gongkai ask` show for `question`, first answer first
    (`use_faq=False` ranks passages only: the bench measures both)."""
    began = time.perf_counter()
    question = (question or "").strip()
    result = AnswerResult(question=question)
    if not question:
        result.fallback = pointer()
        return result
    cues = question_cues(question)
    if wants_procedure(cues):
        result.links = _links()[:2]
    terms = [t.text for t in parse_question(question).terms]
    answers, distinct = _ranked(question, terms, cues, limit)
    faqs = faq_candidates(question=question, terms=terms, cues=cues, distinct=distinct) if use_faq else []
    if faqs:
        faq, score, same, answer_sim = faqs[0]
        best = answers[0].score if answers else 0.0
        # an entry that is not the question answers only when its answer means what is asked, as a
        # passage must (SEMANTIC_FLOOR): one scoring on the question's common words alone ("信息公开答复
        # 程序是什么" and the 复议 entry, whose questions say 答复 and whose answer says 普通程序) does not
        meant = same >= FAQ_SAME or not semantic.enabled() or answer_sim >= SEMANTIC_FLOOR
        # nor when the best passage holds what the question is about and the entry none of it: "我申请的
        # 信息不归这个部门管" (第三十六条: 不属于本行政机关负责公开) is not the remedies entry's question
        if meant and same < FAQ_SAME and answers and (answers[0].covered & distinct) \
                and not _covered(distinct, faq.answer + "".join(faq.variants())):
            meant = False
        # when no passage answers, only the FAQ entry that is this question may, or one that holds
        # what the passages lack: at least half of the question's distinctive words. One that merely
        # scores like a passage, or shares one such word, would answer a question the site does not
        # answer ("一般起诉几天接到通知后多久立案" and the entry on the periods for filing suit: 起诉)
        holds = not answers and _holds_half(distinct, faq)
        if same < FAQ_SAME and answers and score >= best and (_article_covers(answers[0], distinct) or not meant):
            answers.insert(1, _faq_answer(faq, score))  # the article it restates answers first
        elif same >= FAQ_SAME or (meant and score >= MIN_SCORE and (holds or (answers and score >= best))):
            result.faq = True
            answers.insert(0, _faq_answer(faq, score))
        elif score >= MIN_SCORE and answers and score >= FAQ_NEAR * best:
            answers.insert(1, _faq_answer(faq, score))  # near, not the same question: second
    result.answers = answers[:limit]
    if not result.answers:
        result.fallback = pointer()
    result.elapsed_ms = (time.perf_counter() - began) * 1000
    return result


PASSAGE_FIELDS = ("id", "ordinal", "article_no", "heading", "text", "entry__id", "entry__document__id",
                  "entry__document__title", "entry__document__doc_no", "entry__document__validity",
                  "entry__document__category", "entry__document__answer_source__id",
                  "entry__document__answer_source__kind")


def _ranked(question, terms, cues, limit) -> tuple[list[Answer], frozenset]:
    """The answers from passages, best first ([] when none answers), and the question's
    distinctive words (`_distinct`)."""
    answers = scored_passages(question, terms, cues)
    if not answers:
        return [], frozenset()
    top = answers[0]
    if top.score < MIN_SCORE:
        return [], top.distinct
    if semantic.enabled() and top.parts[2] < SEMANTIC_FLOOR and not _defines_asked(cues, top, question) \
            and not _holds_subject(top):
        return [], top.distinct
    if len(top.distinct) >= 2 and not (top.covered & top.distinct) and top.parts[2] < SEMANTIC_SURE:
        # the best passage shares the question's common words and its type, none of what it is about
        # ("政府网站上公开的信息留存期限是多久": an article with a 期限, nothing on 留存 or 政府网站)
        return [], top.distinct
    answers = answer_unit(answers, list_question=wants_list(question))
    return [a for a in answers if a.score >= MIN_SCORE * 0.8][:limit], top.distinct


def _holds_subject(top: Answer) -> bool:
    """The best passage holds most of the question's distinctive words (at least SUBJECT_WORDS and
    half of them): it is about what the question is about, however low the model scores a long
    question against it ("两个以上机关共同制作的信息，牵头机关征求……意见" and 第三十四条: 0.25)."""
    held = top.covered & top.distinct
    return len(held) >= SUBJECT_WORDS and 2 * len(held) >= len(top.distinct)


def _defines_asked(cues, top: Answer, question: str) -> bool:
    """The best passage is the article that defines the word a 什么是X question asks (所称X，是指):
    a short question scores a low similarity against the whole article, and needs no more."""
    define = [c for c in cues if c.name == "define"]
    return bool(define) and passage_lead_hits(define, top.text, question) > 0


def _with_items(question, items, sims) -> list[float]:
    """The similarity of a source passage that is a list: the best of the whole and its items"""
    groups, texts = [], []
    for p, _d, source, _k, _t in items:
        mine = item_texts(p.text, p.heading) if source is not None else []
        groups.append(list(range(len(texts), len(texts) + len(mine))))
        texts += mine
    return best_similarities(sims, groups, semantic.similarities(question, texts)) if texts else sims


def scored_passages(question, terms, cues, weights=WEIGHTS) -> list[Answer]:
    """Every candidate passage scored and sorted, best first (the bench reads the whole list)."""
    lexical = dict(passage_candidates(question=question, limit=LEXICAL_CANDIDATES))
    rows = (Passage.objects.filter(entry__document__answer_source__isnull=False)
            .values_list("pk", flat=True))
    ids = set(lexical) | set(rows)
    if not ids:
        return []
    passages = list(Passage.objects.filter(pk__in=ids)
                    .select_related("entry__document", "entry__document__answer_source")
                    .only(*PASSAGE_FIELDS))
    top_lex = max(lexical.values(), default=0.0) or 1.0
    lexical_order = {pk: i for i, pk in enumerate(sorted(lexical, key=lambda k: -lexical[k]))}
    items = []
    for p in passages:
        kind = passage_kind(p.text, article_no=p.article_no, heading=p.heading)
        if kind not in NOT_ANSWERS and not TITLE_LINE_RE.match(p.text) and not TRANSMITTAL_RE.match(p.text):
            items.append((p, p.entry.document, getattr(p.entry.document, "answer_source", None), kind,
                          f"{p.heading} {p.text}" if p.heading else p.text))
    # Every candidate is read by the model when its vector is stored (the sources, whatever
    # `gongkai embed_passages` or earlier questions embedded); of the rest only the best lexical
    # ones are embedded now, and the others are left out rather than ranked without a semantic score.
    known = semantic.known([t for *_x, t in items])
    items = [(p, d, s, k, t) for (p, d, s, k, t), have in zip(items, known)
             if have or s is not None or lexical_order.get(p.pk, LEXICAL_CANDIDATES) < SEMANTIC_LEXICAL]
    sims = semantic.similarities(question, [t for *_x, t in items])
    sims = _with_items(question, items, sims)
    distinct = _distinct(terms, [nfkc(t).lower() for _p, _d, s, _k, t in items if s is not None])
    asked = frozenset(terms)
    answers = []
    for (p, doc, source, kind, _text), sim in zip(items, sims):
        # The question's words are simplified already; stored passages are NFKC-folded only (opencc
        # over every candidate would cost more than the rest of the ranking).
        coverage = _coverage(terms, p.text, heading=p.heading, title=doc.title, article=bool(p.article_no))
        lex = max(0.0, lexical.get(p.pk, 0.0)) / top_lex
        authority = AUTHORITY.get(source.kind, 0.0) if source else CATEGORY_AUTHORITY.get(doc.category, 0.0)
        parts = (lex, coverage, sim, passage_cue_hits(cues, p.text, question), authority,
                 passage_lead_hits(cues, p.text, question))
        score = sum(w * x for w, x in zip(weights, parts))
        annual = doc.category == Category.ANNUAL_REPORT
        answers.append(Answer(
            text=p.text, source_title=doc.title, source_url=doc.get_absolute_url(), article=p.article_no,
            heading=p.heading, validity=doc.get_validity_display() if doc.validity else "",
            in_force=doc.validity not in INACTIVE, score=score, kind=kind,
            sentence=_best_sentence(p.text, terms, cues, question), doc_no=doc.doc_no, annual_report=annual, parts=parts,
            document_id=doc.pk, ordinal=p.ordinal, asked=asked, distinct=distinct,
            covered=_covered(terms, p.text, heading=p.heading, title=doc.title)))
    answers.sort(key=lambda a: (a.annual_report, not a.in_force, -a.score, -a.parts[0]))
    return answers
