"""Background import jobs: a batch of uploaded files, each imported by `services.document_import` in
its own transaction, run by a Celery task queued by name (this module imports no tasks module)."""
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.catalog.models import ImportItem, ImportJob
from gongkai.catalog.signals import import_item_done
from gongkai.catalog.transitions import EDIT_ROLES
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.core.queue import task_enqueue

from .services import ImportResult, _prepare_publication, document_import, import_prepare

IMPORT_JOB_RUN_TASK = "gongkai.catalog.import_job_run"

# A job is a batch of uploaded files. The files are kept in the storage backend (named by their
# SHA-256) and the job is run by the Celery task `gongkai.catalog.import_job_run` (catalog/tasks.py), which only
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
    task_enqueue(IMPORT_JOB_RUN_TASK, job.pk)


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
