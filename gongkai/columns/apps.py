from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ColumnsConfig(AppConfig):
    name = "gongkai.columns"
    verbose_name = _("法定主动公开内容栏目")

    def ready(self):
        from . import receivers, search_index  # noqa: F401  (expiry of a document published after its 失效日期)

        search_index.connect()  # searchable through the site search (gongkai.search.registry)
