"""Import one file as a catalog document: read, extract, file under an agency, save, publish. The
background import jobs (a batch of uploaded files run by a Celery task) are in jobs.py."""
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.catalog.docno import normalize_doc_no
from gongkai.catalog.models import Document
from gongkai.catalog.services import document_create, document_transition
from gongkai.catalog.signals import document_imported, document_prepare
from gongkai.core.errors import UserFacingError

from .extract import EXTRACTED_KEYS, extract, file_stem
from .mapping import (CATCH_ALL_NAME, CATCH_ALL_SLUG, DISCLOSURE_MAP, VALIDITY_MAP,  # noqa: F401 (API)
                      agency_catch_all_ensure, agency_for_publisher, category_guess, document_fields,
                      subject_match)
from .readers import ReadError, read_document

@dataclass
class ImportResult:
    name: str
    ok: bool
    error: str = ""
    document: Document = None
    extracted: dict = field(default_factory=dict)
    duplicate: bool = False  # the file was imported before; `document` is the existing one
    published: bool = False
    warning: str = ""  # e.g. why publishing was blocked (the document is kept as a draft)


NO_BODY = _("文件中没有可导入的正文内容。")


def document_extract(*, name: str, data: bytes, allow_empty_body=False):
    """Read and extract `data` without saving anything; raise ReadError when unreadable (or when it
    has no body, unless `allow_empty_body`)."""
    extracted = extract(read_document(name=name, data=data), name=name)
    if extracted.fields["body_chars"] == 0 and not allow_empty_body:
        raise ReadError(NO_BODY)
    return extracted


def draft_title(name: str) -> str:
    """The provisional title of a file whose own title was not found: its file name."""
    return (file_stem(name) or _("未命名文件"))[:300]


def document_find_duplicate(*, agency, extracted, name=""):
    """The document this file was already imported as: same 索引号, or same agency+title+文号 (for a
    file without a title: the same file name, still waiting for its title)."""
    f = extracted.fields
    if f["index_no"]:
        existing = Document.objects.filter(index_no=f["index_no"]).first()
        if existing:
            return existing
    doc_no = normalize_doc_no(f["doc_no"] or "")
    if not f["title"]:
        return Document.objects.filter(agency=agency, title_pending=True, source_name=(name or "")[-255:],
                                       doc_no=doc_no).first()
    return Document.objects.filter(agency=agency, title=f["title"], doc_no=doc_no).first()


@dataclass
class Prepared:
    """A file read and extracted, before anything is written: made outside any transaction."""

    name: str
    extracted: object = None  # extract.Extracted
    fields: dict = field(default_factory=dict)
    error: str = ""


def import_prepare(*, name: str, data: bytes) -> Prepared:
    """Read and extract a file (bounded work: see `readers`); touches no database."""
    try:
        extracted = document_extract(name=name, data=data, allow_empty_body=True)
    except UserFacingError as exc:
        return Prepared(name=name, error=exc.message)
    fields = {k: extracted.fields.get(k) for k in EXTRACTED_KEYS}
    if not fields["title"]:  # saved as a draft titled from its file name, flagged 标题待确认
        fields["title_pending"], fields["draft_title"] = True, draft_title(name)
    # A file without a body is refused, but a dry run still shows every field it found.
    return Prepared(name=name, extracted=extracted, fields=fields,
                    error=NO_BODY if fields["body_chars"] == 0 else "")


def _prepare_publication(extracted, name) -> None:
    """Let the slow pre-publication work (the review) run now, before the write transaction."""
    document_prepare.send(sender=Document, fields=document_fields(extracted, name=name))


def document_import(*, name: str, data: bytes = None, agency=None, actor=None, publish=False,
                    dry_run=False, prepared: Prepared = None) -> ImportResult:
    """Import one .txt/.html/.docx file as a document of `agency` (matched from 发布机构 when None).

    The file is read and parsed first (or `prepared` is given), outside any transaction; the
    transaction that follows holds only the writes. Nothing is saved for a file that cannot be
    read. A file imported before is reported as a duplicate. With `publish`, the draft is submitted
    and published at once (the pre-publish review still applies; when it blocks, the document stays
    a draft and `warning` says why).
    """
    prepared = prepared or import_prepare(name=name, data=data)
    extracted, fields = prepared.extracted, prepared.fields
    if prepared.error:
        return ImportResult(name=name, ok=False, error=prepared.error, extracted=fields)
    if dry_run:
        return ImportResult(name=name, ok=True, extracted=fields)
    pending = bool(fields.get("title_pending"))
    if publish and not pending:
        _prepare_publication(extracted, name)
    try:
        with transaction.atomic():  # a refused file leaves nothing behind, not even a catch-all agency
            if agency is None:
                agency = (agency_for_publisher(publisher=fields["publisher"] or "")
                          or agency_catch_all_ensure(actor=actor))
            existing = document_find_duplicate(agency=agency, extracted=extracted, name=name)
            if existing is not None:
                return ImportResult(
                    name=name, ok=False, duplicate=True, document=existing, extracted=fields,
                    error=_("该文件已导入过（《%(title)s》，索引号 %(no)s），未重复保存。")
                    % {"title": existing.title, "no": existing.index_no or _("尚未分配")},
                )
            document = document_create(agency=agency, actor=actor,
                                       **document_fields(extracted, name=name, title=fields.get("draft_title")))
            notes = [str(w) for _r, w in document_imported.send(sender=Document, document=document, fields=fields,
                                                                  actor=actor) if w]
    except UserFacingError as exc:
        return ImportResult(name=name, ok=False, error=exc.message, extracted=fields)
    result = ImportResult(name=name, ok=True, document=document, extracted=fields)
    if pending:
        result.warning = _("未能识别标题，已保存为草稿，暂以文件名“%(title)s”作标题（标题待确认）；核对标题后才能发布。") % {
            "title": document.title}
    elif publish:
        try:
            with transaction.atomic():
                document_transition(document=document, action="submit", actor=actor)
                document = document_transition(document=document, action="publish", actor=actor)
            result.document = document
            result.published = True
        except UserFacingError as exc:
            result.document = Document.objects.get(pk=document.pk)
            result.warning = _("未能发布，已保存为草稿：%(reason)s") % {"reason": exc.message}
    if notes:
        result.warning = "；".join([w for w in (result.warning, *notes) if w])
    return result
