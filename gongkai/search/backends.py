"""The two full-text engines behind one interface, chosen by `connection.vendor`.

Both engines index the same tokens (see analysis.py) and answer the same parsed queries:
- SQLite: FTS5 tables with bm25() ranking (title column weighted).
- PostgreSQL: tsvector('simple') columns with GIN indexes and ts_rank_cd() ranking (title weight A).

Ranking every match of a very common query is what costs (TECH_NOTES): when more than
`rank_all` documents match, only a bounded candidate set is ranked — the documents whose title
matches plus the newest body matches — and the rest follows newest first.
"""
import contextlib
from abc import ABC, abstractmethod

from django.db import connection, transaction

from .analysis import RUN_RE
from .query import ParsedQuery, Term

PASSAGE_ID_SPAN = 4096  # Passage.id = entry id * PASSAGE_ID_SPAN + ordinal
TITLE_WEIGHT = 8.0

FACETS = ("agency", "subject", "year", "genre", "validity")
FACET_COLUMNS = ("agency_id", "subject_top_id", "year", "genre", "validity")
INT_FACETS = {"agency", "subject", "year"}
FACET_EXACT = 2000  # facet counts are exact up to this many matches, sampled beyond


def facet_tokens(*, agency_id=None, subject_top_id=None, year=None, genre="", validity="") -> list[str]:
    """Index tokens that carry a document's facet values, so filters are full-text conditions.

    Letters and digits only (one term in both engines); a prefix nobody types.
    """
    out = []
    if agency_id not in (None, ""):
        out.append(f"zqa{int(agency_id)}")
    if subject_top_id not in (None, ""):
        out.append(f"zqs{int(subject_top_id)}")
    if year not in (None, ""):
        out.append(f"zqy{int(year)}")
    if genre:
        out.append("zqg" + str(genre).encode().hex())
    if validity:
        out.append("zqv" + "".join(ch for ch in str(validity).lower() if ch.isascii() and ch.isalnum()))
    return out
FILTER_COLUMNS = {"agency": "agency_id", "subject": "subject_top_id", "year": "year",
                  "genre": "genre", "validity": "validity"}


