"""Staff pages: compile the 本级标准目录 (adopt an area's 指引, adapt, add local 事项, bind documents),
the workflow buttons, and coverage over a window."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.catalog.models import Document
from gongkai.core.errors import UserFacingError

from .coverage import catalog_coverage, summary
from .forms import AdoptForm, BindForm, CreateForm, EntryForm, ImportForm, LocalEntryForm, WindowForm
from .selectors import catalog_for_user, catalogs_for_user, entry_for_user
from .services import (binding_add, entries_adopt, entries_import, entry_add, entry_remove, entry_update, local_catalog_create,
                       local_catalog_transition)
from .transitions import transitions_from


@login_required
def staff_list(request):
    form = CreateForm(request.POST or None, user=request.user)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            catalog = local_catalog_create(agency=form.cleaned_data["agency"], actor=request.user,
                                           title=form.cleaned_data["title"])
        except UserFacingError as exc:
            error = exc.message
        else:
            return redirect("stdcatalog_staff:catalog", catalog.pk)
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    cache = {}
    rows = [(c, summary(catalog_coverage(c, start=start, end=today, cache=cache))) for c in
            catalogs_for_user(user=request.user)]
    return render(request, "stdcatalog/staff_list.html", {"form": form, "error": error, "rows": rows,
                                                          "start": start, "end": today})


def _catalog_page(request, catalog, *, error="", status=200, local_form=None):
    window = WindowForm(request.GET or None)
    start, end = window.window()
    rows = catalog_coverage(catalog, start=start, end=end)
    return render(request, "stdcatalog/staff_catalog.html", {
        "catalog": catalog, "rows": rows, "summary": summary(rows), "start": start, "end": end, "window": window,
        "adopt_form": AdoptForm(prefix="adopt"), "local_form": local_form or LocalEntryForm(prefix="local"),
        "bind_form": BindForm(prefix="bind"), "import_form": ImportForm(prefix="import"),
        "transitions": transitions_from(catalog.status), "error": error}, status=status)


@login_required
def staff_catalog(request, pk):
    return _catalog_page(request, catalog_for_user(user=request.user, pk=pk))


def _document_find(catalog, key: str):
    key = key.strip()
    q = Q(index_no=key)
    if key.isdigit():
        q |= Q(pk=int(key))
    return Document.objects.filter(q).first()


@login_required
@require_POST
def staff_action(request, pk):
    catalog = catalog_for_user(user=request.user, pk=pk)
    what = request.POST.get("what", "")
    local_form = None
    try:
        if what == "adopt":
            form = AdoptForm(request.POST, prefix="adopt")
            if not form.is_valid():
                raise UserFacingError(_("请选择领域。"))
            entries_adopt(catalog=catalog, actor=request.user, area_slug=form.cleaned_data["area"])
        elif what == "add":
            local_form = LocalEntryForm(request.POST, prefix="local")
            if not local_form.is_valid():
                raise UserFacingError(_("请填写领域、一级事项和公开内容。"))
            fields = local_form.cleaned_fields()
            entry_add(catalog=catalog, actor=request.user, area_slug=fields.pop("area"), **fields)
        elif what == "import":
            form = ImportForm(request.POST, request.FILES, prefix="import")
            if not form.is_valid():
                raise UserFacingError(_("请选择要导入的表格文件。"))
            upload = form.cleaned_data["file"]
            result = entries_import(catalog=catalog, actor=request.user, name=upload.name, data=upload.read(),
                                    area_slug=form.cleaned_data["area"])
            messages.success(request, _("已导入 %(c)d 项（%(a)s），跳过已有的 %(s)d 项。") % {
                "c": result["created"], "a": "、".join(result["areas"]) or "—", "s": result["skipped"]})
        elif what == "bind":
            form = BindForm(request.POST, prefix="bind")
            if not form.is_valid():
                raise UserFacingError(_("请填写事项序号和文件索引号。"))
            entry = catalog.entries.filter(position=form.cleaned_data["entry"]).first()
            document = _document_find(catalog, form.cleaned_data["document"])
            if entry is None or document is None:
                raise UserFacingError(_("未找到该序号的事项或该索引号的文件。"))
            binding_add(entry=entry, document=document, actor=request.user)
        else:
            local_catalog_transition(catalog=catalog, action=request.POST.get("action", ""), actor=request.user,
                                     reason=request.POST.get("reason", ""))
    except UserFacingError as exc:
        return _catalog_page(request, catalog, error=exc.message, status=400, local_form=local_form)
    return redirect("stdcatalog_staff:catalog", catalog.pk)


@login_required
def staff_entry(request, pk):
    entry = entry_for_user(user=request.user, pk=pk)
    form = EntryForm(request.POST or None, initial=EntryForm.initial_from(entry))
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("what") == "remove":
                entry_remove(entry=entry, actor=request.user)
                return redirect("stdcatalog_staff:catalog", entry.catalog_id)
            if not form.is_valid():
                raise UserFacingError(_("请填写一级事项和公开内容。"))
            entry_update(entry=entry, actor=request.user, **form.cleaned_fields())
        except UserFacingError as exc:
            error = exc.message
        else:
            return redirect("stdcatalog_staff:catalog", entry.catalog_id)
    return render(request, "stdcatalog/staff_entry.html", {"entry": entry, "form": form, "error": error},
                  status=400 if error else 200)
