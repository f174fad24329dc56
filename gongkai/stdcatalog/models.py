"""本级标准目录: a county's or township's own list of 公开事项, compiled from the 26 领域 标准指引
(`areas.py`, shipped as data), each 事项 bound to the catalog documents that publish it."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class CatalogStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    SUBMITTED = "submitted", _("已提交审核")
    PUBLISHED = "published", _("已发布")


class Origin(models.TextChoices):
    ADOPTED = "adopted", _("采用指引")
    ADAPTED = "adapted", _("按本地调整")
    LOCAL = "local", _("本级增设")


class Audience(models.TextChoices):
    UNSET = "", _("未载明")
    PUBLIC = "public", _("全社会")
    GROUP = "group", _("特定群体")


class Mode(models.TextChoices):
    UNSET = "", _("未载明")
    ACTIVE = "active", _("主动")
    ON_REQUEST = "on_request", _("依申请")


AUDIENCE_FROM_TEXT = {"全社会": Audience.PUBLIC, "特定群体": Audience.GROUP, "特定群众": Audience.GROUP}
MODE_FROM_TEXT = {"主动": Mode.ACTIVE, "依申请": Mode.ON_REQUEST, "依申请公开": Mode.ON_REQUEST}


class LocalCatalog(models.Model):
    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="std_catalog",
                                  verbose_name=_("编制机关"))
    title = models.CharField(_("目录名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=12, choices=CatalogStatus.choices, default=CatalogStatus.DRAFT,
                              db_index=True)
    status_reason = models.TextField(_("退回理由"), blank=True)
    document = models.ForeignKey("catalog.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("目录文件"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency__sort_order", "id"]
        verbose_name = _("本级标准目录")
        verbose_name_plural = _("本级标准目录")

    def __str__(self):
        return self.title


class Entry(models.Model):
    """One 公开事项 of a 本级标准目录."""

    catalog = models.ForeignKey(LocalCatalog, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField(_("序号"), default=0)
    area_slug = models.CharField(_("领域"), max_length=40, db_index=True)
    template_code = models.CharField(_("指引事项编号"), max_length=40, blank=True)
    origin = models.CharField(_("来源"), max_length=10, choices=Origin.choices, default=Origin.ADOPTED)
    level1 = models.CharField(_("一级事项"), max_length=120)
    level2 = models.CharField(_("二级事项"), max_length=200, blank=True)
    content = models.TextField(_("公开内容（要素）"))
    basis = models.TextField(_("公开依据"), blank=True)
    time_limit = models.CharField(_("公开时限"), max_length=200, blank=True)
    subject_text = models.CharField(_("公开主体"), max_length=200, blank=True)
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    audience = models.CharField(_("公开对象"), max_length=8, choices=Audience.choices, blank=True)
    mode = models.CharField(_("公开方式"), max_length=12, choices=Mode.choices, blank=True)
    levels = models.JSONField(_("公开层级"), default=list, blank=True)
    topic = models.ForeignKey("catalog.Subject", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("对应主题分类"))
    keywords = models.CharField(_("匹配关键词"), max_length=200, blank=True,
                                help_text=_("以顿号或逗号分隔；主题分类相符且标题或主题词含任一关键词的文件计入本事项"))
    documents = models.ManyToManyField("catalog.Document", through="Binding", related_name="std_entries")

    class Meta:
        ordering = ["catalog", "position", "id"]
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")

    def __str__(self):
        return f"{self.level1}·{self.level2}" if self.level2 else self.level1

    @property
    def area_name(self) -> str:
        from .areas import area

        found = area(self.area_slug)
        return found.name if found else self.area_slug

    def keyword_list(self) -> list:
        import re

        return [k for k in re.split(r"[、,，;；\s]+", self.keywords or "") if k]


class Binding(models.Model):
    """A document bound to an 事项 by hand (matching by 主题分类 + keywords needs no row)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="bindings")
    document = models.ForeignKey("catalog.Document", on_delete=models.CASCADE, related_name="std_bindings")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "document"], name="stdcatalog_binding_unique")]
