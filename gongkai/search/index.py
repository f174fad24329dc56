"""The one search index: a tantivy index on disk under SEARCH_INDEX_DIR (default var/search-index),
in every deployment (the embedded SQLite default and PostgreSQL).

The database is the only source of truth. Every change to what is searchable writes a row of the
change log (IndexChange) in its own transaction; this module applies the log to the local index:
- right after the commit (`transaction.on_commit`, services.py), in the process that made it;
- on the next search of any process on the host that finds the log ahead of its index (checked at
  most once per SEARCH_INDEX_CHECK_SECONDS), so several web hosts each keep their own index current
  without a daemon (`gongkai search_replica` still follows continuously if a host wants it).

One writer at a time per directory (an flock on `writer.lock`, tantivy's own lock beside it);
readers (index_read.py) reopen their searcher when the writer's state file changes. A missing, foreign or
unreadable index is rebuilt from the database (`index_build`), with a Chinese message in the log.

Commit order: change-log ids are allocated when a transaction inserts its row, not when it
commits, so a row may appear below ids already applied. The state keeps a watermark below which
everything is applied and the ids above it already applied; a hole is waited for GAP_SECONDS (a
rolled-back transaction leaves one for ever) before the watermark passes it.
"""
import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import shutil
import time
import zlib
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import registry
from .models import IndexChange
from .tokens import extra_tokens, stream_tokens

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
STATE_FILE = "state.json"
LOCK_FILE = "writer.lock"
DATA = "tantivy"          # the tantivy files, beside the state and the lock
GAP_SECONDS = 60
PRUNE_DAYS = 7
REBUILD_AFTER = dt.timedelta(days=PRUNE_DAYS - 1)
PRUNE_EVERY = 3600.0  # seconds between prunes of the change log, per process
_last_prune = [0.0]
BATCH = 500
INT_FACETS = ("agency", "subject", "year")
STR_FACETS = ("genre", "validity")
REBUILD_MESSAGE = "检索索引缺失或已损坏（%s），正在从数据库重建，请稍候。"
BUILDING_MESSAGE = "检索索引正在从数据库重建，请稍后再试。"


class IndexUnavailable(Exception):
    """Another process is building the index this process would read (it was missing)."""


def _tantivy():
    import tantivy

    return tantivy


def index_schema():
    tv = _tantivy()
    sb = tv.SchemaBuilder()
    sb.add_text_field("owner", tokenizer_name="raw")          # document:12 (and its passages), guide:3
    sb.add_text_field("kind", tokenizer_name="raw")
    sb.add_integer_field("kind_code", fast=True)  # kind_code(kind): fast fields read back as numbers
    sb.add_integer_field("id", indexed=True, fast=True)
    for name in ("title", "body"):
        sb.add_text_field(name, tokenizer_name="whitespace", index_option="position")
        sb.add_text_field(name + "_x", tokenizer_name="whitespace", index_option="freq")
    # 问答 passages: their own fields (a document query never walks them), no positions (questions
    # have no quoted phrases).
    sb.add_text_field("pbody", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("pbody_x", tokenizer_name="whitespace", index_option="freq")
    for name in INT_FACETS:
        sb.add_integer_field(name, indexed=True, fast=True)
    for name in STR_FACETS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True)
    sb.add_integer_field("recency", fast=True)  # publish date, then id: "newest first"
    sb.add_text_field("url", stored=True, tokenizer_name="raw")    # kinds other than documents
    sb.add_bytes_field("label", stored=True)
    sb.add_bytes_field("text", stored=True)
    return sb.build()


def index_path() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def kind_code(kind: str) -> int:
    return zlib.crc32(kind.encode()) & 0x7FFFFFFF


def kind_of(code: int) -> str:
    for kind in [registry.DOCUMENT, registry.PASSAGE, *registry.providers()]:
        if kind_code(kind) == code:
            return kind
    return ""


def recency(date, pk) -> int:
    return (date.toordinal() if date else 0) * (1 << 32) + int(pk)


# --- state and lock ------------------------------------------------------------------------------

