"""Reads of the oversight app: staff lists scoped to the user's agencies, the public 落实情况, the
progress summary the annual report's narrative uses."""
import datetime as dt

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.utils import timezone

from gongkai.agencies.selectors import agency_ids_for_user

from .models import Level, OPEN_STATUSES, Task, TaskStatus, TaskUnit, UnitRole, WorkPlan

PAGE_SIZE = 50


def _units_prefetch():
    return Prefetch("units", queryset=TaskUnit.objects.select_related("agency").only(
        "id", "task_id", "role", "agency_id", "agency__name", "agency__short_name"))


def tasks_for_user(*, user):
    ids = agency_ids_for_user(user=user)
    return Task.objects.filter(Q(plan__agency_id__in=ids)
                               | Q(pk__in=TaskUnit.objects.filter(agency_id__in=ids).values("task_id")))


def task_list(*, user, year=None, status="", agency_id=None, overdue=False, page=1, today=None):
    """One page of the user's items, with the lead and assist units; returns (rows, total)."""
    qs = tasks_for_user(user=user).filter(level=Level.ITEM)
    if year:
        qs = qs.filter(plan__year=year)
    if status:
        qs = qs.filter(status=status)
    if agency_id:
        qs = qs.filter(pk__in=TaskUnit.objects.filter(agency_id=agency_id).values("task_id"))
    if overdue:
        qs = qs.filter(status__in=OPEN_STATUSES, due__lt=today or timezone.localdate())
    total = qs.count()
    page = max(1, int(page or 1))
    rows = list(qs.select_related("plan").only(
        "id", "no", "content", "due", "deadline_raw", "deadline_kind", "status", "progress", "escalation",
        "plan__year", "plan__title", "plan__agency_id").order_by("plan__year", "plan_id", "position", "id")
        .prefetch_related(_units_prefetch())[(page - 1) * PAGE_SIZE: page * PAGE_SIZE])
    return rows, total


def task_for_user(*, user, pk) -> Task:
    task = tasks_for_user(user=user).filter(pk=pk).select_related("plan__agency", "parent").first()
    if task is None:
        raise Http404
    return task


def plans_for_user(*, user):
    ids = agency_ids_for_user(user=user)
    return WorkPlan.objects.filter(agency_id__in=ids).select_related("agency")


def plan_years_public() -> list:
    return sorted(set(WorkPlan.objects.values_list("year", flat=True)), reverse=True)


PUBLIC_PAGE_SIZE = 100
# A heading shares its position with its first item: 一、 before (一) before the item (not the level's
# alphabetical order, which put the item and its group before the section heading).
LEVEL_ORDER = Case(When(level=Level.SECTION, then=Value(0)), When(level=Level.GROUP, then=Value(1)),
                   default=Value(2), output_field=IntegerField())


def plans_public(*, year: int, page: int = 1) -> tuple[list, int]:
    """The year's plans, each with one page of its task rows in order (headings and items, 100 rows a
    page) with units and reports; returns (plans, number of pages of the longest plan)."""
    plans = list(WorkPlan.objects.filter(year=year).select_related("agency", "source_document"))
    pages = 1
    start = (max(1, page) - 1) * PUBLIC_PAGE_SIZE
    for plan in plans:
        rows = plan.tasks.order_by("position", LEVEL_ORDER, "id")
        pages = max(pages, (rows.count() + PUBLIC_PAGE_SIZE - 1) // PUBLIC_PAGE_SIZE)
        plan.task_rows = list(rows.prefetch_related(_units_prefetch(), Prefetch("reports__documents")).only(
            "id", "plan_id", "level", "no", "content", "due", "deadline_raw", "status", "progress", "parent_id",
            "position", "topics", "status_reason", "completed_on")[start:start + PUBLIC_PAGE_SIZE])
    return plans, pages


def _summary_tasks(*, year, agency):
    qs = Task.objects.filter(level=Level.ITEM, plan__year=year)
    if agency is not None:
        qs = qs.filter(Q(plan__agency=agency) | Q(pk__in=TaskUnit.objects.filter(agency=agency).values("task_id")))
    return qs


def plan_progress_summary(*, year: int, agency=None, today: dt.date | None = None) -> dict:
    """Counts of the year's 工作要点 items (all plans, or those of `agency` as issuer or unit) and one
    paragraph for the annual report's 工作要点落实 narrative: {"text": str, "counts": dict}."""
    today = today or timezone.localdate()
    qs = _summary_tasks(year=year, agency=agency)
    by_status = dict(qs.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    overdue = qs.filter(status__in=OPEN_STATUSES, due__lt=today).count()
    done_on_time = qs.filter(status=TaskStatus.DONE).filter(Q(due__isnull=True) | Q(completed_on__lte=F("due"))).count()
    counts = {"total": sum(by_status.values()), "done": by_status.get(TaskStatus.DONE, 0),
              "done_on_time": done_on_time, "in_progress": by_status.get(TaskStatus.IN_PROGRESS, 0),
              "pending": by_status.get(TaskStatus.PENDING, 0), "cancelled": by_status.get(TaskStatus.CANCELLED, 0),
              "overdue": overdue}
    who = f"{agency.name}" if agency is not None else ""
    if not counts["total"]:
        text = f"{year}年{who}政务公开工作要点尚未分解任务。"
    else:
        text = (f"{year}年{who}政务公开工作要点共分解任务{counts['total']}项，已完成{counts['done']}项"
                f"（其中按期完成{counts['done_on_time']}项），推进中{counts['in_progress']}项，未启动{counts['pending']}项"
                + (f"，调整取消{counts['cancelled']}项" if counts["cancelled"] else "")
                + (f"；逾期未完成{counts['overdue']}项，已督促相关单位加快推进。" if counts["overdue"] else "；无逾期未完成任务。"))
    return {"text": text, "counts": counts}


def lead_names(task) -> str:
    return "、".join(u.agency.short_name or u.agency.name for u in task.units.all() if u.role == UnitRole.LEAD)


def assist_names(task) -> str:
    return "、".join(u.agency.short_name or u.agency.name for u in task.units.all() if u.role == UnitRole.ASSIST)
