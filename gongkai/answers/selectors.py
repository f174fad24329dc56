"""Reads of the 问答: the curated FAQ first, then ranked passages, else the pointer to the form.

Candidates come from the search index through `search.selectors.passage_candidates` (lexical) plus
every passage of the authoritative sources (条例, 指南, 制度: a few hundred at most), and are ranked
by lexical score, coverage of the question's words, semantic similarity, question-type cues and
source authority; abolished or expired documents come after those in force and annual reports
after everything (their tables and statistics lines are never passages at all).
"""
import re
import time
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai.catalog.models import Category, Validity
from gongkai.core.text import normalize
from gongkai.search.models import Passage
from gongkai.search.passages import NOT_ANSWERS, passage_kind
from gongkai.search.query import parse_question
from gongkai.search.selectors import passage_candidates

from . import semantic
from .cues import passage_cue_hits, question_cues, wants_procedure
from .models import Faq, FaqStatus, SourceKind

INACTIVE = (Validity.ABOLISHED, Validity.EXPIRED)
AUTHORITY = {SourceKind.STATUTE: 0.12, SourceKind.GUIDE: 0.10, SourceKind.SYSTEM: 0.06}
CATEGORY_AUTHORITY = {Category.REGULATION: 0.04, Category.NORMATIVE: 0.03, Category.INTERPRETATION: 0.02}
LEXICAL_CANDIDATES = 50
SEMANTIC_LEXICAL = 20       # lexical candidates outside the sources that are also embedded
MIN_SCORE = 0.42            # below this the best passage does not answer: say so
FAQ_SEMANTIC = 0.82         # cosine of question and a FAQ variant that counts as the same question
FAQ_OVERLAP = 0.6           # or this share of the variant's character pairs in the question
SENTENCE_RE = re.compile(r"[^。；！？\n]+[。；！？]?")


@dataclass
class Answer:
    text: str
    source_title: str
    source_url: str
    article: str = ""
    heading: str = ""
    validity: str = ""
    in_force: bool = True
    score: float = 0.0
    kind: str = "paragraph"
    sentence: str = ""
    doc_no: str = ""
    annual_report: bool = False

    def to_dict(self):
        return {"text": self.text, "source_title": self.source_title, "source_url": self.source_url,
                "article": self.article, "validity": self.validity, "score": round(self.score, 4)}

    @property
    def text_html(self):
        """The passage with the answering sentence marked."""
        if not self.sentence or self.sentence not in self.text:
            return escape(self.text)
        before, _sep, after = self.text.partition(self.sentence)
        return mark_safe(escape(before) + '<mark class="answer-sentence">' + escape(self.sentence) + "</mark>"
                         + escape(after))


@dataclass
class AnswerResult:
    question: str
    answers: list = field(default_factory=list)
    fallback: dict | None = None
    links: list = field(default_factory=list)
    faq: bool = False
    elapsed_ms: float = 0.0

    def to_dict(self):
        return {"answers": [a.to_dict() for a in self.answers], "fallback": self.fallback}


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


def faq_match(*, question: str) -> tuple[Faq, float] | None:
    """The published FAQ whose variant is closest to `question`, when it is close enough."""
    faqs = list(Faq.objects.filter(status=FaqStatus.PUBLISHED))
    variants = [(f, v) for f in faqs for v in f.variants()]
    if not variants:
        return None
    asked = _pairs(question)
    sims = semantic.similarities(question, [v for _f, v in variants])
    best = None
    for (faq, variant), sim in zip(variants, sims):
        mine = _pairs(variant)
        overlap = len(mine & asked) / len(mine) if mine else 0.0
        cover = len(mine & asked) / len(asked) if asked else 0.0
        lexical = min(overlap, cover + 0.25)
        if sim >= FAQ_SEMANTIC or lexical >= FAQ_OVERLAP:
            score = max(sim, lexical)
            if best is None or score > best[1]:
                best = (faq, score)
    return best


