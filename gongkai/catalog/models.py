"""The 主动公开目录: documents, their published revisions, attachments and links."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class Subject(models.Model):
    """主题分类: the 22 national top-level categories and their subcategories, plus local ones."""

    name = models.CharField(_("名称"), max_length=60)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("上级分类"))
    sort_order = models.IntegerField(_("排序"), default=0)
    is_local = models.BooleanField(_("地方增设"), default=False)

    class Meta:
        ordering = ["sort_order", "id"]
        unique_together = [("parent", "name")]
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")

    def __str__(self):
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name

    @property
    def top(self):
        return self.parent if self.parent_id else self


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Validity(models.TextChoices):
    NONE = "", _("—")
    VALID = "valid", _("有效")
    AMENDED = "amended", _("已修改")
    ABOLISHED = "abolished", _("已废止")
    EXPIRED = "expired", _("已失效")


class Disclosure(models.TextChoices):
    ACTIVE = "active", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class Category(models.TextChoices):
    """What kind of information this is; drives the 法定主动公开内容 columns and the annual report."""

    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    POLICY = "policy", _("其他政策文件")
    INTERPRETATION = "interpretation", _("政策解读")
    PLAN = "plan", _("规划计划")
    WORK = "work", _("工作动态")
    NOTICE = "notice", _("通知公告")
    CONSULTATION = "consultation", _("意见征集")
    ANNUAL_REPORT = "annual_report", _("政府信息公开年报")
    OTHER = "other", _("其他")


class Genre(models.TextChoices):
    """文种 (党政机关公文处理工作条例 第八条), plus forms common on disclosure sites."""

    RESOLUTION = "决议", _("决议")
    DECISION = "决定", _("决定")
    ORDER = "命令", _("命令（令）")
    COMMUNIQUE = "公报", _("公报")
    ANNOUNCEMENT = "公告", _("公告")
    PUBLIC_NOTICE = "通告", _("通告")
    OPINION = "意见", _("意见")
    NOTICE = "通知", _("通知")
    BULLETIN = "通报", _("通报")
    REPORT = "报告", _("报告")
    REQUEST = "请示", _("请示")
    REPLY = "批复", _("批复")
    MOTION = "议案", _("议案")
    LETTER = "函", _("函")
    MINUTES = "纪要", _("纪要")
    MEASURES = "办法", _("办法")
    RULES = "规定", _("规定")
    PLAN = "方案", _("方案")
    INTERPRETATION = "解读", _("解读")
    OTHER = "其他", _("其他")


class Document(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="documents",
                               verbose_name=_("发布机构"))
    title = models.CharField(_("名称"), max_length=300)
    title_pending = models.BooleanField(
        _("标题待确认"), default=False,
        help_text=_("导入时未能识别标题，暂以文件名作标题；须由工作人员核对标题后才能发布"))
    index_no = models.CharField(_("索引号"), max_length=64, null=True, blank=True, unique=True)
    doc_no = models.CharField(_("发文字号"), max_length=100, blank=True, db_index=True)
    publisher_name = models.CharField(_("发布机构（原文）"), max_length=200, blank=True)
    subject = models.ForeignKey(Subject, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="documents", verbose_name=_("主题分类"))
    subject_label = models.CharField(_("主题分类（原文）"), max_length=100, blank=True)
    category = models.CharField(_("信息类别"), max_length=20, choices=Category.choices,
                                default=Category.POLICY, db_index=True)
    genre = models.CharField(_("文种"), max_length=8, choices=Genre.choices, default=Genre.OTHER,
                             db_index=True)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    summary = models.TextField(_("内容概述"), blank=True)
    written_date = models.DateField(_("成文日期"), null=True, blank=True)
    publish_date = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    disclosure = models.CharField(_("公开方式"), max_length=16, choices=Disclosure.choices,
                                  default=Disclosure.ACTIVE)
    validity = models.CharField(_("有效性"), max_length=16, choices=Validity.choices,
                                default=Validity.NONE, blank=True, db_index=True)
    effective_date = models.DateField(_("生效日期"), null=True, blank=True)
    expiry_date = models.DateField(_("废止或失效日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    body_html = models.TextField(_("正文"), blank=True)
    body_text = models.TextField(_("正文纯文本"), blank=True, editable=False)
    is_generated = models.BooleanField(_("演示生成数据"), default=False,
                                       help_text=_("由演示数据生成器生成，并非真实文件"))
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    status_reason = models.TextField(_("最近一次退回或撤回理由"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-publish_date", "-id"]
        verbose_name = _("公开文件")
        verbose_name_plural = _("公开文件")
        indexes = [
            models.Index(fields=["status", "-publish_date", "-id"]),
            models.Index(fields=["agency", "status"]),
            # The public list and its facet counts (portal.selectors) read these alone: the list's
            # order, then every column it filters or counts by; led by agency and by subject for
            # the lists and counts narrowed to one of them.
            models.Index(fields=["status", "disclosure", "-publish_date", "-id", "agency", "subject",
                                 "genre", "category", "validity"], name="catalog_doc_public_list_idx"),
            models.Index(fields=["status", "disclosure", "agency", "-publish_date", "-id", "subject",
                                 "genre", "category", "validity"], name="catalog_doc_public_agency_idx"),
            models.Index(fields=["status", "disclosure", "subject", "-publish_date", "-id", "agency",
                                 "genre", "category", "validity"], name="catalog_doc_public_subject_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.disclosure == Disclosure.ACTIVE

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("portal:document", args=[self.pk])


class Revision(models.Model):
    """An immutable snapshot of a document at publication, with its SHA-256."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["document", "number"]
        unique_together = [("document", "number")]
        verbose_name = _("发布版本")
        verbose_name_plural = _("发布版本")


