from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = _("门户网站")

    def ready(self):
        from . import search_index

        search_index.connect()  # the 指南 and 制度 pages in the site search (gongkai.search.registry)
