from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    verbose_name = "年度报告"

    def ready(self):
        from . import receivers  # noqa: F401  (a report follows its catalog document)
