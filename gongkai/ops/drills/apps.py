from django.apps import AppConfig


class DrillsConfig(AppConfig):
    name = "gongkai.ops.drills"
    label = "ops_drills"

    def ready(self):
        from . import hooks  # noqa: F401
