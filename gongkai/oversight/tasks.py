"""Celery tasks of the oversight app; the embedded default has no scheduler, so the console computes the
same reminders when a user opens the 工作台 (reminders.reminders_refresh)."""
from celery import shared_task


@shared_task(name="gongkai.oversight.reminders_send")
def reminders_send_task():
    """Today's due-soon, overdue and escalation reminders (in-app and e-mail); none is repeated."""
    from django.utils import timezone

    from .reminders import reminders_send

    return reminders_send(today=timezone.localdate())
