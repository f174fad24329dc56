"""数据开放: datasets (DCAT-aligned metadata, 开放属性), their resources and DataStore tables, the
有条件开放 applications with their API keys and usage log, and the public's 数据需求."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.reminders import Reminder as ReminderBase
from gongkai.consultations.models import Disposition


class Topic(models.TextChoices):
    ECONOMY = "economy", _("经济建设")
    ENVIRONMENT = "environment", _("资源环境")
    EDUCATION = "education", _("教育科技")
    TRANSPORT = "transport", _("道路交通")
    SOCIETY = "society", _("社会发展")
    SAFETY = "safety", _("公共安全")
    FINANCE = "finance", _("财税金融")
    HEALTH = "health", _("卫生健康")
    EMPLOYMENT = "employment", _("社保就业")
    HOUSING = "housing", _("城建住房")
    AGRICULTURE = "agriculture", _("农业农村")
    CULTURE = "culture", _("文化休闲")
    ORGANISATIONS = "organisations", _("机构团体")
    CREDIT = "credit", _("信用服务")
    OTHER = "other", _("其他")


class Tier(models.TextChoices):
    OPEN = "open", _("无条件开放")
    CONDITIONAL = "conditional", _("有条件开放")
    CLOSED = "closed", _("不予开放")


class Frequency(models.TextChoices):
    REALTIME = "realtime", _("实时")
    DAILY = "daily", _("每日")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季")
    YEARLY = "yearly", _("每年")
    IRREGULAR = "irregular", _("不定期")


class DatasetStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Dataset(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="datasets", verbose_name=_("开放主体"))
    title = models.CharField(_("名称"), max_length=200)
    summary = models.TextField(_("摘要"), blank=True)
    topic = models.CharField(_("数据领域"), max_length=16, choices=Topic.choices, default=Topic.OTHER, db_index=True)
    keywords = models.CharField(_("关键字"), max_length=200, blank=True, help_text=_("以逗号或顿号分隔"))
    tier = models.CharField(_("开放属性"), max_length=12, choices=Tier.choices, default=Tier.OPEN, db_index=True)
    tier_reason = models.TextField(_("开放属性理由"), blank=True)
    frequency = models.CharField(_("更新频率"), max_length=10, choices=Frequency.choices, default=Frequency.IRREGULAR)
    temporal_start = models.DateField(_("时间范围起"), null=True, blank=True)
    temporal_end = models.DateField(_("时间范围止"), null=True, blank=True)
    spatial_code = models.CharField(_("空间范围（行政区划代码）"), max_length=12, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=60, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    contact_email = models.CharField(_("联系邮箱"), max_length=120, blank=True)
    licence = models.CharField(_("使用协议"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=DatasetStatus.choices, default=DatasetStatus.DRAFT,
                              db_index=True)
    version = models.PositiveIntegerField(_("版本"), default=0)
    data_updated = models.DateField(_("数据更新日期"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(_("浏览量"), default=0)
    downloads = models.PositiveIntegerField(_("下载量"), default=0)
    api_calls = models.PositiveIntegerField(_("接口调用量"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-data_updated", "-id"]
        verbose_name = _("数据集")
        verbose_name_plural = _("数据集")

    def __str__(self):
        return self.title

    def keyword_list(self) -> list[str]:
        import re

        return [k for k in (w.strip() for w in re.split(r"[,，、;；\s]+", self.keywords or "")) if k]


class DatasetVersion(models.Model):
    """One numbered snapshot of a dataset's metadata and resources (版本历史)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField(default=dict)
    note = models.CharField(max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dataset", "-number"]
        constraints = [models.UniqueConstraint(fields=["dataset", "number"], name="opendata_version_unique")]


class ScanStatus(models.TextChoices):
    NONE = "none", _("未扫描")
    CLEAN = "clean", _("未发现个人信息")
    FLAGGED = "flagged", _("发现个人信息，待处理")
    RESOLVED = "resolved", _("已脱敏或删除")
    OVERRIDDEN = "overridden", _("审核人确认放行")


class Resource(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(_("名称"), max_length=200)
    format = models.CharField(_("格式"), max_length=10)
    file = models.FileField(_("文件"), upload_to="opendata/", max_length=300)
    size = models.PositiveBigIntegerField(_("大小（字节）"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    encoding = models.CharField(_("文字编码"), max_length=20, blank=True)
    version = models.PositiveIntegerField(default=1)
    # Data dictionary: [{"name", "type", "unit", "description", "column"}]; "column" is the DataStore name.
    schema = models.JSONField(_("数据字典"), default=list, blank=True)
    row_count = models.PositiveBigIntegerField(default=0)
    datastore_table = models.CharField(max_length=63, blank=True)
    scan_status = models.CharField(max_length=10, choices=ScanStatus.choices, default=ScanStatus.NONE)
    scan = models.JSONField(default=list, blank=True)  # [{"column", "kinds", "rows_hit", "sample_masked"}]
    # What a reviewer decided per flagged column: {"column": "mask" | "remove"}.
    treatment = models.JSONField(default=dict, blank=True)
    override_reason = models.TextField(blank=True)
    load_error = models.TextField(_("载入错误"), blank=True)  # why the scan/load of this version failed
    # Why a JSON/XML file is offered as a file and not loaded as a table (a single object, a deep tree).
    table_note = models.CharField(_("非表格说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dataset", "id"]

    def __str__(self):
        return self.name

    @property
    def tabular(self) -> bool:
        """A format read as a table: CSV, XLSX, and JSON/XML unless the analysis found no table in it."""
        return self.format in TABULAR_FORMATS and not self.table_note

    @property
    def machine_readable(self) -> bool:
        return self.format in MACHINE_READABLE


TABULAR_FORMATS = ("csv", "xlsx", "json", "xml")
MACHINE_READABLE = frozenset({"csv", "xlsx", "json", "xml"})
FORMATS = ("csv", "xlsx", "json", "xml", "pdf")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("不予批准")
    FINISHED = "finished", _("已结束")


class AccessApplication(models.Model):
    """有条件开放: an application to use one dataset, reviewed by its 开放主体."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="applications")
    number = models.CharField(_("申请编号"), max_length=20, unique=True)
    query_code_hash = models.CharField(max_length=100)
    applicant = models.CharField(_("申请人"), max_length=60)
    organisation = models.CharField(_("单位"), max_length=120)
    email = models.EmailField(_("电子邮箱"))
    phone = models.CharField(_("联系电话"), max_length=40)
    purpose = models.TextField(_("用途"))
    scenario = models.TextField(_("使用场景"))
    period_start = models.DateField(_("使用期限起"))
    period_end = models.DateField(_("使用期限止"))
    agreement_accepted = models.BooleanField(_("已同意使用协议"), default=False)
    status = models.CharField(_("状态"), max_length=10, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.SUBMITTED, db_index=True)
    due_date = models.DateField(_("审核期限"))
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decision_reason = models.TextField(_("审核意见"), blank=True)
    feedback = models.TextField(_("使用反馈"), blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    # The applicant picks the API key up once on the status page (number + query code); until then
    # the key row holds the hash of a value nobody knows.
    key_picked_up_at = models.DateTimeField(_("密钥领取时间"), null=True, blank=True)
    # The e-mail asking for the 使用反馈 once the approved period ended (sent once).
    feedback_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class ApiKey(models.Model):
    """An API key: only its SHA-256 is stored. Scoped to one dataset and a period when issued for an
    application; a key without dataset reads every 无条件开放 dataset."""

    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=120, blank=True)
    application = models.OneToOneField(AccessApplication, null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="api_key")
    dataset = models.ForeignKey(Dataset, null=True, blank=True, on_delete=models.CASCADE, related_name="api_keys")
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    daily_quota = models.PositiveIntegerField(default=10000)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)


class UsageLog(models.Model):
    key = models.ForeignKey(ApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="usage")
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="usage")
    resource = models.ForeignKey(Resource, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=12)  # search / export / download
    rows = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


class DataRequestStatus(models.TextChoices):
    REVIEW = "review", _("待审查")
    PUBLISHED = "published", _("已公开，待答复")
    ANSWERED = "answered", _("已答复")
    HIDDEN = "hidden", _("不予公开")


class DataRequest(models.Model):
    """数据需求: the public asks for a dataset; answered with a disposition (the 意见征集 vocabulary)
    and a reason. The text is shown only after the review passed it."""

    title = models.CharField(_("需求名称"), max_length=200)
    description = models.TextField(_("需求描述"))
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="data_requests",
                               verbose_name=_("希望提供的部门"))
    requester = models.CharField(_("称呼"), max_length=60, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    number = models.CharField(max_length=20, unique=True)
    query_code_hash = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=DataRequestStatus.choices, default=DataRequestStatus.REVIEW,
                              db_index=True)
    review_verdict = models.CharField(max_length=8, blank=True)
    disposition = models.CharField(_("处理结果"), max_length=16, blank=True, choices=Disposition.choices)
    reason = models.TextField(_("答复说明"), blank=True)
    dataset = models.ForeignKey(Dataset, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    # Reply deadline: OPENDATA_REQUEST_WORKDAYS working days after submission on workdays.calendar.
    due_date = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    # 同类需求: a request alike to an earlier open one joins that one's group (the head has none).
    group_head = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="group_members", verbose_name=_("同类需求"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class OwnerReminder(ReminderBase):
    """One reminder per user and fact (a dataset behind schedule, an application past its review
    deadline): shown on the 工作台, e-mailed once (core.reminders)."""

    message = models.CharField(max_length=300)
    url = models.CharField(max_length=200, blank=True)
    read = models.BooleanField(default=False)
