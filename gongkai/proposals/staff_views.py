"""Staff pages: the list (交办 form, the yearly summary), one proposal (reply, publish, return)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agencies_for_user, agency_ids_for_user, user_has_role
from gongkai.core.errors import UserFacingError
from gongkai.core.params import int_param

from .forms import ProposalForm, PublishForm, ReplyForm
from .models import ProposalKind, ProposalStatus
from .reminders import reminders_for_user
from .selectors import proposal_for_user, proposals_for_user, proposals_overdue
from .services import proposal_create, proposal_transition
from .summary import proposal_summary_publish, summary_rows, summary_years
from .transitions import HANDLE_ROLES, MANAGE_ROLES, transitions_from

LIMIT = 100  # rows per page


def _list_context(request, form, error=""):
    user = request.user
    today = timezone.localdate()
    qs = proposals_for_user(user=user)
    status = request.GET.get("status", "")
    if status in ProposalStatus.values:
        qs = qs.filter(status=status)
    ids = agency_ids_for_user(user=user)
    overdue = request.GET.get("overdue") == "1"
    if overdue:
        qs = qs.filter(pk__in=proposals_overdue(agency_ids=ids, today=today).values("pk"))
    years = summary_years(agency_ids=ids)
    year = int_param(request.GET.get("year"), name="year", default=years[0] if years else today.year, minimum=2000, maximum=2100)
    summary, totals = summary_rows(agency_ids=ids, year=year)
    managed = agencies_for_user(user=user, roles=MANAGE_ROLES).order_by("path")
    qs = qs.defer("reply_text", "reply_public", "summary", "document__body_html", "document__body_text")
    page = int_param(request.GET.get("page"), name="page", default=1, maximum=10_000)
    kinds = {k: str(label) for k, label in ProposalKind.choices}
    statuses = {k: str(label) for k, label in ProposalStatus.choices}
    rows = [{"p": p, "kind": kinds[p.kind], "status": statuses[p.status],
             "late": p.status == ProposalStatus.ASSIGNED and p.due_date < today,
             "publish_late": p.status in (ProposalStatus.REPLIED, ProposalStatus.SUBMITTED) and bool(
                 p.publish_due and p.publish_due < today)}
            for p in qs.order_by("-assigned_date", "number", "id")[(page - 1) * LIMIT:page * LIMIT + 1]]
    has_next = len(rows) > LIMIT
    rows = rows[:LIMIT]
    query = "&".join(([f"status={status}"] if status in ProposalStatus.values else [])
                     + (["overdue=1"] if overdue else []))
    return {"rows_list": rows, "page": page, "has_next": has_next, "query": query, "form": form, "error": error,
            "today": today, "statuses": ProposalStatus.choices, "status": status, "overdue": overdue, "can_manage": managed.exists(),
            "managed": managed, "years": years, "year": year, "rows": summary, "totals": totals}


@login_required
def staff_list(request):
    form = ProposalForm(request.POST or None, user=request.user)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                p = proposal_create(actor=request.user, kind=d["kind"], session=d["session"], number=d["number"],
                                    title=d["title"], proposer=d["proposer"], proposer_contact=d["proposer_contact"],
                                    lead=d["lead"], assist=list(d["assist"]), assigned_date=d["assigned_date"])
            except UserFacingError as exc:
                error = exc.message
            else:
                return redirect("proposals_staff:detail", pk=p.pk)
        else:
            error = "请检查填写的内容。"
    return render(request, "proposals/staff_list.html", _list_context(request, form, error),
                  status=400 if error else 200)


@login_required
def staff_detail(request, pk):
    proposal = proposal_for_user(user=request.user, pk=pk)
    error = ""
    reply_form, publish_form = ReplyForm(), PublishForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "reply":
                reply_form = ReplyForm(request.POST)
                if not reply_form.is_valid():
                    raise UserFacingError("请选择答复类别并填写复文和答复日期。")
                proposal_transition(proposal=proposal, action="reply", actor=request.user, **reply_form.cleaned_data)
            elif action == "publish":
                publish_form = PublishForm(request.POST)
                if not publish_form.is_valid():
                    raise UserFacingError("请选择公开方式。")
                proposal_transition(proposal=proposal, action="publish", actor=request.user,
                                    **publish_form.cleaned_data)
            else:
                proposal_transition(proposal=proposal, action=action, actor=request.user,
                                    reason=request.POST.get("reason", ""))
        except UserFacingError as exc:
            error = exc.message
        else:
            return redirect("proposals_staff:detail", pk=proposal.pk)
    return render(request, "proposals/staff_detail.html", {
        "p": proposal, "error": error, "reply_form": reply_form, "publish_form": publish_form,
        "transitions": [t for t in transitions_from(proposal.status)
                        if t.roles and user_has_role(user=request.user, agency=proposal.lead, roles=t.roles)],
        "can_handle": user_has_role(user=request.user, agency=proposal.lead, roles=HANDLE_ROLES),
        "assist": list(proposal.assist.all()), "today": timezone.localdate()}, status=400 if error else 200)


@login_required
@require_POST
def staff_summary(request):
    managed = agencies_for_user(user=request.user, roles=MANAGE_ROLES)
    agency = managed.filter(pk=int_param(request.POST.get("agency"), name="agency", default=0, minimum=0)).first()
    year = int_param(request.POST.get("year"), name="year", default=timezone.localdate().year, minimum=2000, maximum=2100)
    try:
        if agency is None:
            raise UserFacingError("请选择机关。")
        document = proposal_summary_publish(agency=agency, year=year, actor=request.user)
    except UserFacingError as exc:
        return render(request, "proposals/staff_list.html",
                      _list_context(request, ProposalForm(user=request.user), exc.message), status=400)
    return redirect("console:document", pk=document.pk)


@login_required
@require_POST
def staff_reminders_read(request):
    """Mark the user's own 建议提案 reminders read (they leave the 工作台)."""
    reminders_for_user(user=request.user).update(read_at=timezone.now())
    return redirect("console:home")
