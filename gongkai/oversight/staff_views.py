"""Console pages: the 工作台 (reminders, my tasks), import with confirmation and unit mapping, a task's
page (reports, requests, workflow, 督办通知), export."""
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_for_user, agency_ids_for_user
from gongkai.core.errors import UserFacingError
from gongkai.core.params import int_param

from .evidence import evidence_documents, topic_labels
from .forms import ImportForm, ReportForm, RequestForm
from .importing import plan_export_xlsx, plan_import_save, plan_preview, read_plan_file
from .matching import unit_alias_remember
from .models import PlanImport, RequestStatus, SupervisionNotice, TaskStatus
from .periods import default_period
from .reminders import reminders_for_user, reminders_refresh
from .selectors import PAGE_SIZE, assist_names, lead_names, plans_for_user, task_for_user, task_list
from .services import (is_plan_office, task_report_submit, task_request_create, task_request_decide, task_transition,
                       task_weight_set, unit_ids_of)
from .transitions import PLAN_ROLES, UNIT_ACTIONS, transitions_from


@login_required
def workbench(request):
    today = timezone.localdate()
    reminders_refresh(user=request.user, today=today)
    page = int_param(request.GET.get("page"), name="page", default=1)
    status = request.GET.get("status", "")
    status = status if status in TaskStatus.values else ""
    overdue = request.GET.get("overdue") == "1"
    year = int_param(request.GET.get("year"), name="year", default=None, minimum=2000, maximum=2100)
    rows, total = task_list(user=request.user, year=year, status=status, overdue=overdue, page=page, today=today)
    for task in rows:
        task.lead_text, task.assist_text = lead_names(task), assist_names(task)
        task.is_overdue = task.due and task.due < today and task.status in ("pending", "in_progress")
    return render(request, "oversight/workbench.html", {
        "rows": rows, "total": total, "page": page, "pages": (total + PAGE_SIZE - 1) // PAGE_SIZE,
        "status": status, "overdue": overdue, "statuses": TaskStatus.choices,
        "reminders": reminders_for_user(user=request.user, unread_only=True)[:20],
        "plans": plans_for_user(user=request.user), "today": today,
        "can_import": agencies_for_user(user=request.user, roles=PLAN_ROLES).exists()})


@login_required
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = read_plan_file(name=upload.name, data=upload.read())
            plan_preview(text=text, year=form.cleaned_data["year"])
        except UserFacingError as exc:
            error = exc.message
        else:
            draft = PlanImport.objects.create(agency=form.cleaned_data["agency"], year=form.cleaned_data["year"],
                                              file_name=upload.name[:255], text=text, created_by=request.user)
            return redirect("oversight_staff:preview", draft.pk)
    return render(request, "oversight/import.html", {"form": form, "error": error})


@login_required
def import_preview(request, pk):
    draft = get_object_or_404(PlanImport, pk=pk, created_by=request.user)
    if draft.agency_id not in agency_ids_for_user(user=request.user, roles=PLAN_ROLES):
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("what") == "map":
                for i, name in enumerate(request.POST.getlist("name")):
                    ids = [int(x) for x in request.POST.getlist(f"agencies_{i}") if x.isdigit()]
                    if ids:
                        unit_alias_remember(name=name, agencies=Agency.objects.filter(pk__in=ids), actor=request.user)
            else:
                result = plan_import_save(agency=draft.agency, year=draft.year, text=draft.text, actor=request.user,
                                          source_name=draft.file_name)
                draft.saved_plan = result.plan
                draft.save(update_fields=["saved_plan"])
                return render(request, "oversight/import_done.html", {"result": result, "draft": draft})
        except UserFacingError as exc:
            error = exc.message
    preview = plan_preview(text=draft.text, year=draft.year)
    names = {a.pk: a.short_name or a.name for a in Agency.objects.filter(is_catch_all=False)}
    rows = [{"t": r.task, "leads": "、".join(names.get(i, "") for i in r.lead_ids),
             "assists": "、".join(names.get(i, "") for i in r.assist_ids), "unmatched": "、".join(r.unmatched)}
            for r in preview.rows]
    return render(request, "oversight/preview.html", {
        "draft": draft, "rows": rows, "unmatched": list(enumerate(preview.unmatched)), "error": error,
        "agencies": Agency.objects.filter(is_catch_all=False).order_by("path", "sort_order", "id")})


