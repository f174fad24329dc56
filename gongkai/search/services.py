"""Writes for search. The catalog's `document_changed` signal calls `index_document_sync` inside the
transaction that changed the document: the database rows (entry, passages) and a change-log row
are written there, and the tantivy index (index.py) applies the log right after the commit.
Other apps call `index_item_changed` the same way for their registered kinds (registry.py).
"""
import logging

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.models import Disclosure, Document, Status
from gongkai.core.errors import UserFacingError

from . import registry
from .analysis import analyzer, normalize_text, strip_punct, vocabulary_changed
from .index import index_build, index_sync
from .models import ExtraWord, IndexChange, Passage, SearchEntry
from .prepare import PREPARE_FIELDS, PreparedEntry, document_is_indexable, document_prepare, public_documents

log = logging.getLogger(__name__)


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
