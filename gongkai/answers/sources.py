"""The authoritative sources of the 问答 as catalog documents: a statute's text (the 条例, the fee
rules) and the 政府信息公开指南 and 制度 pages. Each is published through the catalog (review
included) so search finds it, and recorded as an `AnswerSource` so the 问答 ranks it first.
"""
import datetime as dt
import re
from pathlib import Path

from django.db import transaction
from django.utils.html import escape, strip_tags

from gongkai.catalog.models import Category, Document, Status, Validity
from gongkai.catalog.services import document_create, document_transition, document_update
from gongkai.core.html import sanitize_html
from gongkai.core.text import to_simplified

from .models import AnswerSource, SourceKind

# A statute is published as the state published it: the review's warnings on it (e.g. “申请人” at a
# line start read as a person's name) are answered with this reason, recorded with the review.
OFFICIAL_TEXT = "法律法规正式文本，按原文公开"
STOP_MARK = re.compile(r"\[…[^\]]*\]")


def statute_text(path: Path) -> str:
    """The text of an annotated source file: line 1 (where it came from) and `# ` annotation lines
    dropped; a part whose `# =====` marker calls it secondary (not the official text) is skipped;
    `[…]` notes of where a stored text ends are removed; traditional characters become simplified."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()[1:]
    out, skipping = [], False
    for line in lines:
        if line.startswith("# ====="):
            skipping = "secondary" in line.lower() or "not the" in line.lower()
            continue
        if line.startswith("# ") or skipping:
            continue
        out.append(STOP_MARK.sub("", line).rstrip())
    return to_simplified("\n".join(out)).strip()


def _rows_as_text(text: str) -> str:
    """A row of a fee table ('name | unit | (一)… (二)… | basis') becomes its name and its items,
    one per line, so each tier is read as text; the rest of the row is dropped."""
    out = []
    for line in text.splitlines():
        if line.count("|") < 2:
            out.append(line)
            continue
        cells = [c.strip() for c in line.split("|")]
        out.append(cells[0])
        for cell in cells[1:]:
            items = re.split(r"\s+(?=[（(][一二三四五六七八九十]+[)）])", cell)
            if len(items) > 1 or re.match(r"[（(][一二三四五六七八九十]+[)）]", cell):
                out.extend(items)
            elif len(cell) > 20:
                out.append(cell)
    return "\n".join(out)


def _body_html(text: str) -> str:
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


@transaction.atomic
def source_document_publish(*, key: str, kind: str, agency, title: str, body_html: str, override_reason: str = "",
                            **fields) -> Document:
    """Publish `body_html` as a catalog document recorded under `key`, once: a source already
    recorded is returned as it is (a changed text is a new version the office publishes).
    `override_reason` answers the review's warnings (never its blocks) for an official text."""
    existing = AnswerSource.objects.filter(key=key).select_related("document").first()
    if existing is not None:
        return existing.document
    fields.setdefault("validity", Validity.VALID)
    fields.setdefault("category", Category.OTHER)
    document = document_create(agency=agency, actor=None, title=title, body_html=body_html, **fields)
    document_transition(document=document, action="submit", actor=None)
    document = document_transition(document=document, action="publish", actor=None,
                                   override_reason=override_reason)
    AnswerSource.objects.create(document=document, kind=kind, key=key)
    return document


def statute_import(*, path, agency, key: str, doc_no: str = "", publisher: str = "",
                   date: dt.date | None = None) -> Document | None:
    """Import the statute file at `path` (None when it is absent) as a published document whose
    articles (第X条) become the 问答's passages."""
    path = Path(path)
    if not path.is_file():
        return None
    text = _rows_as_text(statute_text(path))
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    title = lines[0].strip()
    return source_document_publish(
        key=key, kind=SourceKind.STATUTE, agency=agency, title=title, body_html=_body_html("\n".join(lines[1:])),
        doc_no=doc_no, publisher_name=publisher, written_date=date, publish_date=date,
        override_reason=OFFICIAL_TEXT)


def page_publish(*, page, agency) -> Document | None:
    """Publish a 政府信息公开指南 or 制度 page (portal.Page) as a document of its column."""
    from gongkai.portal.models import PageColumn

    kind = SourceKind.GUIDE if page.column == PageColumn.GUIDE else SourceKind.SYSTEM
    if not strip_tags(page.body_html or "").strip():
        return None
    return source_document_publish(key=f"page:{page.slug}", kind=kind, agency=page.agency or agency,
                                   title=page.title, body_html=page.body_html)


@transaction.atomic
def page_document_sync(*, page) -> Document | None:
    """After a 指南 or 制度 page is edited, publish its new text as a new revision of its document
    (withdraw, reopen, update, submit, publish: the review runs again). A page never published
    as a document is left alone; the demo (or an administrator) publishes it first."""
    source = AnswerSource.objects.filter(key=f"page:{page.slug}").select_related("document").first()
    if source is None:
        return None
    document = source.document
    if document.title == page.title and sanitize_html(page.body_html or "") == document.body_html:
        return document
    reason = "政府信息公开指南或制度页面已更新"
    if document.status == Status.PUBLISHED:
        document = document_transition(document=document, action="withdraw", actor=None, reason=reason)
    if document.status == Status.WITHDRAWN:
        document = document_transition(document=document, action="reopen", actor=None, reason=reason)
    document = document_update(document=document, actor=None, title=page.title, body_html=page.body_html)
    document = document_transition(document=document, action="submit", actor=None)
    return document_transition(document=document, action="publish", actor=None)


def published_sources():
    return (AnswerSource.objects.filter(document__status=Status.PUBLISHED)
            .select_related("document").order_by("kind", "document__title"))
