"""政务新媒体 (国办发〔2018〕123号): the registry of a government's accounts on 微信/微博/抖音/头条/客户端,
their 开设/变更/注销 events, and the date of each account's latest post (the liveness monitor)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.reminders import Reminder as ReminderBase


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信公众号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    TOUTIAO = "toutiao", _("今日头条")
    APP = "app", _("客户端")
    OTHER = "other", _("其他")


class AccountStatus(models.TextChoices):
    APPLIED = "applied", _("申请开设")
    OPENED = "opened", _("已开设")
    CLOSED = "closed", _("已注销")


class PostSource(models.TextChoices):
    ENTERED = "entered", _("人工录入")
    IMPORTED = "imported", _("CSV导入")


class Account(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="newmedia_accounts",
                               verbose_name=_("主办单位"))
    platform = models.CharField(_("平台"), max_length=12, choices=Platform.choices, db_index=True)
    name = models.CharField(_("名称"), max_length=120)
    account_id = models.CharField(_("账号ID"), max_length=120)
    # 运维人: internal only, never on a public page or in the public API.
    operator_name = models.CharField(_("运维人"), max_length=60)
    operator_phone = models.CharField(_("运维人电话"), max_length=40)
    opened_date = models.DateField(_("开设日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=AccountStatus.choices,
                              default=AccountStatus.APPLIED, db_index=True)
    filed = models.BooleanField(_("已备案"), default=False)
    filing_no = models.CharField(_("备案编号"), max_length=60, blank=True)
    filed_date = models.DateField(_("备案日期"), null=True, blank=True)
    qr_code = models.FileField(_("二维码"), upload_to="newmedia/", blank=True, max_length=200)
    latest_post_date = models.DateField(_("最新发布日期"), null=True, blank=True)
    latest_post_source = models.CharField(_("最新发布日期来源"), max_length=10, choices=PostSource.choices,
                                          blank=True)
    closed_date = models.DateField(_("注销日期"), null=True, blank=True)
    status_reason = models.TextField(_("注销理由"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["platform", "agency__path", "name", "id"]
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体账号")
        constraints = [models.UniqueConstraint(fields=["platform", "account_id"], name="newmedia_platform_account_id")]

    def __str__(self):
        return f"{self.get_platform_display()}·{self.name}"


class AccountEvent(models.Model):
    """One 开设/变更/备案/注销 (or a QR/post-date change) of an account, with what changed."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("事项"), max_length=20)
    data = models.JSONField(_("内容"), default=dict)
    reason = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Reminder(ReminderBase):
    """A reminder that an account broke the 2-week rule: one per user and fact (account and the date it
    went silent from), shown on the 工作台 and e-mailed once (core.reminders)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(max_length=80)
    message = models.CharField(max_length=300)
    read = models.BooleanField(default=False)
