"""督办 of the yearly 政务公开工作要点: the plan, its task tree (一级/二级 headings and items), the units
each task names (牵头/配合), remembered unit aliases, progress reports with evidence, 延期/调整 requests,
reminders and 督办通知."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.reminders import Reminder as ReminderBase


class WorkPlan(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="work_plans",
                               verbose_name=_("印发机关"))
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    source_document = models.ForeignKey("catalog.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("工作要点原文"))
    source_name = models.CharField(_("导入文件"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="oversight_plan_once")]
        verbose_name = _("政务公开工作要点")
        verbose_name_plural = _("政务公开工作要点")

    def __str__(self):
        return self.title


class Level(models.TextChoices):
    SECTION = "section", _("一级任务")
    GROUP = "group", _("二级任务")
    ITEM = "item", _("具体任务")


class TaskStatus(models.TextChoices):
    PENDING = "pending", _("未启动")
    IN_PROGRESS = "in_progress", _("推进中")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已调整取消")


class DeadlineKind(models.TextChoices):
    DATE = "date", _("限期完成")
    MONTHLY = "recurring_monthly", _("每月")
    QUARTERLY = "recurring_quarterly", _("每季度")
    HALF_YEARLY = "recurring_half_yearly", _("每半年")
    YEARLY = "recurring_yearly", _("每年")
    ONGOING = "ongoing", _("长期坚持")
    UNKNOWN = "unknown", _("时限待定")
    NONE = "none", _("未规定时限")


OPEN_STATUSES = (TaskStatus.PENDING, TaskStatus.IN_PROGRESS)


class Task(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    level = models.CharField(_("层级"), max_length=8, choices=Level.choices, default=Level.ITEM)
    position = models.PositiveIntegerField(_("排序"), default=0)
    no = models.CharField(_("序号"), max_length=20, blank=True)
    match_key = models.CharField(max_length=64, db_index=True, editable=False,
                                 help_text="what a re-import matches on (level, heading path and 序号)")
    content = models.TextField(_("工作内容"))
    deadline_kind = models.CharField(_("时限类型"), max_length=24, choices=DeadlineKind.choices,
                                     default=DeadlineKind.NONE)
    due = models.DateField(_("完成时限"), null=True, blank=True, db_index=True)
    deadline_raw = models.CharField(_("完成时限（原文）"), max_length=120, blank=True)
    units_raw = models.CharField(_("责任单位（原文）"), max_length=500, blank=True)
    lead_raw = models.CharField(_("牵头单位（原文）"), max_length=200, blank=True)
    assist_raw = models.JSONField(_("配合单位（原文）"), default=list, blank=True)
    weight = models.PositiveSmallIntegerField(_("权重"), default=1)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    status = models.CharField(_("状态"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.PENDING,
                              db_index=True)
    status_reason = models.TextField(_("办结或调整说明"), blank=True)
    topics = models.JSONField(_("涉及公开事项"), default=list, blank=True)
    escalation = models.PositiveSmallIntegerField(_("督办级别"), default=0)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False,
                                   help_text="the day its reminders were last computed (cleared by a change)")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "position", "id"]
        indexes = [models.Index(fields=["plan", "level", "position"]), models.Index(fields=["status", "due"])]
        verbose_name = _("工作任务")
        verbose_name_plural = _("工作任务")

    def __str__(self):
        return f"{self.no} {self.content[:40]}".strip()

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("oversight_staff:task", args=[self.pk])

    def leads(self):
        return [u.agency for u in self.units.all() if u.role == UnitRole.LEAD]

    def assists(self):
        return [u.agency for u in self.units.all() if u.role == UnitRole.ASSIST]


class UnitRole(models.TextChoices):
    LEAD = "lead", _("牵头")
    ASSIST = "assist", _("配合")


class TaskUnit(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="units")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="oversight_units")
    role = models.CharField(_("角色"), max_length=8, choices=UnitRole.choices)

    class Meta:
        ordering = ["role", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "agency"], name="oversight_unit_once")]
        indexes = [models.Index(fields=["agency", "role"])]


class UnitAlias(models.Model):
    """A 责任单位 name as written ("市编办", "市政府各部门") mapped to one agency or a group of them."""

    name = models.CharField(_("名称（原文）"), max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)
    agencies = models.ManyToManyField(Agency, related_name="oversight_aliases", verbose_name=_("对应机关"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("责任单位别名")
        verbose_name_plural = _("责任单位别名")

    def __str__(self):
        return self.name


class Stage(models.TextChoices):
    STARTED = "started", _("已启动")
    ADVANCING = "advancing", _("推进中")
    NEARLY = "nearly", _("基本完成")
    FINISHED = "finished", _("已完成")


STAGE_PERCENT = {Stage.STARTED: 10, Stage.ADVANCING: 50, Stage.NEARLY: 80, Stage.FINISHED: 100}


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("填报单位"))
    period = models.CharField(_("填报期间"), max_length=16, help_text=_("如 2026、2026-Q2、2026-05"))
    text = models.TextField(_("进展情况"))
    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices, blank=True)
    percent = models.PositiveSmallIntegerField(_("完成百分比"), null=True, blank=True)
    documents = models.ManyToManyField("catalog.Document", blank=True, related_name="+",
                                       verbose_name=_("佐证：已公开文件"))
    attachment = models.FileField(_("佐证附件"), upload_to="oversight/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("进展填报")
        verbose_name_plural = _("进展填报")

    @property
    def effective_percent(self) -> int | None:
        if self.percent is not None:
            return self.percent
        return STAGE_PERCENT.get(self.stage)


class RequestKind(models.TextChoices):
    EXTEND = "extend", _("申请延期")
    REASSIGN = "reassign", _("申请调整责任单位")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已同意")
    RETURNED = "returned", _("已退回")


class TaskRequest(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("类型"), max_length=10, choices=RequestKind.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("申请单位"))
    reason = models.TextField(_("理由"))
    new_due = models.DateField(_("申请延至"), null=True, blank=True)
    new_lead = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("建议牵头单位"))
    status = models.CharField(_("状态"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    decision_note = models.TextField(_("审核意见"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("延期或调整申请")
        verbose_name_plural = _("延期或调整申请")


class Reminder(ReminderBase):
    """An in-app reminder (due soon, overdue, escalated) about a task (core.reminders)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oversight_reminders")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta(ReminderBase.Meta):
        ordering = ["-created_at", "-id"]


