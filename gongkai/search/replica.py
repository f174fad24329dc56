"""A local tantivy copy of the search index, for web hosts that serve many searches.

The database index (backends.py) stays the source of truth: it is written in the transaction that
changes a document, and the embedded default uses nothing else. A busy web host sets
SEARCH_REPLICA_DIR and runs `gongkai search_replica` (deploy/systemd/gongkai-search-replica.service),
which follows the change log (IndexChange, one row per index write) and keeps a tantivy index in
that directory, built from the same tokens (`document_prepare`). `search_documents` answers
word queries from the replica while it is current (no change older than SEARCH_REPLICA_MAX_LAG
seconds is unapplied) and from the database otherwise; quoted phrases always go to the database,
which holds the text they are checked against.

Why: at 100,000 documents the database spends ~13 ms of CPU on a search page (the count, five facet
counts and the ranking each walk the matches); tantivy keeps facet values in columns and answers
the same in about a millisecond (docs/PERFORMANCE.md, "search").

Commit order: ids of the change log are allocated when a transaction inserts its row, not when it
commits, so a row may appear below ids already applied. The follower keeps a watermark below which
everything is applied and the ids above it it has applied; a hole in the ids is waited for
GAP_SECONDS (a rolled-back transaction leaves one for ever) before the watermark passes it.
"""
import datetime as dt
import json
import logging
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from .analysis import analyzer, vocabulary_changed
from .backends import FACETS
from .models import IndexChange
from .query import ParsedQuery, Term

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
STATE_FILE = "replica-state.json"
GAP_SECONDS = 60          # how long a hole in the change ids is waited for
PRUNE_DAYS = 7            # change-log rows older than this are deleted
REBUILD_AFTER = dt.timedelta(days=PRUNE_DAYS - 1)  # a replica this far behind rebuilds (rows pruned)
TITLE_BOOST = 8.0         # as the database engines weight the title
BATCH = 500
CHECK_SECONDS = 1.0       # how long a web process trusts its last freshness check
INT_FIELDS = {"agency": "agency_id", "subject": "subject_top_id", "year": "year"}
STR_FIELDS = {"genre": "genre", "validity": "validity"}


def _tantivy():
    import tantivy

    return tantivy


def replica_schema():
    """The replica's fields: tokens of title and body, facet values and the recency order as columns."""
    tv = _tantivy()
    sb = tv.SchemaBuilder()
    sb.add_text_field("title", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("body", tokenizer_name="whitespace", index_option="freq")
    sb.add_integer_field("id", indexed=True, fast=True)
    for name in INT_FIELDS:
        sb.add_integer_field(name, indexed=True, fast=True)
    for name in STR_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True)
    sb.add_integer_field("recency", fast=True)  # publish date, then id: the "newest first" order
    return sb.build()


def recency(publish_date, pk) -> int:
    return (publish_date.toordinal() if publish_date else 0) * (1 << 32) + int(pk)


# --- state ---------------------------------------------------------------------------------------

