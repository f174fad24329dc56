"""Periodic jobs: the integrity checkpoint is written every day at 02:15 and the integrity check
runs at 02:30 (also fetching the live portal when GONGKAI["INTEGRITY_LIVE_URL"] is set)."""
from celery.schedules import crontab
from django.conf import settings

SCHEDULE = {
    "review-integrity-daily": {
        "task": "review.integrity_check",
        "schedule": crontab(hour=2, minute=30),
        "kwargs": {"base_url": settings.GONGKAI.get("INTEGRITY_LIVE_URL", "")},
    },
    "review-integrity-checkpoint-daily": {  # before the check, so the check compares with today's
        "task": "review.integrity_checkpoint",
        "schedule": crontab(hour=2, minute=15),
    },
}
