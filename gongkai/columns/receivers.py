"""A document published with a 失效日期 already past expires at once (inside the publication's
transaction), so the rule does not wait for the next daily sweep; an imported page's 统一登记号 is
recorded in the 规范性文件库."""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Document
from gongkai.catalog.signals import document_changed, document_imported


@receiver(document_changed, sender=Document, dispatch_uid="columns_expiry_on_publish")
def expire_on_publish(sender, document, action, **kwargs):
    if action != "publish" or document.expiry_date is None:
        return
    from .normative import _expire_one

    _expire_one(document.pk, timezone.localdate())


@receiver(document_imported, sender=Document, dispatch_uid="columns_registration_on_import")
def registration_on_import(sender, document, fields, actor=None, **kwargs):
    """An imported page's 统一登记号 goes into the 规范性文件库 (its 实施/失效日期 are catalog fields)."""
    if not fields.get("registration_no"):
        return ""
    from .normative import normative_register_imported

    return normative_register_imported(document=document, registration_no=fields["registration_no"], actor=actor)


@receiver([post_save, post_delete], sender=Agency, dispatch_uid="columns_agencies_changed")
def agencies_changed(sender, **kwargs):
    """Which 第二十一条 columns apply depends on the governments that exist: count afresh."""
    from .selectors import columns_version_bump

    columns_version_bump()
