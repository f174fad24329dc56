"""Periodic jobs of the proposals app (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    "proposals-reminders": {"task": "gongkai.proposals.reminders_send", "schedule": crontab(hour=8, minute=10)},
}
