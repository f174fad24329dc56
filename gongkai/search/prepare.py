"""What the index and the database rows hold for one document, computed outside any transaction: the
public documents, what is read from each, and its entry, token streams and passages. Shared by the
writes (services.py) and the index writer (index.py); imports neither."""
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gongkai.catalog.models import Disclosure, Document, Status

from .analysis import Analyzer, analyzer, normalize_text
from .models import SearchEntry
from .passages import split_passages
from .query import doc_no_key, index_no_key
from .tokens import LINE_BREAK, extra_tokens, stream_tokens

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


# What indexing reads from a document (never body_html, the largest column).
PREPARE_FIELDS = ("id", "title", "doc_no", "index_no", "publisher_name", "subject_label", "keywords", "summary",
                  "body_text", "agency_id", "agency__name", "subject_id", "subject__parent_id", "genre",
                  "category", "validity", "publish_date", "status", "disclosure")
