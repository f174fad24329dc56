"""办事指南: structured service guides of an agency's 政务服务事项, with their application materials and
a numbered snapshot of every published version."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class GuideKind(models.TextChoices):
    LICENSE = "license", _("行政许可")
    BENEFIT = "benefit", _("行政给付")
    CONFIRMATION = "confirmation", _("行政确认")
    PUBLIC_SERVICE = "public_service", _("公共服务")
    OTHER = "other", _("其他")


class LifeEvent(models.TextChoices):
    BIRTH = "birth", _("生育收养")
    HOUSEHOLD = "household", _("户籍办理")
    EDUCATION = "education", _("教育")
    EMPLOYMENT = "employment", _("就业创业")
    MARRIAGE = "marriage", _("婚姻登记")
    SOCIAL_SECURITY = "social_security", _("社会保障")
    HEALTH = "health", _("医疗卫生")
    HOUSING = "housing", _("住房保障")
    RETIREMENT = "retirement", _("退休养老")
    FUNERAL = "funeral", _("身后事")


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class MaterialForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    BOTH = "both", _("纸质或电子")


class MaterialNeed(models.TextChoices):
    REQUIRED = "required", _("必要")
    OPTIONAL = "optional", _("非必要")
    CONDITIONAL = "conditional", _("视情形提供")


class ServiceGuide(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="service_guides",
                               verbose_name=_("实施主体"))
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("事项类型"), max_length=16, choices=GuideKind.choices, default=GuideKind.PUBLIC_SERVICE)
    basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("受理条件"), blank=True)
    process = models.TextField(_("办理流程"), blank=True)
    legal_days = models.PositiveSmallIntegerField(_("法定时限（工作日）"), null=True, blank=True)
    promised_days = models.PositiveSmallIntegerField(_("承诺时限（工作日）"), null=True, blank=True)
    free = models.BooleanField(_("不收费"), default=True)
    fee_standard = models.TextField(_("收费标准"), blank=True)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    location = models.CharField(_("办理地点"), max_length=300, blank=True)
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=60, blank=True)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=60, blank=True)
    life_events = models.JSONField(_("生活事件"), default=list, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=GuideStatus.choices, default=GuideStatus.DRAFT,
                              db_index=True)
    status_reason = models.TextField(_("退回或撤回理由"), blank=True)
    version = models.PositiveIntegerField(_("当前发布版本"), default=0)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["agency_id", "name", "id"]
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    def __str__(self):
        return self.name

    def life_event_labels(self) -> list:
        labels = dict(LifeEvent.choices)
        return [str(labels[e]) for e in self.life_events if e in labels]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("guides:guide", args=[self.pk])


class GuideMaterial(models.Model):
    guide = models.ForeignKey(ServiceGuide, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("材料名称"), max_length=200)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    form = models.CharField(_("形式"), max_length=12, choices=MaterialForm.choices, default=MaterialForm.PAPER)
    need = models.CharField(_("必要性"), max_length=12, choices=MaterialNeed.choices, default=MaterialNeed.REQUIRED)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    # Files are stored by ops.uploads.upload_save (content-addressed path, sniffed type).
    sample_path = models.CharField(_("样表"), max_length=300, blank=True)
    sample_name = models.CharField(max_length=120, blank=True)
    sample_type = models.CharField(max_length=120, blank=True)
    blank_path = models.CharField(_("空表"), max_length=300, blank=True)
    blank_name = models.CharField(max_length=120, blank=True)
    blank_type = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["position", "id"]


class GuideVersion(models.Model):
    """What a guide said when it was published: a JSON snapshot of its fields and materials."""

    guide = models.ForeignKey(ServiceGuide, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    snapshot = models.JSONField(_("内容"))
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="guides_version_unique")]
