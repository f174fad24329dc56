from celery import shared_task


@shared_task(name="gongkai.concerns.reminders_send")
def reminders_send_task():
    """Hourly: reminders of concerns past their first-response deadline."""
    from .reminders import reminders_send

    return reminders_send()
