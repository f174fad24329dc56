from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    verbose_name = _("依申请公开")

    def ready(self):
        from . import receivers  # noqa: F401  (calendar changes, applicant e-mail)
