"""The catalog tells us when a 复文 document is published; the proposal follows it."""
from django.dispatch import receiver

from gongkai.catalog.signals import document_changed


@receiver(document_changed, dispatch_uid="proposals.document_changed")
def _document_changed(sender, document, action, **kwargs):
    if action != "publish":
        return
    from .services import proposal_document_published

    proposal_document_published(document=document)
