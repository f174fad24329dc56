from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailboxesConfig(AppConfig):
    name = "gongkai.mailboxes"
    verbose_name = _("政民互动留言")

    def ready(self):
        from . import search_index

        search_index.connect()  # searchable through the site search (gongkai.search.registry)
        from . import portal_blocks

        portal_blocks.connect()  # boxes on the front page and 互动交流 (gongkai.portal.blocks)
