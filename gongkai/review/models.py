"""Review records (every publishing review, with its override) and integrity-check runs."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    PASS = "pass", _("通过")
    WARN = "warn", _("需人工确认")
    BLOCK = "block", _("禁止发布")


class ReviewRecord(models.Model):
    """One review of a document before publishing; `override_reason` is set when a reviewer
    published despite a warn verdict."""

    class Kind(models.TextChoices):
        PUBLISH = "publish", _("发布前审查")
        SCAN = "scan", _("人工扫描")

    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.PUBLISH)
    document = models.ForeignKey("catalog.Document", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="review_records")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    verdict = models.CharField(_("结论"), max_length=8, choices=Verdict.choices)
    overridden = models.BooleanField(_("人工覆盖"), default=False)
    override_reason = models.TextField(_("覆盖理由"), blank=True)
    report = models.JSONField(_("审查结果"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("审查记录")
        verbose_name_plural = _("审查记录")

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_verdict_display()}"


class IntegrityRun(models.Model):
    """One run of the integrity check: audit chain, document hashes, rendered and served pages."""

    class Source(models.TextChoices):
        SCHEDULED = "scheduled", _("定时任务")
        CONSOLE = "console", _("后台手动")
        COMMAND = "command", _("命令行")

    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    base_url = models.CharField(_("在线站点地址"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    ok = models.BooleanField(_("完整"), default=False)
    audit_entries = models.PositiveIntegerField(_("审计记录数"), default=0)
    documents_checked = models.PositiveIntegerField(_("核对文件数"), default=0)
    pages_checked = models.PositiveIntegerField(_("核对页面数"), default=0)
    problems = models.JSONField(_("问题"), default=list)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("完整性检查")
        verbose_name_plural = _("完整性检查")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {'OK' if self.ok else len(self.problems)}"
