"""The catalog tells us when a document changes; its 工作要点 topic rows (evidence.DocumentTopic) follow."""
from django.dispatch import receiver

from gongkai.catalog.signals import document_changed


@receiver(document_changed, dispatch_uid="oversight.document_changed")
def _document_changed(sender, document, action, **kwargs):
    from .evidence import topics_sync

    topics_sync(document=document)
