"""Periodic jobs of the columns app (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    # Just after midnight in Beijing (CELERY_TIMEZONE follows TIME_ZONE): the new day's expiries.
    "columns-expiry": {"task": "gongkai.columns.expiry_apply", "schedule": crontab(hour=0, minute=5)},
    "columns-expiry-reminders": {"task": "gongkai.columns.reminders_send", "schedule": crontab(hour=8, minute=10)},
    "columns-profile-reminders": {"task": "gongkai.columns.profile_reminders_send",
                                  "schedule": crontab(hour=8, minute=15)},
}
