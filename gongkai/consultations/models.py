from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodRule(models.Model):
    """A local minimum 征求意见 period (the statutory ones are in `periods.STATUTORY`)."""

    class Unit(models.TextChoices):
        DAYS = "days", _("日")
        WORKDAYS = "workdays", _("工作日")

    name = models.CharField(_("类型"), max_length=40, unique=True)
    minimum = models.PositiveSmallIntegerField(_("最短期限"))
    unit = models.CharField(_("单位"), max_length=10, choices=Unit.choices, default=Unit.DAYS)
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("征求意见期限规则")
        verbose_name_plural = _("征求意见期限规则")

    def __str__(self):
        return f"{self.name}（不少于{self.minimum}{self.get_unit_display()}）"
