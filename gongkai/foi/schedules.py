"""Periodic jobs of the FOI app (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    "foi-reminders": {"task": "gongkai.foi.reminders_send", "schedule": crontab(hour=8, minute=0)},
    # Catches calendar edits made outside the admin (e.g. a restored database) and new-year rollovers.
    "foi-recompute": {"task": "gongkai.foi.cases_recompute", "schedule": crontab(hour=1, minute=30)},
    # A notice whose message was lost (or whose worker failed on a database outage) is not left pending.
    "foi-notices-requeue": {"task": "gongkai.foi.notices_pending_requeue", "schedule": crontab(minute="*/10")},
    # Applicant e-mails a mail server refused, retried for three days.
    "foi-notice-emails": {"task": "gongkai.foi.notice_emails_pending_send", "schedule": crontab(minute="5-59/15")},
}
