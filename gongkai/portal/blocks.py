"""Boxes that other apps put on the front page and on the 互动交流 page, and notes they put on a
document's page (e.g. "本文件起草时公开征求了意见" with its links).

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


@dataclass(frozen=True)
class DocumentNote:
    text: str  # e.g. "本文件起草过程中公开征求了意见："
    links: tuple[tuple[str, str], ...] = ()  # (title, url)


# key -> callable(document) -> list[DocumentNote]; each should cost at most one query.
_DOCUMENT_NOTES: dict[str, Callable] = {}


def register_document_notes(key: str, notes: Callable) -> None:
    """Register (or replace) what an app adds to a published document's page."""
    _DOCUMENT_NOTES[key] = notes


def document_notes(document) -> list[DocumentNote]:
    out = []
    for key in sorted(_DOCUMENT_NOTES):
        out += _DOCUMENT_NOTES[key](document)
    return out
