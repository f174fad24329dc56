from django.contrib.sitemaps import Sitemap

from gongkai.catalog.selectors import document_list_public


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return document_list_public().select_related(None).only("id", "updated_at", "publish_date")

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {"documents": DocumentSitemap}
