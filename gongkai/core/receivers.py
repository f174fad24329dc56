"""The one input normalisation every stored text goes through: `core.text.clean_text` on save.

Every CharField/TextField of the project's models (and Django's users) is cleaned before it is
written, whatever wrote it (a form, the importer, the API, the admin, a command), so a form feed
from pdftotext or a vertical tab never reaches a feed, a sitemap or a .docx. The audit log is left
exactly as written: its rows are hashed before they are saved, and its pages are HTML, not XML.
"""
from django.db import models

from .text import clean_text

SKIP_APPS = {"audit"}


def _text_fields(model):
    cached = model.__dict__.get("_gongkai_text_fields")
    if cached is None:
        cached = tuple(f.attname for f in model._meta.concrete_fields
                       if isinstance(f, (models.CharField, models.TextField)) and not f.choices)
        model._gongkai_text_fields = cached
    return cached


def text_fields_clean(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.app_label in SKIP_APPS:
        return
    for name in _text_fields(sender):
        value = instance.__dict__.get(name)
        if isinstance(value, str) and value:
            cleaned = clean_text(value)
            if cleaned is not value:
                instance.__dict__[name] = cleaned
