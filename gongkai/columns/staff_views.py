"""Staff pages: the columns (administrator), the 机构概况 of the user's agencies with their workflow and
the review reminder, the 规范性文件 of the user's agencies (统一登记号, coming expiries, reminders, the
yearly 现行有效规范性文件目录)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.models import Document, Status
from gongkai.core.errors import UserFacingError
from gongkai.core.params import int_param

from .forms import ColumnForm, DirectoryForm, LeaderForm, ProfileAgencyForm, ProfileForm, uploaded
from .models import Column, Leader, NormativeEntry, ProfileReminder
from .normative import (NORMATIVE_CATEGORIES, expiry_apply_today, normative_directory_generate, normative_register,
                        reminders_due, reminders_for_user, validity_on)
from .reminders import profile_reminders_for_user
from .selectors import profile_review_days, profile_stale, profiles_for_user
from .services import (PROFILE_FIELDS, column_admin_check, column_update, leader_add, leader_remove,
                       profile_get_or_create, profile_missing, profile_transition, profile_update)
from .transitions import transitions_from


def _is_column_admin(user) -> bool:
    try:
        column_admin_check(user)
        return True
    except UserFacingError:
        return False


@login_required
def column_list(request):
    from .selectors import columns_with_counts

    counts = dict((c.pk, n) for c, n in columns_with_counts())
    columns = [(c, counts.get(c.pk)) for c in Column.objects.prefetch_related("subjects")]
    return render(request, "columns/staff_columns.html", {"columns": columns, "can_edit": _is_column_admin(request.user)})


@login_required
def column_edit(request, pk):
    column = get_object_or_404(Column, pk=pk)
    if not _is_column_admin(request.user):
        return render(request, "console/denied.html", status=403)
    form = ColumnForm(request.POST or None, initial=ColumnForm.initial_for(column))
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            column_update(column=column, actor=request.user, **form.cleaned_data)
            return redirect("columns_staff:columns")
        except UserFacingError as exc:
            error = exc.message
    return render(request, "columns/staff_column_edit.html", {"column": column, "form": form, "error": error},
                  status=400 if request.method == "POST" else 200)


@login_required
def profile_list(request):
    form = ProfileAgencyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            profile = profile_get_or_create(agency=form.cleaned_data["agency"], actor=request.user)
            return redirect("columns_staff:profile", pk=profile.pk)
        except UserFacingError as exc:
            form.add_error(None, exc.message)
    today, days = timezone.localdate(), profile_review_days()
    profile_reminders_for_user(user=request.user, today=today)  # e-mailed from here too without a scheduler
    rows = [{"p": p, "stale": profile_stale(p, today=today, days=days)} for p in profiles_for_user(user=request.user)]
    return render(request, "columns/staff_profiles.html", {"rows": rows, "form": form, "days": days,
                                                           "stale_total": sum(r["stale"] for r in rows)})


def _profile_for(request, pk):
    return get_object_or_404(profiles_for_user(user=request.user), pk=pk)


@login_required
def profile_edit(request, pk):
    profile = _profile_for(request, pk)
    error = ""
    form = ProfileForm(request.POST or None, initial={k: getattr(profile, k) for k in PROFILE_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(profile=profile, actor=request.user, **form.cleaned_data)
            return redirect("columns_staff:profile", pk=profile.pk)
        except UserFacingError as exc:
            error = exc.message
    today = timezone.localdate()
    if request.method == "GET":  # the reminder is seen: it leaves the 工作台
        ProfileReminder.objects.filter(profile=profile, user=request.user, read=False).update(read=True)
    return render(request, "columns/staff_profile.html", {
        "profile": profile, "form": form, "leader_form": LeaderForm(), "error": error,
        "transitions": transitions_from(profile.status), "missing": profile_missing(profile),
        "stale": profile_stale(profile, today=today, days=profile_review_days()), "days": profile_review_days()},
        status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def profile_action(request, pk):
    profile = _profile_for(request, pk)
    action = request.POST.get("action", "")
    try:
        if action == "leader_add":
            form = LeaderForm(request.POST, request.FILES)
            if not form.is_valid():
                raise UserFacingError("；".join(e for errors in form.errors.values() for e in errors))
            d = form.cleaned_data
            leader_add(profile=profile, actor=request.user, name=d["name"], post=d["post"], duties=d["duties"],
                       photo=uploaded(d["photo"]))
        elif action == "leader_remove":
            leader = get_object_or_404(Leader, pk=int_param(request.POST.get("leader"), name="leader", default=0,
                                                            minimum=0), profile=profile)
            leader_remove(leader=leader, actor=request.user)
        else:
            profile_transition(profile=profile, action=action[:20], actor=request.user,
                               reason=request.POST.get("reason", ""))
    except UserFacingError as exc:
        return render(request, "console/denied.html", {"message": exc.message}, status=400)
    return redirect("columns_staff:profile", pk=profile.pk)


@login_required
def normative(request):
    expiry_apply_today()
    today = timezone.localdate()
    agency_ids = agency_ids_for_user(user=request.user)
    documents = list(Document.objects.filter(agency_id__in=agency_ids, category__in=NORMATIVE_CATEGORIES,
                                             status=Status.PUBLISHED).select_related("agency")
                     .order_by("-publish_date", "-id")[:200])
    numbers = dict(NormativeEntry.objects.filter(document__in=documents).values_list("document_id", "registration_no"))
    rows = [{"d": d, "no": numbers.get(d.pk) or "", "validity": validity_on(d, today)} for d in documents]
    form = DirectoryForm(request.POST or None, user=request.user)
    message = ""
    if request.method == "POST" and form.is_valid():
        try:
            directory = normative_directory_generate(agency=form.cleaned_data["agency"], year=form.cleaned_data["year"],
                                                     actor=request.user)
            return redirect("console:document", pk=directory.document_id)
        except UserFacingError as exc:
            message = exc.message
    return render(request, "columns/staff_normative.html", {
        "rows": rows, "form": form, "error": message, "today": today,
        "expiring": reminders_due(today=today).filter(agency_id__in=agency_ids),
        "reminders": reminders_for_user(user=request.user)}, status=400 if message else 200)


@login_required
@require_POST
def normative_number(request, pk):
    document = get_object_or_404(Document, pk=pk, agency_id__in=agency_ids_for_user(user=request.user))
    try:
        normative_register(document=document, actor=request.user,
                           registration_no=request.POST.get("registration_no", "")[:80])
    except UserFacingError as exc:
        return render(request, "console/denied.html", {"message": exc.message}, status=400)
    return redirect("columns_staff:normative")
