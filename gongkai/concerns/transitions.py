"""The concern workflow: waiting --respond--> responded (taken by the system when the first 回应 is
linked) --close--> closed --reopen--> responded (new developments, with a reason);
responded --retract--> waiting (taken by the system when the only 回应, linked by mistake, is removed)."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import ConcernStatus as S

# who registers concerns, links responses and closes them: the agency's editors, 公开办 and admins
ROLES = frozenset({Role.OFFICE, Role.ADMIN, Role.EDITOR})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("respond", _("首次回应"), frozenset({S.WAITING}), S.RESPONDED, ROLES),
        Transition("retract", _("撤销首次回应"), frozenset({S.RESPONDED}), S.WAITING, ROLES),
        Transition("close", _("办结"), frozenset({S.RESPONDED}), S.CLOSED, ROLES),
        Transition("reopen", _("重新打开"), frozenset({S.CLOSED}), S.RESPONDED, ROLES, reason_required=True),
    ]
}

# taken by the system only (linking the first 回应, removing the last one), never offered as a button
SYSTEM_ACTIONS = frozenset({"respond", "retract"})


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
