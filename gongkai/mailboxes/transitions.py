"""The message workflow. `target` None: the action records an event without changing the status
(转办 assign, 退回 return, 延期 extend, 督办 supervise). `rate` is the writer's (actor None, holding the
query code). 转办 is the mailbox agency's 公开办/admin (anywhere in its subtree) or the handling
department's staff (further down its own subtree); 督办 is the mailbox agency's 公开办/admin only."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import MessageStatus as S

HANDLE = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})
DISPATCH = frozenset({Role.OFFICE, Role.ADMIN})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("accept", _("受理"), frozenset({S.SUBMITTED}), S.ACCEPTED, HANDLE),
        Transition("reject", _("不予受理"), frozenset({S.SUBMITTED}), S.REJECTED, HANDLE, reason_required=True),
        Transition("assign", _("转办"), frozenset({S.ACCEPTED}), None, HANDLE),
        Transition("return", _("退回"), frozenset({S.ACCEPTED}), None, HANDLE, reason_required=True),
        Transition("extend", _("批准延期"), frozenset({S.ACCEPTED}), None, DISPATCH, reason_required=True),
        Transition("reply", _("答复"), frozenset({S.ACCEPTED}), S.REPLIED, HANDLE),
        Transition("close", _("办结"), frozenset({S.REPLIED}), S.CLOSED, DISPATCH),
        Transition("supervise", _("督办"), frozenset({S.SUBMITTED, S.ACCEPTED}), None, DISPATCH,
                   reason_required=True),
        Transition("rate", _("评价"), frozenset({S.REPLIED}), S.CLOSED, frozenset()),
    ]
}


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
