"""Console pages for the disclosure office: dashboard, cases, actions, notices, appeals, templates."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_ids_for_user, user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import UserFacingError
from gongkai.core.params import int_param

from . import notices as notice_lib
from .forms import (AppealForm, AppealUpdateForm, PublishForm, RegisterForm, TemplateUploadForm,
                    action_form_class)
from .models import (CLOCK_STATUSES, Appeal, FeeMethod, Notice, NoticeKind, NoticeStatus, NoticeTemplate,
                     Notification, Outcome, Status)
from .reminders import notifications_for_user, reminders_refresh
from .staff_files import DisclosedFileForm
from .selectors import case_get_for_user, case_list, case_timeline, dashboard, foi_agency_ids
from .services import (appeal_add, appeal_update, case_clock, case_fee_preview, case_publish_proactively,
                       case_register, case_transition, notice_retry, notice_template_reset,
                       notice_template_set, review_submitted_text, today)
from .transitions import OFFICE_ROLES, TRANSITIONS, transitions_available


def _require_staff(request):
    if not foi_agency_ids(user=request.user):
        raise PermissionDenied(_("您没有依申请公开的办理权限。"))


def _handlers(agency):
    """Active users who may handle the agency's cases (candidates: holders of an office role)."""
    candidates = get_user_model().objects.filter(
        is_active=True, memberships__role__in=[str(r) for r in OFFICE_ROLES]).distinct()
    ids = [u.pk for u in candidates if user_has_role(user=u, agency=agency, roles=OFFICE_ROLES)]
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


@login_required
def dashboard_view(request):
    """Open cases per agency and in total: by state, due soon, overdue, paused, provisional."""
    _require_staff(request)
    reminders_refresh(user=request.user, today=today())
    data = dashboard(user=request.user, today=today())
    unread = notifications_for_user(user=request.user, unread_only=True)[:10]
    return render(request, "foi_staff/dashboard.html", {"dash": data, "unread": unread, "today": today()})


@login_required
def cases_view(request):
    _require_staff(request)
    agency_id = int_param(request.GET.get("agency"), name="agency")
    qs = case_list(user=request.user, agency_id=agency_id, status=request.GET.get("status", ""),
                   bucket=request.GET.get("bucket", ""), q=request.GET.get("q", "").strip(), today=today())
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    agencies = Agency.objects.filter(id__in=foi_agency_ids(user=request.user))
    return render(request, "foi_staff/cases.html", {
        "page": page, "agencies": agencies, "statuses": Status.choices, "params": request.GET,
        "buckets": [("open", _("未办结")), ("due_soon", _("3个工作日内到期")), ("overdue", _("已超期")),
                    ("paused", _("暂停计时")), ("provisional", _("暂定期限")), ("unconfirmed", _("待确认"))],
        "today": today()})


@login_required
def register_view(request):
    """Register an application received in person, by post, by fax or online."""
    _require_staff(request)
    agencies = Agency.objects.filter(id__in=agency_ids_for_user(user=request.user, roles=OFFICE_ROLES))
    form = RegisterForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            case, code = case_register(agency=form.cleaned_data["agency"], actor=request.user,
                                       channel=form.cleaned_data["channel"],
                                       received_date=form.cleaned_data["received_date"],
                                       fields=form.service_fields(),
                                       identity_file=form.cleaned_data.get("identity_file"),
                                       note=form.cleaned_data.get("note", ""))
        except UserFacingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已登记，申请编号 %(no)s，查询码 %(code)s（已写入登记回执，请告知申请人）。")
                             % {"no": case.tracking_no, "code": code})
            return redirect("foi_staff:case", pk=case.pk)
    return render(request, "foi_staff/register.html", {"form": form})


@login_required
def case_view(request, pk):
    """A case: facts, derived deadlines and how they were computed, timeline, actions, notices."""
    _require_staff(request)
    case = case_get_for_user(user=request.user, pk=pk)
    clock = case_clock(case=case) if case.received_date else None
    actions = []
    for t in transitions_available(case.status):
        if request.user.is_superuser or user_has_role(user=request.user, agency=case.agency, roles=t.roles):
            kwargs = {"handlers": _handlers(case.agency)} if t.name == "assign" else {}
            actions.append({"t": t, "form": action_form_class(t.name)(prefix=t.name, **kwargs)})
    fee_item = None
    if case.status == Status.PROCESSING and case.received_date:
        fee_item = case_fee_preview(case=case, method=FeeMethod.PER_ITEM)
    return render(request, "foi_staff/case.html", {
        "case": case, "clock": clock, "timeline": case_timeline(case=case), "actions": actions,
        "notices": case.notices.all(), "appeals": case.appeals.all(), "appeal_form": AppealForm(),
        "appeal_update_form": AppealUpdateForm(), "review": review_submitted_text(case.info_description),
        "fee_item": fee_item, "fee_pauses": settings.GONGKAI.get("FEE_WINDOW_PAUSES_CLOCK", True),
        "can_publish": case.outcome in (Outcome.GRANTED, Outcome.PARTIAL),
        "publish_form": PublishForm(initial={"title": case.info_title}), "today": today(),
        "pdf_available": bool(notice_lib.soffice_path()),
        "files": case.disclosed_files.annotate(download_count=Count("downloads")),
        "file_form": DisclosedFileForm(prefix=None), "can_add_files": case.status in CLOCK_STATUSES})