def state_read(path: Path) -> dict | None:
    try:
        state = json.loads((path / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if state.get("version") == SCHEMA_VERSION else None


def _state_write(path: Path, state: dict):
    tmp = path / (STATE_FILE + ".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, path / STATE_FILE)


@contextlib.contextmanager
def writer_lock(path: Path, *, timeout: float):
    """Hold the directory's writer lock (yield True), or yield False after `timeout` seconds."""
    path.mkdir(parents=True, exist_ok=True)
    with open(path / LOCK_FILE, "a+") as fh:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.02)
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def pending_changes(state: dict) -> bool:
    """True when the change log holds a row the index has not applied."""
    return IndexChange.objects.filter(id__gt=state["watermark"]).exclude(id__in=state["seen"]).exists()


# --- writing ------------------------------------------------------------------------------------

def document_fields(p) -> list:
    """tantivy documents of a prepared document entry (services.PreparedEntry) and its passages."""
    tv = _tantivy()
    owner = f"document:{p.id}"
    out = [tv.Document(
        owner=owner, kind=registry.DOCUMENT, kind_code=kind_code(registry.DOCUMENT), id=p.id, title=p.title_stream, title_x=p.title_extra,
        body=p.body_stream, body_x=p.body_extra, agency=p.agency_id,
        subject=p.subject_top_id or 0, year=p.year or 0, genre=p.genre, validity=p.validity,
        recency=recency(p.publish_date, p.id))]
    for pid, _entry, _ordinal, _article, _heading, _text, stream, extra in p.passages:
        out.append(tv.Document(owner=owner, kind=registry.PASSAGE, kind_code=kind_code(registry.PASSAGE), id=pid, pbody=stream,
                               pbody_x=extra, agency=0, subject=0, year=0, genre="", validity="",
                               recency=recency(p.publish_date, pid)))
    return out


def item_fields(item: registry.IndexItem, an=None):
    from .analysis import normalize_text

    tv = _tantivy()
    title = normalize_text(item.title or "").lower()
    body = title + "\n" + normalize_text(item.body or "").lower()  # the title in the body too, as for documents
    return tv.Document(
        owner=f"{item.kind}:{item.pk}", kind=item.kind, kind_code=kind_code(item.kind), id=int(item.pk), title=" ".join(stream_tokens(title)),
        title_x=" ".join(extra_tokens(title, an)), body=" ".join(stream_tokens(body)),
        body_x=" ".join(extra_tokens(body, an)), agency=0, subject=0, year=0, genre="",
        validity="", recency=recency(item.date, item.pk), url=item.url, label=(item.title or "").encode(),
        text=(item.body or "")[:4000].encode())


class Writer:
    """The one writer of an index directory (hold `writer_lock` around it)."""

    def __init__(self, path: Path, *, heap_size: int = 16_000_000):
        tv = _tantivy()
        self.path = path
        data = path / DATA
        self.state = state_read(path)
        fresh = self.state is None
        if not fresh:
            try:
                self.index = tv.Index.open(str(data))
            except Exception as exc:  # unreadable files: start again from the database
                log.warning(REBUILD_MESSAGE, exc)
                fresh = True
        if fresh:
            shutil.rmtree(data, ignore_errors=True)
            data.mkdir(parents=True)
            self.index = tv.Index(index_schema(), path=str(data))
            self.state = None
        self.writer = self.index.writer(heap_size=heap_size, num_threads=1)

    def close(self):
        self.writer.wait_merging_threads()

    def _documents(self, doc_ids):
        from .prepare import PREPARE_FIELDS, document_prepare, public_documents

        for pk in doc_ids:
            self.writer.delete_documents_by_term("owner", f"document:{int(pk)}")
        for d in public_documents().filter(pk__in=list(doc_ids)).only(*PREPARE_FIELDS).order_by("pk"):
            for doc in document_fields(document_prepare(document=d, agency_name=d.agency.name)):
                self.writer.add_document(doc)

    def _items(self, kind, pks):
        provider = registry.provider(kind)
        for pk in pks:
            self.writer.delete_documents_by_term("owner", f"{kind}:{int(pk)}")
            item = provider.item(int(pk)) if provider else None
            if item is not None:
                self.writer.add_document(item_fields(item))

    def add_prepared(self, prepared):
        for p in prepared:
            for doc in document_fields(p):
                self.writer.add_document(doc)

    def build(self, *, progress=None, prepared_batches=None) -> int:
        """Fill the index from the database: every public document and every registered kind."""
        from .analysis import analyzer, vocabulary_changed
        from .prepare import PREPARE_FIELDS, document_prepare, public_documents

        started = timezone.now()
        top = IndexChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.writer.delete_all_documents()
        count = 0
        if prepared_batches is None:
            vocabulary_changed()
            an = analyzer()
            qs = public_documents().only(*PREPARE_FIELDS).order_by("pk")
            ids = list(qs.values_list("pk", flat=True))
            prepared_batches = (
                [document_prepare(document=d, an=an, agency_name=d.agency.name)
                 for d in qs.filter(pk__in=ids[i:i + BATCH])] for i in range(0, len(ids), BATCH))
        for batch in prepared_batches:
            self.add_prepared(batch)
            count += len(batch)
            if progress is not None:
                progress(len(batch))
        for provider in registry.providers().values():
            for item in provider.items():
                self.writer.add_document(item_fields(item))
                count += 1
        self.writer.commit()
        watermark = _settled_watermark(started - dt.timedelta(seconds=GAP_SECONDS))
        seen = list(IndexChange.objects.filter(id__gt=watermark, id__lte=top).values_list("id", flat=True))
        self.state = {"version": SCHEMA_VERSION, "watermark": watermark, "seen": sorted(seen), "applied_max": top,
                      "synced_at": timezone.now().isoformat(), "items": count}
        _state_write(self.path, self.state)
        return count

    def sync(self, *, progress=None) -> dict:
        """Apply what the change log holds beyond the index; build it first when it is missing."""
        if self.state is None or timezone.now() - dt.datetime.fromisoformat(self.state["synced_at"]) > REBUILD_AFTER:
            # missing, or so far behind that the rows it lacks may have been pruned
            return {"built": self.build(progress=progress), "applied": 0}
        state = self.state
        seen = set(state["seen"])
        rows = list(IndexChange.objects.filter(id__gt=state["watermark"]).order_by("id")
                    .values_list("id", "kind", "object_id", "created_at")[:BATCH * 4])
        new = [row for row in rows if row[0] not in seen]
        if any(obj is None for _pk, _kind, obj, _at in new):
            return {"built": self.build(progress=progress), "applied": 0}
        by_kind: dict[str, set] = {}
        for _pk, kind, obj, _at in new:
            by_kind.setdefault(kind, set()).add(obj)
        if by_kind:
            with transaction.atomic():  # one consistent view of the rows
                for kind, pks in by_kind.items():
                    if kind == registry.DOCUMENT:
                        self._documents(sorted(pks))
                    else:
                        self._items(kind, sorted(pks))
            self.writer.commit()
        seen.update(row[0] for row in new)
        watermark = state["watermark"]
        cutoff = timezone.now() - dt.timedelta(seconds=GAP_SECONDS)
        created = {row[0]: row[3] for row in rows}
        for pk in sorted(seen):
            if pk == watermark + 1 or created.get(pk, cutoff) < cutoff:
                watermark = pk
            else:
                break
        state.update(watermark=watermark, seen=sorted(p for p in seen if p > watermark),
                     applied_max=max([state["applied_max"]] + list(seen)), synced_at=timezone.now().isoformat())
        _state_write(self.path, state)
        return {"built": 0, "applied": sum(len(v) for v in by_kind.values())}


def _settled_watermark(before) -> int:
    return IndexChange.objects.filter(created_at__lt=before).order_by("-id").values_list("id", flat=True).first() or 0


def index_sync(*, timeout: float = 10.0, progress=None) -> dict | None:
    """Bring this host's index up to the change log. None when another writer held the lock."""
    path = index_path()
    state = state_read(path)
    if state is not None and not pending_changes(state):
        return {"built": 0, "applied": 0}
    with writer_lock(path, timeout=timeout) as got:
        if not got:
            return None
        writer = Writer(path)
        try:
            result = writer.sync(progress=progress)
        finally:
            writer.close()
    if time.monotonic() - _last_prune[0] > PRUNE_EVERY:
        _last_prune[0] = time.monotonic()
        index_change_prune()
    return result


def index_build(*, progress=None, prepared_batches=None, timeout: float = 600, if_missing: bool = False) -> int:
    """Rebuild this host's index from the database (waits `timeout` seconds for the writer lock).
    `if_missing`: only when it is still missing once the lock is held (another process may have built it)."""
    path = index_path()
    with writer_lock(path, timeout=timeout) as got:
        if not got:
            raise IndexUnavailable(BUILDING_MESSAGE)
        if if_missing and state_read(path) is not None and (path / DATA / "meta.json").exists():
            return 0
        writer = Writer(path, heap_size=128_000_000)
        try:
            return writer.build(progress=progress, prepared_batches=prepared_batches)
        finally:
            writer.close()


def index_change_prune(*, now=None) -> int:
    now = now or timezone.now()
    deleted, _ = IndexChange.objects.filter(created_at__lt=now - dt.timedelta(days=PRUNE_DAYS)).delete()
    return deleted


def index_status() -> dict:
    """What /healthz reports: missing, current or lagging (with the number of unapplied changes)."""
    path = index_path()
    state = state_read(path)
    if state is None:
        return {"index": "missing", "path": str(path)}
    pending = IndexChange.objects.filter(id__gt=state["watermark"]).exclude(id__in=state["seen"]).count()
    return {"index": "lagging" if pending else "current", "pending": pending, "items": state.get("items"),
            "synced_at": state["synced_at"]}


def index_size() -> int:
    path = index_path() / DATA
    return sum(f.stat().st_size for f in path.iterdir() if f.is_file()) if path.exists() else 0
