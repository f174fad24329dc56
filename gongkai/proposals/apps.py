from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    label = "proposals"
    verbose_name = "建议提案办理"

    def ready(self):
        from . import receivers  # noqa: F401
