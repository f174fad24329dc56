from django.apps import AppConfig


class GazetteConfig(AppConfig):
    name = "gongkai.gazette"
    verbose_name = "政府公报"

    def ready(self):
        from . import search_index

        search_index.connect()  # searchable through the site search (gongkai.search.registry)
