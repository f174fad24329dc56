"""Celery tasks: each loads what it needs and calls a service; running one twice changes nothing more."""
from celery import shared_task


@shared_task(name="gongkai.foi.cases_recompute")
def cases_recompute_task(case_ids=None):
    """Recompute the deadlines of open cases (all of them by default) from their events."""
    from .services import cases_recompute

    return cases_recompute(case_ids=case_ids)


@shared_task(name="gongkai.foi.reminders_send")
def reminders_send_task():
    """Send today's deadline reminders (in-app and e-mail); a reminder already sent is not repeated."""
    from .reminders import reminders_send
    from .services import today

    return reminders_send(today=today())
