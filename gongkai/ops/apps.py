from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "gongkai.ops"
    label = "ops"
    verbose_name = _("运维与安全")

    def ready(self):
        from . import receivers  # noqa: F401  (page-cache invalidation, login failure counting)