def _task_context(request, task, error=""):
    today = timezone.localdate()
    office = is_plan_office(user=request.user, task=task)
    mine = unit_ids_of(user=request.user, task=task)
    actions = [t for t in transitions_from(task.status) if office or (t.name in UNIT_ACTIONS and mine)]
    return {"task": task, "error": error, "office": office, "unit": bool(mine),
            "lead_text": lead_names(task), "assist_text": assist_names(task), "topics": topic_labels(task.topics),
            "evidence": evidence_documents(task=task, limit=20), "actions": [a for a in actions if a.target],
            "reports": task.reports.select_related("agency").prefetch_related("documents"),
            "requests": task.requests.select_related("agency", "new_lead"), "notices": task.notices.all(),
            "report_form": ReportForm(initial={"period": default_period(task, today)}), "request_form": RequestForm(),
            "is_open": task.status in ("pending", "in_progress"), "pending": RequestStatus.PENDING,
            "overdue": bool(task.due and task.due < today and task.status in ("pending", "in_progress"))}


@login_required
def task_detail(request, pk):
    task = task_for_user(user=request.user, pk=pk)
    return render(request, "oversight/task.html", _task_context(request, task))


@login_required
@require_POST
def task_action(request, pk):
    from gongkai.catalog.models import Document

    from .notices import supervision_notice_issue

    task = task_for_user(user=request.user, pk=pk)
    what = request.POST.get("what", "")
    try:
        if what == "report":
            form = ReportForm(request.POST, request.FILES)
            if not form.is_valid():
                raise UserFacingError("；".join(e for errs in form.errors.values() for e in errs))
            d = form.cleaned_data
            documents = list(Document.objects.filter(pk__in=d["document_ids"], status="published"))
            if len(documents) != len(set(d["document_ids"])):
                raise UserFacingError("佐证文件须为已公开的目录文件，请核对编号。")
            attachment = ""
            if d["attachment"]:
                from gongkai.ops.uploads import upload_check, upload_save

                checked = upload_check(name=d["attachment"].name, data=d["attachment"].read())
                attachment = upload_save(directory=f"oversight/{task.plan.year}", checked=checked)
            task_report_submit(task=task, actor=request.user, period=d["period"], text=d["text"], stage=d["stage"],
                               percent=d["percent"], documents=documents, attachment=attachment)
        elif what == "request":
            form = RequestForm(request.POST)
            if not form.is_valid():
                raise UserFacingError("请填写申请类型和理由。")
            task_request_create(task=task, actor=request.user, **form.cleaned_data)
        elif what == "decide":
            number = int_param(request.POST.get("request"), name="request", default=0, minimum=0)
            req = get_object_or_404(task.requests, pk=number)
            task_request_decide(request=req, actor=request.user, approve=request.POST.get("approve") == "1",
                                note=request.POST.get("note", ""))
        elif what == "notice":
            level = 2 if request.POST.get("level") == "2" else 1
            supervision_notice_issue(task=task, actor=request.user, level=level)
        elif what == "weight":
            weight = int_param(request.POST.get("weight"), name="weight", default=0, minimum=0, maximum=100)
            task_weight_set(task=task, actor=request.user, weight=weight)
        else:
            task_transition(task=task, action=request.POST.get("action", ""), actor=request.user,
                            reason=request.POST.get("reason", ""))
    except UserFacingError as exc:
        task.refresh_from_db()
        return render(request, "oversight/task.html", _task_context(request, task, exc.message), status=400)
    return redirect("oversight_staff:task", task.pk)


@login_required
def plan_export(request, pk):
    plan = get_object_or_404(plans_for_user(user=request.user), pk=pk)
    response = HttpResponse(plan_export_xlsx(plan=plan),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.year}-{plan.pk}.xlsx"'
    return response


@login_required
def notice_download(request, pk):
    notice = get_object_or_404(SupervisionNotice.objects.select_related("task__plan"), pk=pk)
    task_for_user(user=request.user, pk=notice.task_id)  # 404 outside the user's scope
    response = HttpResponse(notice.file.read(),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="duban-{notice.pk}.docx"'
    return response

