"""政务新媒体 accounts in the site search (gongkai.search.registry): open accounts, with the public
columns only (never the 运维人); a hit links to the 矩阵 page. Kept current by a post_save receiver."""
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import IndexItem, register

from .models import Account
from .selectors import accounts_public

KIND = "newmedia"


def _item(a: Account) -> IndexItem:
    body = "\n".join(x for x in (a.get_platform_display(), a.agency.name, a.account_id) if x)
    return IndexItem(kind=KIND, pk=a.pk, url=reverse("newmedia:matrix"), title=a.name, body=body,
                     date=a.opened_date)


def items():
    for a in accounts_public().order_by("pk").iterator(chunk_size=500):
        yield _item(a)


def item(pk):
    a = accounts_public().filter(pk=pk).first()
    return _item(a) if a else None


def _changed(sender, instance, **kwargs):
    from gongkai.search.services import index_item_changed

    index_item_changed(kind=KIND, pk=instance.pk)


def connect():
    register(kind=KIND, label=_("政务新媒体"), items=items, item=item)
    post_save.connect(_changed, sender=Account, dispatch_uid="newmedia.search_index")
