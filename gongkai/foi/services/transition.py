"""The one function that changes a case's status: `case_transition` over transitions.TRANSITIONS,
with the fee it computes for 收费通知."""
import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import TransitionError
from gongkai.core.people import person_name
from gongkai.workdays.calendar import add_workdays

from .. import disclosure, notices
from ..clock import CONSULTATION_WORKDAYS
from ..fees import fee_compute
from ..models import Case, ConsultationKind, Delivery, EventKind, FeeMethod, Outcome
from ..outcomes import outcome_basis
from ..signals import case_changed
from ..transitions import OFFICE_ROLES, TRANSITIONS
from .common import _check_role, _event, _int, today
from .deadlines import case_recompute
from .notice_issue import _notice_issue


def _earlier_this_month(case) -> int:
    month_start = case.received_date.replace(day=1)
    return (Case.objects.filter(agency=case.agency, applicant_key=case.applicant_key,
                                received_date__gte=month_start, received_date__lte=case.received_date)
            .exclude(pk=case.pk)
            .filter(received_date__lt=case.received_date).count()
            + Case.objects.filter(agency=case.agency, applicant_key=case.applicant_key,
                                  received_date=case.received_date, pk__lt=case.pk).count())


def case_fee_preview(*, case, method: str, pages: int | None = None):
    """Return the Fee the system computes for `case` (nothing saved)."""
    if method == FeeMethod.PER_ITEM:
        return fee_compute(method=method, earlier_this_month=_earlier_this_month(case))
    return fee_compute(method=method, pages=pages)


