"""Celery tasks of the review app (thin: call a service)."""
from celery import shared_task


@shared_task(name="review.integrity_check")
def integrity_check_task(base_url: str = ""):
    """Run the daily integrity check and store its result; return the run's id."""
    from .models import IntegrityRun
    from .services import integrity_run_create

    return integrity_run_create(source=IntegrityRun.Source.SCHEDULED, base_url=base_url).pk


@shared_task(name="review.integrity_checkpoint")
def integrity_checkpoint_task():
    """Write today's checkpoint (audit chain tip, count, Merkle root of the revisions) outside the database."""
    from .checkpoints import checkpoint_write

    return str(checkpoint_write()[1])
