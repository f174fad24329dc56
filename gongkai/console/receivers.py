"""Apply the title given on the import form to the document its job imported."""
from django.dispatch import receiver

from gongkai.catalog.signals import import_item_done


def import_title_apply(*, job_id, document, actor) -> bool:
    """Set the pending ImportTitle of job `job_id` on `document` (a draft the job imported)."""
    from gongkai.catalog.services import document_update

    from .models import ImportTitle

    pending = ImportTitle.objects.select_for_update().filter(job_id=job_id, applied=False).first()
    if pending is None or document is None or document.status != "draft":
        return False
    if document.title != pending.title:
        document_update(document=document, actor=actor, title=pending.title)
    pending.applied = True
    pending.save(update_fields=["applied"])
    return True


@receiver(import_item_done, dispatch_uid="console.import_title")
def on_import_item_done(sender, item, **kwargs):
    if item.status == "imported" and item.document_id:
        import_title_apply(job_id=item.job_id, document=item.document, actor=item.job.actor)
