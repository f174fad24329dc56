"""The service guide workflow: draft --submit--> pending --publish--> published --withdraw--> withdrawn
--reopen--> draft; pending --return--> draft. `publish` also needs the completeness check and the
review to pass (services.guide_transition checks both)."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import GuideStatus as S

EDIT_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.OFFICE, Role.ADMIN})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("提交审核"), frozenset({S.DRAFT}), S.PENDING, EDIT_ROLES),
        Transition("return", _("退回修改"), frozenset({S.PENDING}), S.DRAFT, REVIEW_ROLES, reason_required=True),
        Transition("publish", _("审核通过并发布"), frozenset({S.PENDING}), S.PUBLISHED, REVIEW_ROLES),
        Transition("withdraw", _("撤回"), frozenset({S.PUBLISHED}), S.WITHDRAWN, REVIEW_ROLES, reason_required=True),
        Transition("reopen", _("重新编辑"), frozenset({S.WITHDRAWN}), S.DRAFT, EDIT_ROLES),
    ]
}


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
