"""Celery application. In the embedded default (no REDIS_URL) tasks run inline.

Periodic jobs: each app that has them defines `SCHEDULE` (a Celery beat_schedule dict) in its
`schedules.py`; they are collected here so beat needs no per-app configuration.
"""
import importlib
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("gongkai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _collect_schedules(sender, **kwargs):
    from django.conf import settings

    schedule = dict(settings.CELERY_BEAT_SCHEDULE)
    for app_name in settings.INSTALLED_APPS:
        if not app_name.startswith("gongkai."):
            continue
        try:
            module = importlib.import_module(f"{app_name}.schedules")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_name}.schedules":
                raise
            continue
        schedule.update(getattr(module, "SCHEDULE", {}))
    sender.conf.beat_schedule = schedule
