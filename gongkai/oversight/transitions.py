"""The task workflow: pending --start--> in_progress --complete--> done (only with evidence or an explicit
reason); done --reopen--> in_progress; pending/in_progress --cancel--> cancelled (with a reason). Actions
without a status change: extend (an approved 延期), reassign (an approved change of 牵头单位), escalate
(二级督办). Department staff of a task's units may start and complete it; the 公开办 of the plan's
agency may do everything. Headings (一级/二级) take their status from their children (progress.py)."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import TaskStatus as S

PLAN_ROLES = frozenset({Role.OFFICE, Role.ADMIN})  # the 公开办 of the plan's agency (and its subtree)
UNIT_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN, Role.APPROVER})  # a task unit's own staff
OPEN = frozenset({S.PENDING, S.IN_PROGRESS})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("start", _("开始推进"), frozenset({S.PENDING}), S.IN_PROGRESS, UNIT_ROLES),
        Transition("complete", _("办结"), OPEN, S.DONE, UNIT_ROLES),
        Transition("reopen", _("重新打开"), frozenset({S.DONE}), S.IN_PROGRESS, PLAN_ROLES, reason_required=True),
        Transition("cancel", _("调整取消"), OPEN, S.CANCELLED, PLAN_ROLES, reason_required=True),
        Transition("extend", _("批准延期"), OPEN, None, PLAN_ROLES, reason_required=True),
        Transition("reassign", _("调整牵头单位"), OPEN, None, PLAN_ROLES, reason_required=True),
        Transition("escalate", _("二级督办"), OPEN, None, PLAN_ROLES),
    ]
}

# Actions a unit's own staff may take (the rest are the 公开办's).
UNIT_ACTIONS = frozenset({"start", "complete"})


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
