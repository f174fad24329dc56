"""Import one file as a catalog document: read, extract, file under an agency, save, publish; and
background import jobs (a batch of uploaded files run by a Celery task)."""
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.catalog.docno import normalize_doc_no
from gongkai.catalog.models import Document, ImportItem, ImportJob
from gongkai.catalog.services import document_create, document_transition
from gongkai.catalog.signals import document_imported, document_prepare, import_item_done
from gongkai.catalog.transitions import EDIT_ROLES
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError

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


# --- background import jobs -----------------------------------------------------------------------
#
# A job is a batch of uploaded files. The files are kept in the storage backend (named by their
# SHA-256) and the job is run by the Celery task `catalog.tasks.import_job_run_task`, which only
# loads the job and calls `import_job_run`. Every file is imported in its own transaction together
# with the ImportItem row that records its result: a process killed half-way leaves the files done
# so far complete and the current one untouched, and running the job again imports each remaining
# file exactly once.

logger = logging.getLogger(__name__)

# A job that is neither finished nor moving for this long may be queued again by its owner (its
# worker was lost together with its message); a job still running elsewhere is not harmed by that.
IMPORT_JOB_STALE_SECONDS = 10 * 60


@dataclass
class ImportUpload:
    """One file handed to `import_job_create`: its bytes, or the reason it was refused on arrival."""

    name: str
    data: bytes | None = None
    error: str = ""


def _import_job_status(job, status, *, error="", data=None):
    """The one place an ImportJob's status changes; writes the audit row. Call inside a transaction."""
    source = job.status
    now = timezone.now()
    job.status = status
    job.error = error
    if status == ImportJob.Status.RUNNING:
        job.attempts += 1
        job.started_at = job.started_at or now
        job.finished_at = None
    elif status in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
        job.finished_at = now
    else:
        job.finished_at = None
    job.save()
    audit_record(actor=job.actor, action=f"import.{status}", obj=job, from_state=source, to_state=status,
                 reason=error, data={"attempt": job.attempts, **(data or {})})


def _upload_store(*, storage, data: bytes, sha256: str) -> str:
    """Write `data` to the storage backend under its SHA-256 and return the stored name.

    A file already stored under that name with the same content is reused; anything else there (a
    partial write of a killed process) is replaced.
    """
    name = f"imports/{sha256[:2]}/{sha256}"
    if storage.exists(name):
        with storage.open(name, "rb") as fh:
            if hashlib.sha256(fh.read()).hexdigest() == sha256:
                return name
        storage.delete(name)
    return storage.save(name, ContentFile(data))


def import_job_create(*, agency, actor, files, publish=False) -> ImportJob:
    """Store the uploaded `files` (a list of ImportUpload) and queue a job importing them into `agency`.

    Files refused on arrival (wrong type, too large) are recorded as failed items with their reason.
    `agency=None` (command line only) files each document under the agency its 发布机构 names.
    """
    if actor is not None and agency is None:
        raise UserFacingError(_("请选择归入的机关。"))
    if actor is not None and not user_has_role(user=actor, agency=agency, roles=EDIT_ROLES):
        raise PermissionDeniedError(_("您没有为“%(agency)s”导入文件的权限。") % {"agency": agency.name})
    files = list(files)
    if not files:
        raise UserFacingError(_("请选择要导入的文件。"))
    storage = ImportItem._meta.get_field("file").storage
    items = []
    for position, upload in enumerate(files, start=1):
        name = (upload.name or _("未命名文件")).replace("/", "_").replace("\\", "_")[-255:]
        item = ImportItem(position=position, name=name)
        if upload.error or upload.data is None:
            item.status, item.error = ImportItem.Status.FAILED, upload.error or _("文件无法读取。")
        else:
            # Written before the rows that name it are committed; a killed request leaves at most a
            # file that the next upload of the same content reuses.
            item.sha256 = hashlib.sha256(upload.data).hexdigest()
            item.size = len(upload.data)
            item.file.name = _upload_store(storage=storage, data=upload.data, sha256=item.sha256)
        items.append(item)
    with transaction.atomic():
        job = ImportJob.objects.create(agency=agency, actor=actor if actor is not None and actor.pk else None,
                                       publish=publish, total=len(items),
                                       failed=sum(i.status == ImportItem.Status.FAILED for i in items))
        for item in items:
            item.job = job
        ImportItem.objects.bulk_create(items)
        audit_record(actor=actor, action="import.queued", obj=job, to_state=job.status,
                     data={"files": len(items), "publish": publish})
    import_job_enqueue(job=job)
    return job


def import_job_enqueue(*, job) -> None:
    """Hand the job to a worker once it is committed (run it at once in the embedded default)."""
    from gongkai.catalog.tasks import import_job_run_task
    from gongkai.core.queue import task_enqueue

    task_enqueue(import_job_run_task, job.pk)


def _item_result(item, result: ImportResult):
    if result.duplicate:
        item.status = ImportItem.Status.DUPLICATE
    elif result.ok:
        item.status = ImportItem.Status.IMPORTED
    else:
        item.status = ImportItem.Status.FAILED
    item.error = result.error or ""
    item.warning = result.warning or ""
    item.document = result.document


