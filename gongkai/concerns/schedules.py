"""Periodic jobs of 回应关切 (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    # First-response deadlines are counted in hours (5 for 特别重大、重大突发事件), so hourly, not daily.
    "concerns-reminders": {"task": "gongkai.concerns.reminders_send", "schedule": crontab(minute=5)},
}
