"""Reads of the search index: ranked, faceted document search, and the passage candidates the 问答 ranks."""
import math
import re
import time
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Disclosure, Document, Genre, Status, Subject, Validity

from . import engine, registry
from .index import IndexUnavailable
from .analysis import analyzer, normalize_text
from .models import SearchEntry
from .query import ParsedQuery, parse_query, parse_question

PER_PAGE = 10
MAX_PAGE = 500
INACTIVE = (Validity.ABOLISHED, Validity.EXPIRED)
FACETS = ("agency", "subject", "year", "genre", "validity")
KIND = engine.KIND  # the kind facet and filter (政府信息, 办事指南, 数据集, 政府公报, 机构概况, …)
FILTERS = (KIND, *FACETS)  # what the page and the API accept
# What a result row shows (the search page, the API, `gongkai search`): nothing else is loaded.
HIT_FIELDS = ("id", "title", "body_text", "summary", "doc_no", "index_no", "publish_date", "validity", "genre",
              "status", "disclosure", "agency_id", "agency__name", "agency__slug")


@dataclass
class Hit:
    document: Document | None  # None for the other kinds (registry.py)
    score: float
    title_html: str
    snippet_html: str
    pinned: bool = False
    kind: str = registry.DOCUMENT
    kind_label: str = ""
    url: str = ""
    title: str = ""
    item_id: int = 0

    def to_dict(self):
        d = self.document
        if d is None:
            return {"kind": self.kind, "kind_label": self.kind_label, "id": self.item_id, "title": self.title,
                    "url": self.url, "score": round(self.score, 4), "pinned": False,
                    "title_html": str(self.title_html), "snippet_html": str(self.snippet_html)}
        return {"kind": self.kind, "kind_label": self.kind_label, "id": d.pk, "index_no": d.index_no, "title": d.title, "doc_no": d.doc_no,
                "agency": d.agency.name, "publish_date": d.publish_date.isoformat() if d.publish_date else None,
                "validity": d.validity, "validity_label": d.get_validity_display() if d.validity else "",
                "genre": d.genre, "url": d.get_absolute_url(), "score": round(self.score, 4),
                "pinned": self.pinned, "title_html": str(self.title_html), "snippet_html": str(self.snippet_html)}


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool = False
    url: str = ""  # the search with this value chosen (set by the view)


@dataclass
class SearchResult:
    query: str
    filters: dict
    sort: str
    page: int
    per_page: int
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestions: list = field(default_factory=list)
    elapsed_ms: float = 0.0
    parsed: ParsedQuery | None = None
    facets_approximate: bool = False
    engine: str = ""
    notice: str = ""  # shown instead of results when the index cannot answer yet

    @property
    def pages(self):
        return max(1, min(MAX_PAGE, math.ceil(self.total / self.per_page)))

    def to_dict(self):
        return {
            "query": self.query, "filters": self.filters, "sort": self.sort, "page": self.page,
            "pages": self.pages, "total": self.total, "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                           for v in vals] for k, vals in self.facets.items()},
            "suggestions": self.suggestions, "elapsed_ms": round(self.elapsed_ms, 1),
            "facets_approximate": self.facets_approximate, "notice": self.notice,
        }


# --- highlighting -------------------------------------------------------------------------------

