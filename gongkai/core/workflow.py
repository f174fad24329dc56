"""The shape of a workflow transition, shared by every app's transition table (Wagtail style).

Each app keeps its own `TRANSITIONS` table in `<app>/transitions.py` and one function in its
services that is the only code changing that app's status.
"""
from dataclasses import dataclass


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