def state_read(path: Path) -> dict | None:
    try:
        state = json.loads((path / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if state.get("version") == SCHEMA_VERSION else None


def state_lags(state: dict, *, max_lag: float) -> bool:
    """True when the change log holds a change older than `max_lag` seconds that the replica lacks."""
    cutoff = timezone.now() - dt.timedelta(seconds=max_lag)
    return IndexChange.objects.filter(id__gt=state["applied_max"], created_at__lt=cutoff).exists()


def _state_write(path: Path, state: dict):
    tmp = path / (STATE_FILE + ".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, path / STATE_FILE)


# --- reading (web processes) ---------------------------------------------------------------------

class Replica:
    """A read-only view of the replica in SEARCH_REPLICA_DIR, reloaded when the follower commits."""

    def __init__(self, path: Path):
        self.path = path
        self.schema = replica_schema()
        self.index = _tantivy().Index.open(str(path))
        self.state_mtime = None
        self.state = None
        self.lock = threading.Lock()
        self.checked = None  # (applied_max, monotonic time, answer) of the last freshness check

    def refresh(self) -> dict | None:
        """Reload after a commit of the follower (its state file changes last)."""
        try:
            mtime = os.stat(self.path / STATE_FILE).st_mtime_ns
        except OSError:
            return None
        if mtime != self.state_mtime:
            with self.lock:
                if mtime != self.state_mtime:
                    self.index.reload()
                    self.state = state_read(self.path)
                    self.state_mtime = mtime
        return self.state

    def is_current(self, *, max_lag: float) -> bool:
        """True when every change older than `max_lag` seconds is in the replica.

        The answer is kept for CHECK_SECONDS per process (one query a second, not one per search):
        the result page only shows documents that are public in the database, so a replica found
        current a second ago can at worst count a just-withdrawn document.
        """
        state = self.refresh()
        if not state:
            return False
        now = time.monotonic()
        checked = self.checked
        if checked and checked[0] == state["applied_max"] and now - checked[1] < CHECK_SECONDS:
            return checked[2]
        current = not state_lags(state, max_lag=max_lag)
        self.checked = (state["applied_max"], now, current)
        return current

    # --- queries -----------------------------------------------------------------------------
    def _token(self, token: str):
        tv = _tantivy()
        return tv.Query.boolean_query([
            (tv.Occur.Should, tv.Query.boost_query(tv.Query.term_query(self.schema, "title", token), TITLE_BOOST)),
            (tv.Occur.Should, tv.Query.term_query(self.schema, "body", token))])

    def _term(self, term: Term):
        tv = _tantivy()
        required = [self._token(t) for t in term.tokens]
        req = tv.Query.boolean_query([(tv.Occur.Must, q) for q in required]) if required else None
        if term.alt and term.alt not in term.tokens:
            alt = self._token(term.alt)
            return tv.Query.boolean_query([(tv.Occur.Should, req), (tv.Occur.Should, alt)]) if req else alt
        return req

    def query(self, parsed: ParsedQuery, filters: dict):
        """The tantivy query for the same matches as `Engine.expression` (phrases excepted)."""
        tv = _tantivy()
        clauses = [(tv.Occur.Must, self._term(t)) for t in parsed.terms if t.usable]
        for word in parsed.boost:
            clauses.append((tv.Occur.Should, self._token(word)))
        for term in parsed.excludes:
            if term.usable:
                clauses.append((tv.Occur.MustNot, self._term(term)))
        for key, value in filters.items():
            if key in INT_FIELDS:
                clauses.append((tv.Occur.Must, tv.Query.term_query(self.schema, key, int(value))))
            elif key in STR_FIELDS:
                clauses.append((tv.Occur.Must, tv.Query.term_query(self.schema, key, str(value))))
        return tv.Query.boolean_query(clauses)

    def search(self, *, parsed: ParsedQuery, filters: dict, sort: str, need: int, pinned: list[int]):
        """(total, facet counts, [(id, score)] best first, the pinned ids that match)."""
        tv = _tantivy()
        query = self.query(parsed, filters)
        searcher = self.index.searcher()
        if sort == "date":
            result = searcher.search(query, need, count=True, order_by_field="recency", order=tv.Order.Desc)
            ids = searcher.fast_field_values("id", [addr for _v, addr in result.hits])
            scored = [(pk, 0.0) for pk in ids]
        else:
            result = searcher.search(query, need, count=True)
            ids = searcher.fast_field_values("id", [addr for _s, addr in result.hits])
            scored = [(pk, float(score)) for pk, (score, _a) in zip(ids, result.hits)]
        counts = {name: {} for name in FACETS}
        if result.count:  # nothing matched: no second pass for the facets
            aggs = {name: {"terms": {"field": name, "size": 10000}} for name in FACETS}
            for name, agg in searcher.aggregate(query, aggs).items():
                for bucket in agg["buckets"]:
                    key = bucket["key"]
                    if key in ("", 0, None):
                        continue
                    counts[name][int(key) if name in INT_FIELDS else key] = bucket["doc_count"]
        in_matches = set()
        if pinned:
            both = tv.Query.boolean_query([(tv.Occur.Must, query),
                                           (tv.Occur.Must, tv.Query.term_set_query(self.schema, "id", pinned))])
            found = searcher.search(both, len(pinned), count=False)
            in_matches = set(searcher.fast_field_values("id", [addr for _s, addr in found.hits]))
        return result.count, counts, [(int(pk), s) for pk, s in scored], in_matches


_OPEN: dict = {}
_OPEN_LOCK = threading.Lock()


def replica_for_search() -> Replica | None:
    """The replica this process may answer searches from now, or None (use the database)."""
    path = getattr(settings, "SEARCH_REPLICA_DIR", "")
    if not path:
        return None
    path = Path(path)
    replica = _OPEN.get(path)
    if replica is None:
        if state_read(path) is None:
            return None
        with _OPEN_LOCK:
            replica = _OPEN.get(path)
            if replica is None:
                try:
                    replica = Replica(path)
                except Exception:  # a damaged or foreign directory: the database answers
                    log.exception("search replica at %s cannot be opened", path)
                    return None
                _OPEN[path] = replica
    if not replica.is_current(max_lag=settings.SEARCH_REPLICA_MAX_LAG):
        return None
    return replica


def replica_forget():
    """Drop the open replicas of this process (tests; after a directory is replaced)."""
    with _OPEN_LOCK:
        _OPEN.clear()


# --- writing (the follower) ----------------------------------------------------------------------

class Follower:
    """The one writer of a replica directory: builds it, then applies the change log."""

    def __init__(self, path: Path | str, *, heap_size: int = 64_000_000):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        tv = _tantivy()
        self.schema = replica_schema()
        state = state_read(self.path)
        if state is None or not tv.Index.exists(str(self.path)):
            files = [c for c in self.path.iterdir() if c.is_file()]
            if files and not (self.path / "meta.json").exists():
                raise RuntimeError(f"{self.path} holds files that are not a search replica; give an empty directory")
            for child in files:
                child.unlink()
            self.index = tv.Index(self.schema, path=str(self.path))
            state = None
        else:
            self.index = tv.Index.open(str(self.path))
        self.writer = self.index.writer(heap_size=heap_size, num_threads=1)
        self.state = state

    def close(self):
        self.writer.wait_merging_threads()

    # --- documents -----------------------------------------------------------------------------
    def _add(self, docs):
        from .services import document_prepare

        tv = _tantivy()
        an = analyzer()
        for d in docs:
            p = document_prepare(document=d, an=an, agency_name=d.agency.name)
            self.writer.add_document(tv.Document(
                id=p.id, title=p.title_tokens, body=p.body_tokens, agency=p.agency_id,
                subject=p.subject_top_id or 0, year=p.year or 0, genre=p.genre, validity=p.validity,
                recency=recency(p.publish_date, p.id)))

    @staticmethod
    def _public():
        from gongkai.catalog.models import Disclosure, Document, Status

        from .services import PREPARE_FIELDS

        return (Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE)
                .select_related("agency", "subject").only(*PREPARE_FIELDS))

    def _apply(self, doc_ids):
        for pk in doc_ids:
            self.writer.delete_documents_by_term("id", int(pk))
        docs = list(self._public().filter(pk__in=list(doc_ids)).order_by("pk"))
        self._add(docs)

    # --- watermark -------------------------------------------------------------------------------
    @staticmethod
    def _settled_watermark(before) -> int:
        """The largest change id below which no row can still appear: older than GAP_SECONDS."""
        row = (IndexChange.objects.filter(created_at__lt=before).order_by("-id").values_list("id", flat=True)
               .first())
        return row or 0

    def build(self, *, progress=None) -> int:
        """Fill the replica from the catalog (the whole index). Return the number of documents."""
        vocabulary_changed()
        started = timezone.now()
        top = IndexChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.writer.delete_all_documents()
        qs = self._public().order_by("pk")
        ids = list(qs.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            self._add(list(qs.filter(pk__in=chunk)))
            if progress is not None:
                progress(len(chunk))
        self.writer.commit()
        watermark = self._settled_watermark(started - dt.timedelta(seconds=GAP_SECONDS))
        seen = list(IndexChange.objects.filter(id__gt=watermark, id__lte=top).values_list("id", flat=True))
        self.state = {"version": SCHEMA_VERSION, "watermark": watermark, "seen": sorted(seen),
                      "applied_max": top, "synced_at": timezone.now().isoformat(), "documents": len(ids)}
        _state_write(self.path, self.state)
        return len(ids)

    def sync(self, *, progress=None) -> dict:
        """Apply what the change log holds beyond the replica; build it first when it is missing.

        Idempotent: a change applied twice writes the same document again.
        """
        if self.state is None or timezone.now() - dt.datetime.fromisoformat(self.state["synced_at"]) > REBUILD_AFTER:
            return {"built": self.build(progress=progress), "applied": 0}
        state = self.state
        seen = set(state["seen"])
        rows = list(IndexChange.objects.filter(id__gt=state["watermark"]).order_by("id")
                    .values_list("id", "document_id", "created_at")[:BATCH * 4])
        new = [(pk, doc, at) for pk, doc, at in rows if pk not in seen]
        if any(doc is None for _pk, doc, _at in new):
            return {"built": self.build(progress=progress), "applied": 0}
        docs = {doc for _pk, doc, _at in new}
        if docs:
            with transaction.atomic():  # one consistent view of the documents
                self._apply(sorted(docs))
            self.writer.commit()
        seen.update(pk for pk, _d, _a in new)
        watermark = state["watermark"]
        cutoff = timezone.now() - dt.timedelta(seconds=GAP_SECONDS)
        created = {pk: at for pk, _d, at in rows}
        for pk in sorted(seen):
            if pk == watermark + 1 or created.get(pk, cutoff) < cutoff:
                watermark = pk  # contiguous, or the hole before it is older than GAP_SECONDS
            else:
                break
        state.update(watermark=watermark, seen=sorted(p for p in seen if p > watermark),
                     applied_max=max([state["applied_max"]] + list(seen)),
                     synced_at=timezone.now().isoformat())
        _state_write(self.path, state)
        return {"built": 0, "applied": len(docs)}


def index_change_prune(*, now=None) -> int:
    """Delete change-log rows older than PRUNE_DAYS (replicas that far behind rebuild)."""
    now = now or timezone.now()
    deleted, _ = IndexChange.objects.filter(created_at__lt=now - dt.timedelta(days=PRUNE_DAYS)).delete()
    return deleted


def replica_follow(*, path, interval: float = 1.0, stop=None, progress=None):
    """Keep the replica at `path` current until `stop()` is true (the follower process)."""
    follower = Follower(path)
    last_prune = 0.0
    try:
        while not (stop and stop()):
            try:
                follower.sync(progress=progress)
                if time.monotonic() - last_prune > 3600:
                    index_change_prune()
                    last_prune = time.monotonic()
            except Exception:  # the database restarting, say: try again at the next tick
                log.exception("search replica sync failed")
                close_old_connections()
            time.sleep(interval)
    finally:
        follower.close()


def replica_status() -> dict:
    """What /healthz reports about this host's replica: off, missing, current or lagging (with how many
    changes it has not applied). A lagging or missing replica is not a failure: the database answers."""
    path = getattr(settings, "SEARCH_REPLICA_DIR", "")
    if not path:
        return {"replica": "off"}
    state = state_read(Path(path))
    if state is None:
        return {"replica": "missing"}
    pending = IndexChange.objects.filter(id__gt=state["applied_max"]).count()
    lagging = state_lags(state, max_lag=settings.SEARCH_REPLICA_MAX_LAG)
    return {"replica": "lagging" if lagging else "current", "pending": pending,
            "documents": state.get("documents"), "synced_at": state["synced_at"]}