def _marks(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of `terms` in `text`, matched on the normalised form (traditional, full-width…)."""
    terms = [t for t in dict.fromkeys(t.lower() for t in terms) if t]
    if not terms or not text:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    lowered = text.lower()
    if len(lowered) == len(text):
        direct = [(m.start(), m.end()) for m in pattern.finditer(lowered)]
        if direct:
            return direct
    norm = normalize_text(text).lower()
    if len(norm) != len(text):
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(norm)]


def highlight(text: str, terms: list[str]) -> str:
    """Escape `text` and wrap every occurrence of `terms` in <mark>."""
    spans = _marks(text, terms)
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append("<mark>" + escape(text[start:end]) + "</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def snippet(text: str, terms: list[str], width: int = 120) -> str:
    """A window of `text` around the first query term, highlighted."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text:
        return mark_safe("")
    spans = _marks(text, terms)
    start = max(0, spans[0][0] - width // 4) if spans else 0
    if start > 0:
        # Begin after a nearby punctuation mark, and never inside a number or a Latin word
        # ("2025年", not "025年").
        stop = text.rfind("。", max(0, start - 12), start)
        for mark in "；，、 ":
            stop = max(stop, text.rfind(mark, max(0, start - 12), start))
        if stop >= 0:
            start = stop + 1
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalnum() and text[start].isascii() \
                and text[start].isalnum():
            start -= 1
    end = min(len(text), start + width)
    while end < len(text) and text[end - 1].isascii() and text[end - 1].isalnum() and text[end].isascii() \
            and text[end].isalnum():
        end += 1
    piece = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(escape(prefix) + highlight(piece, terms) + escape(suffix))


# --- search -------------------------------------------------------------------------------------

def clean_filters(raw) -> dict:
    """Keep only well-formed facet filters (anything else is ignored, never an error)."""
    raw = raw or {}
    out = {}
    for key in ("agency", "subject", "year"):
        value = str(raw.get(key) or "").strip()
        if value.isdigit() and len(value) <= 12:
            out[key] = int(value)
    if raw.get("genre") in Genre.values:
        out["genre"] = raw["genre"]
    if raw.get("validity") in [v for v in Validity.values if v]:
        out["validity"] = raw["validity"]
    kind = raw.get(KIND)
    if kind and (kind == registry.DOCUMENT or registry.provider(str(kind)) is not None):
        out[KIND] = kind
    return out


def _pinned_ids(parsed: ParsedQuery, filters: dict) -> list[int]:
    if filters.get(KIND, registry.DOCUMENT) != registry.DOCUMENT:
        return []  # another kind chosen: no document is pinned
    qs = SearchEntry.objects.none()
    if parsed.doc_no_key:
        qs = SearchEntry.objects.filter(doc_no_key=parsed.doc_no_key)
    if parsed.index_no:
        qs = qs | SearchEntry.objects.filter(index_no=parsed.index_no)
    for key, column in (("agency", "agency_id"), ("subject", "subject_top_id"), ("year", "year"),
                        ("genre", "genre"), ("validity", "validity")):
        if key in filters:
            qs = qs.filter(**{column: filters[key]})
    return list(qs.order_by("-publish_date", "-id").values_list("id", flat=True)[:5])


_NAME_CACHE: dict = {}
_NAME_TTL = 60.0


def _names(model, ids) -> dict:
    """Names of agencies or subjects by id, cached for a minute (facet labels on every query)."""
    now = time.monotonic()
    cached = _NAME_CACHE.get(model)
    if cached is None or now - cached[0] > _NAME_TTL or not set(ids) <= cached[1].keys():
        cached = (now, dict(model.objects.values_list("pk", "name")))
        _NAME_CACHE[model] = cached
    return cached[1]


def _facet_labels(counts, filters):
    agencies = _names(Agency, counts["agency"])
    subjects = _names(Subject, counts["subject"])
    genres = dict(Genre.choices)
    validities = dict(Validity.choices)
    labels = {"agency": lambda v: agencies.get(v, str(v)), "subject": lambda v: subjects.get(v, str(v)),
              "year": lambda v: _("%(year)s年") % {"year": v}, "genre": lambda v: str(genres.get(v, v)),
              "validity": lambda v: str(validities.get(v, v))}
    facets = {}
    for name in FACETS:
        # Most frequent first, equal counts in a fixed order (the engines return them in any order).
        items = sorted(counts[name].items(),
                       key=(lambda kv: -kv[0]) if name == "year" else (lambda kv: (-kv[1], str(kv[0]))))
        facets[name] = [FacetValue(v, labels[name](v), n, filters.get(name) == v) for v, n in items[:30]]
    # The kinds: 政府信息 first, then the registered kinds in their registration order.
    order = [registry.DOCUMENT, *registry.providers()]
    kinds = sorted(counts.get(KIND, {}).items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    facets = {KIND: [FacetValue(k, registry.kind_label(k), n, filters.get(KIND) == k) for k, n in kinds], **facets}
    return facets


def _suggestions(parsed: ParsedQuery, filters: dict) -> list[dict]:
    """What to try when nothing is found: fewer words, no filters, related vocabulary."""
    out = []
    if filters:
        out.append({"kind": "no_filters", "query": parsed.raw, "label": _("取消筛选条件后重新搜索")})
    if parsed.excludes:
        keep = " ".join(f'"{t.text}"' if t.text in parsed.phrases else t.text for t in parsed.terms)
        if keep:
            out.append({"kind": "shorter", "query": keep, "label": _("去掉排除词：%(q)s") % {"q": keep}})
    if len(parsed.terms) > 1:
        shorter = " ".join(t.text for t in parsed.terms[:-1])
        out.append({"kind": "shorter", "query": shorter, "label": _("减少关键词：%(q)s") % {"q": shorter}})
    elif len(parsed.terms) == 1 and len(parsed.terms[0].text) > 2:
        words = [w for w in analyzer().jieba.cut(parsed.terms[0].text) if len(w) >= 2]
        if len(words) > 1:
            out.append({"kind": "shorter", "query": " ".join(words),
                        "label": _("拆分关键词：%(q)s") % {"q": " ".join(words)}})
    bigrams = {tok for t in parsed.terms for tok in t.tokens if len(tok) == 2}
    if bigrams:
        related = sorted(w for w in analyzer().words if any(b in w for b in bigrams)
                         and all(w != t.alt for t in parsed.terms))[:6]
        for word in related:
            out.append({"kind": "vocabulary", "query": word, "label": word})
    return out


def search_documents(*, query: str, filters=None, sort: str = "relevance", page: int = 1,
                     per_page: int = PER_PAGE) -> SearchResult:
    """Ranked, faceted search over everything public: documents (published, 主动公开) and the
    registered kinds (意见征集, 留言, 办事指南, …), from the one index (engine.py)."""
    began = time.perf_counter()
    parsed = parse_query(query)
    filters = clean_filters(filters)
    sort = sort if sort in ("relevance", "date") else "relevance"
    page = max(1, min(MAX_PAGE, int(page or 1)))
    result = SearchResult(query=query or "", filters=filters, sort=sort, page=page, per_page=per_page,
                          parsed=parsed, engine="tantivy")
    pinned = _pinned_ids(parsed, filters) if (parsed.doc_no_key or parsed.index_no) else []
    need = page * per_page + len(pinned)
    total, counts, scored, in_matches, searcher = 0, None, [], set(), None
    if not parsed.empty:
        try:
            total, counts, scored, in_matches, searcher = engine.search(
                parsed=parsed, filters=filters, sort=sort, need=need, pinned=pinned)
        except IndexUnavailable as exc:
            result.notice = str(exc)
            pinned = []
    if total:
        result.facets = _facet_labels(counts, filters)
    # A pinned 文号/索引号 match the words themselves do not match still counts as a result.
    result.total = total + len([p for p in pinned if p not in in_matches])
    top = max((s for _k, _i, s, _a in scored), default=0.0)
    ordered = [(registry.DOCUMENT, pid, top + 1.0, None, True) for pid in pinned] + [
        (k, i, s, a, False) for k, i, s, a in scored if not (k == registry.DOCUMENT and i in pinned)]
    window = ordered[(page - 1) * per_page: page * per_page]
    doc_ids = [i for k, i, _s, _a, _p in window if k == registry.DOCUMENT]
    # Only what is public now, whatever the index says.
    docs = (Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE)
            .select_related("agency").only(*HIT_FIELDS).in_bulk(doc_ids)) if doc_ids else {}
    terms = parsed.highlight_terms
    doc_label = registry.kind_label(registry.DOCUMENT)
    for kind, item_id, score, address, is_pinned in window:
        if kind == registry.DOCUMENT:
            doc = docs.get(item_id)
            if doc is None:
                continue
            result.hits.append(Hit(document=doc, score=score, title_html=highlight(doc.title, terms),
                                   snippet_html=snippet(doc.body_text or doc.summary, terms), pinned=is_pinned,
                                   kind=kind, kind_label=doc_label, url=doc.get_absolute_url(), title=doc.title,
                                   item_id=doc.pk))
            continue
        stored = engine.stored_item(searcher, address)
        result.hits.append(Hit(document=None, score=score, title_html=highlight(stored["title"], terms),
                               snippet_html=snippet(stored["text"], terms), kind=kind,
                               kind_label=registry.kind_label(kind), url=stored["url"], title=stored["title"],
                               item_id=item_id))
    if not result.total and not result.notice:
        result.suggestions = _suggestions(parsed, filters)
    result.elapsed_ms = (time.perf_counter() - began) * 1000
    return result


def passage_candidates(*, question: str, limit: int = 50) -> list[tuple[int, float]]:
    """Passages (Passage ids) of published documents that share words with `question`, with their
    lexical score (BM25 over the passage's tokens), best first. The 问答 ranking starts here."""
    parsed = parse_question(question)
    try:
        return engine.passage_search(parsed=parsed, limit=max(1, min(int(limit), 1000)))
    except IndexUnavailable:
        return []

