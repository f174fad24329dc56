from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "gongkai.guides"
    verbose_name = _("办事指南")

    def ready(self):
        from . import search_index

        search_index.connect()  # searchable through the site search (gongkai.search.registry)