class Engine(ABC):
    vendor = ""
    AND, OR, NOT = "", "", ""
    rank_all = 1000   # rank every match up to this many
    candidates_n = 300  # otherwise rank this many title matches plus this many newest matches

    # --- query rendering --------------------------------------------------------------------
    @abstractmethod
    def quote(self, token: str) -> str:
        """Engine-specific."""

    def term(self, term: Term) -> str:
        required = f" {self.AND} ".join(self.quote(t) for t in term.tokens)
        if term.alt and term.alt not in term.tokens:
            return f"(({required}) {self.OR} {self.quote(term.alt)})" if required else self.quote(term.alt)
        return f"({required})"

    def required(self, parsed: ParsedQuery) -> str:
        return f" {self.AND} ".join(self.term(t) for t in parsed.terms)

    def filter_expression(self, filters: dict) -> str:
        """Facet filters as index tokens (see `facet_tokens`), all required."""
        return f" {self.AND} ".join(self.quote(t) for t in facet_tokens(**{
            FILTER_COLUMNS[k]: v for k, v in filters.items() if k in FILTER_COLUMNS and v not in (None, "")}))

    def expression(self, parsed: ParsedQuery, filters: dict | None = None) -> str:
        """Match expression: every term, optional boost words, facet filters, minus excluded terms."""
        expr = self.required(parsed)
        if filters:
            extra = self.filter_expression(filters)
            if extra:
                expr = f"{expr} {self.AND} {extra}"
        if parsed.boost:
            first = self.term(parsed.terms[0])
            boost = f" {self.OR} ".join([first] + [self.quote(w) for w in parsed.boost])
            expr = f"{expr} {self.AND} ({boost})"
        if parsed.excludes:
            excluded = f" {self.OR} ".join(self.term(t) for t in parsed.excludes)
            expr = self.exclude(expr, excluded)
        return expr

    def any_expression(self, parsed: ParsedQuery) -> str:
        """Match expression where any term suffices (questions)."""
        return f" {self.OR} ".join(self.term(t) for t in parsed.terms)

    @abstractmethod
    def exclude(self, expr: str, excluded: str) -> str:
        """Engine-specific."""

    # --- SQL pieces --------------------------------------------------------------------------
    @abstractmethod
    def match(self, expr: str) -> tuple[str, list]:
        """Engine-specific."""

    @abstractmethod
    def title_match(self, expr: str) -> tuple[str, list]:
        """Engine-specific."""

    @abstractmethod
    def contains(self, column: str) -> str:
        """Engine-specific."""

    def verify(self, parsed: ParsedQuery) -> list[str]:
        """Quoted phrases that must be checked on the stored text (the index alone cannot prove them)."""
        return parsed.phrases

    def where(self, expr: str, filters: dict, phrases: list[str]) -> tuple[str, list]:
        """SQL condition on `search_entry e`; facet filters are already tokens inside `expr`."""
        sql, params = self.match(expr)
        clauses, params = [sql], list(params)
        if phrases:
            checks = " AND ".join(self.contains("t.content") for _ in phrases)
            clauses.append(f"EXISTS (SELECT 1 FROM search_text t WHERE t.entry_id = e.id AND {checks})")
            params.extend(phrases)
        return " AND ".join(clauses), params

    def total(self, expr, phrases) -> int:
        where, params = self.where(expr, {}, phrases)
        with connection.cursor() as cur:
            cur.execute(f"SELECT COUNT(*) FROM search_entry e WHERE {where}", params)
            return cur.fetchone()[0]

    def facet_source(self, expr, phrases, sample: int | None) -> tuple[str, list]:
        """SQL selecting the facet columns of the matches (or of the newest `sample` matches)."""
        where, params = self.where(expr, {}, phrases)
        cols = ", ".join(f"e.{c}" for c in FACET_COLUMNS)
        if sample:
            return (f"SELECT {cols} FROM search_entry e WHERE {where} ORDER BY e.id DESC LIMIT %s",
                    params + [sample])
        return f"SELECT {cols} FROM search_entry e WHERE {where}", params

    def facet_counts(self, expr, phrases, total: int) -> tuple[dict, bool]:
        """({facet: {value: count}}, approximate). Exact up to FACET_EXACT matches; beyond that the
        newest FACET_EXACT matches are counted and scaled to `total` (shown as approximate)."""
        sample = FACET_EXACT if total > FACET_EXACT else None
        source, params = self.facet_source(expr, phrases, sample)
        unions = " UNION ALL ".join(
            f"SELECT '{name}', CAST({col} AS TEXT), COUNT(*) FROM m GROUP BY {col}"
            for name, col in zip(FACETS, FACET_COLUMNS))
        counts = {name: {} for name in FACETS}
        scale = total / sample if sample else 1.0
        with connection.cursor() as cur:
            cur.execute(f"WITH m AS MATERIALIZED ({source}) {unions}", params)
            for name, value, n in cur.fetchall():
                if value is None or value == "":
                    continue
                counts[name][int(value) if name in INT_FACETS else value] = max(1, round(n * scale))
        return counts, bool(sample)

    def ids_matching(self, expr, filters, phrases, ids) -> set:
        """The subset of `ids` that the query matches."""
        where, params = self.where(expr, filters, phrases)
        sql = f"SELECT e.id FROM search_entry e WHERE {where} AND e.id IN ({', '.join(['%s'] * len(ids))})"
        with connection.cursor() as cur:
            cur.execute(sql, params + list(ids))
            return {row[0] for row in cur.fetchall()}

    def by_date(self, expr, filters, phrases, offset, limit, exclude_ids=()):
        where, params = self.where(expr, filters, phrases)
        if exclude_ids:
            where += f" AND e.id NOT IN ({', '.join(['%s'] * len(exclude_ids))})"
            params += list(exclude_ids)
        sql = (f"SELECT e.id FROM search_entry e WHERE {where} "
               f"ORDER BY e.publish_date DESC, e.id DESC LIMIT %s OFFSET %s")
        with connection.cursor() as cur:
            cur.execute(sql, params + [limit, offset])
            return [(row[0], 0.0) for row in cur.fetchall()]

    def candidates(self, expr, title_expr, filters, phrases) -> list[int]:
        """Title matches plus the newest matches, each at most `candidates_n`."""
        where, params = self.where(expr, filters, phrases)
        t_sql, t_params = self.title_match(title_expr)
        sql = (f"SELECT id FROM (SELECT e.id FROM search_entry e WHERE {where} AND {t_sql} "
               f"ORDER BY e.id DESC LIMIT %s) a UNION "
               f"SELECT id FROM (SELECT e.id FROM search_entry e WHERE {where} "
               f"ORDER BY e.id DESC LIMIT %s) b")
        with connection.cursor() as cur:
            cur.execute(sql, params + t_params + [self.candidates_n] + params + [self.candidates_n])
            return [row[0] for row in cur.fetchall()]

    @abstractmethod
    def ranked(self, expr, filters, phrases, limit, candidate_ids=None) -> list[tuple[int, float]]:
        """Engine-specific."""

    @abstractmethod
    def passages_ranked(self, expr, limit) -> list[tuple[int, float]]:
        """Engine-specific."""

    # --- writes ------------------------------------------------------------------------------
    @abstractmethod
    def entries_insert(self, cur, rows):
        """Engine-specific."""

    @abstractmethod
    def passages_insert(self, cur, rows):
        """Engine-specific."""

    def session(self):
        """Context for the statements of one search (PostgreSQL sets planner options in it)."""
        return contextlib.nullcontext()

    def bulk_begin(self):
        """Prepare for a full rebuild into empty tables."""

    def bulk_end(self):
        """Finish a full rebuild."""

    @abstractmethod
    def index_size(self) -> int:
        """Engine-specific."""


