"""Periodic jobs of the assessment app (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    "assessment-snapshots": {"task": "gongkai.assessment.snapshot_compute", "schedule": crontab(hour=2, minute=20)},
}
