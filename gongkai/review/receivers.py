"""Signal receivers: the review gate in front of every publication."""
from .services import review_publish_check


def on_document_pre_publish(sender, document, actor, override_reason="", **kwargs):
    """Refuse publication on a block verdict, and on warn without an override reason."""
    review_publish_check(document=document, actor=actor, override_reason=override_reason)
