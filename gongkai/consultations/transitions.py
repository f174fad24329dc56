"""The consultation workflow. Open/closed is computed from the dates; these are the decisions.

draft --submit--> review (the notice goes to the catalog's review) --publish--> published
(taken by the system when the reviewer publishes the notice); review --return--> draft;
published --withdraw--> withdrawn (the notice is withdrawn from the catalog too).
"""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import ConsultationStatus as S

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("提交审核发布"), frozenset({S.DRAFT}), S.REVIEW,
                   frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})),
        Transition("publish", _("发布"), frozenset({S.REVIEW}), S.PUBLISHED,
                   frozenset({Role.REVIEWER, Role.ADMIN})),
        Transition("return", _("退回修改"), frozenset({S.REVIEW}), S.DRAFT,
                   frozenset({Role.REVIEWER, Role.OFFICE, Role.ADMIN}), reason_required=True),
        Transition("withdraw", _("撤回"), frozenset({S.PUBLISHED, S.REVIEW}), S.WITHDRAWN,
                   frozenset({Role.REVIEWER, Role.OFFICE, Role.ADMIN}), reason_required=True),
    ]
}

EDIT_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})
# Entering comments from other channels, disposing of them, generating the feedback.
LEDGER_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
