"""The console's own rows: the title an editor gave on the import form for a single file."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import ImportJob


class ImportTitle(models.Model):
    """Applied to the job's document when its file is imported (`receivers.import_title_apply`)."""

    job = models.OneToOneField(ImportJob, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("名称"), max_length=300)
    applied = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("导入时填写的名称")
        verbose_name_plural = verbose_name
