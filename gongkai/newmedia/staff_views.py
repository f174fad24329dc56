"""Staff pages: the account registry with its workflow, post dates (entered or imported) and the
stale accounts of the user's agencies."""
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.core.errors import UserFacingError

from .forms import AccountForm, ImportForm, PostDateForm, uploaded
from .imports import post_dates_import
from .liveness import STALE_AFTER_DAYS, account_is_stale, days_silent
from .selectors import accounts_for_user, stale_counts_by_agency
from .services import account_create, account_post_date_set, account_transition
from .transitions import transitions_from


def _page(request, *, form=None, error="", result=None, status=200):
    today = timezone.localdate()
    accounts = accounts_for_user(user=request.user)
    rows = [{"a": a, "stale": account_is_stale(a, today), "silent": days_silent(a, today),
             "transitions": transitions_from(a.status)} for a in accounts]
    return render(request, "newmedia/staff_list.html", {
        "rows": rows, "form": form or AccountForm(user=request.user), "error": error, "result": result,
        "post_form": PostDateForm(), "import_form": ImportForm(), "stale_days": STALE_AFTER_DAYS,
        "stale_by_agency": stale_counts_by_agency(agency_ids=agency_ids_for_user(user=request.user), today=today),
        "stale_total": sum(1 for r in rows if r["stale"])}, status=status)


@login_required
def staff_list(request):
    form = AccountForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            account_create(agency=d["agency"], actor=request.user, platform=d["platform"], name=d["name"],
                           account_id=d["account_id"], operator_name=d["operator_name"],
                           operator_phone=d["operator_phone"], qr=uploaded(d["qr"]))
        except UserFacingError as exc:
            return _page(request, form=form, error=exc.message, status=400)
        return redirect("newmedia_staff:list")
    return _page(request, form=form, status=400 if request.method == "POST" else 200)


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise UserFacingError("日期格式无效。") from None


@login_required
@require_POST
def staff_action(request, pk):
    account = accounts_for_user(user=request.user).filter(pk=pk).first()
    if account is None:
        return render(request, "console/denied.html", status=404)
    action = request.POST.get("action", "")
    try:
        if action == "post_date":
            form = PostDateForm(request.POST)
            if not form.is_valid():
                raise UserFacingError("请填写有效的最新发布日期。")
            account_post_date_set(account=account, actor=request.user, date=form.cleaned_data["date"])
        else:
            changes = None
            if action == "change":
                changes = {f: request.POST.get(f) or None for f in ("name", "account_id", "operator_name",
                                                                    "operator_phone")}
                changes["qr"] = uploaded(request.FILES.get("qr"))
            account_transition(account=account, action=action, actor=request.user,
                               reason=request.POST.get("reason", ""), changes=changes,
                               filing_no=request.POST.get("filing_no", ""), date=_date(request.POST.get("date")))
    except UserFacingError as exc:
        return _page(request, error=exc.message, status=400)
    return redirect("newmedia_staff:list")


@login_required
@require_POST
def staff_import(request):
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, error="请选择 CSV 文件。", status=400)
    try:
        result = post_dates_import(actor=request.user, data=form.cleaned_data["file"].read())
    except UserFacingError as exc:
        return _page(request, error=exc.message, status=400)
    return _page(request, result=result)
