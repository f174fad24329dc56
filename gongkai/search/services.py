"""Writes for search. The catalog's `document_changed` signal calls `index_document_sync` inside the
transaction that changed the document: the database rows (entry, passages) and a change-log row
are written there, and the tantivy index (index.py) applies the log right after the commit.
Other apps call `index_item_changed` the same way for their registered kinds (registry.py).
"""
import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.models import Disclosure, Document, Status
from gongkai.core.errors import UserFacingError

from . import registry
from .analysis import Analyzer, analyzer, normalize_text, strip_punct, vocabulary_changed
from .index import index_build, index_sync
from .models import ExtraWord, IndexChange, Passage, SearchEntry
from .passages import split_passages
from .query import doc_no_key, index_no_key
from .tokens import LINE_BREAK, extra_tokens, stream_tokens

log = logging.getLogger(__name__)
PASSAGE_ID_SPAN = 4096  # Passage.id = entry id * PASSAGE_ID_SPAN + ordinal


@dataclass
class PreparedEntry:
    """Everything written for one document, computed outside the database."""

    id: int
    agency_id: int
    subject_top_id: int | None
    year: int | None
    genre: str
    category: str
    validity: str
    publish_date: dt.date | None
    doc_no_key: str
    index_no: str
    title_stream: str  # tokens.py: the positional stream, space-separated
    title_extra: str   # single characters and words
    body_stream: str
    body_extra: str
    passages: list  # (id, entry_id, ordinal, article_no, heading, text, stream, extra)

    def entry(self) -> SearchEntry:
        return SearchEntry(id=self.id, document_id=self.id, agency_id=self.agency_id,
                           subject_top_id=self.subject_top_id, year=self.year, genre=self.genre,
                           category=self.category, validity=self.validity, publish_date=self.publish_date,
                           doc_no_key=self.doc_no_key, index_no=self.index_no, indexed_at=timezone.now())


def document_is_indexable(document) -> bool:
    """Only what the public may read is searchable: published and 主动公开."""
    return document.status == Status.PUBLISHED and document.disclosure == Disclosure.ACTIVE


def public_documents():
    return (Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE)
            .select_related("agency", "subject"))


def document_prepare(*, document, an: Analyzer | None = None, agency_name: str = "",
                     subject_top_id=None) -> PreparedEntry:
    """Normalise and segment a document into its entry, index tokens and passages."""
    an = an or analyzer()
    memo: dict[str, tuple[str, str]] = {}

    def line_tokens(line: str) -> tuple[str, str]:
        hit = memo.get(line)
        if hit is None:
            norm = normalize_text(line).lower()
            hit = memo[line] = (" ".join(stream_tokens(norm)), " ".join(extra_tokens(norm, an)))
        return hit

    def joined(parts: list[str]) -> tuple[str, str]:
        pairs = [line_tokens(part) for part in parts]
        return f" {LINE_BREAK} ".join(p[0] for p in pairs), " ".join(p[1] for p in pairs if p[1])

    title_stream, title_extra = line_tokens(document.title)
    meta = "\n".join(x for x in (document.doc_no, document.index_no or "", agency_name,
                                 document.publisher_name, document.subject_label, document.keywords,
                                 document.summary) if x)
    lines = [line.strip() for line in (document.body_text or "").splitlines()]
    lines = [line for line in lines if line]
    # The body stream starts with the title line too: counting and facets then need one field only
    # (engine.count_query); the title fields add its weight when ranking.
    body_stream, body_extra = joined([document.title] + meta.splitlines() + lines)
    passages = []
    for p in split_passages("\n".join(lines))[:PASSAGE_ID_SPAN - 1]:
        stream, extra = joined(p.text.split("\n"))
        pid = document.pk * PASSAGE_ID_SPAN + p.ordinal
        passages.append((pid, document.pk, p.ordinal, p.article_no, p.heading, p.text, stream, extra))
    if subject_top_id is None and document.subject_id:
        subject = document.subject
        subject_top_id = subject.parent_id or subject.pk
    return PreparedEntry(
        id=document.pk, agency_id=document.agency_id, subject_top_id=subject_top_id,
        year=document.publish_date.year if document.publish_date else None,
        genre=document.genre or "", category=document.category or "", validity=document.validity or "",
        publish_date=document.publish_date, doc_no_key=doc_no_key(document.doc_no or ""),
        index_no=index_no_key(document.index_no or ""), title_stream=title_stream, title_extra=title_extra,
        body_stream=body_stream, body_extra=body_extra, passages=passages)


ENTRY_COLUMNS = ("id", "document_id", "agency_id", "subject_top_id", "year", "genre", "category", "validity",
                 "publish_date", "doc_no_key", "index_no", "indexed_at")


