"""The case workflow: ONE table of actions, each with its source states, target and roles.

A target of None means the action records something without changing the state (an extension,
a handler assignment). `case_transition` in services.py is the only code that changes a status.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow

from .models import OPEN_STATUSES, Outcome, Status

OFFICE_ROLES = frozenset({Role.OFFICE, Role.ADMIN, Role.APPROVER})
APPROVER_ROLES = frozenset({Role.APPROVER})
# Roles that may open the FOI console for an agency at all.
VIEW_ROLES = OFFICE_ROLES


@dataclass(frozen=True)
class Transition(workflow.Transition):
    outcome: str = ""  # fixed outcome set by the action (lapses, withdrawal)
    notice: str = ""  # NoticeKind produced by the action


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("confirm", _("确认收到（网上申请）"), frozenset({Status.SUBMITTED}), Status.PROCESSING,
                   OFFICE_ROLES, notice="receipt"),
        Transition("assign", _("指定承办人"), frozenset(OPEN_STATUSES), None, OFFICE_ROLES),
        Transition("request_correction", _("告知补正"), frozenset({Status.PROCESSING}), Status.CORRECTION,
                   OFFICE_ROLES, notice="correction"),
        Transition("receive_correction", _("收到补正"), frozenset({Status.CORRECTION}), Status.PROCESSING,
                   OFFICE_ROLES),
        Transition("lapse_correction", _("逾期不补正，终止办理"), frozenset({Status.CORRECTION}),
                   Status.ANSWERED, OFFICE_ROLES, outcome=Outcome.OTHER_1, notice="reply"),
        Transition("start_consultation", _("征求意见"), frozenset({Status.PROCESSING}), Status.CONSULTATION,
                   OFFICE_ROLES, notice="consultation"),
        Transition("end_consultation", _("征求意见结束"), frozenset({Status.CONSULTATION}), Status.PROCESSING,
                   OFFICE_ROLES),
        Transition("extend", _("批准延期答复"), frozenset({Status.PROCESSING, Status.CONSULTATION,
                                                       Status.FEE_PENDING}), None,
                   APPROVER_ROLES, notice="extension"),
        Transition("delay", _("确定延迟答复期限（条例第三十五条）"), frozenset({Status.PROCESSING}), None,
                   OFFICE_ROLES, notice="extension"),
        Transition("notify_fee", _("发出收费通知"), frozenset({Status.PROCESSING}), Status.FEE_PENDING,
                   OFFICE_ROLES, notice="fee"),
        Transition("pay_fee", _("确认缴费"), frozenset({Status.FEE_PENDING}), Status.PROCESSING, OFFICE_ROLES),
        Transition("lapse_fee", _("逾期未缴费，终止办理"), frozenset({Status.FEE_PENDING}), Status.ANSWERED,
                   OFFICE_ROLES, outcome=Outcome.OTHER_2, notice="reply"),
        Transition("answer", _("作出答复"), frozenset({Status.PROCESSING}), Status.ANSWERED, OFFICE_ROLES,
                   notice="reply"),
        Transition("withdraw", _("申请人撤回"), frozenset({Status.PROCESSING, Status.CORRECTION,
                                                       Status.CONSULTATION, Status.FEE_PENDING}),
                   Status.ANSWERED, OFFICE_ROLES, outcome=Outcome.OTHER_3, notice="reply"),
        Transition("deliver", _("登记送达"), frozenset({Status.ANSWERED}), Status.DELIVERED, OFFICE_ROLES),
        Transition("archive", _("归档"), frozenset({Status.ANSWERED, Status.DELIVERED}), Status.ARCHIVED,
                   OFFICE_ROLES),
    ]
}


def transitions_available(status: str) -> list:
    return [t for t in TRANSITIONS.values() if status in t.sources]