@login_required
@require_POST
def case_act_view(request, pk, action):
    """Take one workflow action on a case (the service checks the role and the state)."""
    _require_staff(request)
    case = case_get_for_user(user=request.user, pk=pk)
    if action not in TRANSITIONS:
        raise Http404
    kwargs = {"handlers": _handlers(case.agency)} if action == "assign" else {}
    form = action_form_class(action)(request.POST, prefix=action, **kwargs)
    if not form.is_valid():
        errors = "；".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("未执行“%(a)s”：%(e)s") % {"a": TRANSITIONS[action].label, "e": errors})
        return redirect("foi_staff:case", pk=case.pk)
    try:
        case_transition(case=case, action=action, actor=request.user, date=form.cleaned_data.get("date"),
                        reason=form.cleaned_data.get("reason", ""), **form.params())
    except UserFacingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已完成：%(a)s") % {"a": TRANSITIONS[action].label})
    return redirect("foi_staff:case", pk=case.pk)


@login_required
@require_POST
def appeal_add_view(request, pk):
    _require_staff(request)
    case = case_get_for_user(user=request.user, pk=pk)
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            appeal_add(case=case, actor=request.user, **form.cleaned_data)
        except UserFacingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已登记复议或诉讼。"))
    else:
        messages.error(request, _("请检查复议或诉讼信息。"))
    return redirect("foi_staff:case", pk=case.pk)


@login_required
@require_POST
def appeal_update_view(request, pk):
    _require_staff(request)
    appeal = get_object_or_404(Appeal, pk=pk)
    case_get_for_user(user=request.user, pk=appeal.case_id)
    form = AppealUpdateForm(request.POST)
    if form.is_valid():
        try:
            appeal_update(appeal=appeal, actor=request.user, **form.cleaned_data)
        except UserFacingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已更新结果。"))
    return redirect("foi_staff:case", pk=appeal.case_id)