class SupervisionNotice(models.Model):
    """督办通知 (.docx in the 公文 layout) to a lagging unit; level 2 is the escalated one."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notices")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("被督办单位"))
    level = models.PositiveSmallIntegerField(_("督办级别"), default=1)
    number = models.CharField(_("编号"), max_length=40)
    issued_on = models.DateField(_("印发日期"))
    file = models.FileField(_("通知文件"), upload_to="oversight/notices/%Y/")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("督办通知")
        verbose_name_plural = _("督办通知")


class PlanImport(models.Model):
    """A file read for confirmation before its tasks are saved (the text is kept, parsed again on confirm)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    file_name = models.CharField(max_length=255)
    text = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    saved_plan = models.ForeignKey(WorkPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")


class DocumentTopic(models.Model):
    """A published catalog document that counts as evidence for a 工作要点 topic (evidence.TOPICS: its
    主题分类, 信息类别 or title words), with its agency and date copied, so a task's evidence is read
    by (topic, agency, date) from an index instead of matching titles over the whole catalog. Kept by
    receivers.py on `catalog.signals.document_changed`; `evidence.topics_rebuild` refills it (after a
    bulk load that bypassed the services)."""

    document = models.ForeignKey("catalog.Document", on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=20)
    agency_id = models.IntegerField()
    publish_date = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "topic"], name="oversight_doctopic_once")]
        indexes = [models.Index(fields=["topic", "agency_id", "publish_date"], name="oversight_doctopic_find")]
