"""Annual reports (one per agency and year), their manual figures and uploaded-report checks."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency

from . import template as t
from .figures import FigureField


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已送审")
    PUBLISHED = "published", _("已发布")


class AnnualReport(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="annual_reports",
                               verbose_name=_("机关"))
    year = models.PositiveIntegerField(_("报告年度"))
    include_departments = models.BooleanField(
        _("汇总所属部门"), default=False,
        help_text=_("政府的报告汇总本级及所属部门的数据，并列出与各部门报告的差异"))
    status = models.CharField(_("状态"), max_length=16, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT, db_index=True)
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    data = models.JSONField(_("统计数据"), default=dict, blank=True,
                            help_text=_("表二、表三、表四的数字（由数据计算）"))
    sources = models.JSONField(default=dict, blank=True,
                               help_text="figure → ids of the cases or documents behind it")
    findings = models.JSONField(_("检查结果"), default=list, blank=True)
    differences = models.JSONField(_("与部门报告的差异"), default=list, blank=True)
    notes = models.JSONField(default=list, blank=True, help_text="remarks made while computing")
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    document = models.ForeignKey("catalog.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="annual_reports", verbose_name=_("公开文件"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="reports_one_per_agency_year")]
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")

    def __str__(self):
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    @property
    def title(self):
        return str(self)

    @property
    def deadline(self):
        return t.deadline_for(self.agency.kind, self.year)


class ManualFigure(models.Model):
    """A Table A figure that comes from another system (许可、处罚、强制、收费), with its source."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="report_figures",
                               verbose_name=_("机关"))
    year = models.PositiveIntegerField(_("年度"))
    key = models.CharField(_("项目"), max_length=16, choices=t.MANUAL_FIGURES)
    value = FigureField(_("数值"), max_digits=14, decimal_places=4)  # None when the stored value is invalid
    source = models.CharField(_("数据来源"), max_length=200,
                              help_text=_("例如：市场监管业务系统导出表（2026-01-05）"))
    imported_from = models.CharField(_("导入文件"), max_length=255, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency", "year", "key"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "key"], name="reports_one_figure")]
        verbose_name = _("手工录入数据")
        verbose_name_plural = _("手工录入数据")

    def __str__(self):
        return f"{self.agency} {self.year} {self.get_key_display()}"


class UploadedCheck(models.Model):
    """The result of checking a published report file uploaded in the console."""

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="report_checks", verbose_name=_("所属机关"))
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(max_length=64)
    previous_name = models.CharField(_("上年报告文件名"), max_length=255, blank=True)
    result = models.JSONField(_("检查结果"), default=dict)
    ok = models.BooleanField(_("通过"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("年报检查记录")
        verbose_name_plural = _("年报检查记录")

    def __str__(self):
        return self.file_name
