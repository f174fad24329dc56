"""Celery tasks of the ops app (inline in the embedded default)."""
from celery import shared_task

from .edge import edge_refresh


@shared_task(name="ops.edge_refresh", acks_late=True, ignore_result=True)
def edge_refresh_task(paths):
    """Refresh nginx's copies of `paths` (idempotent: a refresh only fetches)."""
    edge_refresh(paths=list(paths))
