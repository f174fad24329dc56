"""Keep the index in step with the catalog and the segmenter with the vocabulary."""
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gongkai.catalog.signals import document_changed

from .analysis import vocabulary_changed
from .models import ExtraWord
from .services import index_document_sync


@receiver(document_changed, dispatch_uid="search.document_changed")
def on_document_changed(sender, document, action, **kwargs):
    """Re-index `document` inside the caller's transaction (publish, withdraw, validity, …)."""
    index_document_sync(document=document, action=action)


@receiver(post_save, sender=ExtraWord, dispatch_uid="search.extra_word_saved")
@receiver(post_delete, sender=ExtraWord, dispatch_uid="search.extra_word_deleted")
def on_extra_word_changed(sender, **kwargs):
    transaction.on_commit(vocabulary_changed)


@receiver(connection_created, dispatch_uid="search.sqlite_pragmas")
def on_connection_created(sender, connection, **kwargs):
    """Give SQLite connections room for the full-text index: a larger page cache and memory-mapped reads."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA cache_size = -32768")
            cur.execute("PRAGMA mmap_size = 268435456")
