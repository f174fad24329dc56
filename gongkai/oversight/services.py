"""Every write on tasks: in a transaction, row-locked, role-checked, audited. `task_transition` is the
only place an item's status changes."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import agency_ids_for_user, role_require
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError

from .models import (Level, ProgressReport, RequestKind, RequestStatus, Stage, Task, TaskRequest, TaskStatus,
                     TaskUnit, UnitRole)
from .progress import plan_rollup
from .transitions import PLAN_ROLES, TRANSITIONS, UNIT_ACTIONS, UNIT_ROLES


def is_plan_office(*, user, task) -> bool:
    return user is None or task.plan.agency_id in agency_ids_for_user(user=user, roles=PLAN_ROLES)


def unit_ids_of(*, user, task, lead_only=False) -> set:
    """The task's units (lead only, or all) where `user` is staff."""
    units = {u.agency_id for u in task.units.all() if not lead_only or u.role == UnitRole.LEAD}
    return units & agency_ids_for_user(user=user, roles=UNIT_ROLES)


def _allowed(actor, task, tr) -> bool:
    if is_plan_office(user=actor, task=task):
        return True
    return tr.name in UNIT_ACTIONS and bool(unit_ids_of(user=actor, task=task, lead_only=tr.name == "complete"))


def task_has_evidence(task) -> bool:
    from .evidence import evidence_documents

    for report in task.reports.all():
        if report.attachment or report.documents.exists():
            return True
    return bool(evidence_documents(task=task, limit=1))


@transaction.atomic
def task_transition(*, task, action, actor, reason="", new_due: dt.date | None = None, new_lead=None) -> Task:
    """The one place a task's status (and its due date, lead unit, 督办 level) changes."""
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    tr = TRANSITIONS.get(action)
    if task.level != Level.ITEM:
        raise TransitionError(_("一级、二级任务的状态由其下属任务汇总得出，不能直接变更。"))
    if tr is None or task.status not in tr.sources:
        raise TransitionError(_("当前状态（%(s)s）不能执行该操作。") % {"s": task.get_status_display()})
    if not _allowed(actor, task, tr):
        raise PermissionDeniedError(_("只有责任单位或政务公开办公室可以执行“%(a)s”。") % {"a": tr.label})
    reason = (reason or "").strip()
    if tr.reason_required and not reason:
        raise UserFacingError(_("请填写理由。"))
    data = {}
    old = task.status
    if action == "complete":
        if not reason and not task_has_evidence(task):
            raise TransitionError(_("办结须有佐证材料（已公开文件或附件），或填写办结说明。"))
        task.progress, task.completed_on = 100, timezone.localdate()
    elif action == "reopen":
        task.completed_on = None
    elif action == "extend":
        if new_due is None:
            raise UserFacingError(_("请填写延期后的完成时限。"))
        data = {"from": task.due.isoformat() if task.due else None, "to": new_due.isoformat()}
        task.due, task.deadline_kind, task.escalation = new_due, "date", 0
    elif action == "reassign":
        if new_lead is None:
            raise UserFacingError(_("请选择新的牵头单位。"))
        data = {"from": sorted(u.agency_id for u in task.units.all() if u.role == UnitRole.LEAD), "to": new_lead.pk}
        task.units.filter(role=UnitRole.LEAD).delete()
        task.units.filter(agency=new_lead).delete()
        TaskUnit.objects.create(task=task, agency=new_lead, role=UnitRole.LEAD)
        task.lead_raw = new_lead.short_name or new_lead.name
    elif action == "escalate":
        task.escalation = 2
    if tr.target is not None:
        task.status = tr.target
    task.reminded_on = None  # due date, units or status changed: recompute its reminders
    if reason and action in ("complete", "cancel", "reopen"):
        task.status_reason = reason
    task.save()
    audit_record(actor=actor, action=f"oversight.{action}", obj=task, agency_id=task.plan.agency_id,
                 from_state=old, to_state=task.status, reason=reason, data=data)
    if tr.target is not None:  # extend, reassign and escalate leave status and progress as they were
        plan_rollup(plan=task.plan)
    return task


def _unit_for(actor, task, agency):
    if agency is None:
        ids = unit_ids_of(user=actor, task=task) if actor else set()
        agency = next((u.agency for u in task.units.all() if u.agency_id in ids), None)
        if agency is None and is_plan_office(user=actor, task=task):
            agency = next((u.agency for u in task.units.all() if u.role == UnitRole.LEAD), task.plan.agency)
    if agency is None or agency.pk not in {u.agency_id for u in task.units.all()} | {task.plan.agency_id}:
        raise PermissionDeniedError(_("只有该任务的责任单位可以填报或提出申请。"))
    if not is_plan_office(user=actor, task=task):
        role_require(user=actor, agency=agency, roles=UNIT_ROLES)
    return agency


