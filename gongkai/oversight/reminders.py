"""Deadline reminders for 工作要点 tasks: one `Reminder` per user and fact, e-mailed once. Safe to run
repeatedly. The daily Celery job runs `reminders_send`; the console's 工作台 calls `reminders_refresh`, so
the embedded default (no scheduler) has them too.

- due soon: a dated task due within DUE_SOON_WORKDAYS working days → staff of its 牵头 units;
- overdue: past its due date and not done → the 牵头 units and the plan's 公开办;
- escalation (二级督办): more than ESCALATE_AFTER_WORKDAYS working days overdue → the plan's 公开办 and
  负责人 (分管领导), and the task is marked escalated (through task_transition);
- a recurring task (每月/每季度/每半年) with no report for the period that ends within DUE_SOON_WORKDAYS
  working days → its 牵头 units."""
import datetime as dt

from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import members_active
from gongkai.core.reminders import reminder_send
from gongkai.workdays.calendar import add_workdays, workdays_between

from .models import Level, OPEN_STATUSES, Reminder, Task, UnitRole
from .periods import current_period

RECURRING_KINDS = ("recurring_monthly", "recurring_quarterly", "recurring_half_yearly", "recurring_yearly", "ongoing")

DUE_SOON_WORKDAYS = 5
ESCALATE_AFTER_WORKDAYS = 10
UNIT_STAFF = [str(r) for r in (Role.EDITOR, Role.OFFICE, Role.ADMIN)]


class _Run:
    """What one reminder run reads once: members per (agencies, roles) and the reminders already made."""

    def __init__(self, task_ids, today):
        self.days = _Days(today)
        self.members = {}
        self.existing = set(Reminder.objects.filter(task_id__in=task_ids).values_list("user_id", "key"))

    def users(self, agency_ids, roles) -> list:
        key = (tuple(sorted(agency_ids)), tuple(roles))
        if key not in self.members:
            self.members[key] = members_active(agency_ids=agency_ids, roles=roles)
        return self.members[key]


class _Days:
    """Working-day figures of one day, computed once per run (many tasks share a due date)."""

    def __init__(self, today):
        self.today = today
        self.soon = add_workdays(today, DUE_SOON_WORKDAYS).date
        self._late = {}

    def late(self, due) -> int:
        if due not in self._late:
            self._late[due] = workdays_between(due, self.today)
        return self._late[due]


def reminder_facts(*, task, today: dt.date, days: _Days | None = None) -> list[tuple[str, str, str]]:
    """(key, message, audience) for what needs attention on `task` today; audience is "unit", "office"
    or "escalate"."""
    days = days or _Days(today)
    facts, name = [], f"{task.plan.year}年工作要点第{task.no}项"
    if task.due:
        if task.due < today:
            facts.append((f"overdue:{task.pk}:{task.due}", _("%(t)s已超过完成时限（%(d)s），请抓紧办理并报送进展。")
                          % {"t": name, "d": task.due}, "unit"))
            if days.late(task.due) > ESCALATE_AFTER_WORKDAYS:
                facts.append((f"escalate:{task.pk}:{task.due}", _("%(t)s逾期超过%(n)d个工作日，已提请二级督办。")
                              % {"t": name, "n": ESCALATE_AFTER_WORKDAYS}, "escalate"))
        elif task.due <= days.soon:
            facts.append((f"due:{task.pk}:{task.due}", _("%(t)s将于%(d)s到期，请按时完成。") % {"t": name, "d": task.due},
                          "unit"))
    period = current_period(task.deadline_kind, today)
    if period is not None:
        code, end = period
        if today <= end <= days.soon and \
                not any(r.period == code for r in task.reports.all()):
            facts.append((f"report:{task.pk}:{code}", _("%(t)s需报送%(p)s进展（%(d)s前）。") % {"t": name, "p": code, "d": end},
                          "unit"))
    return facts


def _recipients(run, task, audience) -> list:
    leads = [u.agency_id for u in task.units.all() if u.role == UnitRole.LEAD]
    if audience == "unit":
        return run.users(leads, UNIT_STAFF)
    roles = [str(Role.OFFICE), str(Role.ADMIN)] + ([str(Role.APPROVER)] if audience == "escalate" else [])
    return run.users([task.plan.agency_id], roles)


def _remind(run, task, today, email=True) -> int:
    created = 0
    for key, message, audience in reminder_facts(task=task, today=today, days=run.days):
        audiences = [audience] + (["office"] if key.startswith("overdue:") else [])
        users = {u.pk: u for a in audiences for u in _recipients(run, task, a) if (u.pk, key) not in run.existing}
        if audience == "escalate" and task.escalation < 2:
            from .services import task_transition

            task_transition(task=task, action="escalate", actor=None)
            task.escalation = 2
        for user in users.values():
            run.existing.add((user.pk, key))
            created += reminder_send(Reminder, user=user, key=key, message=message, task=task, email=email,
                                     subject=_("【工作要点督办提醒】%(m)s") % {"m": message[:40]},
                                     path=reverse("oversight_staff:task", args=[task.pk]))
    return created


def _open_tasks(today):
    """Open items that can have a fact today: due by the due-soon horizon, or recurring with a period
    ending within it."""
    soon = add_workdays(today, DUE_SOON_WORKDAYS).date
    kinds = [k for k in RECURRING_KINDS if today <= current_period(k, today)[1] <= soon]
    return (Task.objects.filter(level=Level.ITEM, status__in=OPEN_STATUSES)
            .filter(Q(due__lte=soon) | Q(deadline_kind__in=kinds))
            .select_related("plan").prefetch_related("units", "reports"))


def _run_over(tasks, today, email=True) -> int:
    """Remind about `tasks` and mark them done for today (a change to a task clears the mark)."""
    tasks = list(tasks.exclude(reminded_on=today))
    run = _Run([t.pk for t in tasks], today)
    created = sum(_remind(run, task, today, email) for task in tasks)
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(reminded_on=today)
    return created


def reminders_send(*, today: dt.date, email: bool = True) -> int:
    """Create today's reminders and e-mail each new one (the demo passes email=False); return how many
    were created."""
    return _run_over(_open_tasks(today), today, email)


REFRESH_SECONDS = 300


def reminders_refresh(*, user, today: dt.date) -> int:
    """Compute the reminders of the tasks the user can see (at most once per user every few minutes)."""
    from .selectors import tasks_for_user

    key = f"oversight-reminders:{user.pk}:{today.isoformat()}"
    if not cache.add(key, 1, REFRESH_SECONDS):
        return 0
    ids = tasks_for_user(user=user).filter(level=Level.ITEM, status__in=OPEN_STATUSES).values("pk")
    return _run_over(_open_tasks(today).filter(pk__in=ids), today)


def reminders_for_user(*, user, unread_only=False):
    """The user's reminders; unread_only also leaves out those of tasks closed since."""
    qs = Reminder.objects.filter(user=user).select_related("task", "task__plan")
    return qs.filter(read_at__isnull=True, task__status__in=OPEN_STATUSES) if unread_only else qs
