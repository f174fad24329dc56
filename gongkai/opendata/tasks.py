from celery import shared_task


@shared_task(name="gongkai.opendata.reminders_send")
def reminders_send_task():
    """Daily: reminders for datasets behind schedule and applications past their review deadline."""
    from django.utils import timezone

    from .reminders import reminders_send

    return reminders_send(today=timezone.localdate())
