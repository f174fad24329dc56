"""Console pages for annual reports. Thin: forms in, services and selectors do the work."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import UserFacingError

from . import selectors, services
from . import template as t
from .checker import RULES
from .data import ReportData
from .finding_labels import findings_for_screen
from .forms import CheckUploadForm, FigureForm, FigureImportForm, GenerateForm, ProseForm, ReasonForm
from .renderers.html import render_report_html
from .transitions import transitions_from

MAX_UPLOAD = 20 * 1024 * 1024


def _staff(view):
    return login_required(view, login_url="console:login")


@_staff
def home(request):
    """List reports in scope, deadline warnings, the generate form and the upload check."""
    agencies = selectors.report_agencies_for_user(user=request.user)
    return render(request, "reports/home.html", {
        "reports": selectors.report_list_for_user(user=request.user)[:200],
        "warnings": services.deadline_warnings(agencies=agencies),
        "form": GenerateForm(agencies=agencies),
        "check_form": CheckUploadForm(),
        "checks": selectors.check_list_for_user(user=request.user)[:20],
    })


@_staff
@require_POST
def generate(request):
    agencies = selectors.report_agencies_for_user(user=request.user)
    form = GenerateForm(request.POST, agencies=agencies)
    if not form.is_valid():
        messages.error(request, _("请检查机关和年度。"))
        return redirect("reports_staff:home")
    try:
        report = services.report_generate(agency=form.cleaned_data["agency"], year=form.cleaned_data["year"],
                                          actor=request.user,
                                          include_departments=form.cleaned_data["include_departments"])
    except UserFacingError as e:
        messages.error(request, e.message)
        return redirect("reports_staff:home")
    messages.success(request, _("已根据数据生成报告。"))
    return redirect("reports_staff:report", pk=report.pk)


def _figure_link(report):
    def link(ref):
        return reverse("reports_staff:figure", args=[report.pk, ref])
    return link


@_staff
def report_detail(request, pk):
    """Show the report with every figure linked to what is behind it, and the edit forms."""
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    data = ReportData.from_dict(report.data or {})
    body = render_report_html(data=data, overview=report.overview, problems=report.problems,
                              other_matters=report.other_matters, link_for=_figure_link(report))
    errors = [f for f in report.findings if f.get("severity") == "error"]
    return render(request, "reports/report.html", {
        "report": report, "body": body, "errors": errors,
        "warnings": [f for f in report.findings if f.get("severity") != "error"],
        "screen_findings": findings_for_screen(report.findings),
        "prose_form": ProseForm(initial={"overview": report.overview, "problems": report.problems,
                                         "other_matters": report.other_matters}),
        "figure_form": FigureForm(), "import_form": FigureImportForm(), "reason_form": ReasonForm(),
        "figures": selectors.report_figures(report=report),
        "transitions": transitions_from(report.status),
        "rules": RULES,
    })


@_staff
def figure(request, pk, ref):
    """List the cases, documents or entered figures behind one number of the report."""
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    if ref not in (report.sources or {}) and not _valid_ref(ref):
        raise Http404
    items = selectors.figure_sources(report=report, ref=ref)
    for case in items["cases"]:
        case.link = _safe_reverse("foi_staff:case", case.pk)
    for doc in items["documents"]:
        doc.link = _safe_reverse("console:document", doc.pk)
    return render(request, "reports/figure.html", {"report": report, "ref": ref, "label": _ref_label(ref),
                                                   **items})


def _safe_reverse(name, pk):
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _valid_ref(ref):
    parts = ref.split(":")
    if parts[0] == "b" and len(parts) == 3:
        return parts[1] in t.ROW_KEYS and parts[2] in t.COLUMN_KEYS
    if parts[0] == "c" and len(parts) == 2:
        return parts[1] in t.TABLE_C_COLUMNS
    if parts[0] == "a" and len(parts) == 3:
        return True
    return ref == "fees"


def _ref_label(ref):
    parts = ref.split(":")
    if parts[0] == "b" and len(parts) == 3:
        return f"{t.ROW_BY_KEY[parts[1]].label} · {dict(t.COLUMNS)[parts[2]]}"
    if parts[0] == "c" and len(parts) == 2:
        return t.TABLE_C_LABELS.get(parts[1], ref)
    if parts[0] == "a" and len(parts) == 3:
        labels = {k: lbl for b in t.TABLE_A_2021 for k, lbl in b.rows}
        return f"{labels.get(parts[1], parts[1])} · {parts[2]}"
    return _("信息处理费")


@_staff
@require_POST
def prose(request, pk):
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    form = ProseForm(request.POST)
    if form.is_valid():
        try:
            services.report_update_prose(report=report, actor=request.user, **form.cleaned_data)
            messages.success(request, _("已保存。"))
        except UserFacingError as e:
            messages.error(request, e.message)
    return redirect("reports_staff:report", pk=report.pk)


@_staff
@require_POST
def recompute(request, pk):
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    try:
        services.report_generate(agency=report.agency, year=report.year, actor=request.user,
                                 refill_prose=request.POST.get("refill") == "1")
        messages.success(request, _("已重新计算。"))
    except UserFacingError as e:
        messages.error(request, e.message)
    return redirect("reports_staff:report", pk=report.pk)


@_staff
@require_POST
def figure_set(request, pk):
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    form = FigureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写项目、数值和数据来源。"))
        return redirect("reports_staff:report", pk=report.pk)
    try:
        services.manual_figure_set(agency=report.agency, year=report.year, actor=request.user, **form.cleaned_data)
        services.report_generate(agency=report.agency, year=report.year, actor=request.user)
        messages.success(request, _("已保存并重新计算。"))
    except UserFacingError as e:
        messages.error(request, e.message)
    return redirect("reports_staff:report", pk=report.pk)


@_staff
@require_POST
def figure_import(request, pk):
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    form = FigureImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择文件。"))
        return redirect("reports_staff:report", pk=report.pk)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > MAX_UPLOAD:
            raise UserFacingError(_("文件超过20MB。"))
        figs = services.manual_figures_import(agency=report.agency, year=report.year, name=upload.name,
                                              data=upload.read(), actor=request.user)
        services.report_generate(agency=report.agency, year=report.year, actor=request.user)
        messages.success(request, _("已导入%(n)s项数据并重新计算。") % {"n": len(figs)})
    except UserFacingError as e:
        messages.error(request, e.message)
    return redirect("reports_staff:report", pk=report.pk)


@_staff
@require_POST
def transition(request, pk, action):
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.report_transition(report=report, action=action, actor=request.user, reason=reason)
        messages.success(request, _("操作成功。"))
    except UserFacingError as e:
        messages.error(request, e.message)
    return redirect("reports_staff:report", pk=report.pk)


@_staff
def download(request, pk, fmt):
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    if fmt not in ("docx", "xlsx"):
        raise Http404
    files = services.report_render_files(report=report)
    types = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    response = HttpResponse(files[fmt], content_type=types[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{report.title}.{fmt}")
    return response


@_staff
def check_upload(request):
    """Check any agency's published report file (and optionally last year's)."""
    if request.method != "POST":
        return redirect("reports_staff:home")
    form = CheckUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要检查的文件。"))
        return redirect("reports_staff:home")
    upload, previous = form.cleaned_data["file"], form.cleaned_data.get("previous")
    try:
        if upload.size > MAX_UPLOAD or (previous and previous.size > MAX_UPLOAD):
            raise UserFacingError(_("文件超过20MB。"))
        check = services.report_check_upload(
            name=upload.name, data=upload.read(), actor=request.user,
            previous_name=previous.name if previous else "", previous_data=previous.read() if previous else None)
    except UserFacingError as e:
        messages.error(request, e.message)
        return redirect("reports_staff:home")
    return redirect("reports_staff:check", pk=check.pk)


@_staff
def check_detail(request, pk):
    check = selectors.check_get_for_user(user=request.user, pk=pk)
    data = ReportData.from_dict(check.result)
    body = render_report_html(data=data)
    return render(request, "reports/check.html", {"check": check, "body": body,
                                                  "findings": findings_for_screen(check.result.get("findings", []))})
