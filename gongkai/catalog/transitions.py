"""The document workflow: one table of transitions, each with the roles allowed to take it."""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role

from .models import Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    roles: frozenset
    reason_required: bool = False


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
    return [t for t in TRANSITIONS.values() if status in t.sources]
