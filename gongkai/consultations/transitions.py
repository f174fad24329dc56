"""The consultation workflow. Open/closed is computed from the dates; these are the decisions.

draft --submit--> review (the notice goes to the catalog's review) --publish--> published
(taken by the system when the reviewer publishes the notice); review --return--> draft;
published --withdraw--> withdrawn (the notice is withdrawn from the catalog too).
draft --adopt--> published: a consultation the old site already published, registered with its
published notice (an adopter bringing in its past consultations).
"""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.catalog.transitions import EDIT_ROLES as CATALOG_EDIT_ROLES
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import ConsultationStatus as S

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("提交审核发布"), frozenset({S.DRAFT}), S.REVIEW, CATALOG_EDIT_ROLES),
        Transition("publish", _("发布"), frozenset({S.REVIEW}), S.PUBLISHED,
                   frozenset({Role.REVIEWER, Role.ADMIN})),
        Transition("return", _("退回修改"), frozenset({S.REVIEW}), S.DRAFT,
                   frozenset({Role.REVIEWER, Role.OFFICE, Role.ADMIN}), reason_required=True),
        Transition("adopt", _("登记已发布的征集"), frozenset({S.DRAFT}), S.PUBLISHED,
                   frozenset({Role.REVIEWER, Role.ADMIN})),
        Transition("withdraw", _("撤回"), frozenset({S.PUBLISHED, S.REVIEW}), S.WITHDRAWN,
                   frozenset({Role.REVIEWER, Role.OFFICE, Role.ADMIN}), reason_required=True),
    ]
}

# The notice and the feedback are catalog documents written as the acting user, so the people who
# may write them are the catalog's editors. The 公开办 supervises (sees every consultation below it).
EDIT_ROLES = CATALOG_EDIT_ROLES
# Entering comments from other channels, disposing of them, generating the feedback.
LEDGER_ROLES = CATALOG_EDIT_ROLES


def transitions_from(status):
    return workflow.transitions_from(TRANSITIONS, status)
