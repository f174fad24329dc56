"""Writes to the search index. The catalog's `document_changed` signal calls `index_document_sync`
inside the transaction that changed the document, so the index can never drift from the catalog.
"""
import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.models import Disclosure, Document, Status
from gongkai.core.errors import UserFacingError

from .analysis import Analyzer, analyzer, index_tokens, normalize_text, strip_punct, vocabulary_changed
from .backends import PASSAGE_ID_SPAN, engine, facet_tokens
from .models import ExtraWord, IndexChange, Passage, SearchEntry
from .passages import split_passages
from .query import doc_no_key, index_no_key


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
    content: str
    title_tokens: str
    body_tokens: str
    passages: list  # (id, entry_id, ordinal, article_no, heading, text, tokens)

    def entry_values(self):
        return (self.id, self.id, self.agency_id, self.subject_top_id, self.year, self.genre,
                self.category, self.validity, self.publish_date, self.doc_no_key, self.index_no,
                timezone.now())


def document_is_indexable(document) -> bool:
    """Only what the public may read is searchable: published and 主动公开."""
    return document.status == Status.PUBLISHED and document.disclosure == Disclosure.ACTIVE


def document_prepare(*, document, an: Analyzer | None = None, agency_name: str = "",
                     subject_top_id=None) -> PreparedEntry:
    """Normalise and segment a document into its entry, phrase text and passages."""
    an = an or analyzer()
    memo: dict[str, tuple[str, str]] = {}

    def line_tokens(line: str) -> tuple[str, str]:
        hit = memo.get(line)
        if hit is None:
            norm = normalize_text(line).lower()
            hit = memo[line] = (norm, index_tokens(norm, an))
        return hit

    title_norm, title_tokens = line_tokens(document.title)
    meta = "\n".join(x for x in (document.doc_no, document.index_no or "", agency_name,
                                 document.publisher_name, document.subject_label, document.keywords,
                                 document.summary) if x)
    lines = [line.strip() for line in (document.body_text or "").splitlines()]
    lines = [line for line in lines if line]
    body_norm, body_tokens = [], []
    for line in meta.splitlines() + lines:
        norm, tokens = line_tokens(line)
        body_norm.append(norm)
        body_tokens.append(tokens)
    passages = []
    for p in split_passages("\n".join(lines))[:PASSAGE_ID_SPAN - 1]:
        tokens = " ".join(line_tokens(part)[1] for part in p.text.split("\n"))
        pid = document.pk * PASSAGE_ID_SPAN + p.ordinal
        passages.append((pid, document.pk, p.ordinal, p.article_no, p.heading, p.text, tokens))
    if subject_top_id is None and document.subject_id:
        subject = document.subject
        subject_top_id = subject.parent_id or subject.pk
    year = document.publish_date.year if document.publish_date else None
    body_tokens.append(" ".join(facet_tokens(agency_id=document.agency_id, subject_top_id=subject_top_id,
                                             year=year, genre=document.genre, validity=document.validity)))
    return PreparedEntry(
        id=document.pk, agency_id=document.agency_id, subject_top_id=subject_top_id,
        year=year,
        genre=document.genre or "", category=document.category or "", validity=document.validity or "",
        publish_date=document.publish_date, doc_no_key=doc_no_key(document.doc_no or ""),
        index_no=index_no_key(document.index_no or ""),
        content=title_norm + "\n" + "\n".join(body_norm),
        title_tokens=title_tokens, body_tokens=" ".join(body_tokens), passages=passages)


def entries_write(*, prepared: list[PreparedEntry]):
    """Insert prepared entries (their old index rows must be gone)."""
    if not prepared:
        return
    eng = engine()
    with connection.cursor() as cur:
        eng.entries_insert(cur, prepared)
        passages = [p for entry in prepared for p in entry.passages]
        if passages:
            eng.passages_insert(cur, passages)


def _entry_delete(document_id):
    # ORM delete so Django's cascade removes text and passages (SQLite triggers drop FTS rows).
    SearchEntry.objects.filter(pk=document_id).delete()


# What indexing reads from a document (never body_html, the largest column).
PREPARE_FIELDS = ("id", "title", "doc_no", "index_no", "publisher_name", "subject_label", "keywords", "summary",
                  "body_text", "agency_id", "agency__name", "subject_id", "subject__parent_id", "genre",
                  "category", "validity", "publish_date", "status", "disclosure")


@transaction.atomic
def index_document_sync(*, document, action: str = ""):
    """Make the index agree with `document` now, in the caller's transaction."""
    document = Document.objects.select_related("agency", "subject").get(pk=document.pk)
    IndexChange.objects.create(document_id=document.pk)  # for local replicas (replica.py)
    if not document_is_indexable(document):
        _entry_delete(document.pk)
        return None
    prepared = document_prepare(document=document, agency_name=document.agency.name)
    _entry_delete(document.pk)
    entries_write(prepared=[prepared])
    return document.pk


def index_clear():
    """Remove every index row."""
    with transaction.atomic():
        Passage.objects.all().delete()
        SearchEntry.objects.all().delete()


def index_rebuild(*, batch_size: int = 200, progress=None, tell_replicas: bool = True) -> int:
    """Rebuild the whole index from the catalog, one transaction per batch. Return the count indexed.

    Replicas learn of it from the change log and rebuild too (migrations that ran before the log
    existed pass `tell_replicas=False`).
    """
    vocabulary_changed()  # pick up the current vocabulary everywhere
    an = analyzer()
    index_clear()
    qs = (Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE)
          .select_related("agency", "subject").only(*PREPARE_FIELDS).order_by("pk"))
    ids = list(qs.values_list("pk", flat=True))
    done = 0
    eng = engine()
    eng.bulk_begin()
    try:
        for start in range(0, len(ids), batch_size):
            chunk = ids[start:start + batch_size]
            docs = list(qs.filter(pk__in=chunk))
            prepared = [document_prepare(document=d, an=an, agency_name=d.agency.name) for d in docs]
            with transaction.atomic():
                SearchEntry.objects.filter(pk__in=chunk).delete()
                entries_write(prepared=prepared)
            done += len(prepared)
            if progress is not None:
                progress(len(prepared))
    finally:
        eng.bulk_end()
    if tell_replicas:
        IndexChange.objects.create(document_id=None)
    return done


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