@login_required
@require_POST
def publish_view(request, pk):
    """条例第四十四条：转为主动公开（生成公开目录草稿）。"""
    _require_staff(request)
    case = case_get_for_user(user=request.user, pk=pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            document = case_publish_proactively(case=case, actor=request.user, **form.cleaned_data)
        except UserFacingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已生成主动公开草稿：%(t)s") % {"t": document.title})
    return redirect("foi_staff:case", pk=case.pk)


def _notice_for(request, pk):
    notice = get_object_or_404(Notice.objects.select_related("case"), pk=pk)
    case_get_for_user(user=request.user, pk=notice.case_id)
    return notice


def _not_issued(request, notice):
    """The case page with a message, for a notice still being generated or whose generation failed."""
    if notice.status == NoticeStatus.FAILED:
        messages.error(request, _("文书“%(no)s”生成失败：%(error)s") % {"no": notice.number, "error": notice.error})
    else:
        messages.info(request, _("文书“%(no)s”正在生成，请稍后刷新页面。") % {"no": notice.number})
    return redirect("foi_staff:case", pk=notice.case_id)


@login_required
def notice_docx_view(request, pk):
    _require_staff(request)
    notice = _notice_for(request, pk)
    if not notice.is_issued:
        return _not_issued(request, notice)
    return FileResponse(notice.file.open("rb"), as_attachment=True, filename=f"{notice.number}.docx")


@login_required
@require_POST
def notice_retry_view(request, pk):
    """Generate a failed notice again (after the template was fixed)."""
    _require_staff(request)
    notice = _notice_for(request, pk)
    try:
        notice = notice_retry(notice=notice, actor=request.user)
    except UserFacingError as exc:
        messages.error(request, exc.message)
    else:
        if notice.status == NoticeStatus.FAILED:
            messages.error(request, _("文书“%(no)s”仍未能生成：%(error)s") % {"no": notice.number, "error": notice.error})
        else:
            messages.success(request, _("已重新生成文书“%(no)s”。") % {"no": notice.number} if notice.is_issued
                             else _("文书“%(no)s”已重新排队生成。") % {"no": notice.number})
    return redirect("foi_staff:case", pk=notice.case_id)


@login_required
def notice_pdf_view(request, pk):
    _require_staff(request)
    notice = _notice_for(request, pk)
    if not notice.is_issued:
        return _not_issued(request, notice)
    with notice.file.open("rb") as fh:
        data = fh.read()
    try:
        pdf = notice_lib.docx_to_pdf(data)
    except UserFacingError as exc:
        messages.error(request, exc.message)
        return redirect("foi_staff:case", pk=notice.case_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{notice.number}.pdf")
    return response


@login_required
def identity_view(request, pk):
    """The applicant's identity document, for staff of the case's agency only."""
    _require_staff(request)
    case = case_get_for_user(user=request.user, pk=pk)
    if not case.identity_file:
        raise Http404
    audit_record(actor=request.user, action="foi.identity_view", obj=case)
    response = FileResponse(case.identity_file.open("rb"), as_attachment=True)
    response["Cache-Control"] = "no-store"
    return response


def _template_scopes(user) -> list:
    """The scopes this user may change: the government-wide default (superusers) and the agencies
    where the user is 管理员, as (value, label, agency or None)."""
    from gongkai.agencies.models import Role

    scopes = [("global", _("全局默认（全部机关）"), None)] if user.is_superuser else []
    admin_ids = agency_ids_for_user(user=user, roles={Role.ADMIN})
    scopes += [(str(a.pk), a.name, a) for a in Agency.objects.filter(pk__in=admin_ids).order_by("path", "id")]
    return scopes


def _template_scope(request, scopes):
    """The scope the page shows: ?agency= (one the user may change or see), else the first one."""
    wanted = request.POST.get("agency") or request.GET.get("agency") or ""
    for value, label, agency in scopes:
        if value == wanted:
            return value, label, agency
    if wanted:
        if not wanted.isdigit() or int(wanted) not in agency_ids_for_user(user=request.user):
            raise Http404
        agency = get_object_or_404(Agency, pk=int(wanted))
        return wanted, agency.name, agency
    if scopes:
        return scopes[0]
    agency = Agency.objects.filter(pk__in=foi_agency_ids(user=request.user)).order_by("path", "id").first()
    return (str(agency.pk), agency.name, agency) if agency else ("global", _("全局默认（全部机关）"), None)


@login_required
def templates_view(request):
    """Notice templates of one agency: the shipped defaults, the government-wide and the agency's replacements."""
    _require_staff(request)
    scopes = _template_scopes(request.user)
    scope, scope_label, agency = _template_scope(request, scopes)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    back = f"{request.path}?agency={scope}"
    if request.method == "POST":
        if request.POST.get("reset"):
            try:
                notice_template_reset(key=request.POST["reset"], actor=request.user, agency=agency)
            except UserFacingError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("已恢复默认模板。"))
            return redirect(back)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > notice_lib.TEMPLATE_MAX_BYTES:
                messages.error(request, _("模板文件不能超过5MB。"))
            else:
                try:
                    notice_template_set(key=form.cleaned_data["key"], data=upload.read(), actor=request.user,
                                        agency=agency)
                except UserFacingError as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(request, _("模板已更新。"))
                    return redirect(back)
    own = {t.key: t for t in NoticeTemplate.objects.filter(agency=agency)}
    shared = {t.key: t for t in NoticeTemplate.objects.filter(agency__isnull=True)} if agency else {}
    keys = list(NoticeKind.choices) + [(k, _("答复书：%(o)s") % {"o": Outcome(k[6:]).label})
                                       for k in sorted(set(own) | set(shared)) if k.startswith("reply_")]
    rows = [{"key": k, "label": label, "override": own.get(k), "shared": shared.get(k)} for k, label in keys]
    return render(request, "foi_staff/templates.html", {
        "rows": rows, "form": form, "scope": scope, "scope_label": scope_label, "scopes": scopes,
        "can_change": any(value == scope for value, _l, _a in scopes),
        "variables": sorted(notice_lib.TEMPLATE_VARIABLES)})


@login_required
def template_download_view(request, key):
    _require_staff(request)
    if key not in NoticeKind.values and not (key.startswith("reply_") and key[6:] in Outcome.values):
        raise Http404
    _scope, _label, agency = _template_scope(request, _template_scopes(request.user))
    kind, outcome = (NoticeKind.REPLY, key[6:]) if key.startswith("reply_") else (key, "")
    data = notice_lib.template_bytes(kind, outcome, agency.pk if agency else None)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="{key}.docx"'
    return response


@login_required
def notifications_view(request):
    _require_staff(request)
    if request.method == "POST":
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("foi_staff:notifications")
    reminders_refresh(user=request.user, today=today())
    items = notifications_for_user(user=request.user)[:200]
    return render(request, "foi_staff/notifications.html", {"items": items})
