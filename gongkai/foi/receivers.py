"""The FOI app's receivers: every open case's due dates are recomputed when the working-day calendar
changes, and the applicant is mailed once an issued notice has committed."""
import threading

from django.db import transaction
from django.dispatch import receiver

from gongkai.core.queue import task_enqueue_on_commit
from gongkai.workdays.signals import calendar_changed

from .signals import notice_issued
from .tasks import cases_recompute_task, notice_email_send_task

_state = threading.local()


def _recompute_open_cases():
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


@receiver(notice_issued, dispatch_uid="foi_notice_email")
def _notice_email(sender, notice, **kwargs):
    """Mail the applicant once the notice's row has committed (never for a rolled-back issue)."""
    task_enqueue_on_commit(notice_email_send_task, notice.pk)