def attachment_path(instance, filename):
    return f"attachments/{instance.document.agency_id}/{instance.document_id}/{instance.sha256[:16]}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.original_name


class RelationKind(models.TextChoices):
    INTERPRETS = "interprets", _("解读")
    AMENDS = "amends", _("修改")
    ABOLISHES = "abolishes", _("废止")


class DocumentRelation(models.Model):
    """`source` interprets, amends or abolishes `target`."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="incoming")
    kind = models.CharField(_("关系"), max_length=16, choices=RelationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("source", "target", "kind")]
        verbose_name = _("文件关联")
        verbose_name_plural = _("文件关联")


class IndexSerial(models.Model):
    """The last 索引号 serial used per agency and year; its row is locked while assigning."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = [("agency", "year")]


class ImportJob(models.Model):
    """A batch of uploaded files imported in the background (`catalog.importing.jobs`).

    Each file is an ImportItem; each item is imported in its own transaction together with the
    row that records its result, so a job killed half-way resumes where it stopped and never
    creates a document twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("归入机关"), help_text=_("为空时按文件中的发布机构归入"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("提交人"))
    publish = models.BooleanField(_("导入后立即发布"), default=False)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.QUEUED,
                              db_index=True)
    total = models.PositiveIntegerField(_("文件数"), default=0)
    imported = models.PositiveIntegerField(_("已导入"), default=0)
    duplicates = models.PositiveIntegerField(_("重复"), default=0)
    failed = models.PositiveIntegerField(_("未能导入"), default=0)
    error = models.TextField(_("错误信息"), blank=True)
    attempts = models.PositiveIntegerField(_("运行次数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)


def import_item_path(instance, filename):
    return f"imports/{instance.sha256[:2]}/{instance.sha256}"


class ImportItem(models.Model):
    """One uploaded file of an ImportJob and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待导入")
        IMPORTED = "imported", _("已导入")
        DUPLICATE = "duplicate", _("重复")
        FAILED = "failed", _("未能导入")

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    name = models.CharField(_("文件名"), max_length=255)
    file = models.FileField(upload_to=import_item_path, max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.BigIntegerField(default=0)
    status = models.CharField(_("结果"), max_length=16, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("原因"), blank=True)
    warning = models.TextField(_("提示"), blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("文件"))
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="catalog_importitem_position_once"),
            # A document is created by at most one item (duplicates point at an existing one).
            models.UniqueConstraint(fields=["document"], condition=models.Q(status="imported"),
                                    name="catalog_importitem_document_once"),
        ]
        verbose_name = _("导入文件")
        verbose_name_plural = _("导入文件")

    def __str__(self):
        return self.name
