"""依申请公开 cases. A case stores its EVENTS; its due dates are derived from them by `clock.py`.

Outcome and applicant-kind VALUES are the annual report's row and column keys (RULES.md §2.3,
§2.6); the reports app counts cases by them, so never rename a value.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.reminders import Reminder as ReminderBase


class ApplicantKind(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER_ORG = "other_org", _("其他")


class Outcome(models.TextChoices):
    """The closed statutory list of results, in the order of Table B (RULES.md §2.3, §2.6)."""

    GRANTED = "granted", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHELD_1 = "withheld_1", _("不予公开：属于国家秘密")
    WITHHELD_2 = "withheld_2", _("不予公开：其他法律行政法规禁止公开")
    WITHHELD_3 = "withheld_3", _("不予公开：危及“三安全一稳定”")
    WITHHELD_4 = "withheld_4", _("不予公开：保护第三方合法权益")
    WITHHELD_5 = "withheld_5", _("不予公开：属于三类内部事务信息")
    WITHHELD_6 = "withheld_6", _("不予公开：属于四类过程性信息")
    WITHHELD_7 = "withheld_7", _("不予公开：属于行政执法案卷")
    WITHHELD_8 = "withheld_8", _("不予公开：属于行政查询事项")
    UNAVAILABLE_1 = "unavailable_1", _("无法提供：本机关不掌握相关政府信息")
    UNAVAILABLE_2 = "unavailable_2", _("无法提供：没有现成信息需要另行制作")
    UNAVAILABLE_3 = "unavailable_3", _("无法提供：补正后申请内容仍不明确")
    NOT_PROCESSED_1 = "not_processed_1", _("不予处理：信访举报投诉类申请")
    NOT_PROCESSED_2 = "not_processed_2", _("不予处理：重复申请")
    NOT_PROCESSED_3 = "not_processed_3", _("不予处理：要求提供公开出版物")
    NOT_PROCESSED_4 = "not_processed_4", _("不予处理：无正当理由大量反复申请")
    NOT_PROCESSED_5 = "not_processed_5", _("不予处理：要求行政机关确认或重新出具已获取信息")
    OTHER_1 = "other_1", _("其他处理：申请人无正当理由逾期不补正")
    OTHER_2 = "other_2", _("其他处理：申请人逾期未按收费通知要求缴纳费用")
    OTHER_3 = "other_3", _("其他处理：其他")


class Channel(models.TextChoices):
    """条例 Art. 31: how the application arrived decides its receipt date."""

    IN_PERSON = "in_person", _("当面提交")
    REGISTERED_MAIL = "registered_mail", _("邮寄（挂号信、快递等需签收）")
    ORDINARY_LETTER = "ordinary_letter", _("平常信函")
    FAX = "fax", _("传真")
    ONLINE = "online", _("网络")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("网上提交待确认")
    PROCESSING = "processing", _("办理中")
    CORRECTION = "correction", _("待补正")
    CONSULTATION = "consultation", _("征求意见中")
    FEE_PENDING = "fee_pending", _("待缴费")
    ANSWERED = "answered", _("已答复")
    DELIVERED = "delivered", _("已送达")
    ARCHIVED = "archived", _("已归档")


OPEN_STATUSES = (Status.SUBMITTED, Status.PROCESSING, Status.CORRECTION, Status.CONSULTATION,
                 Status.FEE_PENDING)
CLOCK_STATUSES = (Status.PROCESSING, Status.CORRECTION, Status.CONSULTATION, Status.FEE_PENDING)
PAUSED_STATUSES = (Status.CORRECTION, Status.CONSULTATION, Status.FEE_PENDING)


class IdType(models.TextChoices):
    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他有效证件")


class InfoForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    ON_SITE = "on_site", _("当场查阅")


class Delivery(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICKUP = "pickup", _("当面领取")
    ONLINE = "online", _("网上查看")
    FAX = "fax", _("传真")


class FeeMethod(models.TextChoices):
    PER_ITEM = "per_item", _("按件计收")
    PER_PAGE = "per_page", _("按量计收")


class Case(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="foi_cases",
                               verbose_name=_("受理机关"))
    tracking_no = models.CharField(_("申请编号"), max_length=32, unique=True)
    query_code_hash = models.CharField(max_length=128, editable=False)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.SUBMITTED,
                              db_index=True)
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)
    # Applicant (条例 Art. 29 (1)).
    applicant_kind = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("申请人名称"), max_length=120)
    id_type = models.CharField(_("证件类型"), max_length=16, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    org_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=60, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postal_code = models.CharField(_("邮政编码"), max_length=6, blank=True)
    identity_file = models.FileField(_("身份证明"), upload_to="foi/identity/%Y/", blank=True)
    applicant_key = models.CharField(max_length=64, db_index=True, editable=False,
                                     help_text="sha256 of the normalised identity; counts 按件 fees")
    # Information wanted (Art. 29 (2), (3)).
    info_title = models.CharField(_("所需信息名称"), max_length=300, blank=True)
    info_doc_no = models.CharField(_("文号"), max_length=100, blank=True)
    info_description = models.TextField(_("所需信息的内容描述"))
    info_form = models.CharField(_("提供形式"), max_length=16, choices=InfoForm.choices,
                                 default=InfoForm.ELECTRONIC)
    delivery = models.CharField(_("获取方式"), max_length=16, choices=Delivery.choices,
                                default=Delivery.EMAIL)
    # Dates. received_date is the Art. 31 receipt date; the rest are derived by the clock.
    submitted_at = models.DateTimeField(_("提交时间"))
    received_date = models.DateField(_("收到申请日期"), null=True, blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="foi_cases", verbose_name=_("承办人"))
    due_date = models.DateField(_("答复期限"), null=True, blank=True, editable=False, db_index=True)
    correction_notice_due = models.DateField(_("补正告知期限"), null=True, blank=True, editable=False)
    correction_due = models.DateField(_("补正期限"), null=True, blank=True, editable=False)
    fee_due = models.DateField(_("缴费期限"), null=True, blank=True, editable=False)
    paused_workdays = models.PositiveIntegerField(_("不计入期限的工作日"), default=0, editable=False)
    extension_workdays = models.PositiveIntegerField(_("延期工作日"), default=0, editable=False)
    provisional = models.BooleanField(_("期限为暂定"), default=False, editable=False)
    clock_explained = models.JSONField(default=list, editable=False)
    # Outcome.
    outcome = models.CharField(_("办理结果"), max_length=20, choices=Outcome.choices, blank=True, db_index=True)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    withheld_note = models.TextField(_("不予公开部分及理由"), blank=True)
    closed_date = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    # Fee (国办函〔2020〕109号).
    fee_method = models.CharField(_("收费方式"), max_length=10, choices=FeeMethod.choices, blank=True)
    fee_amount = models.DecimalField(_("信息处理费（元）"), max_digits=10, decimal_places=2, null=True,
                                     blank=True)
    fee_paid_date = models.DateField(_("缴费日期"), null=True, blank=True)
    # Delivery of the reply (送达).
    delivery_method = models.CharField(_("送达方式"), max_length=16, choices=Delivery.choices, blank=True)
    delivered_date = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_proof = models.CharField(_("送达凭证"), max_length=200, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self):
        return self.tracking_no

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_organisation(self):
        return self.applicant_kind != ApplicantKind.NATURAL_PERSON

    @property
    def info_first_line(self) -> str:
        """What was asked for, in one line: the title given, else the description's first line."""
        text = (self.info_title or "").strip() or (self.info_description or "").strip()
        return text.splitlines()[0].strip() if text else ""


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("网上提交")
    RECEIVED = "received", _("登记收到")
    ASSIGNED = "assigned", _("指定承办人")
    CORRECTION_REQUESTED = "correction_requested", _("告知补正")
    CORRECTION_RECEIVED = "correction_received", _("收到补正")
    CORRECTION_LAPSED = "correction_lapsed", _("逾期未补正")
    CONSULTATION_STARTED = "consultation_started", _("征求意见")
    CONSULTATION_ENDED = "consultation_ended", _("征求意见结束")
    EXTENDED = "extended", _("延期答复")
    DELAYED = "delayed", _("确定延迟答复期限（第三十五条）")
    FEE_NOTIFIED = "fee_notified", _("收费通知送达")
    FEE_PAID = "fee_paid", _("缴费")
    FEE_LAPSED = "fee_lapsed", _("逾期未缴费")
    ANSWERED = "answered", _("作出答复")
    WITHDRAWN = "withdrawn", _("申请人撤回")
    DELIVERED = "delivered", _("送达")
    ARCHIVED = "archived", _("归档")
    PUBLISHED = "published", _("转主动公开")
    NOTE = "note", _("备注")


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("征求第三方意见（条例第三十二条）")
    AGENCY = "agency", _("征求其他机关意见（条例第三十四条）")


