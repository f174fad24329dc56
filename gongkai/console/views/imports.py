"""The import page: several .txt/.html/.docx files become drafts of one agency, in a background job.

The upload request only stores the files and queues the job (`catalog.importing.jobs`); the
job's page shows its progress and, once done, every good file and every bad one with its reason.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.importing.jobs import ImportUpload, import_job_create, import_job_retry
from gongkai.catalog.models import ImportItem
from gongkai.catalog.selectors import import_job_get_for_user, import_jobs_for_user
from gongkai.core.errors import UserFacingError

from ..forms import ImportForm
from ..models import ImportTitle
from ..receivers import import_title_apply
from ..review_panel import title_looks_like_spam
from ..selectors import agencies_for_editing
from ..uploads import upload_read
from .common import denied

IMPORT_EXTENSIONS = (".txt", ".html", ".htm", ".docx")


def _upload(upload) -> ImportUpload:
    name = upload.name or ""
    if not name.lower().endswith(IMPORT_EXTENSIONS):
        return ImportUpload(name=name, error=_("只能导入 .txt、.html 和 .docx 文件。"))
    try:
        return ImportUpload(name=name, data=upload_read(upload))
    except UserFacingError as exc:
        return ImportUpload(name=name, error=exc.message)


@login_required
def import_documents(request):
    """Store the uploaded files and queue their import; list the latest jobs."""
    agencies = agencies_for_editing(user=request.user)
    if not agencies.exists():
        return denied(request, _("您没有在任何机关导入文件的权限。"))
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                job = import_job_create(agency=form.cleaned_data["agency"], actor=request.user,
                                        files=[_upload(u) for u in form.cleaned_data["files"]])
                if form.cleaned_data["title"]:
                    _title_set(job, form.cleaned_data["title"], request.user)
        except UserFacingError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("console:import_job", pk=job.pk)
    lost = [u.name for u in request.FILES.getlist("files")] if request.method == "POST" else []
    return render(request, "console/import.html",
                  {"form": form, "jobs": import_jobs_for_user(user=request.user), "lost_files": lost})


def _title_set(job, title, actor):
    """Remember the title given on the form; apply it now when the job already ran (embedded
    default), else when its file is imported (`console.receivers`)."""
    ImportTitle.objects.create(job=job, title=title)
    item = job.items.filter(status=ImportItem.Status.IMPORTED, document__isnull=False).select_related("document").first()
    if item is not None:
        import_title_apply(job_id=job.pk, document=item.document, actor=actor)


def _item_row(item, visible_ids):
    row = {"name": item.name, "status": item.status, "document": item.document, "error": item.error,
           "warning": item.warning, "duplicate": item.status == ImportItem.Status.DUPLICATE}
    if item.document is not None and item.status == ImportItem.Status.IMPORTED:
        row["title_spam"] = title_looks_like_spam(item.document.title)
    if item.document is not None and item.document.agency_id not in visible_ids:
        # a duplicate of another agency's document: say so without revealing that document
        row["document"] = None
        row["error"] = _("该文件的索引号或名称与其他机关的已有文件重复，未保存。")
    return row


@login_required
def import_job(request, pk):
    """One import job: its status while it runs, then what became of every file."""
    job = import_job_get_for_user(user=request.user, pk=pk)
    visible_ids = agency_ids_for_user(user=request.user)
    rows = [_item_row(item, visible_ids) for item in job.items.select_related("document").order_by("position")]
    context = {"job": job, "rows": rows, "done_count": sum(r["status"] != ImportItem.Status.PENDING for r in rows),
               "good": [r for r in rows if r["status"] == ImportItem.Status.IMPORTED],
               "bad": [r for r in rows if r["status"] in (ImportItem.Status.DUPLICATE, ImportItem.Status.FAILED)]}
    return render(request, "console/import_job.html", context)


@login_required
@require_POST
def import_job_retry_view(request, pk):
    job = import_job_get_for_user(user=request.user, pk=pk)
    try:
        import_job_retry(job=job, actor=request.user)
    except UserFacingError as exc:
        messages.error(request, exc.message)
    return redirect("console:import_job", pk=job.pk)
