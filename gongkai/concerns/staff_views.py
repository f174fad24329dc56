"""Staff pages of 回应关切: the register of the user's agencies with each first-response deadline
(met, late, overdue), the register form, one concern with its linked documents, the link form, the
workflow buttons and its audit rows. Every write goes through services."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import agencies_for_user
from gongkai.audit.selectors import audit_entries_for
from gongkai.core.errors import PermissionDeniedError, UserFacingError

from .forms import ConcernForm, LinkForm
from .models import ConcernStatus, overdue_q
from .selectors import concern_get_for_user, concern_links, concerns_for_user, response_document_for_user
from .services import concern_create, concern_link_response, concern_transition, concern_unlink, concern_update
from .transitions import ROLES, SYSTEM_ACTIONS, transitions_from

LIST_LIMIT = 300
HISTORY_LABELS = {"concern.create": "登记", "concern.update": "修改", "concern.link": "关联信息",
                  "concern.respond": "首次回应",
                  "concern.unlink": "移除关联", "concern.retract": "撤销首次回应", "concern.close": "办结", "concern.reopen": "重新打开"}
STATES = [("", "全部"), ("waiting", "待回应"), ("overdue", "已超时未回应"), ("responded", "已回应"),
          ("closed", "已办结")]


@login_required
def staff_list(request):
    now = timezone.now()
    state = request.GET.get("state", "")
    state = state if state in dict(STATES) else ""
    rows = list(concerns_for_user(user=request.user, state=state, now=now)[:LIST_LIMIT])
    for c in rows:
        c.deadline, c.press = c.deadline_state(now), c.press_state(now)
    return render(request, "concerns/staff_list.html", {
        "rows": rows, "state": state, "states": STATES, "now": now,
        "n_overdue": concerns_for_user(user=request.user).filter(overdue_q(now)).count(),
        "can_create": agencies_for_user(user=request.user, roles=ROLES).exists()})


@login_required
def staff_edit(request, pk=None):
    c = concern_get_for_user(user=request.user, pk=pk) if pk else None
    agencies = list(agencies_for_user(user=request.user, roles=ROLES))
    initial = {k: getattr(c, k) for k in ("title", "level", "summary", "channels")} if c else {}
    if c:
        initial["noticed_at"] = timezone.localtime(c.noticed_at)
        if c.press_conference_at:
            initial["press_conference_at"] = timezone.localtime(c.press_conference_at)
    form = ConcernForm(request.POST or None, initial=initial)
    agency_id = request.POST.get("agency") or (c.agency_id if c else (agencies[0].pk if agencies else ""))
    if request.method == "POST" and form.is_valid():
        try:
            if c is None:
                agency = next((a for a in agencies if str(a.pk) == str(agency_id)), None)
                if agency is None:
                    raise PermissionDeniedError("请选择本人有登记权限的机构。")
                c = concern_create(agency=agency, actor=request.user, **form.cleaned_data)
            else:
                c = concern_update(concern=c, actor=request.user, **form.cleaned_data)
        except UserFacingError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("concerns_staff:detail", pk=c.pk)
    return render(request, "concerns/staff_form.html", {"form": form, "c": c, "agencies": agencies,
                                                        "agency_id": str(agency_id)},
                  status=400 if request.method == "POST" else 200)


def _history(c) -> list:
    statuses = dict(ConcernStatus.choices)
    rows = list(audit_entries_for(obj=c))
    for e in rows:
        e.label = HISTORY_LABELS.get(e.action, e.action)
        e.to_label = str(statuses.get(e.to_state, e.to_state)) if e.to_state else ""
    return rows


def _detail(request, c, error="", link_form=None):
    now = timezone.now()
    return render(request, "concerns/staff_detail.html", {
        "c": c, "deadline": c.deadline_state(now), "deadline_label": c.deadline_label(now),
        "press": c.press_state(now), "press_label": c.press_label(now),
        "links": concern_links(concern=c), "link_form": link_form or LinkForm(),
        "transitions": [t for t in transitions_from(c.status) if t.name not in SYSTEM_ACTIONS],
        "history": _history(c), "error": error}, status=400 if error else 200)


@login_required
def staff_detail(request, pk):
    return _detail(request, concern_get_for_user(user=request.user, pk=pk))


@login_required
@require_POST
def staff_action(request, pk):
    """A link (what=link), its removal (what=unlink) or a transition (what=transition); errors are shown
    on the detail page."""
    c = concern_get_for_user(user=request.user, pk=pk)
    what = request.POST.get("what", "")
    link_form = None
    try:
        if what == "link":
            link_form = LinkForm(request.POST)
            if not link_form.is_valid():
                raise UserFacingError("请填写索引号并选择关联类型。")
            document = response_document_for_user(user=request.user, concern=c,
                                                  index_no=link_form.cleaned_data["index_no"])
            if document is None:
                raise UserFacingError("未找到该索引号对应的已发布信息（限本机关及下级机关）。")
            concern_link_response(concern=c, document=document, actor=request.user,
                                  kind=link_form.cleaned_data["kind"])
        elif what == "unlink":
            link = concern_links(concern=c).filter(pk=request.POST.get("link") or 0).first()
            if link is None:
                raise UserFacingError("该信息未关联到此关切。")
            concern_unlink(concern=c, document=link.document, actor=request.user,
                           reason=request.POST.get("reason", ""))
        elif what == "transition" and request.POST.get("action", "") not in SYSTEM_ACTIONS:
            concern_transition(concern=c, action=request.POST.get("action", ""), actor=request.user,
                               reason=request.POST.get("reason", ""))
        else:
            raise UserFacingError("未知操作。")
    except UserFacingError as exc:
        c.refresh_from_db()
        return _detail(request, c, error=exc.message, link_form=link_form)
    return redirect("concerns_staff:detail", pk=c.pk)


