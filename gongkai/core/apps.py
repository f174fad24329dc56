from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    verbose_name = _("基础")

    def ready(self):
        from django.db.models.signals import pre_save

        from .receivers import text_fields_clean

        pre_save.connect(text_fields_clean, dispatch_uid="gongkai.core.text_fields_clean")
