"""Periodic jobs of the oversight app (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    "oversight-reminders": {"task": "gongkai.oversight.reminders_send", "schedule": crontab(hour=8, minute=10)},
}