@transaction.atomic
def task_report_submit(*, task, actor, period: str, text: str, stage: str = "", percent=None, documents=(),
                       attachment=None, agency=None) -> ProgressReport:
    """A unit reports progress for a period; the item's progress follows the latest report."""
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    if task.level != Level.ITEM:
        raise UserFacingError(_("请在具体任务上填报进展。"))
    if task.status not in (TaskStatus.PENDING, TaskStatus.IN_PROGRESS):
        raise TransitionError(_("该任务已%(s)s，不能再填报。") % {"s": task.get_status_display()})
    agency = _unit_for(actor, task, agency)
    if not (text or "").strip():
        raise UserFacingError(_("请填写进展情况。"))
    if not (period or "").strip():
        raise UserFacingError(_("请填写填报期间。"))
    if stage and stage not in Stage.values:
        raise UserFacingError(_("未知的阶段。"))
    if percent is not None and not 0 <= int(percent) <= 100:
        raise UserFacingError(_("完成百分比应在 0 到 100 之间。"))
    report = ProgressReport.objects.create(task=task, agency=agency, period=period.strip()[:16], text=text.strip(),
                                           stage=stage or "", percent=percent, attachment=attachment or "",
                                           created_by=actor if actor and actor.pk else None)
    if documents:
        report.documents.set(documents)
    audit_record(actor=actor, action="oversight.report", obj=task, agency_id=agency.pk,
                 data={"period": report.period, "percent": report.effective_percent,
                       "documents": [d.pk for d in documents]})
    Task.objects.filter(pk=task.pk).update(reminded_on=None)  # a period's report answers its reminder
    if report.effective_percent is not None:
        Task.objects.filter(pk=task.pk).update(progress=min(report.effective_percent, 99))
    if task.status == TaskStatus.PENDING:
        task_transition(task=task, action="start", actor=actor)
    else:
        plan_rollup(plan=task.plan)
    return report


@transaction.atomic
def task_request_create(*, task, actor, kind: str, reason: str, new_due=None, new_lead=None,
                        agency=None) -> TaskRequest:
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    if task.status not in (TaskStatus.PENDING, TaskStatus.IN_PROGRESS):
        raise TransitionError(_("该任务已%(s)s，不能再提出申请。") % {"s": task.get_status_display()})
    agency = _unit_for(actor, task, agency)
    if kind not in RequestKind.values:
        raise UserFacingError(_("未知的申请类型。"))
    if not (reason or "").strip():
        raise UserFacingError(_("请填写申请理由。"))
    if kind == RequestKind.EXTEND and (new_due is None or (task.due and new_due <= task.due)):
        raise UserFacingError(_("请填写晚于原完成时限的新时限。"))
    if kind == RequestKind.REASSIGN and new_lead is None:
        raise UserFacingError(_("请选择建议的牵头单位。"))
    if task.requests.filter(kind=kind, status=RequestStatus.PENDING).exists():
        raise UserFacingError(_("已有同类申请待审核。"))
    request = TaskRequest.objects.create(task=task, kind=kind, agency=agency, reason=reason.strip(), new_due=new_due,
                                         new_lead=new_lead, created_by=actor if actor and actor.pk else None)
    audit_record(actor=actor, action=f"oversight.request_{kind}", obj=task, agency_id=agency.pk,
                 reason=request.reason, data={"request": request.pk})
    return request


@transaction.atomic
def task_request_decide(*, request, actor, approve: bool, note: str = "") -> TaskRequest:
    """The 公开办 approves (the change goes through task_transition) or returns (with a note) a request."""
    request = TaskRequest.objects.select_for_update().select_related("task__plan").get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise TransitionError(_("该申请已处理。"))
    role_require(user=actor, agency=request.task.plan.agency, roles=PLAN_ROLES)
    note = (note or "").strip()
    if not approve and not note:
        raise UserFacingError(_("退回申请须填写理由。"))
    if approve:
        task_transition(task=request.task, action=request.kind, actor=actor, reason=note or request.reason,
                        new_due=request.new_due, new_lead=request.new_lead)
    request.status = RequestStatus.APPROVED if approve else RequestStatus.RETURNED
    request.decision_note, request.decided_at = note, timezone.now()
    request.save()
    audit_record(actor=actor, action="oversight.request_" + ("approve" if approve else "return"), obj=request.task,
                 agency_id=request.task.plan.agency_id, reason=note, data={"request": request.pk})
    return request


@transaction.atomic
def task_weight_set(*, task, actor, weight: int) -> Task:
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    role_require(user=actor, agency=task.plan.agency, roles=PLAN_ROLES)
    if not 1 <= int(weight) <= 100:
        raise UserFacingError(_("权重应在 1 到 100 之间。"))
    old, task.weight = task.weight, int(weight)
    task.save(update_fields=["weight", "updated_at"])
    audit_record(actor=actor, action="oversight.weight", obj=task, agency_id=task.plan.agency_id,
                 data={"from": old, "to": task.weight})
    plan_rollup(plan=task.plan)
    return task