def _faq_answer(faq: Faq, score: float) -> Answer:
    links = faq.source_links()
    title = "；".join(t for t, _u in links) or _("常见问题")
    url = next((u for _t, u in links if u), "")
    return Answer(text=faq.answer, source_title=title, source_url=url, validity=_("有效"), score=score,
                  kind="faq", sentence="")


def _best_sentence(text: str, terms: list[str], cues) -> str:
    best, best_score = "", 0.0
    for sentence in SENTENCE_RE.findall(text):
        s = sentence.strip()
        if len(s) < 6:
            continue
        norm = normalize(s).lower()
        score = sum(1 for t in terms if t in norm) + 1.5 * passage_cue_hits(cues, s)
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
    matched = faq_match(question=question) if use_faq else None
    if matched:
        result.faq = True
        result.answers.append(_faq_answer(*matched))
    result.answers.extend(_ranked(question, cues, limit))
    result.answers = result.answers[:limit]
    if not result.answers:
        result.fallback = pointer()
    result.elapsed_ms = (time.perf_counter() - began) * 1000
    return result


def _ranked(question, cues, limit) -> list[Answer]:
    parsed = parse_question(question)
    terms = [t.text for t in parsed.terms]
    lexical = dict(passage_candidates(question=question, limit=LEXICAL_CANDIDATES))
    rows = (Passage.objects.filter(entry__document__answer_source__isnull=False)
            .values_list("pk", flat=True))
    ids = set(lexical) | set(rows)
    if not ids:
        return []
    passages = list(Passage.objects.filter(pk__in=ids).select_related("entry__document__agency",
                                                                        "entry__document__answer_source"))
    top_lex = max(lexical.values(), default=0.0) or 1.0
    lexical_order = {pk: i for i, pk in enumerate(sorted(lexical, key=lambda k: -lexical[k]))}
    items = []
    for p in passages:
        kind = passage_kind(p.text, article_no=p.article_no, heading=p.heading)
        if kind in NOT_ANSWERS:
            continue
        doc = p.entry.document
        source = getattr(doc, "answer_source", None)
        if source is None and lexical_order.get(p.pk, LEXICAL_CANDIDATES) >= SEMANTIC_LEXICAL and len(items) > 0:
            embed = False
        else:
            embed = True
        items.append((p, doc, source, kind, embed))
    embed_texts = [f"{p.heading} {p.text}" if p.heading else p.text for p, _d, _s, _k, e in items if e]
    sims = iter(semantic.similarities(question, embed_texts))
    answers = []
    for p, doc, source, kind, embed in items:
        sim = next(sims) if embed else 0.0
        norm = normalize(p.text + p.heading + doc.title).lower()
        coverage = (sum(1 for t in terms if t in norm) / len(terms)) if terms else 0.0
        lex = max(0.0, lexical.get(p.pk, 0.0)) / top_lex
        score = 0.25 * lex + 0.35 * coverage + 0.6 * sim + 0.1 * passage_cue_hits(cues, p.text)
        score += AUTHORITY.get(source.kind, 0.0) if source else CATEGORY_AUTHORITY.get(doc.category, 0.0)
        annual = doc.category == Category.ANNUAL_REPORT
        answers.append(Answer(
            text=p.text, source_title=doc.title, source_url=doc.get_absolute_url(), article=p.article_no,
            heading=p.heading, validity=doc.get_validity_display() if doc.validity else "",
            in_force=doc.validity not in INACTIVE, score=score, kind=kind,
            sentence=_best_sentence(p.text, terms, cues), doc_no=doc.doc_no, annual_report=annual))
    answers.sort(key=lambda a: (a.annual_report, not a.in_force, -a.score))
    if not answers or answers[0].score < MIN_SCORE:
        return []
    return [a for a in answers if a.score >= MIN_SCORE * 0.8][:limit]
