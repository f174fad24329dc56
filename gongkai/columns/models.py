"""法定主动公开内容 by the statute (条例第二十条, 第二十一条): columns as saved queries over the catalog;
机构概况 per agency (structured, reviewed, kept current); the 规范性文件库's own data (统一登记号, expiry
reminders, the yearly 现行有效规范性文件目录)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Document, Subject


class ColumnLevel(models.TextChoices):
    """Which governments a column applies to (第二十条: every agency; 第二十一条: by level)."""

    ALL = "all", _("各级行政机关")
    COUNTY = "county", _("设区的市级、县级人民政府及其部门")
    TOWNSHIP = "township", _("乡（镇）人民政府")


class Column(models.Model):
    """One column of 法定主动公开内容: a query over the public catalog, edited by the administrator.

    A document belongs to the column when it matches any of the inclusive criteria (信息类别, 主题分类
    with its subcategories, a keyword in its title or 主题词) and, if 文种 are given, has one of them.
    """

    slug = models.SlugField(_("代号"), max_length=40, unique=True)
    name = models.CharField(_("栏目名称"), max_length=120)
    basis = models.CharField(_("依据"), max_length=60, blank=True, help_text=_("如：条例第二十条第（一）项"))
    description = models.TextField(_("说明"), blank=True)
    level = models.CharField(_("适用层级"), max_length=10, choices=ColumnLevel.choices, default=ColumnLevel.ALL)
    sort_order = models.IntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)
    categories = models.JSONField(_("信息类别"), default=list, blank=True)
    genres = models.JSONField(_("文种"), default=list, blank=True)
    subjects = models.ManyToManyField(Subject, blank=True, related_name="+", verbose_name=_("主题分类"))
    keywords = models.JSONField(_("标题或主题词包含"), default=list, blank=True)
    include_guides = models.BooleanField(_("列入办事指南"), default=False)
    include_profiles = models.BooleanField(_("列入机构概况"), default=False)
    include_normative = models.BooleanField(_("链接规范性文件库"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("法定主动公开栏目")
        verbose_name_plural = _("法定主动公开栏目")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("columns:column", args=[self.slug])


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已发布")


class AgencyProfile(models.Model):
    """机构概况 (条例第二十条第（二）项): the working copy staff edit and, once reviewed, the published
    snapshot the public sees. `reviewed_on` is the date the content was last published or confirmed
    unchanged: the update date shown, and what the staleness reminder counts from."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="profile",
                                  verbose_name=_("机关"))
    functions = models.TextField(_("机构职能"), blank=True)
    structure = models.TextField(_("机构设置"), blank=True, help_text=_("内设机构及其职责，每行一个"))
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    hours = models.CharField(_("办公时间"), max_length=120, blank=True)
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    fax = models.CharField(_("传真"), max_length=60, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    postal_code = models.CharField(_("邮政编码"), max_length=6, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ProfileStatus.choices,
                              default=ProfileStatus.DRAFT, db_index=True)
    status_reason = models.TextField(_("退回理由"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=0)
    published = models.JSONField(_("已发布内容"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    reviewed_on = models.DateField(_("更新日期"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency__path"]
        verbose_name = _("机构概况")
        verbose_name_plural = _("机构概况")

    def __str__(self):
        return f"{self.agency.name} {self._meta.verbose_name}"


def leader_photo_path(instance, filename):
    return f"profiles/{instance.profile.agency_id}/{filename}"


class Leader(models.Model):
    """领导信息: one leader of the agency, in display order."""

    profile = models.ForeignKey(AgencyProfile, on_delete=models.CASCADE, related_name="leaders")
    position = models.PositiveIntegerField(_("排序"), default=1)
    name = models.CharField(_("姓名"), max_length=40)
    post = models.CharField(_("职务"), max_length=80)
    duties = models.TextField(_("工作分工"), blank=True)
    photo = models.CharField(_("照片"), max_length=200, blank=True)

    class Meta:
        ordering = ["profile", "position", "id"]
        verbose_name = _("领导信息")
        verbose_name_plural = _("领导信息")

    def __str__(self):
        return f"{self.name}（{self.post}）"


class NormativeEntry(models.Model):
    """What the 规范性文件库 keeps about a catalog document beyond the catalog's fields: the
    统一登记号 and who is reminded before its 失效日期 (the catalog keeps 生效日期 = 实施日期, 失效日期
    and 有效性)."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="normative_entry")
    registration_no = models.CharField(_("统一登记号"), max_length=60, null=True, blank=True, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("责任人"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("规范性文件登记")
        verbose_name_plural = _("规范性文件登记")


class ExpiryReminder(models.Model):
    """A reminder that a document's 失效日期 is near: one per (document, 失效日期, user), e-mailed once."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    expiry_date = models.DateField(_("失效日期"))
    created_on = models.DateField(_("提醒日期"))
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["expiry_date", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "expiry_date", "user"],
                                               name="columns_expiry_reminder_once")]


class NormativeDirectory(models.Model):
    """The yearly 现行有效规范性文件目录 of an agency (清理结果), as the catalog document it became."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    as_of = models.DateField(_("截至日期"))
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("文件数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="columns_directory_once")]


class ProfileReminder(models.Model):
    """A reminder that a published 机构概况 has gone unreviewed longer than COLUMNS_PROFILE_REVIEW_DAYS:
    one per (profile, period, user) — the period is the n-th stretch of that length since the update
    date `reviewed_on` —, e-mailed once and listed on the 工作台 until read."""

    profile = models.ForeignKey(AgencyProfile, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)  # "<reviewed_on>:<period number>"
    message = models.CharField(max_length=300)
    created_on = models.DateField(_("提醒日期"))
    emailed = models.BooleanField(default=False)
    read = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["profile", "key", "user"], name="columns_profile_reminder_once")]
