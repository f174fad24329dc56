"""Public pages: the consultations list, a consultation with its draft, and the comment form."""
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.challenge import challenge_released_on_failure
from gongkai.core.errors import UserFacingError

from .forms import CommentForm
from .ledger import comment_submit
from .models import Phase
from .selectors import comments_public, consultation_get_public, consultation_list_public

PHASES = [("", _("全部")), (Phase.OPEN, _("征集中")), (Phase.CLOSED, _("已结束")), (Phase.FEEDBACK, _("已反馈"))]
SESSION_RECEIPT = "consultation_receipt"


def consultation_list(request):
    phase = request.GET.get("phase", "")
    if phase not in dict(PHASES):
        phase = ""
    rows = consultation_list_public(phase=phase)[:200]
    return render(request, "consultations/list.html", {"rows": rows, "phase": phase, "phases": PHASES})


@never_cache
@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk):
    c = consultation_get_public(pk=pk)
    phase = c.phase()
    form = None
    if phase == Phase.OPEN:
        initial = {"article": request.GET.get("article", "")}
        form = CommentForm(request.POST or None, consultation=c, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            article = c.articles.filter(pk=data["article"]).first() if data["article"] else None
            try:
                with challenge_released_on_failure(form):
                    comment = comment_submit(consultation=c, body=data["body"], article=article, name=data["name"],
                                             phone=data["phone"], email=data["email"])
            except UserFacingError as exc:
                form.add_error(None, exc.message)
            else:
                request.session[SESSION_RECEIPT] = comment.receipt_no
                return redirect("consultations:done", pk=c.pk)
    return render(request, "consultations/detail.html", {
        "c": c, "phase": phase, "form": form, "articles": c.articles.all(), "events": c.events.all(),
        "comments": comments_public(consultation=c)})


@never_cache
def comment_done(request, pk):
    c = consultation_get_public(pk=pk)
    receipt = request.session.pop(SESSION_RECEIPT, None)
    if not receipt:
        return redirect("consultations:detail", pk=c.pk)
    return render(request, "consultations/done.html", {"c": c, "receipt_no": receipt})
