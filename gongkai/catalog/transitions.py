"""The document workflow: one table of transitions, each with the roles allowed to take it."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import Status

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("提交审核"), frozenset({Status.DRAFT}), Status.PENDING,
                   frozenset({Role.EDITOR, Role.REVIEWER, Role.ADMIN})),
        Transition("publish", _("审核发布"), frozenset({Status.PENDING}), Status.PUBLISHED,
                   frozenset({Role.REVIEWER, Role.ADMIN})),
        Transition("return", _("退回修改"), frozenset({Status.PENDING}), Status.DRAFT,
                   frozenset({Role.REVIEWER, Role.ADMIN}), reason_required=True),
        Transition("withdraw", _("撤回"), frozenset({Status.PUBLISHED}), Status.WITHDRAWN,
                   frozenset({Role.REVIEWER, Role.ADMIN}), reason_required=True),
        Transition("reopen", _("重新编辑"), frozenset({Status.WITHDRAWN}), Status.DRAFT,
                   frozenset({Role.EDITOR, Role.REVIEWER, Role.ADMIN}), reason_required=True),
    ]
}

EDIT_ROLES = frozenset({Role.EDITOR, Role.REVIEWER, Role.ADMIN})
# Recording 立改废 (amended, abolished, expired) on a published document.
VALIDITY_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
EDITABLE_STATUSES = frozenset({Status.DRAFT})


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
