"""回应关切: a register of public concerns (政务舆情) and the responses published in the catalog.

The first-response deadline follows 国办发〔2016〕61号: for 特别重大、重大突发事件 authoritative
information within 5 hours (and a press conference within 24 hours); other concerns get the period the
administrator sets (`GONGKAI["CONCERN_RESPONSE_HOURS"]`, default 48 hours)."""
import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class Level(models.TextChoices):
    MAJOR = "major", _("特别重大、重大突发事件")
    GENERAL = "general", _("一般社会关切")


def response_hours(level: str) -> int:
    if level == Level.MAJOR:
        return 5
    return int(getattr(settings, "GONGKAI", {}).get("CONCERN_RESPONSE_HOURS", 48))


class Concern(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="concerns", verbose_name=_("回应主体"))
    title = models.CharField(_("关切事项"), max_length=200)
    summary = models.TextField(_("情况摘要"), blank=True)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices, default=Level.GENERAL)
    noticed_at = models.DateTimeField(_("发现时间"))
    channels = models.CharField(_("回应渠道"), max_length=200, blank=True, help_text=_("如 政府网站、政务微博、新闻发布会"))
    responses = models.ManyToManyField("catalog.Document", blank=True, related_name="concerns",
                                       verbose_name=_("回应信息"))
    first_response_at = models.DateTimeField(_("首次回应时间"), null=True, blank=True)
    closed = models.BooleanField(_("已办结"), default=False)

    class Meta:
        ordering = ["-noticed_at", "-id"]
        verbose_name = _("回应关切")
        verbose_name_plural = _("回应关切")

    def __str__(self):
        return self.title

    @property
    def response_due(self) -> dt.datetime:
        return self.noticed_at + dt.timedelta(hours=response_hours(self.level))

    @property
    def on_time(self):
        return None if self.first_response_at is None else self.first_response_at <= self.response_due
