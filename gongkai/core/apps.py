from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    verbose_name = _("基础")

    def ready(self):
        from django.db.models.signals import pre_save

        from .receivers import text_fields_clean

        pre_save.connect(text_fields_clean, dispatch_uid="gongkai.core.text_fields_clean")

        # The admin speaks of this site, not of Django ("Django 管理" by default).
        from django.conf import settings
        from django.contrib import admin

        admin.site.site_header = _("%(site)s政务公开平台 · 系统管理") % {"site": settings.SITE_NAME}
        admin.site.site_title = _("政务公开平台系统管理")
        admin.site.index_title = _("系统管理")
