from celery import shared_task


@shared_task(name="gongkai.newmedia.reminders_send")
def reminders_send_task():
    """Daily: remind the owners of accounts silent for more than two weeks."""
    from django.utils import timezone

    from .reminders import reminders_send

    return reminders_send(today=timezone.localdate())
