"""Queries on the tantivy index (index.py): parsed queries (query.py) become tantivy queries.

- A word is its tokens (bigrams, single characters, letter/digit runs), all required, each found
  in the title or the body stream or their extras (a letter/digit run in the extras only: the
  stream holds its pairs); a vocabulary word matches on its own as well.
- A quoted phrase is its token stream at consecutive positions (tokens.phrase_words), in the
  title or the body: the index proves it, punctuation included.
- 问答 passages have fields of their own (pbody, pbody_x, without positions), so a document query
  never walks their postings.
- The title weighs TITLE_BOOST times the body (BM25), as the database engines weighted it.
- Facets are terms aggregations over fast fields; sorting by date reads the `recency` column.
"""
from . import registry
from .index import INT_FACETS, STR_FACETS, _tantivy, kind_of, reader
from .query import ParsedQuery, Term
from .tokens import phrase_words

TITLE_BOOST = 8.0
FACETS = ("agency", "subject", "year", "genre", "validity")


def _tq(schema, field, token):
    return _tantivy().Query.term_query(schema, field, token)


def token_query(schema, token: str, *, title: bool = True, body: str = "body"):
    """`token` in the body (or the passage fields, body="pbody") and, when ranking, the title."""
    tv = _tantivy()
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


def phrase_query(schema, text: str, *, title: bool = True):
    tv = _tantivy()
    mode, words = phrase_words(text)
    if mode == "none":
        return None
    clauses = [(tv.Occur.Should, _phrase_in(schema, "body", mode, words))]
    if title:
        clauses.append((tv.Occur.Should, tv.Query.boost_query(_phrase_in(schema, "title", mode, words), TITLE_BOOST)))
    return tv.Query.boolean_query(clauses)


def term_query(schema, term: Term, *, title: bool = True, body: str = "body"):
    tv = _tantivy()
    if term.phrase:
        return phrase_query(schema, term.text, title=title)
    required = [token_query(schema, t, title=title, body=body) for t in term.tokens]
    req = tv.Query.boolean_query([(tv.Occur.Must, q) for q in required]) if required else None
    if term.alt and term.alt not in term.tokens:
        alt = token_query(schema, term.alt, title=title, body=body)
        return tv.Query.boolean_query([(tv.Occur.Should, req), (tv.Occur.Should, alt)]) if req else alt
    return req


def search_query(schema, parsed: ParsedQuery, filters: dict, *, scoring: bool = True):
    """Everything public but passages that matches every term, the filters and no excluded term
    (passages have no body or title fields: they cannot match).

    The body fields hold the title as well, so `scoring=False` (the count and facet pass) asks
    them alone, without the title boosts and boost words that only order the first page.
    """
    tv = _tantivy()
    clauses = []
    for t in parsed.terms:
        q = term_query(schema, t, title=scoring) if t.usable else None
        clauses.append((tv.Occur.Must, q if q is not None else tv.Query.empty_query()))
    for word in parsed.boost if scoring else ():
        clauses.append((tv.Occur.Should, token_query(schema, word)))
    for t in parsed.excludes:
        q = term_query(schema, t, title=False) if t.usable else None
        if q is not None:
            clauses.append((tv.Occur.MustNot, q))
    for key, value in filters.items():
        if key in INT_FACETS:
            clauses.append((tv.Occur.Must, _tq(schema, key, int(value))))
        elif key in STR_FACETS:
            clauses.append((tv.Occur.Must, _tq(schema, key, str(value))))
    return tv.Query.boolean_query(clauses)


def search(*, parsed: ParsedQuery, filters: dict, sort: str, need: int, pinned: list[int]):
    """(total, facet counts, [(kind, id, score, address)] best first, the pinned document ids that match)."""
    tv = _tantivy()
    r = reader()
    schema = r.schema
    query = search_query(schema, parsed, filters)
    plain = search_query(schema, parsed, filters, scoring=False)
    searcher = r.searcher()
    # The total comes with the facets (value_count over a column every entry has), so the ranking
    # pass need not visit every match.
    if sort == "date":
        result = searcher.search(query, need, count=False, order_by_field="recency", order=tv.Order.Desc)
        addrs = [addr for _v, addr in result.hits]
        scores = [0.0] * len(addrs)
    else:
        result = searcher.search(query, need, count=False)
        addrs = [addr for _s, addr in result.hits]
        scores = [float(s) for s, _a in result.hits]
    ids = searcher.fast_field_values("id", addrs) if addrs else []
    kinds = [kind_of(int(c)) for c in searcher.fast_field_values("kind_code", addrs)] if addrs else []
    scored = [(k, int(i), s, a) for k, i, s, a in zip(kinds, ids, scores, addrs)]
    counts = {name: {} for name in FACETS}
    total = len(addrs)
    if addrs:
        aggs = {name: {"terms": {"field": name, "size": 10000}} for name in FACETS}
        aggs["total"] = {"value_count": {"field": "kind_code"}}
        found = searcher.aggregate(plain, aggs)
        total = int(found.pop("total")["value"] or 0)
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