ENTRY_COLUMNS = ("id", "document_id", "agency_id", "subject_top_id", "year", "genre", "category",
                 "validity", "publish_date", "doc_no_key", "index_no", "indexed_at")


class SQLiteEngine(Engine):
    vendor = "sqlite"
    AND, OR, NOT = "AND", "OR", "NOT"

    def quote(self, token):
        return '"' + token.replace('"', '""') + '"'

    def term(self, term: Term) -> str:
        # A quoted phrase: the bigrams of all its runs as one FTS5 phrase (consecutive positions,
        # also across punctuation: see analysis.index_tokens); the punctuation itself is checked
        # on the stored text (`verify`) for the few documents that match.
        if term.phrase and term.runs:
            return self.quote(" ".join(tok for run in term.runs for tok in run))
        return super().term(term)

    def verify(self, parsed: ParsedQuery) -> list[str]:
        # A phrase that is one run and nothing else ("森林防火", "2021") is proven by the FTS5 phrase
        # itself; anything more (several runs, or punctuation as in "575-") is checked on the
        # stored text, as PostgreSQL checks every phrase, so both engines return the same matches.
        return [p for p in parsed.phrases if RUN_RE.fullmatch(p) is None]

    def exclude(self, expr, excluded):
        return f"({expr}) NOT ({excluded})"

    def match(self, expr):
        return "e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [expr]

    def title_match(self, expr):
        return "e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", ["{title} : (" + expr + ")"]

    def contains(self, column):
        return f"instr({column}, %s) > 0"

    def _fts_driven(self, where: str) -> str:
        return where.replace("e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
                             "search_fts MATCH %s", 1)

    def total(self, expr, phrases) -> int:
        if phrases:
            return super().total(expr, phrases)
        with connection.cursor() as cur:  # counted inside FTS5 alone: no row lookups
            cur.execute("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s", [expr])
            return cur.fetchone()[0]

    def facet_source(self, expr, phrases, sample):
        if not sample:
            return super().facet_source(expr, phrases, sample)
        where, params = self.where(expr, {}, phrases)
        cols = ", ".join(f"e.{c}" for c in FACET_COLUMNS)
        return (f"SELECT {cols} FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid "
                f"WHERE {self._fts_driven(where)} ORDER BY search_fts.rowid DESC LIMIT %s", params + [sample])

    def candidates(self, expr, title_expr, filters, phrases) -> list[int]:
        # Driven by FTS5 in descending rowid order, so each stops after `candidates_n` rows.
        where, params = self.where(expr, filters, phrases)
        base = ("SELECT search_fts.rowid FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid "
                f"WHERE {self._fts_driven(where)} ORDER BY search_fts.rowid DESC LIMIT %s")
        title = "{title} : (" + title_expr + ")"
        extra = self.filter_expression(filters)
        if extra:
            title = f"({title}) AND {extra}"
        ids = []
        with connection.cursor() as cur:
            for match in (title, expr):
                cur.execute(base, [match] + params[1:] + [self.candidates_n])
                ids.extend(row[0] for row in cur.fetchall())
        return list(dict.fromkeys(ids))

    def ranked(self, expr, filters, phrases, limit, candidate_ids=None):
        where, params = self.where(expr, filters, phrases)
        where = self._fts_driven(where)
        if candidate_ids is not None:
            if not candidate_ids:
                return []
            # Unary + keeps SQLite from running the full-text query once per candidate rowid.
            where += f" AND +search_fts.rowid IN ({', '.join(['%s'] * len(candidate_ids))})"
            params = params + list(candidate_ids)
        sql = (f"SELECT search_fts.rowid, bm25(search_fts, {TITLE_WEIGHT}, 1.0) AS r FROM search_fts "
               f"JOIN search_entry e ON e.id = search_fts.rowid WHERE {where} "
               f"ORDER BY r, e.publish_date DESC, e.id DESC LIMIT %s")
        with connection.cursor() as cur:
            cur.execute(sql, params + [limit])
            return [(row[0], -float(row[1])) for row in cur.fetchall()]

    def passages_ranked(self, expr, limit):
        sql = ("SELECT rowid, bm25(search_passage_fts) AS r FROM search_passage_fts "
               "WHERE search_passage_fts MATCH %s ORDER BY r LIMIT %s")
        with connection.cursor() as cur:
            cur.execute(sql, [expr, limit])
            return [(row[0], -float(row[1])) for row in cur.fetchall()]

    def entries_insert(self, cur, rows):
        cols = ", ".join(ENTRY_COLUMNS)
        marks = ", ".join(["%s"] * len(ENTRY_COLUMNS))
        cur.executemany(f"INSERT INTO search_entry ({cols}) VALUES ({marks})",
                        [r.entry_values() for r in rows])
        cur.executemany("INSERT INTO search_text (id, entry_id, content) VALUES (%s, %s, %s)",
                        [(r.id, r.id, r.content) for r in rows])
        cur.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                        [(r.id, r.title_tokens, r.body_tokens) for r in rows])

    def bulk_end(self):
        with connection.cursor() as cur:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cur.execute("INSERT INTO search_passage_fts(search_passage_fts) VALUES ('optimize')")

    def passages_insert(self, cur, rows):
        cur.executemany("INSERT INTO search_passage (id, entry_id, ordinal, article_no, heading, text) "
                        "VALUES (%s, %s, %s, %s, %s, %s)", [p[:6] for p in rows])
        cur.executemany("INSERT INTO search_passage_fts (rowid, body) VALUES (%s, %s)",
                        [(p[0], p[6]) for p in rows])

    def index_size(self):
        with connection.cursor() as cur:
            try:
                cur.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%%'")
                return int(cur.fetchone()[0] or 0)
            except Exception:
                return 0


