"""Queries on the tantivy index (index.py): parsed queries (query.py) become tantivy queries.

- A word is its tokens (bigrams, single characters, letter/digit runs), all required, each found
  in the title or the body stream or their extras (a letter/digit run in the extras only: the
  stream holds its pairs); a vocabulary word matches on its own as well.
- A quoted phrase is its token stream at consecutive positions (tokens.phrase_words), in the
  title or the body: the index proves it, punctuation included. Its ranking pass asks its tokens
  without positions and proves only the first candidates (`_relaxed_ranked`): positions are read
  for every match once, by the count and facet pass.
- 问答 passages have fields of their own (pbody, pbody_x, without positions), so a document query
  never walks their postings.
- The title weighs TITLE_BOOST times the body (BM25), as the database engines weighted it.
- Facets are terms aggregations over fast fields; sorting by date reads the `recency` column. The
  five document facets count documents (other kinds carry no agency, year…); the kind facet counts
  every match by its kind (`kind_code`), and a `kind` filter keeps one kind.
"""
from . import registry
from .index import INT_FACETS, STR_FACETS, _tantivy, kind_of
from .index_read import reader
from .query import ParsedQuery, Term
from .tokens import phrase_words

TITLE_BOOST = 8.0
RELAX_EXTRA = 20  # candidates beyond the page that a phrase's ranking without positions fetches
FACETS = ("agency", "subject", "year", "genre", "validity")
KIND = "kind"  # the kind facet (政府信息, 办事指南, 数据集, …): counted over every match, not documents only


def _tq(schema, field, token):
    return _tantivy().Query.term_query(schema, field, token)


def token_query(schema, token: str, *, title: bool = True, body: str = "body", stream_only: bool = False):
    """`token` in the body (or the passage fields, body="pbody") and, when ranking, the title.
    `stream_only`: a stream token (a pair of a quoted phrase), asked of the positional fields only."""
    tv = _tantivy()
    if stream_only:
        fields = [body]
    else:
        fields = [body + "_x"] if token.isascii() else [body, body + "_x"]  # runs are in the extras only
    clauses = [(tv.Occur.Should, _tq(schema, f, token)) for f in fields]
    if title:
        clauses += [(tv.Occur.Should, tv.Query.boost_query(_tq(schema, f.replace(body, "title"), token), TITLE_BOOST))
                    for f in fields]
    return tv.Query.boolean_query(clauses)


def _phrase_in(schema, field, mode, words):
    tv = _tantivy()
    if mode == "regex":
        return tv.Query.regex_query(schema, field, words[0][1])
    if len(words) == 1:
        return _tq(schema, field, words[0][1])
    return tv.Query.phrase_query(schema, field, words)


def phrase_query(schema, text: str, *, title: bool = True, relax: bool = False):
    """The quoted phrase at consecutive positions in the body (and, when ranking, the title).

    `relax`: its pair tokens anywhere instead (no positions: a superset of the phrase's matches,
    scored by BM25 on those tokens), for the ranking pass that `search` then verifies."""
    tv = _tantivy()
    mode, words = phrase_words(text)
    if mode == "none":
        return None
    if relax and mode == "phrase":
        return tv.Query.boolean_query([(tv.Occur.Must, token_query(schema, w, title=title, stream_only=True))
                                       for _k, w in words])
    clauses = [(tv.Occur.Should, _phrase_in(schema, "body", mode, words))]
    if title:
        clauses.append((tv.Occur.Should, tv.Query.boost_query(_phrase_in(schema, "title", mode, words), TITLE_BOOST)))
    return tv.Query.boolean_query(clauses)


def term_query(schema, term: Term, *, title: bool = True, body: str = "body", relax: bool = False):
    tv = _tantivy()
    if term.phrase:
        return phrase_query(schema, term.text, title=title, relax=relax)
    required = [token_query(schema, t, title=title, body=body) for t in term.tokens]
    req = tv.Query.boolean_query([(tv.Occur.Must, q) for q in required]) if required else None
    if term.alt and term.alt not in term.tokens:
        alt = token_query(schema, term.alt, title=title, body=body)
        return tv.Query.boolean_query([(tv.Occur.Should, req), (tv.Occur.Should, alt)]) if req else alt
    return req


def search_query(schema, parsed: ParsedQuery, filters: dict, *, scoring: bool = True, relax: bool = False):
    """Everything public but passages that matches every term, the filters and no excluded term
    (passages have no body or title fields: they cannot match).

    The body fields hold the title as well, so `scoring=False` (the count and facet pass) asks
    them alone, without the title boosts and boost words that only order the first page.
    `relax`: quoted phrases as their tokens without positions (a superset; see `search`).
    """
    tv = _tantivy()
    clauses = []
    for t in parsed.terms:
        q = term_query(schema, t, title=scoring, relax=relax) if t.usable else None
        clauses.append((tv.Occur.Must, q if q is not None else tv.Query.empty_query()))
    for word in parsed.boost if scoring else ():
        clauses.append((tv.Occur.Should, token_query(schema, word)))
    for t in parsed.excludes:
        q = term_query(schema, t, title=False) if t.usable else None
        if q is not None:
            clauses.append((tv.Occur.MustNot, q))
    for key, value in filters.items():
        if key == KIND:
            clauses.append((tv.Occur.Must, _tq(schema, "kind", str(value))))
        elif key in INT_FACETS:
            clauses.append((tv.Occur.Must, _tq(schema, key, int(value))))
        elif key in STR_FACETS:
            clauses.append((tv.Occur.Must, _tq(schema, key, str(value))))
    return tv.Query.boolean_query(clauses)


