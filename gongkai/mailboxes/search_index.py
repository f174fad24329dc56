"""留言 in the site search (gongkai.search.registry): replied messages made public, with their
de-identified text and the reviewed reply only; kept current by a post_save receiver."""
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import IndexItem, register

from .models import Message
from .selectors import PUBLIC_STATUSES, messages_public

KIND = "message"


def _item(m: Message) -> IndexItem:
    body = "\n".join(x for x in (m.mailbox.name, m.body_public, m.reply_public) if x)
    return IndexItem(kind=KIND, pk=m.pk, url=m.get_absolute_url(), title=m.title, body=body,
                     date=m.replied_on or m.received_at.date())


def items():
    for m in messages_public().order_by("pk").iterator(chunk_size=500):
        yield _item(m)


def item(pk):
    m = messages_public().filter(pk=pk).first()
    return _item(m) if m else None


# The fields the indexed item is made of (and those that decide whether it is public).
_INDEXED = frozenset({"title", "body_public", "reply_public", "replied_on", "received_at", "is_public", "status",
                      "mailbox", "mailbox_id"})


def _changed(sender, instance, created=False, update_fields=None, **kwargs):
    """Log a change only when the public item can have changed: a new message is never public (a
    submission then costs no index work), and a save of other fields (deadlines) changes nothing."""
    from gongkai.search.services import index_item_changed

    if created and not (instance.is_public and instance.status in PUBLIC_STATUSES):
        return
    if update_fields is not None and not (set(update_fields) & _INDEXED):
        return
    index_item_changed(kind=KIND, pk=instance.pk)


def connect():
    register(kind=KIND, label=_("留言"), items=items, item=item)
    post_save.connect(_changed, sender=Message, dispatch_uid="mailboxes.search_index")
