"""Celery tasks: each loads what it needs and calls a service; running one twice changes nothing more.

acks_late + reject_on_worker_lost (also the project defaults in config/settings.py): the message is
acknowledged only when the task returns, so a worker killed mid-task has it delivered again.
"""
from celery import shared_task


@shared_task(name="gongkai.catalog.import_job_run", acks_late=True, reject_on_worker_lost=True)
def import_job_run_task(job_id: int):
    """Run or resume an import job; a job already finished is left as it is."""
    from .importing.jobs import import_job_run
    from .models import ImportJob

    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return None  # deleted since it was queued
    return import_job_run(job=job).status


@shared_task(name="gongkai.catalog.import_jobs_stalled_requeue")
def import_jobs_stalled_requeue_task():
    """Queue again the import jobs that have not moved for a while (see IMPORT_JOB_STALE_SECONDS)."""
    from .importing.jobs import import_jobs_stalled_requeue

    return import_jobs_stalled_requeue()
