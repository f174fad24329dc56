"""Editable section pages of the 政府信息公开 column: the 公开指南, the 公开制度 and others."""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.html import sanitize_html


class PageColumn(models.TextChoices):
    GUIDE = "guide", _("政府信息公开指南")
    SYSTEM = "system", _("政府信息公开制度")
    OTHER = "other", _("其他")


class Page(models.Model):
    """A page of the 政府信息公开 column; its body is sanitized on every save and on render."""

    slug = models.SlugField(_("代号"), max_length=80, unique=True,
                            help_text=_("网址中使用的英文代号，例如 guide、system-active"))
    column = models.CharField(_("栏目"), max_length=16, choices=PageColumn.choices,
                              default=PageColumn.OTHER, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    body_html = models.TextField(_("正文"), blank=True,
                                 help_text=_("可使用段落、标题、列表、表格和链接；脚本和样式会被清除"))
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="portal_pages", verbose_name=_("所属机关"),
                               help_text=_("公开指南按机关编写；留空表示适用于全站"))
    sort_order = models.IntegerField(_("排序"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["column", "sort_order", "id"]
        verbose_name = _("栏目页面")
        verbose_name_plural = _("栏目页面")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = sanitize_html(self.body_html)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.column == PageColumn.GUIDE:
            url = reverse("portal:guide")
            return f"{url}?agency={self.agency.slug}" if self.agency_id else url
        return reverse("portal:page", args=[self.slug])
