"""Boxes that other apps put on the front page and on the 互动交流 page.

The portal sits below the apps that register here (consultations, mailboxes, …): it imports none of
them. Each app registers its boxes in its AppConfig.ready() with `register(Block(...))`; the portal's
views ask `blocks_for(page)` and render whatever is registered, skipping boxes with nothing to show.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class BlockItem:
    title: str
    url: str
    date: dt.date | None = None
    meta: str = ""  # a short note shown after the date (e.g. "截止 2026-12-31")


@dataclass(frozen=True)
class Block:
    key: str
    title: str
    more_url_name: str  # where "更多" leads: a URL name, reversed when the page is drawn
    items: Callable[[int], list[BlockItem]]  # called with the number of items wanted
    pages: tuple[str, ...] = ("home", "hdjl")
    order: int = 100
    more_query: str = ""  # appended to that URL, e.g. "?phase=open"
    empty_text: str = field(default="")  # shown instead of skipping the box when it is empty

    @property
    def more_url(self) -> str:
        from django.urls import reverse

        return reverse(self.more_url_name) + self.more_query


_BLOCKS: dict[str, Block] = {}


def register(block: Block) -> None:
    """Register (or replace, on a second ready()) a box under its key."""
    _BLOCKS[block.key] = block


def blocks_for(page: str, *, limit: int = 5) -> list[tuple[Block, list[BlockItem]]]:
    """The boxes registered for `page`, in order, each with its first `limit` items; empty boxes
    without an `empty_text` are left out."""
    out = []
    for block in sorted((b for b in _BLOCKS.values() if page in b.pages), key=lambda b: (b.order, b.key)):
        items = list(block.items(limit))
        if items or block.empty_text:
            out.append((block, items))
    return out
