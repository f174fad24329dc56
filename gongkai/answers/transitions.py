"""The FAQ workflow: draft --publish--> published --withdraw--> draft. `publish` runs the review
(公开前审查) on the question variants and the answer; a blocking finding stops it."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import FaqStatus as S

EDIT_ROLES = frozenset({Role.OFFICE, Role.ADMIN})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("publish", _("审查并发布"), frozenset({S.DRAFT}), S.PUBLISHED, EDIT_ROLES),
        Transition("withdraw", _("撤回"), frozenset({S.PUBLISHED}), S.DRAFT, EDIT_ROLES, reason_required=True),
    ]
}


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