def _ranked(searcher, query, limit: int, sort: str):
    """[(score, address)] best first (relevance), or newest first (sort="date", score 0)."""
    tv = _tantivy()
    if sort == "date":
        result = searcher.search(query, limit, count=False, order_by_field="recency", order=tv.Order.Desc)
        return [(0.0, addr) for _v, addr in result.hits]
    return [(float(s), addr) for s, addr in searcher.search(query, limit, count=False).hits]


def _relaxed_ranked(searcher, schema, relaxed, plain, need: int, sort: str):
    """The first `need` matches of `plain` in the order of `relaxed` (a superset: the phrases' pair
    tokens without positions), or None when they are not among its first candidates.

    Positions are then checked for a few dozen documents instead of every match: the ranking is
    BM25 on the phrase's tokens (or newest first), restricted to the documents that hold the phrase.
    Every match outside the first candidates ranks below them, so the first verified ones are the
    first matches exactly; when fewer than `need` verify, the caller ranks the matches themselves."""
    tv = _tantivy()
    limit = need + RELAX_EXTRA
    candidates = _ranked(searcher, relaxed, limit, sort)
    if not candidates:
        return []
    addrs = [a for _s, a in candidates]
    ids = sorted({int(i) for i in searcher.fast_field_values("id", addrs)})
    verify = tv.Query.boolean_query([(tv.Occur.Must, plain),
                                     (tv.Occur.Must, tv.Query.term_set_query(schema, "id", ids))])
    most = len(ids) * (len(registry.providers()) + 1)  # an id is unique within its kind
    proven = {(a.segment_ord, a.doc) for _s, a in searcher.search(verify, most, count=False).hits}
    ranked = [(s, a) for s, a in candidates if (a.segment_ord, a.doc) in proven]
    if len(ranked) >= need or len(candidates) < limit:
        return ranked[:need]
    return None


def search(*, parsed: ParsedQuery, filters: dict, sort: str, need: int, pinned: list[int]):
    """(total, facet counts, [(kind, id, score, address)] best first, the pinned document ids that match)."""
    tv = _tantivy()
    r = reader()
    schema = r.schema
    plain = search_query(schema, parsed, filters, scoring=False)
    searcher = r.searcher()
    # The total comes with the facets (value_count over a column every entry has), so the ranking
    # pass need not visit every match. A quoted phrase is ranked without its positions first.
    hits = None
    if any(t.phrase for t in parsed.terms):
        hits = _relaxed_ranked(searcher, schema, search_query(schema, parsed, filters, relax=True), plain, need, sort)
    if hits is None:
        hits = _ranked(searcher, search_query(schema, parsed, filters), need, sort)
    addrs = [addr for _s, addr in hits]
    scores = [s for s, _a in hits]
    ids = searcher.fast_field_values("id", addrs) if addrs else []
    kinds = [kind_of(int(c)) for c in searcher.fast_field_values("kind_code", addrs)] if addrs else []
    scored = [(k, int(i), s, a) for k, i, s, a in zip(kinds, ids, scores, addrs)]
    counts = {name: {} for name in (*FACETS, KIND)}
    total = len(addrs)
    if addrs:
        aggs = {name: {"terms": {"field": name, "size": 10000}} for name in FACETS}
        aggs["total"] = {"value_count": {"field": "kind_code"}}
        aggs[KIND] = {"terms": {"field": "kind_code", "size": 1000}}
        found = searcher.aggregate(plain, aggs)
        total = int(found.pop("total")["value"] or 0)
        for bucket in found.pop(KIND)["buckets"]:
            kind = kind_of(int(bucket["key"]))
            if kind:
                counts[KIND][kind] = bucket["doc_count"]
        for name, agg in found.items():
            for bucket in agg["buckets"]:
                key = bucket["key"]
                if key in ("", 0, None):
                    continue
                counts[name][int(key) if name in INT_FACETS else key] = bucket["doc_count"]
    in_matches = set()
    if pinned:
        both = tv.Query.boolean_query([(tv.Occur.Must, plain),
                                       (tv.Occur.Must, _tq(schema, "kind", registry.DOCUMENT)),
                                       (tv.Occur.Must, tv.Query.term_set_query(schema, "id", pinned))])
        found = searcher.search(both, len(pinned), count=False)
        in_matches = {int(i) for i in searcher.fast_field_values("id", [a for _s, a in found.hits])}
    return total, counts, scored, in_matches, searcher


def stored_item(searcher, address) -> dict:
    """url, title and text of a hit of a registered kind (held in the index)."""
    doc = searcher.doc(address)
    return {"url": doc.get_first("url") or "", "title": bytes(doc.get_first("label") or b"").decode(),
            "text": bytes(doc.get_first("text") or b"").decode()}


def passage_search(*, parsed: ParsedQuery, limit: int) -> list[tuple[int, float]]:
    """Passages matching any term of a question, best first by BM25: [(Passage id, score)]."""
    tv = _tantivy()
    if parsed.empty:
        return []
    r = reader()
    schema = r.schema
    terms = [q for q in (term_query(schema, t, title=False, body="pbody") for t in parsed.terms if t.usable)
             if q is not None]
    if not terms:
        return []
    query = tv.Query.boolean_query([(tv.Occur.Should, q) for q in terms])  # only passages have pbody
    searcher = r.searcher()
    result = searcher.search(query, limit, count=False)
    ids = searcher.fast_field_values("id", [a for _s, a in result.hits])
    return [(int(i), float(s)) for i, (s, _a) in zip(ids, result.hits)]
