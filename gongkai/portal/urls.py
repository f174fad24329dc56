from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import integrity_views, views
from .feeds import CatalogAtomFeed, CatalogRssFeed, PageAtomFeed, PageRssFeed
from .sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/", views.xxgk, name="xxgk"),
    path("xxgk/guide/", views.guide, name="guide"),
    path("xxgk/system/", views.system, name="system"),
    path("xxgk/page/<slug:slug>/", views.page_detail, name="page"),
    path("xxgk/fdzdgknr/", views.catalog, name="catalog"),
    path("xxgk/annual-reports/", views.annual_reports, name="annual_reports"),
    path("xxgk/integrity/", integrity_views.integrity, name="integrity"),
    path("xxgk/integrity/checkpoints.json", integrity_views.checkpoints_json, name="integrity_checkpoints"),
    path("xxgk/integrity/checkpoint-<str:date>.json", integrity_views.checkpoint_json, name="integrity_checkpoint"),
    path("xxgk/integrity/proof/<int:pk>.json", integrity_views.proof_json, name="integrity_proof"),
    path("xxgk/feed/rss/", CatalogRssFeed(), name="feed_rss"),
    path("xxgk/feed/atom/", CatalogAtomFeed(), name="feed_atom"),
    path("xxgk/pages/<slug:column>/rss/", PageRssFeed(), name="page_feed_rss"),
    path("xxgk/pages/<slug:column>/atom/", PageAtomFeed(), name="page_feed_atom"),
    path("doc/<int:pk>/", views.document_detail, name="document"),
    path("doc/<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("doc/by-index/<path:index_no>/", views.document_by_index, name="document_by_index"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap/", views.sitemap_html, name="sitemap_html"),
    path("hdjl/", views.interaction, name="hdjl"),
    path("favicon.ico", views.favicon, name="favicon"),
]
