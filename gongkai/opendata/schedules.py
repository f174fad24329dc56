"""Periodic jobs of 数据开放 (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    "opendata-reminders": {"task": "gongkai.opendata.reminders_send", "schedule": crontab(hour=8, minute=10)},
}
