from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "gongkai.review"
    verbose_name = _("公开前审查")

    def ready(self):
        from gongkai.catalog.signals import document_pre_publish, document_prepare

        from .receivers import on_document_pre_publish, on_document_prepare

        document_pre_publish.connect(on_document_pre_publish, dispatch_uid="review.pre_publish")
        document_prepare.connect(on_document_prepare, dispatch_uid="review.prepare")
