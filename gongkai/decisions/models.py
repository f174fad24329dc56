"""重大行政决策事项目录 (重大行政决策程序暂行条例, 国务院令第713号): the yearly list of a government's
major decisions, each with the records of its statutory procedures."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class Procedure(models.TextChoices):
    """The five statutory procedures (条例第三条)."""

    PARTICIPATION = "participation", _("公众参与")
    EXPERTS = "experts", _("专家论证")
    RISK = "risk", _("风险评估")
    LEGALITY = "legality", _("合法性审查")
    COLLECTIVE = "collective", _("集体讨论决定")


class DecisionStatus(models.TextChoices):
    PLANNED = "planned", _("计划中")
    IN_PROGRESS = "in_progress", _("推进中")
    DECIDED = "decided", _("已决策")
    ADJUSTED = "adjusted", _("已调出目录")


class DecisionItem(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="decision_items",
                               verbose_name=_("决策机关"))
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    position = models.PositiveIntegerField(_("序号"), default=0)
    title = models.CharField(_("决策事项"), max_length=300)
    undertaker = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位"))
    planned = models.CharField(_("计划完成时间"), max_length=40, help_text=_("如 2026年6月、2026年第三季度"))
    required = models.JSONField(_("须履行的法定程序"), default=list)
    skipped = models.JSONField(_("不履行的程序及理由"), default=dict)
    status = models.CharField(_("状态"), max_length=12, choices=DecisionStatus.choices,
                              default=DecisionStatus.PLANNED, db_index=True)
    status_reason = models.TextField(_("调整理由"), blank=True)
    consultation = models.ForeignKey("consultations.Consultation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="decision_items", verbose_name=_("公众参与（意见征集）"))
    decided_date = models.DateField(_("决策日期"), null=True, blank=True)
    decision_document = models.ForeignKey("catalog.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+", verbose_name=_("决策文件"))

    class Meta:
        ordering = ["-year", "position", "id"]
        verbose_name = _("重大行政决策事项")
        verbose_name_plural = _("重大行政决策事项")

    def __str__(self):
        return self.title

    def procedures_missing(self) -> list:
        """Required procedures with neither a record nor (for 公众参与) a consultation whose feedback is
        published."""
        done = set(self.records.values_list("procedure", flat=True))
        if self.consultation_id and self.consultation.feedback_id and self.consultation.feedback.status == "published":
            done.add(Procedure.PARTICIPATION)
        return [p for p in self.required if p not in done]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("decisions:item", args=[self.pk])


class ProcedureRecord(models.Model):
    item = models.ForeignKey(DecisionItem, on_delete=models.CASCADE, related_name="records")
    procedure = models.CharField(_("程序"), max_length=16, choices=Procedure.choices)
    date = models.DateField(_("日期"))
    summary = models.TextField(_("情况说明"))
    document = models.ForeignKey("catalog.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("相关公开文件"))
    file = models.FileField(_("附件"), upload_to="decisions/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
