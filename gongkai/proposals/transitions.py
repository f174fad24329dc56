"""The 建议提案 workflow: assigned --reply--> replied --publish--> submitted (the 复文 document is in the
catalog's review) --published (by the catalog, when the reviewer publishes it)--> published.
A reply can be sent back for rework (return) by the 公开办 before it is published."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import ProposalStatus as S

MANAGE_ROLES = frozenset({Role.OFFICE, Role.ADMIN})  # 交办, 退回, the yearly summary
HANDLE_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})  # the 主办单位 replies and publishes

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("reply", _("登记答复"), frozenset({S.ASSIGNED}), S.REPLIED, HANDLE_ROLES),
        Transition("publish", _("提交公开审查"), frozenset({S.REPLIED}), S.SUBMITTED, HANDLE_ROLES),
        Transition("return", _("退回重新答复"), frozenset({S.REPLIED, S.SUBMITTED}), S.ASSIGNED, MANAGE_ROLES,
                   reason_required=True),
        # Taken by the system when the catalog publishes the 复文 document (receivers.py).
        Transition("published", _("已公开"), frozenset({S.SUBMITTED}), S.PUBLISHED, frozenset()),
    ]
}


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
