"""The import page: several .txt/.html/.docx files become drafts of one agency."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.importing.services import document_import
from gongkai.core.errors import UserFacingError

from ..forms import ImportForm
from ..selectors import agencies_for_editing
from ..uploads import upload_read
from .common import denied

IMPORT_EXTENSIONS = (".txt", ".html", ".htm", ".docx")


def _import_one(upload, agency, user, visible_ids):
    name = upload.name or ""
    if not name.lower().endswith(IMPORT_EXTENSIONS):
        return {"name": name, "ok": False, "document": None,
                "error": _("只能导入 .txt、.html 和 .docx 文件。")}
    try:
        data = upload_read(upload)
    except UserFacingError as exc:
        return {"name": name, "ok": False, "document": None, "error": exc.message}
    try:
        result = document_import(name=name, data=data, agency=agency, actor=user, publish=False)
    except UserFacingError as exc:
        return {"name": name, "ok": False, "document": None, "error": exc.message}
    row = {"name": name, "ok": result.ok, "document": result.document, "error": result.error,
           "warning": result.warning, "duplicate": result.duplicate}
    if row["document"] is not None and row["document"].agency_id not in visible_ids:
        # a duplicate of another agency's document: say so without revealing that document
        row["document"] = None
        row["error"] = _("该文件的索引号或名称与其他机关的已有文件重复，未保存。")
    return row


@login_required
def import_documents(request):
    """Import uploaded files as drafts; list every good file and every bad one with its reason."""
    agencies = agencies_for_editing(user=request.user)
    if not agencies.exists():
        return denied(request, _("您没有在任何机关导入文件的权限。"))
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    results = None
    if request.method == "POST" and form.is_valid():
        agency = form.cleaned_data["agency"]
        visible_ids = agency_ids_for_user(user=request.user)
        results = [_import_one(upload, agency, request.user, visible_ids)
                   for upload in form.cleaned_data["files"]]
    context = {"form": form, "results": results,
               "good": [r for r in results or [] if r["ok"]],
               "bad": [r for r in results or [] if not r["ok"]]}
    return render(request, "console/import.html", context)
