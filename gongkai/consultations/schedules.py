"""Periodic jobs of 意见征集 (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    "consultations-comments-group": {"task": "gongkai.consultations.comments_group_sweep",
                                     "schedule": crontab(minute="*")},
    "consultations-reminders": {"task": "gongkai.consultations.reminders_send", "schedule": crontab(hour=8, minute=20)},
}
