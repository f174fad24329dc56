"""Follow the catalog: a report's status moves with its document's review."""
from django.dispatch import receiver

from gongkai.catalog.signals import document_changed


@receiver(document_changed, dispatch_uid="reports_follow_document")
def follow_document(sender, document, action, **kwargs):
    """Move the report whose catalog document was just published, returned or withdrawn."""
    from gongkai.catalog.models import Category

    if document.category != Category.ANNUAL_REPORT:
        return
    from .services import report_follow_document

    report_follow_document(document=document, action=action)
