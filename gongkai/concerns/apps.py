from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "gongkai.concerns"
    verbose_name = _("回应关切")
