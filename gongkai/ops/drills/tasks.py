"""A task that only loads an object and calls a service, and is idempotent (as every task must be)."""
from celery import shared_task


@shared_task(name="drills.document_publish", acks_late=True, reject_on_worker_lost=True)
def document_publish_task(document_id: int, actor_id: int):
    from django.contrib.auth import get_user_model

    from gongkai.catalog.models import Document, Status
    from gongkai.catalog.services import document_transition

    document = Document.objects.get(pk=document_id)
    if document.status == Status.PUBLISHED:
        return document.index_no
    actor = get_user_model().objects.get(pk=actor_id)
    return document_transition(document=document, action="publish", actor=actor).index_no
