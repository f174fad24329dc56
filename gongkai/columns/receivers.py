"""A document published with a 失效日期 already past expires at once (inside the publication's
transaction), so the rule does not wait for the next daily sweep."""
from django.dispatch import receiver
from django.utils import timezone

from gongkai.catalog.models import Document
from gongkai.catalog.signals import document_changed


@receiver(document_changed, sender=Document, dispatch_uid="columns_expiry_on_publish")
def expire_on_publish(sender, document, action, **kwargs):
    if action != "publish" or document.expiry_date is None:
        return
    from .normative import _expire_one

    _expire_one(document.pk, timezone.localdate())