@transaction.atomic
def case_transition(*, case, action: str, actor, date: dt.date | None = None, reason: str = "",
                    **params) -> Case:
    """Take `action` on `case` (see transitions.TRANSITIONS); `date` is the action's legal date."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(_("未知操作。"))
    case = Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
    _check_role(actor, case.agency, transition.roles)
    if case.status not in transition.sources:
        raise TransitionError(_("当前状态“%(status)s”下不能执行“%(action)s”。")
                              % {"status": case.get_status_display(), "action": transition.label})
    date = date or today()
    if date > today():
        raise TransitionError(_("日期不能晚于今天。"))
    if case.received_date and date < case.received_date:
        raise TransitionError(_("日期不能早于收到申请的日期。"))
    from_state = case.status
    notice_extra: dict = {}
    review_text = ""
    audit_data: dict = {"date": date}

    if action == "confirm":
        submitted = timezone.localdate(case.submitted_at)
        if date < submitted:
            raise TransitionError(_("确认日期不能早于申请人提交日期。"))
        case.received_date = date
        _event(case, EventKind.RECEIVED, date, actor, {"channel": case.channel}, reason)
    elif action == "assign":
        handler = params.get("handler")
        if handler is None or not user_has_role(user=handler, agency=case.agency, roles=OFFICE_ROLES):
            raise TransitionError(_("承办人须为该机关的政府信息公开工作人员。"))
        case.handler = handler
        _event(case, EventKind.ASSIGNED, date, actor, {"handler": person_name(handler)}, reason)
        audit_data["handler"] = handler.get_username()
    elif action == "request_correction":
        items = (params.get("items") or "").strip()
        if not items:
            raise TransitionError(_("请列明需要补正的事项。"))
        days = _int(params.get("days"), 15, what=_("补正期限"))
        if not 1 <= days <= 60:
            raise TransitionError(_("补正期限应为1至60个工作日。"))
        _event(case, EventKind.CORRECTION_REQUESTED, date, actor, {"days": days, "items": items}, reason)
        review_text = items
        notice_extra = {"correction_items": items}
    elif action == "receive_correction":
        _event(case, EventKind.CORRECTION_RECEIVED, date, actor, {}, reason)
    elif action == "lapse_correction":
        if case.correction_due is None or date <= case.correction_due:
            raise TransitionError(_("补正期限（%(due)s）尚未届满。") % {"due": case.correction_due})
        _event(case, EventKind.CORRECTION_LAPSED, date, actor, {}, reason)
    elif action == "start_consultation":
        kind = params.get("consultation_kind") or ConsultationKind.THIRD_PARTY
        if kind not in ConsultationKind.values:
            raise TransitionError(_("请选择征求意见类型。"))
        consultee = (params.get("consultee") or "").strip()
        if not consultee:
            raise TransitionError(_("请填写被征求意见的第三方或机关名称。"))
        _event(case, EventKind.CONSULTATION_STARTED, date, actor, {"consultation_kind": kind,
                                                                     "consultee": consultee}, reason)
        review_text = reason
        third = kind == ConsultationKind.THIRD_PARTY
        notice_extra = {
            "consultation_due": notices.cn_date(add_workdays(date, CONSULTATION_WORKDAYS).date),
            "consultee": consultee,
            "consultation_reason": reason or _("该信息公开后可能损害第三方合法权益。"),
            "consultation_article": _("第三十二条") if third else _("第三十四条"),
            "silence_rule": (_("逾期未提出意见的，由本机关依照条例规定决定是否公开。") if third
                             else _("逾期未提出意见的，视为同意公开。")),
        }
        audit_data.update(kind=kind, consultee=consultee)
    elif action == "end_consultation":
        started = case.events.filter(kind=EventKind.CONSULTATION_STARTED).order_by("-date", "-id").first()
        reply = params.get("reply") or "replied"
        if reply not in ("agree", "refuse", "replied", "silent"):
            raise TransitionError(_("请选择征求意见结果。"))
        if reply == "silent":
            limit = add_workdays(started.date, CONSULTATION_WORKDAYS).date
            if today() <= limit:
                raise TransitionError(_("征求意见期限（%(limit)s）尚未届满，不能按未答复处理。") % {"limit": limit})
            date = limit
        _event(case, EventKind.CONSULTATION_ENDED, date, actor, {"reply": reply}, reason)
        audit_data["reply"] = reply
    elif action == "extend":
        workdays = _int(params.get("workdays"), 20, what=_("延长工作日数"))
        if not reason.strip():
            raise TransitionError(_("请填写延期理由。"))
        if case.due_date and date > case.due_date:
            raise TransitionError(_("答复期限已过，不能再延期。"))
        _event(case, EventKind.EXTENDED, date, actor, {"workdays": workdays}, reason)
        review_text = reason
        notice_extra = {"extension_days": workdays, "reason": reason}
        audit_data["workdays"] = workdays
    elif action == "delay":
        until = params.get("until")
        if not isinstance(until, dt.date):
            raise TransitionError(_("请填写延迟答复的期限。"))
        if case.due_date and until <= case.due_date:
            raise TransitionError(_("延迟答复期限应晚于现答复期限（%(due)s）。") % {"due": case.due_date})
        if not reason.strip():
            raise TransitionError(_("请说明申请数量、频次明显超过合理范围及所接受的理由。"))
        _event(case, EventKind.DELAYED, date, actor, {"until": until.isoformat()}, reason)
        review_text = reason
        notice_extra = {"art35": True, "reason": reason}
        audit_data["until"] = until
    elif action == "notify_fee":
        method = params.get("fee_method") or ""
        pages = _int(params.get("pages"), None, what=_("页数"))
        fee = case_fee_preview(case=case, method=method, pages=pages)
        if fee.amount <= 0:
            raise TransitionError(_("按所选方式计算的信息处理费为0元，无需收费。"))
        case.fee_method, case.fee_amount = fee.method, fee.amount
        received_notice = params.get("notice_received_date") or date
        if received_notice > today() or received_notice < date:
            raise TransitionError(_("收费通知送达日期应在发出日期与今天之间。"))
        _event(case, EventKind.FEE_NOTIFIED, received_notice, actor,
               {"method": fee.method, "amount": str(fee.amount), "pages": pages, "sent": date.isoformat()},
               reason)
        pauses = settings.GONGKAI.get("FEE_WINDOW_PAUSES_CLOCK", True)
        notice_extra = {"fee_basis": fee.basis, "fee_amount": str(fee.amount), "fee_detail": fee.describe(),
                        "payment_method": params.get("payment_method") or _("按本机关告知的非税收入缴款方式缴入国库"),
                        "fee_pause_note": _("缴费期间不计入答复期限。") if pauses else ""}
        audit_data.update(method=fee.method, amount=str(fee.amount))
    elif action == "pay_fee":
        if case.fee_due and date > case.fee_due:
            raise TransitionError(_("已超过缴费期限（%(due)s）。") % {"due": case.fee_due})
        case.fee_paid_date = date
        _event(case, EventKind.FEE_PAID, date, actor, {}, reason)
    elif action == "lapse_fee":
        if case.fee_due is None or date <= case.fee_due:
            raise TransitionError(_("缴费期限（%(due)s）尚未届满。") % {"due": case.fee_due})
        _event(case, EventKind.FEE_LAPSED, date, actor, {}, reason)
    elif action == "answer":
        outcome = params.get("outcome") or ""
        if outcome not in Outcome.values or outcome in (Outcome.OTHER_1, Outcome.OTHER_2):
            raise TransitionError(_("请从法定办理结果中选择一项。"))
        if outcome == Outcome.UNAVAILABLE_3 and not case.events.filter(
                kind=EventKind.CORRECTION_RECEIVED).exists():
            raise TransitionError(_("只有补正后的申请才能以“补正后申请内容仍不明确”答复。"))
        withheld = (params.get("withheld_note") or "").strip()
        if outcome == Outcome.PARTIAL and not withheld:
            raise TransitionError(_("部分公开须写明不予公开的内容及理由。"))
        problem = disclosure.answer_problem(case=case, outcome=outcome)
        if problem:
            raise TransitionError(problem)
        case.outcome = outcome
        case.legal_basis = (params.get("legal_basis") or "").strip() or outcome_basis(outcome)
        case.reply_text = (params.get("reply_text") or "").strip()
        case.withheld_note = withheld
        case.closed_date = date
        _event(case, EventKind.ANSWERED, date, actor, {"outcome": outcome}, reason)
        review_text = "\n".join(x for x in (case.reply_text, withheld) if x)
        audit_data["outcome"] = outcome
    elif action == "withdraw":
        _event(case, EventKind.WITHDRAWN, date, actor, {}, reason)
    elif action == "deliver":
        method = params.get("delivery_method") or ""
        if method not in Delivery.values:
            raise TransitionError(_("请选择送达方式。"))
        case.delivery_method, case.delivered_date = method, date
        case.delivery_proof = (params.get("delivery_proof") or "").strip()[:200]
        _event(case, EventKind.DELIVERED, date, actor, {"method": method, "proof": case.delivery_proof}, reason)
        audit_data["method"] = method
    elif action == "archive":
        case.archived_at = timezone.now()
        _event(case, EventKind.ARCHIVED, date, actor, {}, reason)

    if transition.outcome:
        case.outcome = transition.outcome
        case.legal_basis = outcome_basis(transition.outcome)
        case.closed_date = date
    if transition.target:
        case.status = transition.target
    case.save()
    if case.received_date:
        case_recompute(case=case)
    if transition.notice:
        _notice_issue(case=case, kind=transition.notice, actor=actor, issue_date=date,
                      extra=notice_extra | {"correction_due": notices.cn_date(case.correction_due),
                                            "fee_due": notices.cn_date(case.fee_due)},
                      review_text=review_text)
    audit_record(actor=actor, action=f"foi.{action}", obj=case, from_state=from_state, to_state=case.status,
                 reason=reason, data=audit_data)
    case_changed.send(sender=Case, case=case, action=action)
    return case
