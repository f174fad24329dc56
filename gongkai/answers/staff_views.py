"""Staff pages of the 问答: the FAQ the 公开办 writes, publishes (through the review) and withdraws."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.errors import UserFacingError

from .forms import FaqForm
from .selectors_staff import faqs_for_user
from .services import faq_create, faq_transition, faq_update
from .transitions import transitions_from


def _page(request, *, form=None, error="", status=200):
    rows = [{"f": f, "transitions": transitions_from(f.status)} for f in faqs_for_user(user=request.user)]
    return render(request, "answers/staff_list.html", {
        "rows": rows, "form": form or FaqForm(user=request.user), "error": error}, status=status)


@login_required
def staff_list(request):
    form = FaqForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            faq_create(agency=d["agency"], actor=request.user, questions=d["questions"], answer=d["answer"],
                       sources=d["sources"])
        except UserFacingError as exc:
            return _page(request, form=form, error=exc.message, status=400)
        return redirect("answers_staff:list")
    return _page(request, form=form, status=400 if request.method == "POST" else 200)


@login_required
def staff_edit(request, pk):
    faq = faqs_for_user(user=request.user).filter(pk=pk).first()
    if faq is None:
        return render(request, "console/denied.html", status=404)
    initial = {"agency": faq.agency, "questions": faq.questions, "answer": faq.answer, "sources": faq.sources}
    form = FaqForm(request.POST or None, user=request.user, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            faq_update(faq=faq, actor=request.user, questions=d["questions"], answer=d["answer"],
                       sources=d["sources"])
            return redirect("answers_staff:list")
        except UserFacingError as exc:
            error = exc.message
    status = 400 if request.method == "POST" else 200
    return render(request, "answers/staff_edit.html", {"faq": faq, "form": form, "error": error}, status=status)


@login_required
@require_POST
def staff_action(request, pk):
    faq = faqs_for_user(user=request.user).filter(pk=pk).first()
    if faq is None:
        return render(request, "console/denied.html", status=404)
    try:
        faq_transition(faq=faq, action=request.POST.get("action", ""), actor=request.user,
                       reason=request.POST.get("reason", ""))
    except UserFacingError as exc:
        return _page(request, error=exc.message, status=400)
    return redirect("answers_staff:list")
