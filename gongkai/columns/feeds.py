"""RSS 2.0 and Atom feeds of one column (the portal's catalog feeds, over the column's query)."""
from django.conf import settings
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.portal.feeds import FEED_SIZE, CatalogRssFeed, SafeAtomFeed

from .selectors import column_documents, column_public


class ColumnRssFeed(CatalogRssFeed):
    def get_object(self, request, slug):
        column = column_public(slug=slug)
        agency = None
        slug_agency = (request.GET.get("agency") or "").strip()[:60]
        if slug_agency:
            agency = Agency.objects.filter(slug=slug_agency).first()
            if agency is None:
                raise Http404
        return {"column": column, "agency": agency}

    def title(self, obj):
        parts = [settings.SITE_NAME, obj["column"].name] + ([obj["agency"].name] if obj["agency"] else [])
        return " · ".join(parts)

    def link(self, obj):
        url = obj["column"].get_absolute_url()
        return url + (f"?agency={obj['agency'].slug}" if obj["agency"] else "")

    def description(self, obj):
        column = obj["column"]
        return f"{column.basis} {column.name}".strip()

    def items(self, obj):
        return column_documents(column=obj["column"], agency=obj["agency"])[:FEED_SIZE]


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = SafeAtomFeed

    def subtitle(self, obj):
        return self.description(obj)
