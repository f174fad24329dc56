"""The 政府信息公开指南 and 制度 pages (and the other column pages) in the site search
(gongkai.search.registry), kept current by post_save and post_delete receivers."""
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from gongkai.core.html import html_to_text
from gongkai.search.registry import IndexItem, register

from .models import Page

KIND = "page"


def _item(p: Page) -> IndexItem:
    body = "\n".join(x for x in (p.agency.name if p.agency_id else "", p.get_column_display(),
                                 html_to_text(p.body_html)) if x)
    return IndexItem(kind=KIND, pk=p.pk, url=p.get_absolute_url(), title=p.title, body=body,
                     date=p.updated_at.date() if p.updated_at else None)


def _pages():
    return Page.objects.select_related("agency")


def items():
    for p in _pages().order_by("pk").iterator(chunk_size=500):
        yield _item(p)


def item(pk):
    p = _pages().filter(pk=pk).first()
    return _item(p) if p else None


def _changed(sender, instance, **kwargs):
    from gongkai.search.services import index_item_changed

    index_item_changed(kind=KIND, pk=instance.pk)


def connect():
    register(kind=KIND, label=_("公开指南与制度"), items=items, item=item)
    post_save.connect(_changed, sender=Page, dispatch_uid="portal.search_index.saved")
    post_delete.connect(_changed, sender=Page, dispatch_uid="portal.search_index.deleted")
