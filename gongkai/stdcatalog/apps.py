from django.apps import AppConfig


class StdcatalogConfig(AppConfig):
    name = "gongkai.stdcatalog"
    verbose_name = "基层政务公开标准目录"
