"""Periodic jobs of 数据开放 (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    "opendata-resources-requeue": {"task": "gongkai.opendata.resources_pending_requeue",
                                   "schedule": crontab(minute="*/15")},
    "opendata-reminders": {"task": "gongkai.opendata.reminders_send", "schedule": crontab(hour=8, minute=10)},
}
