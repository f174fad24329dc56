"""Signal receivers: page-cache invalidation, database-error flagging, login failure counting."""
import logging
import sys

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.signals import got_request_exception
from django.db import transaction
from django.dispatch import receiver

from gongkai.catalog.signals import document_changed

from .edge import edge_refresh_urls
from .lockout import login_failure_record, login_success_record
from .middleware import is_database_unavailable
from .pagecache import page_cache_invalidate


@receiver(document_changed, dispatch_uid="ops.page_cache_invalidate")
def _document_changed(sender, document=None, action="", **kwargs):
    """Bump the page-cache version now and again after commit, so no stale page outlives the change."""
    page_cache_invalidate()
    transaction.on_commit(page_cache_invalidate)
    # Only a page readers can see (or just saw) has an edge copy worth refreshing: refreshing a
    # draft's URL would only store its 404 at the edge.
    if document is not None and document.status in _EDGE_STATUSES and edge_refresh_urls():
        paths = _edge_paths(document)
        transaction.on_commit(lambda: _edge_refresh_enqueue(paths))


_EDGE_STATUSES = ("published", "withdrawn")


def _edge_paths(document) -> list[str]:
    """The pages nginx keeps long that this change alters: the document's and its relations'."""
    from gongkai.catalog.models import DocumentRelation, Document

    related = DocumentRelation.objects.filter(source=document).values_list("target_id", flat=True).union(
        DocumentRelation.objects.filter(target=document).values_list("source_id", flat=True))
    paths = [document.get_absolute_url()]
    paths += [Document(pk=pk).get_absolute_url() for pk in related]
    return paths


def _edge_refresh_enqueue(paths):
    from .tasks import edge_refresh_task

    try:
        edge_refresh_task.delay(paths)
    except Exception:  # broker down: the short edge interval still bounds staleness
        logging.getLogger(__name__).warning("edge refresh not queued", exc_info=True)


@receiver(got_request_exception, dispatch_uid="ops.flag_db_unavailable")
def _flag_db_unavailable(sender, request=None, **kwargs):
    exc = sys.exc_info()[1]
    if request is not None and is_database_unavailable(exc):
        request._gongkai_db_unavailable = True


@receiver(user_login_failed, dispatch_uid="ops.login_failed")
def _login_failed(sender, credentials=None, request=None, **kwargs):
    login_failure_record(username=(credentials or {}).get("username", ""), request=request)


@receiver(user_logged_in, dispatch_uid="ops.logged_in")
def _logged_in(sender, request=None, user=None, **kwargs):
    login_success_record(username=user.get_username() if user else "", request=request)
