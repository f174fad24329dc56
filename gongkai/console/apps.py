from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "gongkai.console"

    def ready(self):
        from . import receivers  # noqa: F401
