"""RSS 2.0 and Atom feeds of the catalog; the query string carries the list's filters."""
import datetime as dt
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gongkai.catalog.models import Category
from gongkai.catalog.selectors import document_list_public
from gongkai.core.html import html_to_text
from gongkai.core.text import clean_text

from . import selectors
from .models import Page, PageColumn

FEED_SIZE = 50


def _clean(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_clean(v) for v in value)
    return value


class _XmlSafe:
    """Every string a feed writes passes `clean_text` first: a form feed or a vertical tab stored in
    a document (or any character XML 1.0 cannot carry) never makes the feed fail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_clean, args), **{k: _clean(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_clean, args), **{k: _clean(v) for k, v in kwargs.items()})


class SafeRssFeed(_XmlSafe, Rss201rev2Feed):
    pass


class SafeAtomFeed(_XmlSafe, Atom1Feed):
    pass


def plain_description(text: str) -> str:
    """A feed item's description: plain text, HTML-escaped.

    RSS `<description>` and Atom `<summary type="html">` are read as HTML once the XML is decoded;
    escaping makes a reader show `<svg onload=…>` or a `javascript:` link as the text it is.
    """
    return escape(Truncator(clean_text(text or "")).chars(200))


def _base_url(request) -> str:
    """SITE_URL when the deployment sets it, else the origin the request came to (never a fixed
    host and port)."""
    if getattr(settings, "SITE_URL_EXPLICIT", False):
        return settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


class AbsoluteIdsMixin:
    """Feed and entry ids (Atom <id>, RSS <guid>) and links on the deployment's own address."""

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        base = _base_url(request)

        def rebase(url):
            parts = urlsplit(url or "")
            return base + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

        for key in ("link", "feed_url", "id"):
            if feed.feed.get(key):
                feed.feed[key] = rebase(feed.feed[key])
        for item in feed.items:
            item["link"] = rebase(item["link"])
            item["unique_id"] = rebase(item.get("unique_id") or item["link"])
        return feed


class CatalogRssFeed(AbsoluteIdsMixin, Feed):
    """The newest published documents matching the list filters given in the query string."""

    feed_type = SafeRssFeed

    def get_object(self, request, *args, **kwargs):
        return selectors.filters_from_query(query=request.GET)

    def title(self, obj):
        labels = [label for _key, label in selectors.filter_labels(filters=obj)]
        base = _("%(site)s 主动公开目录") % {"site": settings.SITE_NAME}
        return f"{base}：{' · '.join(labels)}" if labels else base

    def link(self, obj):
        if obj.get("category") == Category.ANNUAL_REPORT:
            rest = {k: v for k, v in obj.items() if k != "category"}
            return reverse("portal:annual_reports") + (f"?{urlencode(rest)}" if rest else "")
        query = urlencode(obj)
        return reverse("portal:catalog") + (f"?{query}" if query else "")

    def description(self, obj):
        return _("政府信息公开：最新发布的主动公开政府信息")

    def items(self, obj):
        return document_list_public(filters=obj)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_description(item.summary or item.body_text)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return item.agency.name

    def item_pubdate(self, item):
        day = item.publish_date or (timezone.localdate(item.published_at) if item.published_at else None)
        if day is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [c for c in (item.get_category_display(), str(item.subject) if item.subject_id else "") if c]


class CatalogAtomFeed(CatalogRssFeed):
    feed_type = SafeAtomFeed

    def subtitle(self, obj):
        return self.description(obj)


class PageRssFeed(AbsoluteIdsMixin, Feed):
    """The pages of one column (the 公开制度 list), newest change first."""

    feed_type = SafeRssFeed

    def get_object(self, request, column):
        if column not in PageColumn.values:
            raise Http404
        return PageColumn(column)

    def title(self, obj):
        return f"{settings.SITE_NAME} {obj.label}"

    def link(self, obj):
        return reverse("portal:guide") if obj == PageColumn.GUIDE else reverse("portal:system")

    def description(self, obj):
        return obj.label

    def items(self, obj):
        return Page.objects.filter(column=obj).select_related("agency").order_by("-updated_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_description(html_to_text(item.body_html))

    def item_pubdate(self, item):
        return item.updated_at


class PageAtomFeed(PageRssFeed):
    feed_type = SafeAtomFeed

    def subtitle(self, obj):
        return obj.label
