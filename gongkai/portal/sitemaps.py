"""sitemap.xml: the column pages, the editable pages and every public document."""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.catalog.selectors import document_list_public

from .models import Page


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["portal:home", "portal:xxgk", "portal:guide", "portal:system", "portal:catalog",
                "portal:annual_reports"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Page.objects.select_related("agency").order_by("id")

    def lastmod(self, obj):
        return obj.updated_at


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return document_list_public().select_related(None).only("id", "updated_at", "publish_date")

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {"sections": SectionSitemap, "pages": PageSitemap, "documents": DocumentSitemap}