class CaseEvent(models.Model):
    """Something that happened on a case, dated with its legal date. The clock reads these."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=24, choices=EventKind.choices)
    date = models.DateField(_("日期"))
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self):
        return f"{self.case} {self.get_kind_display()} {self.date}"


class NoticeKind(models.TextChoices):
    RECEIPT = "receipt", _("登记回执")
    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    CONSULTATION = "consultation", _("征求第三方意见书")
    FEE = "fee", _("收费通知书")
    REPLY = "reply", _("政府信息公开申请答复书")


# Notices addressed to the applicant: the one rule used by the e-mail, the tracking list and the
# download (selectors.applicant_notices). A 征求第三方意见书 goes to the third party, never to the
# applicant; a kind not listed here is never shown or sent to the applicant.
APPLICANT_NOTICE_KINDS = (NoticeKind.RECEIPT, NoticeKind.CORRECTION, NoticeKind.EXTENSION, NoticeKind.FEE,
                          NoticeKind.REPLY)


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("生成中")
    ISSUED = "issued", _("已生成")
    FAILED = "failed", _("生成失败")


class Notice(models.Model):
    """A notice as issued: the rendered .docx is kept unchanged.

    The row is created (pending) by `case_transition`, in the transaction that records the action;
    the .docx is rendered by the task `notice_generate_task` from the facts frozen in `context`,
    written to storage, and only then is the row marked issued.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("文书"), max_length=16, choices=NoticeKind.choices)
    number = models.CharField(_("文书编号"), max_length=40)
    status = models.CharField(_("状态"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.PENDING)
    file = models.FileField(upload_to="foi/notices/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    issue_date = models.DateField(_("落款日期"), null=True, blank=True)
    context = models.JSONField(default=dict, blank=True, editable=False,
                               help_text="the facts the notice is rendered from, as of the action")
    error = models.TextField(_("生成失败原因"), blank=True)
    review = models.JSONField(default=dict, blank=True)
    emailed_at = models.DateTimeField(_("邮件告知时间"), null=True, blank=True,
                                      help_text="when the applicant was e-mailed that this notice was issued")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="foi_notice_number_once")]
        verbose_name = _("文书")
        verbose_name_plural = _("文书")

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_issued(self):
        return self.status == NoticeStatus.ISSUED


