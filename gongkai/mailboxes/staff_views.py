"""Staff pages: the messages routed to the user's agencies, one message with its actions, and the
monthly statistics published as a document."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_for_user
from gongkai.core.errors import UserFacingError

from .forms import StaffActionForm
from .models import Mailbox, MessageStatus, MessageType, RejectReason
from .reminders import reminders_mark_read, reminders_send
from .selectors import (message_assign_targets, message_get_for_user, message_is_dispatcher, messages_for_user,
                        messages_passed_on)
from .services import message_transition
from .stats import stats_publish
from .transitions import transitions_from


# what a row of the staff list shows (the rest of a message, its texts, stays in the database)
LIST_FIELDS = ("id", "number", "title", "type", "received_at", "status", "accept_due", "reply_due", "supervised_on",
               "mailbox__name", "handler__name")


@login_required
def staff_list(request):
    status = request.GET.get("status", "")
    overdue = request.GET.get("overdue") == "1"
    passed = request.GET.get("passed") == "1"  # 转出: what we passed on to another unit, to follow up on
    if passed:
        status, overdue = "", False
        qs = messages_passed_on(user=request.user)
    else:
        qs = messages_for_user(user=request.user, status=status if status in MessageStatus.values else None,
                               overdue_on=timezone.localdate() if overdue else None)
    agencies = agencies_for_user(user=request.user)
    rows = list(qs.only(*LIST_FIELDS)[:300])
    # labels looked up once per page, not through get_FOO_display (which rebuilds the choices) per row
    types, statuses = ({k: str(v) for k, v in c.choices} for c in (MessageType, MessageStatus))
    for m in rows:
        m.type_label, m.status_label = types.get(m.type, m.type), statuses.get(m.status, m.status)
    return render(request, "mailboxes/staff_list.html", {
        "rows": rows, "status": status, "overdue": overdue, "passed": passed, "statuses": MessageStatus.choices,
        "today": timezone.localdate(), "month": f"{timezone.localdate():%Y-%m}",
        "boxes_agencies": Agency.objects.filter(mailboxes__in=Mailbox.objects.filter(agency__in=agencies)).distinct()})


def _detail(request, m, error=""):
    today = timezone.localdate()
    due = m.accept_due if m.status == MessageStatus.SUBMITTED else m.reply_due
    overdue = m.status in (MessageStatus.SUBMITTED, MessageStatus.ACCEPTED) and due is not None and due < today
    if getattr(m, "follow_only", False):  # passed on by us: followed, not acted on
        return render(request, "mailboxes/staff_detail.html", {
            "m": m, "events": m.events.select_related("actor", "to_agency"), "transitions": [], "follow_only": True,
            "overdue": overdue, "error": error, "today": today}, status=400 if error else 200)
    dispatcher = message_is_dispatcher(user=request.user, message=m)
    targets = list(message_assign_targets(user=request.user, message=m))
    hidden = ({"rate"} | ({"assign"} if not targets else set()) | ({"supervise"} if not (dispatcher and overdue) else set())
              | ({"return"} if m.handler_id == m.mailbox.agency_id else set()))  # nobody to return it to
    return render(request, "mailboxes/staff_detail.html", {
        "m": m, "events": m.events.select_related("actor", "to_agency"), "transitions": [
            t for t in transitions_from(m.status) if t.name not in hidden],
        "reject_reasons": RejectReason.choices, "targets": targets, "overdue": overdue,
        "error": error, "today": today}, status=400 if error else 200)


@login_required
def staff_detail(request, pk):
    return _detail(request, message_get_for_user(user=request.user, pk=pk, passed_on=True))


@login_required
@require_POST
def staff_action(request, pk):
    m = message_get_for_user(user=request.user, pk=pk)
    form = StaffActionForm(request.POST)
    if not form.is_valid():
        return _detail(request, m, error="提交的内容无效，请检查后重试。")
    d = form.cleaned_data
    to_agency = Agency.objects.filter(pk=d["to_agency"]).first() if d["to_agency"] else None  # checked by the service
    try:
        message_transition(message=m, action=d["action"], actor=request.user, reason=d["reason"], reply=d["reply"],
                           reject_reason=d["reject_reason"], workdays=d["workdays"], to_agency=to_agency)
    except UserFacingError as exc:
        m.refresh_from_db()
        return _detail(request, m, error=exc.message)
    if d["action"] == "supervise":  # the handling department is reminded (and e-mailed) now
        reminders_send(today=timezone.localdate(), message_pk=m.pk)
    return redirect("mailboxes_staff:detail", pk=m.pk)


@login_required
@require_POST
def staff_stats_publish(request):
    agency = agencies_for_user(user=request.user).filter(pk=request.POST.get("agency") or 0).first()
    month = request.POST.get("month", "")
    try:
        if agency is None:
            raise UserFacingError("请选择机构。")
        from gongkai.agencies.selectors import user_has_role
        from .transitions import DISPATCH

        if not user_has_role(user=request.user, agency=agency, roles=DISPATCH):
            raise UserFacingError("只有公开办或管理员可以发布统计。")
        document = stats_publish(agency=agency, month=month, actor=request.user)
    except (UserFacingError, ValueError) as exc:
        return render(request, "console/denied.html", {"message": getattr(exc, "message", "月份格式应为 YYYY-MM。")},
                      status=400)
    return redirect("console:document", pk=document.pk)


@login_required
@require_POST
def staff_reminders_read(request):
    """Mark the user's 留言 reminders read (they are not shown on the 工作台 again)."""
    reminders_mark_read(user=request.user)
    return redirect("console:home")
