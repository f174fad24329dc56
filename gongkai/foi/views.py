"""Public pages: apply, see the tracking number and query code once, track a case."""
from django.db import InterfaceError, OperationalError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.challenge import challenge_released_on_failure
from gongkai.core.errors import UserFacingError

from . import paper
from .forms import ApplicationForm, RecoverForm, TrackForm
from .recovery import case_query_code_resend
from .selectors import applicant_notices, case_public_get, case_public_view
from .services import case_submit_online

SESSION_DONE = "foi_done"
SESSION_TRACKED = "foi_tracked"


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    """Show and accept the application form (条例第二十九条)."""
    if request.method != "POST":
        return render(request, "foi/apply.html", _apply_context(request, ApplicationForm()))
    form = ApplicationForm(request.POST, request.FILES)
    try:
        if form.is_valid():
            with challenge_released_on_failure(form):
                case, code = case_submit_online(agency=form.cleaned_data["agency"], fields=form.service_fields(),
                                                identity_file=form.cleaned_data.get("identity_file"))
            request.session[SESSION_DONE] = {"tracking_no": case.tracking_no, "code": code}
            _remember(request, case)
            return redirect("foi:done")
    except UserFacingError as exc:
        form.add_error(None, exc.message)
    except (OperationalError, InterfaceError) as exc:
        return _not_saved(request, form, exc)
    return render(request, "foi/apply.html", _apply_context(request, form))


def _apply_context(request, form) -> dict:
    # A file input cannot be filled again by the page: say so when the form comes back with errors.
    lost = request.method == "POST" and request.FILES.get("identity_file")
    return {"form": form, "lost_file": lost.name if lost else "", "pdf_available": paper.pdf_available()}


def _not_saved(request, form, exc):
    """The database failed before the application was saved (its transaction rolled back and its
    challenge was given back): show the form again as the person filled it in, saying so plainly. If
    even that page cannot be made, the error goes on to the site's 503 page, which says the same."""
    form.add_error(None, _("数据库暂时不可用，您的申请没有保存。您填写的内容仍在下方（身份证明文件需重新选择），"
                           "请稍后再次点击“提交申请”。"))
    try:
        response = render(request, "foi/apply.html", _apply_context(request, form), status=503)
    except (OperationalError, InterfaceError):
        raise exc from None
    response["Retry-After"] = "30"
    return response


@never_cache
def done(request):
    """Show the tracking number and query code once, right after filing."""
    data = request.session.pop(SESSION_DONE, None)
    if not data:
        return redirect("foi:track")
    return render(request, "foi/done.html", data)


def _remember(request, case):
    tracked = set(request.session.get(SESSION_TRACKED, []))
    tracked.add(case.pk)
    request.session[SESSION_TRACKED] = sorted(tracked)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Look a case up by tracking number and query code; show status and deadlines, nothing personal."""
    view = None
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = case_public_get(tracking_no=form.cleaned_data["tracking_no"], code=form.cleaned_data["code"])
        if case is None:
            form.add_error(None, _("申请编号或查询码不正确。"))
        else:
            _remember(request, case)
            view = case_public_view(case)
    response = render(request, "foi/track.html", {"form": form, "case": view})
    response["Cache-Control"] = "no-store"
    return response


def notice_download(request, pk):
    """Download a notice of a case this browser has opened with its query code."""
    notice = applicant_notices(case_ids=request.session.get(SESSION_TRACKED, [])).filter(pk=pk).first()
    if notice is None:
        raise Http404
    response = FileResponse(notice.file.open("rb"), as_attachment=True, filename=f"{notice.number}.docx")
    response["Cache-Control"] = "no-store"
    return response


def file_download(request, pk):
    """Download a disclosed file of a case this browser has opened with its query code (logged)."""
    from .disclosure import file_download_record, files_public
    from .models import Case

    case = Case.objects.filter(pk__in=request.session.get(SESSION_TRACKED, []),
                               disclosed_files__pk=pk).first()
    item = next((f for f in files_public(case) if f.pk == pk), None) if case else None
    if item is None:
        raise Http404
    file_download_record(item=item, ip=request.META.get("REMOTE_ADDR", ""),
                         user_agent=request.META.get("HTTP_USER_AGENT", ""))
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def recover(request):
    """Send a new query code to the e-mail address or phone number the application gave."""
    form = RecoverForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        case_query_code_resend(tracking_no=form.cleaned_data["tracking_no"], contact=form.cleaned_data["contact"])
        sent = True  # the same answer whether or not it matched: the page reveals nothing
    return render(request, "foi/recover.html", {"form": form, "sent": sent})


def form_docx(request):
    """The blank paper application form (.docx)."""
    response = HttpResponse(paper.application_form_docx(), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E7%94%B3%E8%AF%B7%E8%A1%A8.docx"
    return response


def form_pdf(request):
    """The blank paper application form (PDF, converted by LibreOffice)."""
    try:
        data = paper.application_form_pdf()
    except UserFacingError:
        raise Http404
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf"
    return response
