"""The 本级标准目录 workflow: draft --submit--> submitted (the list is written into the catalog as a
document and goes through 公开前审查) --publish--> published (only once that document is published);
submitted --return--> draft (with a reason); published --revise--> draft (to change the list)."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import CatalogStatus as S

EDIT_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})
MANAGE_ROLES = frozenset({Role.OFFICE, Role.ADMIN})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("生成目录文件并提交审核"), frozenset({S.DRAFT}), S.SUBMITTED, EDIT_ROLES),
        Transition("publish", _("启用目录"), frozenset({S.SUBMITTED}), S.PUBLISHED, MANAGE_ROLES),
        Transition("return", _("退回修改"), frozenset({S.SUBMITTED}), S.DRAFT, MANAGE_ROLES, reason_required=True),
        Transition("revise", _("修订目录"), frozenset({S.PUBLISHED}), S.DRAFT, MANAGE_ROLES),
    ]
}


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
