"""The account workflow: applied --open--> opened --close--> closed. `change` (变更) and `file` (备案)
record an event without changing the status. 注销 and 备案 belong to the 公开办 (office) or admin."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import AccountStatus as S

EDIT_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})
MANAGE_ROLES = frozenset({Role.OFFICE, Role.ADMIN})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("open", _("开设"), frozenset({S.APPLIED}), S.OPENED, EDIT_ROLES),
        Transition("change", _("变更"), frozenset({S.APPLIED, S.OPENED}), None, EDIT_ROLES),
        Transition("file", _("备案"), frozenset({S.OPENED}), None, MANAGE_ROLES),
        Transition("close", _("注销"), frozenset({S.APPLIED, S.OPENED}), S.CLOSED, MANAGE_ROLES,
                   reason_required=True),
    ]
}


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
