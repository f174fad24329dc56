from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnswersConfig(AppConfig):
    name = "gongkai.answers"
    verbose_name = _("智能问答")

    def ready(self):
        from . import receivers  # noqa: F401
