"""Workflows of 数据开放: a dataset is published (blocked while a 无条件开放 dataset holds an
unresolved personal-data column) and withdrawn; a 有条件开放 application is approved (an API key
is issued), rejected with a reason, and finished by the applicant's 使用反馈."""
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core import workflow
from gongkai.core.workflow import Transition

from .models import ApplicationStatus as A, DatasetStatus as D

EDIT_ROLES = frozenset({Role.EDITOR, Role.OFFICE, Role.ADMIN})
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.OFFICE, Role.ADMIN})

DATASET_TRANSITIONS = {
    t.name: t
    for t in [
        Transition("publish", _("发布"), frozenset({D.DRAFT, D.WITHDRAWN}), D.PUBLISHED, REVIEW_ROLES),
        Transition("withdraw", _("撤回"), frozenset({D.PUBLISHED}), D.WITHDRAWN, REVIEW_ROLES, reason_required=True),
    ]
}

APPLICATION_TRANSITIONS = {
    t.name: t
    for t in [
        Transition("approve", _("批准"), frozenset({A.SUBMITTED}), A.APPROVED, REVIEW_ROLES),
        Transition("reject", _("不予批准"), frozenset({A.SUBMITTED}), A.REJECTED, REVIEW_ROLES, reason_required=True),
        # Filed by the applicant (with the query code), or closed by staff when the period ended.
        Transition("feedback", _("提交使用反馈"), frozenset({A.APPROVED}), A.FINISHED, REVIEW_ROLES,
                   reason_required=True),
    ]
}


def dataset_transitions_from(status):
    return workflow.transitions_from(DATASET_TRANSITIONS, status)


def application_transitions_from(status):
    return workflow.transitions_from(APPLICATION_TRANSITIONS, status)