class NoticeTemplate(models.Model):
    """An administrator's replacement for a shipped .docx template (key: a NoticeKind or reply_<outcome>),
    for one agency's notices, or government-wide when `agency` is empty (superusers only)."""

    agency = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+", verbose_name=_("机关（空为全局默认）"))
    key = models.CharField(_("模板"), max_length=40)
    file = models.FileField(_("模板文件（.docx）"), upload_to="foi/templates/")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "key"], name="foi_template_once_per_agency"),
            models.UniqueConstraint(fields=["key"], condition=models.Q(agency__isnull=True),
                                    name="foi_template_once_globally"),
        ]
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")

    def __str__(self):
        return self.key


class AppealKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("未经复议直接起诉")
    LITIGATION_AFTER = "litigation_after", _("复议后起诉")


class AppealResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class Appeal(models.Model):
    """行政复议 / 行政诉讼 brought over a case; Table C of the annual report counts these."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(_("类型"), max_length=20, choices=AppealKind.choices)
    result = models.CharField(_("结果"), max_length=12, choices=AppealResult.choices,
                              default=AppealResult.PENDING)
    filed_date = models.DateField(_("申请或起诉日期"))
    decided_date = models.DateField(_("审结日期"), null=True, blank=True)
    body = models.CharField(_("复议机关或法院"), max_length=120, blank=True)
    reference = models.CharField(_("案号"), max_length=80, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["filed_date", "id"]
        verbose_name = _("复议与诉讼")
        verbose_name_plural = _("复议与诉讼")

    def __str__(self):
        return f"{self.case} {self.get_kind_display()}"


class Notification(ReminderBase):
    """An in-app reminder (core.reminders) about a case, or about the agency's online applications
    (the daily ceiling: no case)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="foi_notifications")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications", null=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="foi_notification_once")]
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")


from .models_delivery import DisclosedFile, FileDownload, NoticeNumbering, NoticeSequence  # noqa: E402,F401
