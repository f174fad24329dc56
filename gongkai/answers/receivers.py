"""Keep the documents of the 指南 and 制度 pages in step with the pages (portal.Page)."""
import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.core.errors import UserFacingError
from gongkai.portal.models import Page, PageColumn

from .sources import page_document_sync

log = logging.getLogger(__name__)


@receiver(post_save, sender=Page, dispatch_uid="answers_page_document_sync")
def on_page_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.column not in (PageColumn.GUIDE, PageColumn.SYSTEM):
        return
    try:
        page_document_sync(page=instance)
    except UserFacingError as exc:  # the review stopped the new text: the page stays, the document waits
        log.warning("page %s not republished as a document: %s", instance.slug, exc.message)
