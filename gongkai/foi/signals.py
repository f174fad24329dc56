"""Recompute every open case's due dates when the working-day calendar changes."""
import threading

from django.db import transaction
from django.dispatch import receiver

from gongkai.workdays.signals import calendar_changed

_state = threading.local()


def _recompute_open_cases():
    from .tasks import cases_recompute_task

    _state.pending = False
    cases_recompute_task.delay()


@receiver(calendar_changed, dispatch_uid="foi_recompute_on_calendar_change")
def _recompute_on_calendar_change(sender, year, **kwargs):
    """Queue one recompute per transaction, however many calendar rows it changed.

    A recompute is already queued when our callback is pending AND still in the connection's
    on-commit list (a rolled-back transaction drops the list, so a stale flag is ignored).
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and getattr(_state, "pending", False) and any(
            item[1] is _recompute_open_cases for item in connection.run_on_commit):
        return
    if connection.in_atomic_block:
        _state.pending = True
    transaction.on_commit(_recompute_open_cases)