def entries_write(*, prepared: list[PreparedEntry]):
    """Insert the database rows of prepared entries (their old rows must be gone). Plain INSERTs:
    a rebuild writes about eight passages per document, and model instances cost more than the SQL."""
    if not prepared:
        return
    now = timezone.now()
    marks = ", ".join(["%s"] * len(ENTRY_COLUMNS))
    with connection.cursor() as cur:
        cur.executemany(f"INSERT INTO search_entry ({', '.join(ENTRY_COLUMNS)}) VALUES ({marks})",
                        [(p.id, p.id, p.agency_id, p.subject_top_id, p.year, p.genre, p.category, p.validity,
                          p.publish_date, p.doc_no_key, p.index_no, now) for p in prepared])
        rows = [(pid, entry, ordinal, article[:24], heading[:200], text)
                for p in prepared for pid, entry, ordinal, article, heading, text, _s, _e in p.passages]
        if rows:
            cur.executemany("INSERT INTO search_passage (id, entry_id, ordinal, article_no, heading, text) "
                            "VALUES (%s, %s, %s, %s, %s, %s)", rows)


# What indexing reads from a document (never body_html, the largest column).
PREPARE_FIELDS = ("id", "title", "doc_no", "index_no", "publisher_name", "subject_label", "keywords", "summary",
                  "body_text", "agency_id", "agency__name", "subject_id", "subject__parent_id", "genre",
                  "category", "validity", "publish_date", "status", "disclosure")


def _apply_after_commit():
    """Apply the change log to this host's index once the transaction is committed."""
    try:
        index_sync(timeout=settings.SEARCH_WRITE_TIMEOUT)
    except Exception:  # the next search catches up from the change log
        log.exception("search index: applying changes after commit failed")


def index_change_log(*, kind: str, object_id):
    """Record a change in the caller's transaction and apply it to the index after the commit."""
    IndexChange.objects.create(kind=kind, object_id=object_id)
    transaction.on_commit(_apply_after_commit)


@transaction.atomic
def index_document_sync(*, document, action: str = ""):
    """Make the database rows agree with `document` now and log the change for the index."""
    document = Document.objects.select_related("agency", "subject").get(pk=document.pk)
    index_change_log(kind=registry.DOCUMENT, object_id=document.pk)
    SearchEntry.objects.filter(pk=document.pk).delete()  # cascades to the passages
    if not document_is_indexable(document):
        return None
    entries_write(prepared=[document_prepare(document=document, agency_name=document.agency.name)])
    return document.pk


def index_item_changed(*, kind: str, pk: int):
    """An app's item of a registered `kind` may have changed, become public or stopped being public."""
    if registry.provider(kind) is None:
        raise ValueError(f"search: kind {kind!r} is not registered")
    index_change_log(kind=kind, object_id=int(pk))


def index_clear():
    """Remove every database index row."""
    with transaction.atomic():
        Passage.objects.all().delete()
        SearchEntry.objects.all().delete()


def index_rebuild(*, batch_size: int = 500, progress=None) -> int:
    """Rebuild the database rows and this host's tantivy index from the catalog and the registered
    kinds, in one pass. Return the number of documents indexed. Other hosts rebuild from the log."""
    vocabulary_changed()
    an = analyzer()
    index_clear()
    qs = public_documents().only(*PREPARE_FIELDS).order_by("pk")
    ids = list(qs.values_list("pk", flat=True))
    done = [0]

    def batches():
        for start in range(0, len(ids), batch_size):
            chunk = ids[start:start + batch_size]
            prepared = [document_prepare(document=d, an=an, agency_name=d.agency.name)
                        for d in qs.filter(pk__in=chunk)]
            with transaction.atomic():
                entries_write(prepared=prepared)
            done[0] += len(prepared)
            yield prepared

    # Other hosts rebuild when they meet this row; this host's build counts it as applied.
    IndexChange.objects.create(kind=registry.DOCUMENT, object_id=None)
    index_build(progress=progress, prepared_batches=batches())
    return done[0]


def index_is_complete() -> bool:
    """True when every public document has an entry and no entry is stale."""
    public = Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE).count()
    return public == SearchEntry.objects.count() and not SearchEntry.objects.exclude(
        document__status=Status.PUBLISHED, document__disclosure=Disclosure.ACTIVE).exists()


@transaction.atomic
def extra_word_add(*, word: str, note: str = "") -> ExtraWord:
    """Add a word to the segmenter vocabulary (takes effect for new indexing; reindex for old)."""
    word = (word or "").strip()
    key = strip_punct(normalize_text(word))
    if not key or len(word) > 40:
        raise UserFacingError(_("扩展词须为1至40个字，且至少包含一个汉字、字母或数字。"))
    obj, _created = ExtraWord.objects.get_or_create(word=word, defaults={"note": note})
    transaction.on_commit(vocabulary_changed)
    return obj
