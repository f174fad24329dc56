"""Keep a consultation in step with its notice in the catalog: when the reviewer publishes the
notice the consultation is published; when the reviewer returns it, the consultation is returned."""
from django.dispatch import receiver

from gongkai.catalog.signals import document_changed


@receiver(document_changed, dispatch_uid="consultations.notice_changed")
def notice_changed(sender, document, action, **kwargs):
    if action not in ("publish", "return"):
        return
    from .models import Consultation, ConsultationStatus
    from .services import consultation_transition

    c = Consultation.objects.filter(notice=document, status=ConsultationStatus.REVIEW).first()
    if c is not None:
        consultation_transition(consultation=c, action=action, actor=None,
                                reason=document.status_reason if action == "return" else "")
