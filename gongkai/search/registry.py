"""Searchable kinds besides documents: each app registers a provider of its public items.

An app calls `register` in its AppConfig.ready() with
- `items()`: every public item (a full rebuild reads them),
- `item(pk)`: the public item with that key, or None when it is not (or no longer) public,
and calls `gongkai.search.changes.index_item_changed(kind=..., pk=...)` whenever a row may have
become public, changed, or stopped being public (a post_save receiver is enough: the change is
logged in the same transaction and applied to the index on commit).

Nothing here imports another app: the registry sits below every app that registers.
"""
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass
class IndexItem:
    """One public item of a registered kind, as the search index holds it."""

    kind: str
    pk: int
    url: str
    title: str
    body: str
    date: dt.date | None = None  # the "newest first" order; the document facets do not apply to kinds


@dataclass
class Provider:
    kind: str
    label: str  # what the results page shows beside a hit (意见征集, 留言, …)
    items: Callable[[], Iterable[IndexItem]]
    item: Callable[[int], IndexItem | None]


_PROVIDERS: dict[str, Provider] = {}
DOCUMENT = "document"
PASSAGE = "passage"


def register(*, kind: str, label, items, item) -> Provider:
    """Register (or replace) the provider of `kind`."""
    if kind in (DOCUMENT, PASSAGE) or not kind.isidentifier() or len(kind) > 24:
        raise ValueError(f"search: invalid kind {kind!r}")
    provider = Provider(kind=kind, label=label, items=items, item=item)
    _PROVIDERS[kind] = provider
    return provider


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def provider(kind: str) -> Provider | None:
    return _PROVIDERS.get(kind)


def kind_label(kind: str) -> str:
    from django.utils.translation import gettext as _

    if kind == DOCUMENT:
        return _("政府信息")
    p = _PROVIDERS.get(kind)
    return str(p.label) if p else kind
