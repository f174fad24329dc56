"""Staff console of the review app: scan a text or file, see findings in place, integrity status."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import UserFacingError

from .forms import ScanForm
from .labels import KIND_LABELS, SIGNAL_LABELS
from .models import IntegrityRun
from .selectors import (integrity_latest_for_user, integrity_run_allowed, review_console_allowed,
                        review_records_for_user)
from .services import deidentify, integrity_run_create, review_text, spam_clean_text, text_for_scan


def _segments(text: str, report) -> list[dict]:
    """Split `text` into plain and highlighted pieces (non-overlapping, in order)."""
    marks = [(f.start, f.end, "mark-secrecy", KIND_LABELS["secrecy"]) for f in report.secrecy]
    marks += [(p.start, p.end, "mark-spam", KIND_LABELS["spam"]) for p in report.spam.passages if p.source == "text"]
    marks += [(f.start, f.end, "mark-pii" if f.personal else "mark-public",
               str(KIND_LABELS[f.kind]) + ("" if f.personal else _("（公开信息）"))) for f in report.pii]
    marks.sort(key=lambda m: (m[0], -m[1]))
    segments, pos = [], 0
    for start, end, cls, label in marks:
        if start < pos:
            continue
        if start > pos:
            segments.append({"text": text[pos:start]})
        segments.append({"text": text[start:end], "cls": cls, "label": label})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:]})
    return segments


def _context(request, **extra):
    run, problems = integrity_latest_for_user(user=request.user)
    return {"run": run, "problems": problems, "can_run": integrity_run_allowed(user=request.user),
            "records": review_records_for_user(user=request.user), **extra}


@login_required
def home(request):
    """Scan a text or file and show the latest integrity check."""
    if not review_console_allowed(user=request.user):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = ScanForm(request.POST, request.FILES)
        if form.is_valid():
            text, html = form.cleaned_data["text"] or "", None
            try:
                upload = form.cleaned_data.get("file")
                if upload is not None:
                    text, html = text_for_scan(name=upload.name, data=upload.read())
                report = review_text(text=text, html=html, context=form.cleaned_data["title"])
                clean, _removed = spam_clean_text(text=text, context=form.cleaned_data["title"])
                result = {
                    "report": report, "segments": _segments(text, report),
                    "deidentified": deidentify(clean, context=form.cleaned_data["title"]),
                    "html_passages": [p for p in report.spam.passages if p.source == "html"],
                    "kind_labels": KIND_LABELS,
                    "signals": [[str(SIGNAL_LABELS.get(s, s)) for s in p.signals] for p in report.spam.passages],
                }
            except UserFacingError as exc:
                form.add_error(None, exc.message)
    else:
        form = ScanForm()
    return render(request, "review/home.html", _context(request, form=form, result=result))


@login_required
@require_POST
def integrity_run(request):
    """Run the integrity check now (公开办 and administrators)."""
    if not integrity_run_allowed(user=request.user):
        raise PermissionDenied
    run = integrity_run_create(source=IntegrityRun.Source.CONSOLE, actor=request.user)
    if run.ok:
        messages.success(request, _("完整性检查通过。"))
    else:
        messages.error(request, _("完整性检查发现 %(n)d 个问题。") % {"n": len(run.problems)})
    return redirect("review_staff:home")
