"""建议提案办理 (国办发〔2014〕46号): 人大代表建议 and 政协委员提案 assigned to departments, the reply
(复文) and its publication in the 主动公开目录."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.reminders import Reminder as ReminderBase


class ProposalKind(models.TextChoices):
    SUGGESTION = "suggestion", _("人大代表建议")
    MOTION = "motion", _("政协委员提案")


class ReplyCategory(models.TextChoices):
    A = "A", _("A类（所提问题已经解决或者采纳）")
    B = "B", _("B类（所提问题正在解决或者列入计划解决）")
    C = "C", _("C类（所提问题因条件限制或其他原因需以后解决或留作参考）")


class PublishMode(models.TextChoices):
    FULL = "full", _("全文公开")
    SUMMARY = "summary", _("摘要公开")


class ProposalStatus(models.TextChoices):
    ASSIGNED = "assigned", _("办理中")
    REPLIED = "replied", _("已答复")
    SUBMITTED = "submitted", _("公开审查中")
    PUBLISHED = "published", _("已公开")


class Proposal(models.Model):
    kind = models.CharField(_("类型"), max_length=12, choices=ProposalKind.choices)
    session = models.CharField(_("届次"), max_length=60, help_text=_("如 市十六届人大三次会议"))
    number = models.CharField(_("编号"), max_length=30)
    title = models.CharField(_("标题"), max_length=300)
    proposer = models.CharField(_("代表/委员"), max_length=120)
    proposer_contact = models.CharField(_("联系方式（不公开）"), max_length=200, blank=True)
    lead = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="proposals_led",
                             verbose_name=_("主办单位"))
    assist = models.ManyToManyField(Agency, blank=True, related_name="proposals_assisted",
                                    verbose_name=_("协办单位"))
    assigned_date = models.DateField(_("交办日期"), db_index=True)
    due_date = models.DateField(_("办理期限"), db_index=True, editable=False)
    status = models.CharField(_("状态"), max_length=12, choices=ProposalStatus.choices,
                              default=ProposalStatus.ASSIGNED, db_index=True)
    category = models.CharField(_("答复类别"), max_length=1, choices=ReplyCategory.choices, blank=True)
    reply_text = models.TextField(_("复文"), blank=True)
    reply_public = models.TextField(_("公开的复文（已去标识化）"), blank=True)
    reply_date = models.DateField(_("答复日期"), null=True, blank=True)
    publish_mode = models.CharField(_("公开方式"), max_length=8, choices=PublishMode.choices,
                                    default=PublishMode.FULL)
    summary = models.TextField(_("复文摘要"), blank=True)
    publish_due = models.DateField(_("公开期限"), null=True, blank=True, editable=False)
    document = models.ForeignKey("catalog.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("公开文件"))
    published_date = models.DateField(_("公开日期"), null=True, blank=True)
    status_reason = models.TextField(_("最近一次退回理由"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assigned_date", "session", "number", "id"]
        unique_together = [("kind", "session", "number")]
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def year(self):
        return self.assigned_date.year

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("proposals_staff:detail", args=[self.pk])


class ProposalReminder(ReminderBase):
    """One reminder per user and fact (due soon, overdue, publication overdue); e-mailed once (core.reminders)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_reminders")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reminders")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta(ReminderBase.Meta):
        ordering = ["-created_at", "-id"]
