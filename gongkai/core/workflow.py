"""The shape of a workflow transition, shared by every app's transition table (Wagtail style).

Each app keeps its own `TRANSITIONS` table in `<app>/transitions.py` and one function in its
services that is the only code changing that app's status.
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str | None  # None: the action records something without changing the status
    roles: frozenset
    reason_required: bool = False


def transitions_from(table: dict, status) -> list:
    """The transitions of `table` that can start from `status`."""
    return [t for t in table.values() if status in t.sources]


def transition_pick(table: dict, action: str, *, obj, reason: str = "", authorize=None) -> Transition:
    """The transition `action` of `table` for `obj` (which has `status` and `get_status_display`):
    a TransitionError when it does not start from the object's status, then `authorize(tr)` (the
    app's role check), then a UserFacingError when it needs a reason and none was given."""
    from .errors import TransitionError, UserFacingError

    tr = table.get(action)
    if tr is None or obj.status not in tr.sources:
        raise TransitionError(_("当前状态（%(s)s）不能执行该操作。") % {"s": obj.get_status_display()})
    if authorize is not None:
        authorize(tr)
    if tr.reason_required and not (reason or "").strip():
        raise UserFacingError(_("请填写理由。"))
    return tr
