"""The working-day calendar: official years come from chinese_calendar; administrators add the rest.

The State Council publishes each year's 节假日安排 late in the year before; `chinese_calendar` knows
only the years up to its release. An administrator enters a new year's days here (every holiday
and every 调休 working day) and marks the year official; until then that year is counted on
weekdays only and every deadline falling in it is provisional (RULES.md §9).
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    year = models.PositiveIntegerField(_("年份"), unique=True)
    is_official = models.BooleanField(
        _("已按国务院办公厅通知录入"), default=False,
        help_text=_("勾选后，该年的期限不再标记为暂定"),
    )
    source = models.CharField(_("依据"), max_length=200, blank=True,
                              help_text=_("例如：国办发明电〔2026〕X号"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    """A day whose status differs from the default: a holiday on a weekday, or a 调休 working day."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("名称"), max_length=60, blank=True, help_text=_("例如：国庆节、国庆节调休"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")

    def __str__(self):
        return f"{self.date} {'上班' if self.is_workday else '休息'} {self.name}"
