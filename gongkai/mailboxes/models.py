"""政民互动: mailboxes (领导信箱, 部门信箱, a 12345-style general box) and the messages the public writes.

Deadlines are working days on the one calendar (`workdays.calendar`), per mailbox and message type;
the due dates are derived from the events by `deadlines.py` and stored only as a cache for lists.
"""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.reminders import Reminder as ReminderBase


class MailboxKind(models.TextChoices):
    LEADER = "leader", _("领导信箱")
    DEPARTMENT = "department", _("部门信箱")
    GENERAL = "general", _("综合留言（12345）")


class MessageType(models.TextChoices):
    CONSULT = "consult", _("咨询")
    SUGGEST = "suggest", _("建议")
    COMPLAIN = "complain", _("投诉")
    HELP = "help", _("求助")


class Mailbox(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="mailboxes", verbose_name=_("主办机构"))
    name = models.CharField(_("名称"), max_length=60)
    slug = models.SlugField(_("代号"), max_length=40, unique=True)
    kind = models.CharField(_("类型"), max_length=12, choices=MailboxKind.choices, default=MailboxKind.DEPARTMENT)
    accept_workdays = models.PositiveSmallIntegerField(_("受理时限（工作日）"), default=2)
    reply_workdays = models.PositiveSmallIntegerField(_("答复时限（工作日）"), default=10)
    reply_workdays_by_type = models.JSONField(_("按留言类型的答复时限"), default=dict, blank=True,
                                              help_text=_('如 {"consult": 5, "complain": 10}'))
    is_active = models.BooleanField(_("开放留言"), default=True)
    intro = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("信箱")
        verbose_name_plural = _("信箱")

    def __str__(self):
        return self.name

    def reply_days(self, message_type: str) -> int:
        return int(self.reply_workdays_by_type.get(message_type, self.reply_workdays))


class MessageStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("办理中")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")
    REJECTED = "rejected", _("不予受理")


class RejectReason(models.TextChoices):
    """The closed list of reasons for 不予受理."""

    PETITION = "petition", _("属于信访事项，请通过信访渠道反映")
    LITIGATION = "litigation", _("属于诉讼、仲裁、行政复议等法定途径解决的事项")
    DUPLICATE = "duplicate", _("重复留言，已合并办理")
    NO_CONTENT = "no_content", _("内容不清，无法办理")
    UNLAWFUL = "unlawful", _("含有违法或不文明内容")
    OUT_OF_SCOPE = "out_of_scope", _("不属于本信箱受理范围")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


# Which messages the indexes below cover. Written as ORs of single equalities, not `status__in`:
# SQLite can match a partial index against a query only term by term, and it compares a bound
# parameter with the index's literal for `status = ?` but not inside an `IN (?, ?)` list (so a
# `status__in` query never uses a `status IN (...)` partial index there). The selectors filter with
# these very Q objects, so each query carries the index's condition verbatim.
OPEN_Q = models.Q(status=MessageStatus.SUBMITTED) | models.Q(status=MessageStatus.ACCEPTED)
PUBLIC_Q = models.Q(is_public=True) & (models.Q(status=MessageStatus.REPLIED) | models.Q(status=MessageStatus.CLOSED))


class Message(models.Model):
    mailbox = models.ForeignKey(Mailbox, on_delete=models.PROTECT, related_name="messages")
    number = models.CharField(_("留言编号"), max_length=24, unique=True)
    query_code_hash = models.CharField(max_length=128, editable=False)
    type = models.CharField(_("留言类型"), max_length=10, choices=MessageType.choices)
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("内容"))
    name = models.CharField(_("姓名"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    wants_public = models.BooleanField(_("同意公开"), default=True)
    anonymous = models.BooleanField(_("匿名显示"), default=False)
    attachment = models.FileField(_("附件"), upload_to="mailboxes/%Y/%m/", blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=MessageStatus.choices,
                              default=MessageStatus.SUBMITTED, db_index=True)
    handler = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位"))
    received_at = models.DateTimeField(_("留言时间"), default=timezone.now, db_index=True)
    accept_due = models.DateField(_("受理期限"), null=True)
    reply_due = models.DateField(_("答复期限"), null=True, db_index=True)
    accepted_on = models.DateField(_("受理日期"), null=True)
    replied_on = models.DateField(_("答复日期"), null=True, db_index=True)
    reject_reason = models.CharField(_("不予受理理由"), max_length=16, choices=RejectReason.choices, blank=True)
    body_public = models.TextField(_("公开的留言内容（已去标识化）"), blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    reply_public = models.TextField(_("公开的答复（已审查）"), blank=True)
    is_public = models.BooleanField(_("已公开"), default=False, db_index=True)
    rating = models.CharField(_("评价"), max_length=12, choices=Rating.choices, blank=True)
    reopened = models.BooleanField(_("已因不满意重新办理"), default=False)
    supervised_on = models.DateField(_("督办日期"), null=True, blank=True)  # the last 督办 (cache of the events)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["mailbox", "status", "-received_at"]),
                   models.Index(fields=["handler", "status"]),
                   # the public list of replied messages, newest reply first (selectors.messages_public)
                   models.Index(fields=["-replied_on", "-id"], name="mailbox_msg_public_list", condition=PUBLIC_Q),
                   models.Index(fields=["mailbox", "-replied_on", "-id"], name="mailbox_msg_public_box",
                                condition=PUBLIC_Q),  # … and one mailbox's
                   # the staff list of open messages by deadline and its overdue filter (messages_for_user)
                   models.Index(fields=["reply_due", "-received_at"], name="mailbox_msg_open_due", condition=OPEN_Q)]
        verbose_name = _("留言")
        verbose_name_plural = _("留言")

    def __str__(self):
        return self.number

    @property
    def display_name(self) -> str:
        if self.anonymous or not self.name.strip():
            return "匿名"
        return f"{self.name.strip()[0]}**"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("mailboxes:message", args=[self.mailbox.slug, self.number])


class MessageEvent(models.Model):
    """What happened to a message: accepted, assigned (转办), returned, extended, replied, rated …"""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16)
    at = models.DateTimeField(default=timezone.now)
    day = models.DateField()  # the local calendar day deadlines count from
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    to_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # 转办: who passed it on (the mailbox agency for its 公开办's 转办/改派, else the department passing it
    # down); a 退回 by the receiver goes back there
    from_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    workdays = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    KIND_LABELS = {"received": _("收到留言"), "accepted": _("受理"), "rejected": _("不予受理"), "assigned": _("转办"),
                   "returned": _("退回"), "extended": _("批准延期"), "replied": _("答复"), "reopened": _("不满意，重新办理"),
                   "rated": _("评价"), "supervised": _("督办")}

    class Meta:
        ordering = ["at", "id"]
        # "passed on by us": the 转办 an agency made, found from its side (selectors.messages_passed_on)
        indexes = [models.Index(fields=["from_agency", "kind"], name="mailbox_event_from")]

    @property
    def label(self) -> str:
        return str(self.KIND_LABELS.get(self.kind, self.kind))


class MessageReminder(ReminderBase):
    """A staff reminder (core.reminders): a message due soon or overdue (受理 or 答复), or under 督办.
    One per user and fact (key); shown on the 工作台 and e-mailed once."""

    letter = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reminders")  # `message` is the text
    read = models.BooleanField(default=False)

    class Meta(ReminderBase.Meta):
        ordering = ["-created_at", "-id"]
