from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "gongkai.oversight"
    verbose_name = _("督办")

    def ready(self):
        from . import receivers  # noqa: F401
