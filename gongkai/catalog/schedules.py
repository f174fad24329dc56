"""Periodic jobs of the catalog (collected by config/celery.py)."""
from celery.schedules import crontab

SCHEDULE = {
    # An import job whose message was lost, or whose worker died with it, resumes where it stopped.
    "catalog-import-requeue": {"task": "gongkai.catalog.import_jobs_stalled_requeue",
                               "schedule": crontab(minute="*/10")},
}
