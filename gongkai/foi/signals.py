"""Recompute every open case's due dates when the working-day calendar changes."""
from django.db import transaction
from django.dispatch import receiver

from gongkai.workdays.signals import calendar_changed


@receiver(calendar_changed)
def _recompute_on_calendar_change(sender, year, **kwargs):
    from .tasks import cases_recompute_task

    transaction.on_commit(lambda: cases_recompute_task.delay())
