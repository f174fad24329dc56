"""The 公报 issue workflow: draft --publish--> published (needs an 出版日期, and either contents whose
documents are all published or the printed PDF of a back issue); published --withdraw--> withdrawn (with a
reason); withdrawn --restore--> draft."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import IssueStatus as S

EDIT_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})
MANAGE_ROLES = frozenset({Role.OFFICE, Role.ADMIN})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("publish", _("出版"), frozenset({S.DRAFT}), S.PUBLISHED, MANAGE_ROLES),
        Transition("withdraw", _("撤回"), frozenset({S.PUBLISHED}), S.WITHDRAWN, MANAGE_ROLES, reason_required=True),
        Transition("restore", _("恢复编辑"), frozenset({S.WITHDRAWN}), S.DRAFT, MANAGE_ROLES),
    ]
}


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
