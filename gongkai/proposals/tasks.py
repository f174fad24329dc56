from celery import shared_task


@shared_task(name="gongkai.proposals.reminders_send")
def reminders_send_task():
    """Send today's 建议提案 reminders (in the console and by e-mail); one already sent is not repeated."""
    from django.utils import timezone

    from .reminders import reminders_send

    return reminders_send(today=timezone.localdate())
