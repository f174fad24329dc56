"""Progress roll-up (Decidim's rule): a heading's progress is the weighted mean of its children's
(cancelled children left out; weight 1 unless set), and its status follows them: done when every
child is done, in progress when any has started, else pending. Headings are not workflow items: their
status is derived here, and a change is written to the audit log."""
from collections import defaultdict

from gongkai.audit.services import audit_record

from .models import Level, Task, TaskStatus


def rolled(children) -> tuple[int, str]:
    live = [c for c in children if c["status"] != TaskStatus.CANCELLED]
    if not live:
        return 0, TaskStatus.PENDING
    total = sum(c["weight"] or 1 for c in live)
    progress = round(sum(c["progress"] * (c["weight"] or 1) for c in live) / total)
    if all(c["status"] == TaskStatus.DONE for c in live):
        return 100, TaskStatus.DONE
    if any(c["status"] != TaskStatus.PENDING or c["progress"] for c in live):
        return progress, TaskStatus.IN_PROGRESS
    return progress, TaskStatus.PENDING


def plan_rollup(*, plan) -> int:
    """Recompute every heading of `plan` bottom-up; return how many changed."""
    rows = {r["id"]: r for r in Task.objects.filter(plan=plan).values("id", "parent_id", "level", "progress",
                                                                       "weight", "status")}
    children = defaultdict(list)
    for row in rows.values():
        if row["parent_id"]:
            children[row["parent_id"]].append(row)
    changed = 0
    for level in (Level.GROUP, Level.SECTION):  # groups first: sections read their groups' new figures
        for row in [r for r in rows.values() if r["level"] == level]:
            progress, status = rolled(children.get(row["id"], []))
            if (progress, status) != (row["progress"], row["status"]):
                old = row["status"]
                row["progress"], row["status"] = progress, status
                Task.objects.filter(pk=row["id"]).update(progress=progress, status=status)
                changed += 1
                if old != status:
                    audit_record(actor=None, action="oversight.rollup", object_type="oversight.task",
                                 object_id=str(row["id"]), from_state=old, to_state=status)
    return changed
