"""The annual report workflow: one table of transitions, each with the roles allowed to take it.

draft --submit--> submitted (the catalog document goes to review) --publish--> published
submitted --return--> draft; published --reopen--> draft (the catalog document is withdrawn).
"""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import ReportStatus

TRANSITIONS = {
    tr.name: tr
    for tr in [
        Transition("submit", _("提交发布审核"), frozenset({ReportStatus.DRAFT}), ReportStatus.SUBMITTED,
                   frozenset({Role.OFFICE, Role.ADMIN})),
        Transition("publish", _("审核发布"), frozenset({ReportStatus.SUBMITTED}), ReportStatus.PUBLISHED,
                   frozenset({Role.REVIEWER, Role.ADMIN})),
        Transition("return", _("退回修改"), frozenset({ReportStatus.SUBMITTED}), ReportStatus.DRAFT,
                   frozenset({Role.REVIEWER, Role.OFFICE, Role.ADMIN}), reason_required=True),
        Transition("reopen", _("撤回重新编辑"), frozenset({ReportStatus.PUBLISHED}), ReportStatus.DRAFT,
                   frozenset({Role.REVIEWER, Role.ADMIN}), reason_required=True),
    ]
}

EDIT_ROLES = frozenset({Role.OFFICE, Role.ADMIN})


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
