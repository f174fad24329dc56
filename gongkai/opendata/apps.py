from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "gongkai.opendata"
    label = "opendata"
    verbose_name = "数据开放"

    def ready(self):
        from . import search_index

        search_index.connect()  # searchable through the site search (gongkai.search.registry)
