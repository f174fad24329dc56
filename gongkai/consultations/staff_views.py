"""Staff pages: consultations of the user's agencies, the edit form, workflow buttons, the ledger."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agencies_for_user, user_has_role
from gongkai.core.errors import PermissionDeniedError, UserFacingError

from .feedback import figures_counts
from .forms import ConsultationForm, DispositionForm, ExtendForm, LinkFinalForm, StaffCommentForm
from .ledger import comment_dispose, comment_publish, comment_submit, feedback_generate
from .models import Comment, Disposition
from .selectors import (consultation_get_for_user, consultation_list_for_user, feedback_due, feedback_overdue,
                        final_document_for_user, ledger_for_user, ledger_rows)
from .services import (consultation_create, consultation_extend, consultation_link_final, consultation_transition,
                       consultation_update)
from .transitions import EDIT_ROLES, transitions_from


LEDGER_PAGE = 100


def _agencies(request):
    return [a for a in agencies_for_user(user=request.user) if user_has_role(user=request.user, agency=a,
                                                                             roles=EDIT_ROLES)]


@login_required
def staff_list(request):
    from gongkai.agencies.selectors import agency_ids_for_user

    return render(request, "consultations/staff_list.html", {
        "rows": consultation_list_for_user(user=request.user),
        "overdue": feedback_overdue(agency_ids=agency_ids_for_user(user=request.user)),
        "can_create": bool(_agencies(request))})


@login_required
def staff_edit(request, pk=None):
    c = consultation_get_for_user(user=request.user, pk=pk) if pk else None
    agencies = _agencies(request)
    form = ConsultationForm(request.POST or None, request.FILES or None, instance=c)
    agency_id = request.POST.get("agency") or (c.agency_id if c else (agencies[0].pk if agencies else None))
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items()}
        if not request.FILES.get("draft_file"):
            fields.pop("draft_file", None)  # keep the stored file (the form gives it back, or False to clear)
        try:
            if c is None:
                agency = next((a for a in agencies if str(a.pk) == str(agency_id)), None)
                if agency is None:
                    raise PermissionDeniedError("请选择本人有编辑权限的机构。")
                c = consultation_create(agency=agency, actor=request.user, **fields)
            else:
                c = consultation_update(consultation=c, actor=request.user, **fields)
        except UserFacingError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("consultations_staff:detail", pk=c.pk)
    return render(request, "consultations/staff_form.html", {"form": form, "c": c, "agencies": agencies,
                                                             "agency_id": str(agency_id)})


def _detail(request, c, **extra):
    disposition = request.GET.get("d")
    page = Paginator(ledger_for_user(user=request.user, consultation=c,
                                     disposition=disposition if disposition in Disposition.values else None),
                     LEDGER_PAGE).get_page(request.GET.get("page"))
    page.object_list = ledger_rows(consultation=c, rows=page.object_list)
    return render(request, "consultations/staff_detail.html", {
        "c": c, "phase": c.phase(), "rows": page, "figures": figures_counts(consultation=c),
        "transitions": [t for t in transitions_from(c.status) if t.name != "publish"],
        "dispose_form": DispositionForm(), "comment_form": StaffCommentForm(consultation=c),
        "extend_form": ExtendForm(), "final_form": LinkFinalForm(), "dispositions": Disposition.choices, "feedback_due": feedback_due(consultation=c),
        **extra})


@login_required
def staff_detail(request, pk):
    return _detail(request, consultation_get_for_user(user=request.user, pk=pk))


@login_required
@require_POST
def staff_action(request, pk):
    """Every POST of the detail page: a transition, an extension, a comment entered, a disposition,
    publishing a comment, generating the feedback, linking the final document. Errors are shown on the page."""
    c = consultation_get_for_user(user=request.user, pk=pk)
    what = request.POST.get("what", "")
    try:
        if what == "transition":
            consultation_transition(consultation=c, action=request.POST.get("action", ""), actor=request.user,
                                    reason=request.POST.get("reason", ""))
        elif what == "extend":
            form = ExtendForm(request.POST)
            if not form.is_valid():
                raise UserFacingError("请填写延期后的截止日期和理由。")
            consultation_extend(consultation=c, actor=request.user, **form.cleaned_data)
        elif what == "comment":
            form = StaffCommentForm(request.POST, consultation=c)
            if not form.is_valid():
                raise UserFacingError("请填写意见内容和渠道。")
            data = form.cleaned_data
            article = c.articles.filter(pk=data.pop("article")).first() if data.get("article") else None
            data.pop("article", None)
            comment_submit(consultation=c, actor=request.user, article=article, **data)
        elif what in ("dispose", "publish", "hide"):
            comment = get_object_or_404(Comment, pk=request.POST.get("comment"), consultation=c)
            if what == "dispose":
                form = DispositionForm(request.POST)
                if not form.is_valid():
                    raise UserFacingError("请选择处理结果。")
                comment_dispose(comment=comment, actor=request.user, **form.cleaned_data)
            else:
                comment_publish(comment=comment, actor=request.user, public=what == "publish")
        elif what == "final":
            form = LinkFinalForm(request.POST)
            document = final_document_for_user(user=request.user, index_no=request.POST.get("index_no", ""))
            if not form.is_valid() or document is None:
                raise UserFacingError("未找到该索引号对应的本机关公开文件。")
            consultation_link_final(consultation=c, document=document, actor=request.user)
        elif what == "feedback":
            feedback_generate(consultation=c, actor=request.user)
        else:
            raise UserFacingError("未知操作。")
    except UserFacingError as exc:
        c.refresh_from_db()
        return _detail(request, c, error=exc.message)
    return redirect("consultations_staff:detail", pk=c.pk)
