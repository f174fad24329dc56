"""Staff pages: datasets of the user's agencies (metadata, resources, data dictionary, the privacy
scan's findings and the reviewer's decision, publish/withdraw), 有条件开放 applications, 数据需求,
and the quality figures per agency."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.errors import UserFacingError

from .access import application_key_reset, application_transition
from .demand import DISPOSITIONS, data_request_answer, data_request_moderate
from .forms import AnswerForm, DatasetForm, ResourceForm
from .quality import quality, quality_by_agency
from .selectors import (applications_for_user, data_requests_for_user, dataset_for_user, datasets_behind,
                        datasets_for_user, datasets_linkable)
from .services import (META_FIELDS, dataset_create, dataset_transition, dataset_update, resource_add,
                       resource_replace, resource_scan_resolve, resource_schema_update)
from .tabular import TYPE_LABELS
from .transitions import application_transitions_from, dataset_transitions_from


@login_required
def staff_list(request):
    form = DatasetForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        c = dict(form.cleaned_data)
        agency = c.pop("agency")
        try:
            d = dataset_create(agency=agency, actor=request.user, **c)
        except UserFacingError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("opendata_staff:dataset", d.pk)
    datasets = list(datasets_for_user(user=request.user))
    from .models import DatasetStatus

    return render(request, "opendata/staff_list.html", {
        "form": form, "rows": [(d, quality(d, list(d.resources.all()))) for d in datasets],
        "by_agency": quality_by_agency([d for d in datasets if d.status == DatasetStatus.PUBLISHED]),
        "behind": datasets_behind(agency_ids={d.agency_id for d in datasets}),
        "applications": applications_for_user(user=request.user)[:50],
        "requests": data_requests_for_user(user=request.user)[:50], "dispositions": DISPOSITIONS,
        "linkable": datasets_linkable(user=request.user), "today": timezone.localdate()})


def _schema_rows(resource):
    return [{**c, "type_label": TYPE_LABELS[c["type"]]} for c in resource.schema]


@login_required
def dataset(request, pk):
    d = dataset_for_user(user=request.user, pk=pk)
    error = ""
    if request.method == "POST":
        op = request.POST.get("op", "")
        try:
            _staff_post(request, d, op)
        except UserFacingError as exc:
            error = exc.message
        else:
            return redirect("opendata_staff:dataset", d.pk)
        d = dataset_for_user(user=request.user, pk=pk)
    initial = {k: getattr(d, k) for k in META_FIELDS}
    initial["agency"] = d.agency
    resources = [r for r in d.resources.all() if r.replaced_at is None]
    return render(request, "opendata/staff_dataset.html", {
        "d": d, "error": error, "form": DatasetForm(initial=initial, user=request.user),
        "resource_form": ResourceForm(), "quality": quality(d, resources),
        "resources": [(r, _schema_rows(r)) for r in resources], "types": TYPE_LABELS.items(),
        "transitions": dataset_transitions_from(d.status), "versions": d.versions.all()[:20]}, status=400 if error else 200)


def _staff_post(request, d, op):
    user, post = request.user, request.POST
    if op == "meta":
        form = DatasetForm(post, user=user)
        if not form.is_valid():
            raise UserFacingError("；".join(str(e) for errs in form.errors.values() for e in errs))
        c = dict(form.cleaned_data)
        c.pop("agency")
        dataset_update(dataset=d, actor=user, **c)
    elif op == "upload":
        form = ResourceForm(post, request.FILES)
        if not form.is_valid():
            raise UserFacingError("请选择文件。")
        f = form.cleaned_data["file"]
        resource_add(dataset=d, actor=user, name=form.cleaned_data["name"], filename=f.name, source=f)
    elif op in ("replace", "schema", "scan"):
        r = get_object_or_404(d.resources, pk=post.get("resource"))
        if op == "replace":
            f = request.FILES.get("file")
            if not f:
                raise UserFacingError("请选择文件。")
            resource_replace(resource=r, actor=user, filename=f.name, source=f)
        elif op == "schema":
            resource_schema_update(resource=r, actor=user, columns=[
                {"name": c["name"], "type": post.get(f"type_{i}", c["type"]), "unit": post.get(f"unit_{i}", ""),
                 "description": post.get(f"desc_{i}", "")} for i, c in enumerate(r.schema)])
        else:
            treatment = {f["column"]: post.get(f"treat_{i}", "") for i, f in enumerate(r.scan)}
            resource_scan_resolve(resource=r, actor=user, treatment=treatment,
                                  override_reason=post.get("override_reason", ""))
    else:
        dataset_transition(dataset=d, action=op, actor=user, reason=post.get("reason", ""))


@login_required
def application(request, pk):
    a = get_object_or_404(applications_for_user(user=request.user), pk=pk)
    error, raw = "", ""
    if request.method == "POST":
        op = request.POST.get("op", "")
        try:
            if op == "rekey":
                a = application_key_reset(application=a, actor=request.user, reason=request.POST.get("reason", ""))
            else:
                a, raw = application_transition(application=a, action=op, actor=request.user,
                                                reason=request.POST.get("reason", ""))
        except UserFacingError as exc:
            error = exc.message
    return render(request, "opendata/staff_application.html", {
        "a": a, "error": error, "raw_key": raw, "transitions": application_transitions_from(a.status),
        "overdue": a.status == "submitted" and a.due_date < timezone.localdate(),
        "usage": a.api_key.usage.order_by("-at")[:50] if hasattr(a, "api_key") else []})


@login_required
@require_POST
def request_act(request, pk):
    req = get_object_or_404(data_requests_for_user(user=request.user), pk=pk)
    op = request.POST.get("op", "")
    try:
        if op in ("publish", "hide"):
            data_request_moderate(req=req, actor=request.user, publish=op == "publish")
        else:
            form = AnswerForm(request.POST, user=request.user)
            if not form.is_valid():
                raise UserFacingError("请选择处理结果并填写答复说明（关联数据集须从列表中选择）。")
            c = form.cleaned_data
            data_request_answer(req=req, actor=request.user, disposition=c["disposition"], reason=c["reason"],
                                dataset=c["dataset"], whole_group=c["whole_group"])
    except UserFacingError as exc:
        messages.error(request, exc.message)
    return redirect("opendata_staff:list")
