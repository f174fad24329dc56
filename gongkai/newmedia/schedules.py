"""Periodic jobs of the newmedia app (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    "newmedia-reminders": {"task": "gongkai.newmedia.reminders_send", "schedule": crontab(hour=8, minute=20)},
}
