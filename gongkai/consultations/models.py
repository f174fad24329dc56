"""意见征集: a draft put to the public, its articles, the comments on it and their dispositions.

The notice and the 意见采纳情况反馈 are catalog documents (政府信息 with their own 索引号); the
consultation links to them. Whether a consultation is open is computed from its dates (never a flag
set by hand); `status` records only what people decide (submitted for review, published, withdrawn).
"""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.reminders import Reminder as ReminderBase


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


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("待审核发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Phase(models.TextChoices):
    """Computed from the dates of a published consultation."""

    NOT_PUBLIC = "not_public", _("未发布")
    UPCOMING = "upcoming", _("即将开始")
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已结束")
    FEEDBACK = "feedback", _("已反馈")


class Channel(models.TextChoices):
    ONLINE = "online", _("网上提交")
    EMAIL = "email", _("电子邮件")
    LETTER = "letter", _("信函")
    FAX = "fax", _("传真")
    MEETING = "meeting", _("座谈会")


class Consultation(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="consultations",
                               verbose_name=_("征集单位"))
    title = models.CharField(_("征求意见稿名称"), max_length=300)
    kind = models.CharField(_("征求意见类型"), max_length=40,
                            help_text=_("重大行政决策、规章、行政规范性文件、涉企规范性文件或本地规则"))
    draft_text = models.TextField(_("征求意见稿正文"), blank=True)
    draft_file = models.FileField(_("征求意见稿附件"), upload_to="consultations/%Y/", blank=True)
    explanation = models.TextField(_("起草说明"), blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("截止日期"))
    shortened_reason = models.TextField(_("缩短征集期的理由"), blank=True)
    contact_unit = models.CharField(_("联系单位"), max_length=200, blank=True)
    contact_address = models.CharField(_("通讯地址"), max_length=300, blank=True)
    contact_postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    contact_fax = models.CharField(_("传真"), max_length=40, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    channels = models.JSONField(_("意见提交渠道"), default=list)
    status = models.CharField(_("状态"), max_length=12, choices=ConsultationStatus.choices,
                              default=ConsultationStatus.DRAFT, db_index=True)
    notice = models.OneToOneField("catalog.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="consultation_notice", verbose_name=_("征集公告"))
    feedback = models.OneToOneField("catalog.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="consultation_feedback", verbose_name=_("意见采纳情况反馈"))
    final_document = models.ForeignKey("catalog.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="consultations_final", verbose_name=_("正式文件"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")

    def __str__(self):
        return self.title

    def phase(self, today=None) -> str:
        if self.status != ConsultationStatus.PUBLISHED:
            return Phase.NOT_PUBLIC
        if self.feedback_id and self.feedback.status == "published":
            return Phase.FEEDBACK
        today = today or timezone.localdate()
        if today < self.start_date:
            return Phase.UPCOMING
        return Phase.OPEN if today <= self.end_date else Phase.CLOSED

    @property
    def phase_label(self) -> str:
        return Phase(self.phase()).label

    @property
    def channel_labels(self) -> list:
        labels = dict(Channel.choices)
        return [labels[ch] for ch in self.channels if ch in labels]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("consultations:detail", args=[self.pk])


class Article(models.Model):
    """One commentable unit of the draft: 第X条, or a numbered item 一、/（一）."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField()
    label = models.CharField(_("条目"), max_length=40)
    text = models.TextField(_("内容"))

    class Meta:
        ordering = ["position"]
        unique_together = [("consultation", "position")]

    def __str__(self):
        return self.label


class ConsultationEvent(models.Model):
    """Something that changed the period after publication (an extension), with its reason."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20)  # "extended"
    old_end = models.DateField(null=True)
    new_end = models.DateField(null=True)
    reason = models.TextField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]


class Disposition(models.TextChoices):
    PENDING = "", _("待处理")
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    REJECTED = "rejected", _("未采纳")
    EXISTING = "existing", _("已有规定")
    OUT_OF_SCOPE = "out_of_scope", _("不属于本次征求范围")


class Comment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="comments", verbose_name=_("针对条目"))
    receipt_no = models.CharField(_("回执编号"), max_length=24, unique=True)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    name = models.CharField(_("姓名或单位"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    body = models.TextField(_("意见内容"))
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    group_key = models.CharField(_("同类意见组"), max_length=24, blank=True, db_index=True)
    # False from the submission until ledger.comments_group has put the comment into its group
    # (until then it is a group of its own).
    grouped = models.BooleanField(default=True)
    disposition = models.CharField(_("处理结果"), max_length=16, choices=Disposition.choices,
                                   default=Disposition.PENDING, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True)
    is_public = models.BooleanField(_("公开展示"), default=False)
    public_body = models.TextField(_("公开文本（已去标识化）"), blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [models.Index(fields=["consultation", "disposition"]),
                   models.Index(fields=["consultation"], condition=models.Q(grouped=False),
                                name="consult_comment_ungrouped")]

    def __str__(self):
        return self.receipt_no

    @property
    def display_name(self) -> str:
        """The name as the public sees it: 张** (the surname kept), or 匿名."""
        name = self.name.strip()
        return f"{name[0]}**" if name else "匿名"


class CommentToken(models.Model):
    """The fingerprint (core.similarity.fingerprint: character bigrams) of a group head's text, a row
    per bigram: a new comment's alike group heads are counted through this table (ledger._alike_heads),
    not by reading every earlier comment."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    head = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=4)
    size = models.PositiveIntegerField(default=0)  # how many bigrams the head's text has

    class Meta:
        # The token leads: the new text's bigrams (token = ANY) are then the index's own condition,
        # which PostgreSQL uses even before the table has statistics (with consultation first it
        # scanned the consultation's rows in the size range and filtered the tokens).
        indexes = [models.Index(fields=["token", "consultation", "size"], name="consult_token_first")]


class ConsultationReminder(ReminderBase):
    """A staff reminder (core.reminders): the 意见采纳情况反馈 of a consultation is not published by its
    due day. One per user and due day; shown on the 工作台 and e-mailed once."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="reminders")
    read = models.BooleanField(default=False)

    class Meta(ReminderBase.Meta):
        ordering = ["-created_at", "-id"]
