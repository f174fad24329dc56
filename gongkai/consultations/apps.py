from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    verbose_name = _("意见征集")

    def ready(self):
        from . import receivers, search_index  # noqa: F401  (connects the signal receivers)

        search_index.connect()  # searchable through the site search (gongkai.search.registry)
        from . import portal_blocks

        portal_blocks.connect()  # boxes on the front page and 互动交流 (gongkai.portal.blocks)
