"""测评: indicators as data (each names the rule function that computes it, by dotted path) and the
monthly snapshots the dashboard is drawn from."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class Display(models.TextChoices):
    PERCENT = "percent", _("比率（分子/分母，%）")
    AVERAGE = "average", _("平均值（分子/分母）")
    COUNT = "count", _("数量（分子）")


class Direction(models.TextChoices):
    MIN = "min", _("不低于阈值为达标")
    MAX = "max", _("不高于阈值为达标")


class Indicator(models.Model):
    code = models.SlugField(_("指标代码"), max_length=40, unique=True)
    name = models.CharField(_("指标名称"), max_length=100)
    description = models.TextField(_("说明与依据"), blank=True)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=2, default=1)
    rule = models.CharField(_("计算规则"), max_length=200,
                            help_text=_("规则函数的完整路径，如 gongkai.catalog.indicators.publish_late"))
    display = models.CharField(_("取值方式"), max_length=8, choices=Display.choices, default=Display.PERCENT)
    unit = models.CharField(_("单位"), max_length=10, blank=True, default="%")
    threshold = models.FloatField(_("阈值"), null=True, blank=True)
    direction = models.CharField(_("达标方向"), max_length=3, choices=Direction.choices, default=Direction.MIN)
    enabled = models.BooleanField(_("启用"), default=True)
    sort_order = models.IntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("测评指标")
        verbose_name_plural = _("测评指标")

    def __str__(self):
        return f"{self.code} {self.name}"

    def value_of(self, numerator: int, denominator: int) -> float | None:
        """The figure shown: a percentage, an average or a count; None when a rate has nothing to count."""
        if self.display == Display.COUNT:
            return float(numerator)
        if not denominator:
            return None
        factor = 100.0 if self.display == Display.PERCENT else 1.0
        return round(numerator * factor / denominator, 2)

    def passes(self, value: float | None) -> bool | None:
        if value is None or self.threshold is None:
            return None
        return value >= self.threshold if self.direction == Direction.MIN else value <= self.threshold


class Snapshot(models.Model):
    """One indicator's figure for one agency (or the whole government: agency null) and one month."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="snapshots")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    start = models.DateField(_("统计起始日"))
    end = models.DateField(_("统计截止日"))
    numerator = models.IntegerField(_("分子"), default=0)
    denominator = models.IntegerField(_("分母"), default=0)
    value = models.FloatField(_("取值"), null=True, blank=True)
    passed = models.BooleanField(_("达标"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=300, blank=True)
    records = models.JSONField(_("相关记录"), default=list, blank=True)
    records_total = models.IntegerField(_("相关记录总数"), default=0)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    class Meta:
        ordering = ["-month", "indicator__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "agency", "month"], name="assessment_snapshot_once"),
            models.UniqueConstraint(fields=["indicator", "month"], condition=models.Q(agency__isnull=True),
                                    name="assessment_snapshot_whole_once"),
        ]
        indexes = [models.Index(fields=["month", "agency"])]
