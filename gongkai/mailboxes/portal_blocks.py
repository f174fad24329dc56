"""The mailboxes' box on the front page and the 互动交流 page (gongkai.portal.blocks)."""
from django.utils.translation import gettext_lazy

from gongkai.portal.blocks import Block, BlockItem, register

from .selectors import messages_public


def _replied(limit: int) -> list[BlockItem]:
    return [BlockItem(title=m.title, url=m.get_absolute_url(), date=m.replied_on, meta=m.mailbox.name)
            for m in messages_public()[:limit]]


def connect() -> None:
    register(Block(key="mailboxes-replied", title=gettext_lazy("留言回复"), order=30,
                   more_url_name="mailboxes:index", items=_replied))
