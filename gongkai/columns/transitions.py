"""The 机构概况 workflow: draft --submit--> pending --publish--> published; pending --return--> draft;
published --revise--> draft (the public keeps the published copy until the next publication);
`confirm` records on a published profile that it was checked and is still current (update date);
`withdraw` takes the published copy off the site (an agency merged or abolished, a copy published
in error), with a reason, leaving the working copy as a draft.

Who edits the column definitions and records 规范性文件 data is fixed here too."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import ProfileStatus as S

EDIT_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.OFFICE, Role.ADMIN})
# The columns of 法定主动公开内容 are the site's structure: the administrator of a top-level agency.
COLUMN_ROLES = frozenset({Role.ADMIN})
# 统一登记号 and the yearly 现行有效规范性文件目录.
NORMATIVE_ROLES = frozenset({Role.EDITOR, Role.REVIEWER, Role.OFFICE, Role.ADMIN})
DIRECTORY_ROLES = frozenset({Role.REVIEWER, Role.OFFICE, Role.ADMIN})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("提交审核"), frozenset({S.DRAFT}), S.PENDING, EDIT_ROLES),
        Transition("return", _("退回修改"), frozenset({S.PENDING}), S.DRAFT, REVIEW_ROLES, reason_required=True),
        Transition("publish", _("审核通过并发布"), frozenset({S.PENDING}), S.PUBLISHED, REVIEW_ROLES),
        Transition("revise", _("修改"), frozenset({S.PUBLISHED}), S.DRAFT, EDIT_ROLES),
        Transition("confirm", _("核对无变化"), frozenset({S.PUBLISHED}), None, REVIEW_ROLES),
        Transition("withdraw", _("撤回公开"), frozenset({S.PUBLISHED}), S.DRAFT, REVIEW_ROLES, reason_required=True),
    ]
}


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