class PostgresEngine(Engine):
    vendor = "postgresql"
    AND, OR, NOT = "&", "|", "!"
    # ts_rank_cd reads each candidate's whole tsvector (TOASTed): keep the ranked set small.
    rank_all = 300
    candidates_n = 150
    WEIGHTS = "{0.1, 0.1, 0.125, 1.0}"  # D, C, B (body), A (title): title counts 8×

    def quote(self, token):
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def exclude(self, expr, excluded):
        return f"({expr}) & !({excluded})"

    def match(self, expr):
        return "e.tsv @@ %s::tsquery", [expr]

    def title_match(self, expr):
        return "e.title_tsv @@ %s::tsquery", [expr]

    def contains(self, column):
        return f"strpos({column}, %s) > 0"

    def ranked(self, expr, filters, phrases, limit, candidate_ids=None):
        where, params = self.where(expr, filters, phrases)
        if candidate_ids is not None:
            if not candidate_ids:
                return []
            where += " AND e.id = ANY(%s)"
            params = params + [list(candidate_ids)]
        sql = (f"SELECT e.id, ts_rank_cd('{self.WEIGHTS}', e.tsv, %s::tsquery, 1) AS r "
               f"FROM search_entry e WHERE {where} ORDER BY r DESC, e.publish_date DESC NULLS LAST, e.id DESC "
               f"LIMIT %s")
        with connection.cursor() as cur:
            cur.execute(sql, [expr] + params + [limit])
            return [(row[0], float(row[1])) for row in cur.fetchall()]

    def passages_ranked(self, expr, limit):
        sql = ("SELECT p.id, ts_rank_cd(p.tsv, %s::tsquery, 1) AS r FROM search_passage p "
               "WHERE p.tsv @@ %s::tsquery ORDER BY r DESC LIMIT %s")
        with connection.cursor() as cur:
            cur.execute(sql, [expr, expr, limit])
            return [(row[0], float(row[1])) for row in cur.fetchall()]

    def entries_insert(self, cur, rows):
        # One statement per batch: arrays unnested server-side, tsvectors built by the server.
        cur.execute(
            "INSERT INTO search_entry (id, document_id, agency_id, subject_top_id, year, genre, category, validity, "
            "publish_date, doc_no_key, index_no, indexed_at, tsv, title_tsv) "
            "SELECT id, id, agency_id, subject_top_id, year, genre, category, validity, publish_date, doc_no_key, "
            "index_no, now(), setweight(to_tsvector('simple', title_tokens), 'A') || "
            "setweight(to_tsvector('simple', body_tokens), 'B'), to_tsvector('simple', title_tokens) "
            "FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::int[], %s::text[], %s::text[], %s::text[], "
            "%s::date[], %s::text[], %s::text[], %s::text[], %s::text[]) AS v(id, agency_id, subject_top_id, year, "
            "genre, category, validity, publish_date, doc_no_key, index_no, title_tokens, body_tokens)",
            [[r.id for r in rows], [r.agency_id for r in rows], [r.subject_top_id for r in rows],
             [r.year for r in rows], [r.genre for r in rows], [r.category for r in rows],
             [r.validity for r in rows], [r.publish_date for r in rows], [r.doc_no_key for r in rows],
             [r.index_no for r in rows], [r.title_tokens for r in rows], [r.body_tokens for r in rows]])
        cur.execute("INSERT INTO search_text (id, entry_id, content) SELECT id, id, content "
                    "FROM unnest(%s::bigint[], %s::text[]) AS v(id, content)",
                    [[r.id for r in rows], [r.content for r in rows]])

    def passages_insert(self, cur, rows):
        cols = list(zip(*rows))
        cur.execute("INSERT INTO search_passage (id, entry_id, ordinal, article_no, heading, text, tsv) "
                    "SELECT id, entry_id, ordinal, article_no, heading, text, to_tsvector('simple', tokens) "
                    "FROM unnest(%s::bigint[], %s::bigint[], %s::int[], %s::text[], %s::text[], %s::text[], "
                    "%s::text[]) AS v(id, entry_id, ordinal, article_no, heading, text, tokens)",
                    [list(c) for c in cols])

    @contextlib.contextmanager
    def session(self):
        # A very common term makes the planner expect most rows and pick a sequential scan that
        # decompresses every tsvector (and JIT-compiles it): keep searches on the GIN index.
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SET LOCAL enable_seqscan = off")
                cur.execute("SET LOCAL jit = off")
            yield

    GIN_INDEXES = {
        "search_entry_tsv_gin": "CREATE INDEX search_entry_tsv_gin ON search_entry USING gin (tsv)",
        "search_entry_title_tsv_gin": "CREATE INDEX search_entry_title_tsv_gin ON search_entry USING gin (title_tsv)",
        "search_passage_tsv_gin": "CREATE INDEX search_passage_tsv_gin ON search_passage USING gin (tsv)",
    }

    def bulk_begin(self):
        """Before a full rebuild into empty tables: drop the GIN indexes (built once at the end)."""
        with connection.cursor() as cur:
            for name in self.GIN_INDEXES:
                cur.execute(f"DROP INDEX IF EXISTS {name}")

    def bulk_end(self):
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # deferred FK checks would block CREATE INDEX
            cur.execute("SET maintenance_work_mem = '256MB'")
            for name, sql in self.GIN_INDEXES.items():
                cur.execute(f"DROP INDEX IF EXISTS {name}")
                cur.execute(sql)
            cur.execute("RESET maintenance_work_mem")

    def index_size(self):
        with connection.cursor() as cur:
            cur.execute("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                        "WHERE c.relname IN ('search_entry', 'search_text', 'search_passage') ")
            return int(cur.fetchone()[0])


def engine() -> Engine:
    """The engine for the default database connection."""
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SQLiteEngine()
    raise RuntimeError(f"search: unsupported database {connection.vendor}")
