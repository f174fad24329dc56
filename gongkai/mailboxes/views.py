"""Public pages: the mailboxes, writing a message (challenge, number and query code), tracking and
rating it, replied public messages, monthly statistics."""
import datetime as dt

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.challenge import challenge_released_on_failure
from gongkai.core.errors import UserFacingError
from gongkai.core.paging import page_uncounted

from .forms import MessageForm, RateForm, TrackForm
from .selectors import (mailbox_get_public, mailboxes_public, message_get_public, message_similar_answered,
                        message_track, messages_public)
from .services import message_submit, message_transition
from .stats import month_stats

SESSION_DONE = "mailbox_done"


def index(request):
    q = request.GET.get("q", "")
    page = page_uncounted(messages_public(q=q), request.GET.get("page"), per_page=20)
    return render(request, "mailboxes/index.html", {"boxes": mailboxes_public(), "page": page, "q": q})


def mailbox(request, slug):
    box = mailbox_get_public(slug=slug)
    q = request.GET.get("q", "")
    page = page_uncounted(messages_public(mailbox=box, q=q), request.GET.get("page"), per_page=20)
    return render(request, "mailboxes/mailbox.html", {"box": box, "page": page, "q": q})


def message(request, slug, number):
    m = message_get_public(slug=slug, number=number)
    return render(request, "mailboxes/message.html", {"m": m})


@never_cache
@require_http_methods(["GET", "POST"])
def write(request, slug):
    box = mailbox_get_public(slug=slug)
    form = MessageForm(request.POST or None, request.FILES or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with challenge_released_on_failure(form):
                m, code = message_submit(mailbox=box, type=d["type"], title=d["title"], body=d["body"], name=d["name"],
                                         phone=d["phone"], email=d["email"], wants_public=d["wants_public"],
                                         anonymous=d["anonymous"], attachment=d.get("attachment"))
        except UserFacingError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[SESSION_DONE] = {"number": m.number, "code": code, "title": m.title,
                                              "reply_due": m.reply_due and m.reply_due.isoformat(),
                                              "accept_due": m.accept_due.isoformat()}
            return redirect("mailboxes:done", slug=box.slug)
    elif request.method == "POST":
        similar = message_similar_answered(title=request.POST.get("title", ""), body=request.POST.get("body", ""))
    return render(request, "mailboxes/write.html", {"box": box, "form": form, "similar": similar})


@never_cache
def done(request, slug):
    data = request.session.pop(SESSION_DONE, None)
    if not data:
        return redirect("mailboxes:track")
    similar = message_similar_answered(title=data["title"], body="")
    return render(request, "mailboxes/done.html", {**data, "similar": similar})


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    m, rate_form, error = None, None, ""
    if request.method == "POST" and form.is_valid():
        m = message_track(number=form.cleaned_data["number"], code=form.cleaned_data["code"])
        if m is None:
            form.add_error(None, _("留言编号或查询码不正确。"))
        elif "rating" in request.POST:
            rate_form = RateForm(request.POST)
            if rate_form.is_valid():
                try:
                    m = message_transition(message=m, action="rate", actor=None, code=form.cleaned_data["code"],
                                           rating=rate_form.cleaned_data["rating"],
                                           reason=rate_form.cleaned_data["reason"])
                except UserFacingError as exc:
                    error = exc.message
        if m is not None and m.status == "replied":
            rate_form = rate_form or RateForm()
    response = render(request, "mailboxes/track.html", {"form": form, "m": m, "rate_form": rate_form,
                                                         "error": error})
    response["Cache-Control"] = "no-store"
    return response


def stats(request):
    """Monthly figures per mailbox and unit. Without a month: the last complete month (the one the
    monthly statistics document reports); the current month is one click away."""
    today = timezone.localdate()
    current = f"{today:%Y-%m}"
    previous = f"{today.replace(day=1) - dt.timedelta(days=1):%Y-%m}"
    month = request.GET.get("month") or previous
    try:
        data = month_stats(month=month)
    except (ValueError, TypeError):
        month = previous
        data = month_stats(month=month)
    return render(request, "mailboxes/stats.html", {"month": month, "stats": data, "current": current,
                                                    "previous": previous})
