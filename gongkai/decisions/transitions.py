"""The decision item workflow: planned --start--> in_progress --decide--> decided; planned or
in_progress --adjust--> adjusted (taken out of the list, with a reason). `decide` also needs every
required procedure recorded (services.decision_transition checks it)."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import DecisionStatus as S

MANAGE_ROLES = frozenset({Role.OFFICE, Role.ADMIN})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("start", _("启动"), frozenset({S.PLANNED}), S.IN_PROGRESS, MANAGE_ROLES),
        Transition("decide", _("标记已决策"), frozenset({S.IN_PROGRESS}), S.DECIDED, MANAGE_ROLES),
        Transition("adjust", _("调出目录"), frozenset({S.PLANNED, S.IN_PROGRESS}), S.ADJUSTED, MANAGE_ROLES,
                   reason_required=True),
    ]
}


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