def _item_prepare(item):
    """(Prepared, None) for a stored upload, or (None, reason) when it is lost or damaged."""
    try:
        with item.file.open("rb") as fh:
            data = fh.read()
    except (OSError, ValueError):
        return None, _("上传的文件已丢失，请重新上传。")
    if hashlib.sha256(data).hexdigest() != item.sha256:
        return None, _("上传的文件已损坏（校验值不符），请重新上传。")
    return import_prepare(name=item.name, data=data), None


def _item_run(job, item_id) -> None:
    """Import one pending item, in one transaction with its result; an item already done is skipped.

    The file is read and parsed before the transaction opens (parsing is bounded, but may take
    seconds): the write lock is held only for the writes. A parallel run may parse the same file,
    but only the run that locks the pending item writes it.
    """
    if not ImportItem.objects.filter(pk=item_id, status=ImportItem.Status.PENDING).exists():
        return
    prepared, failure = _item_prepare(ImportItem.objects.get(pk=item_id))
    if not failure and job.publish and prepared.extracted is not None and not prepared.error \
            and not prepared.fields.get("title_pending"):
        _prepare_publication(prepared.extracted, prepared.name)
    with transaction.atomic():
        item = ImportItem.objects.select_for_update().get(pk=item_id)
        if item.status != ImportItem.Status.PENDING:
            return  # another run got here first
        if failure:
            item.status, item.error = ImportItem.Status.FAILED, failure
        else:
            _item_result(item, document_import(name=item.name, prepared=prepared, agency=job.agency,
                                               actor=job.actor, publish=job.publish))
        item.processed_at = timezone.now()
        item.save()
        counter = {ImportItem.Status.IMPORTED: "imported", ImportItem.Status.DUPLICATE: "duplicates",
                   ImportItem.Status.FAILED: "failed"}[item.status]
        ImportJob.objects.filter(pk=job.pk).update(**{counter: F(counter) + 1, "updated_at": timezone.now()})
        import_item_done.send(sender=ImportItem, item=item)


def import_job_run(*, job) -> ImportJob:
    """Run (or resume) `job`: import every pending item, then mark the job done.

    Safe to call again at any time, also while another run is under way: finished jobs are left
    alone and each item is imported exactly once. A crash marks the job failed with the reason in
    Chinese; what was imported before it stays, and `import_job_retry` resumes from there.
    """
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.is_finished:
            return job
        _import_job_status(job, ImportJob.Status.RUNNING)
    current = None
    try:
        for item_id, name in (job.items.filter(status=ImportItem.Status.PENDING)
                              .order_by("position").values_list("id", "name")):
            current = name
            _item_run(job, item_id)
        current = None
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=job.pk)
            if job.status != ImportJob.Status.RUNNING:
                return job  # a parallel run finished it
            counts = dict(job.items.values_list("status").annotate(n=Count("id")))
            job.imported = counts.get(ImportItem.Status.IMPORTED, 0)
            job.duplicates = counts.get(ImportItem.Status.DUPLICATE, 0)
            job.failed = counts.get(ImportItem.Status.FAILED, 0)
            if counts.get(ImportItem.Status.PENDING):
                return job  # an item is still locked by a parallel run, which will finish the job
            _import_job_status(job, ImportJob.Status.DONE,
                               data={"imported": job.imported, "duplicates": job.duplicates, "failed": job.failed})
        return job
    except Exception as exc:  # noqa: BLE001 - recorded on the job; the task must not crash the worker
        logger.exception("import job %s failed", job.pk)
        reason = exc.message if isinstance(exc, UserFacingError) else _("系统错误（%(kind)s）") % {
            "kind": type(exc).__name__}
        if current:
            message = _("导入在处理文件“%(name)s”时中断：%(reason)s。此前导入的文件已保存，可以重试。") % {
                "name": current, "reason": reason}
        else:
            message = _("导入中断：%(reason)s。可以重试。") % {"reason": reason}
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=job.pk)
            _import_job_status(job, ImportJob.Status.FAILED, error=message)
        return job


def import_job_retry(*, job, actor) -> ImportJob:
    """Queue a failed (or stalled) job again; it resumes with the files not yet imported."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if actor is not None and not (job.agency_id and user_has_role(user=actor, agency=job.agency_id,
                                                                        roles=EDIT_ROLES)):
            raise PermissionDeniedError(_("您没有重试此导入任务的权限。"))
        stale = timezone.now() - job.updated_at > dt.timedelta(seconds=IMPORT_JOB_STALE_SECONDS)
        if job.status == ImportJob.Status.DONE or (job.status != ImportJob.Status.FAILED and not stale):
            raise TransitionError(_("只有失败或长时间没有进展的导入任务可以重试。"))
        _import_job_status(job, ImportJob.Status.QUEUED, data={"retried_by": actor.get_username() if actor else ""})
    import_job_enqueue(job=job)
    return job


def import_jobs_stalled_requeue() -> int:
    """Queue again every unfinished job that has not moved for IMPORT_JOB_STALE_SECONDS; returns how
    many. A run already under way is not disturbed (items are locked one by one)."""
    cutoff = timezone.now() - dt.timedelta(seconds=IMPORT_JOB_STALE_SECONDS)
    jobs = list(ImportJob.objects.filter(status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING],
                                         updated_at__lt=cutoff))
    for job in jobs:
        import_job_enqueue(job=job)
    return len(jobs)
