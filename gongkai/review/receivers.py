"""Signal receivers: the review gate in front of every publication."""
from .services import review_publish_check


def on_document_pre_publish(sender, document, actor, override_reason="", **kwargs):
    """Refuse publication on a block verdict, and on warn without an override reason."""
    review_publish_check(document=document, actor=actor, override_reason=override_reason)


def on_document_prepare(sender, fields, **kwargs):
    """Review a document about to be published before its write transaction opens (the importer),
    with the text exactly as it will be stored, so the publish gate finds the report ready."""
    from gongkai.core.html import html_to_text, sanitize_html
    from gongkai.core.text import clean_text

    from .documents import review_prepare

    body_html = clean_text(sanitize_html(fields.get("body_html") or ""))
    review_prepare(title=clean_text(fields.get("title") or ""), summary=clean_text(fields.get("summary") or ""),
                   body_html=body_html, body_text="" if body_html else clean_text(html_to_text(body_html)))
