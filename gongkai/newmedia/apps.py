from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewmediaConfig(AppConfig):
    name = "gongkai.newmedia"
    verbose_name = _("政务新媒体")

    def ready(self):
        from . import search_index

        search_index.connect()  # searchable through the site search (gongkai.search.registry)
