"""Demo 工作要点 (idempotent; nothing is created when the city already has a plan for the year):

- seed 000 (a city's 任务分解表) as 示范市's plan for the current year, its unit names mapped to the
  demo departments (some left unmapped, to show the console's mapping list); tasks already past their
  due date are done with a report, those due at year end in progress with a report, and exactly one is
  overdue, with its reminders and a 督办通知;
- seed 001 (a township's 工作要点, no units named: the township's own) as 青石镇's plan for the year, its
  items already past their due date done;
- the 工作任务 section of seed 004 as 示范市's plan for the previous year, every task closed.
The seed files are read from GONGKAI["DEMO_SEEDS_DIR"]; a missing file is skipped."""
import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency

from .importing import plan_import_save
from .matching import unit_alias_remember
from .models import Level, Task, TaskStatus, WorkPlan

DEPARTMENTS = ["office", "edu", "finance", "health", "nrp", "samr"]
ALIASES = {  # name as written in the seeds → demo agency slugs
    "市政府各部门": DEPARTMENTS, "市政府有关部门": DEPARTMENTS, "市政府相关部门": DEPARTMENTS,
    "市政务公开办": ["office"], "市编办": ["office"], "市网宣办": ["office"], "市政府新闻办": ["office"],
    "市政务服务中心": ["office"], "市政务服务办": ["office"], "市信息办": ["office"], "市大数据局": ["office"],
    "市发改委": ["finance"], "市发展改革委": ["finance"], "市金融办": ["finance"], "市商务局": ["finance"],
    "市公共资源交易监管局": ["finance"], "市经信局": ["finance"],
    "市教体局": ["edu"], "市卫生计生委": ["health"], "市卫计委": ["health"], "市食品药品监管局": ["samr"],
    "市工商质监局": ["samr"], "市安全监管局": ["samr"], "市国土资源局": ["nrp"], "市住房城乡建委": ["nrp"],
    "市住建委": ["nrp"], "市环保局": ["nrp"], "市生态环境局": ["nrp"],
    "各区、县〔市〕政府办公室": ["county"],
}


def _seed_text(prefix):
    folder = Path(settings.GONGKAI.get("DEMO_SEEDS_DIR") or "")
    files = sorted(folder.glob(f"{prefix}_*.txt")) if folder.is_dir() else []
    return (files[0].read_text("utf-8"), files[0].name) if files else (None, None)


def _source(prefix):
    from gongkai.catalog.models import Document

    return Document.objects.filter(source_name__startswith=f"{prefix}_").order_by("id").first()


def _work_section(text):
    """Seed 004's 二、工作任务 section with its heading (the items stop at 三、)."""
    lines, keep = [], False
    for line in text.splitlines():
        if line.strip().startswith("二、工作任务"):
            keep = True
        elif keep and line.strip().startswith("三、"):
            break
        if keep:
            lines.append(line)
    return "\n".join(lines)


def _items(plan):
    return list(Task.objects.filter(plan=plan, level=Level.ITEM).order_by("position"))


def _close(task, reason, on):
    from .services import task_report_submit, task_transition

    task_report_submit(task=task, actor=None, period=str(on.year), text=reason, percent=100)
    task_transition(task=task, action="complete", actor=None, reason=reason)
    Task.objects.filter(pk=task.pk).update(completed_on=on)  # demo history: closed on its due date


def load(*, stdout):
    from .notices import supervision_notice_issue
    from .reminders import reminders_send
    from .services import task_report_submit

    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=DEPARTMENTS + ["city", "county", "qingshi"])}
    today = timezone.localdate()
    year = today.year
    city = agencies.get("city")
    if city is None or len(agencies) < len(DEPARTMENTS) + 3 or WorkPlan.objects.filter(agency=city, year=year).exists():
        return
    text000, name000 = _seed_text("000")
    if text000 is None:
        stdout.write(_("工作要点演示：未找到种子文件 000，跳过。"))
        return
    with transaction.atomic():
        for name, slugs in ALIASES.items():
            unit_alias_remember(name=name, agencies=[agencies[s] for s in slugs], actor=None)
        plan = plan_import_save(agency=city, year=year, text=text000, actor=None, source_name=name000,
                                title=f"示范市{year}年政务公开工作要点任务分解表（演示数据，据种子000）").plan
        plan.source_document = _source("000")
        plan.save(update_fields=["source_document"])
        items = _items(plan)
        overdue = next((t for t in items if t.due and t.due < today and t.units.exists()), None)
        if overdue is None:  # early in the year nothing is past due yet: the demo moves one deadline back
            overdue = next(t for t in items if t.units.exists())
            earlier = today - dt.timedelta(days=20)
            Task.objects.filter(pk=overdue.pk).update(due=earlier, deadline_kind="date",
                                                      deadline_raw=f"{earlier.month}月{earlier.day}日前（演示）")
            overdue.refresh_from_db()
        for i, task in enumerate(items):
            if task.pk == overdue.pk:
                continue
            if task.due and task.due < today:
                _close(task, "已按要求完成，相关信息已在门户网站公开（演示数据）。", task.due)
            elif task.units.exists() and i % 3 != 2:
                task_report_submit(task=task, actor=None, period=str(year), text="已制定工作方案，正在推进（演示数据）。",
                                   stage="advancing" if i % 2 else "nearly")
        task_report_submit(task=overdue, actor=None, period=str(year), text="已启动，尚未完成（演示数据）。",
                           stage="started")
        overdue.refresh_from_db()
        reminders_send(today=today, email=False)  # demo addresses are not real mailboxes
        supervision_notice_issue(task=overdue, actor=None, level=1, issued_on=today)

        text001, name001 = _seed_text("001")
        if text001:
            township = plan_import_save(agency=agencies["qingshi"], year=year, text=text001, actor=None,
                                        source_name=name001, title=f"青石镇{year}年政务公开工作要点（演示数据，据种子001）").plan
            township.source_document = _source("001")
            township.save(update_fields=["source_document"])
            for i, task in enumerate(_items(township)):
                if task.due and task.due < today:  # 7月底前/8月底前: done, so the city's task stays the one overdue
                    _close(task, "已按时完成并在门户网站公开（演示数据）。", task.due)
                elif i < 4:
                    task_report_submit(task=task, actor=None, period=str(year), text="已按要点推进（演示数据）。",
                                       percent=60)
        text004, name004 = _seed_text("004")
        if text004:
            last = plan_import_save(agency=city, year=year - 1, text=_work_section(text004), actor=None,
                                    source_name=name004,
                                    title=f"示范市{year - 1}年政务公开工作要点（演示数据，据种子004工作任务）").plan
            last.source_document = _source("004")
            last.save(update_fields=["source_document"])
            for task in _items(last):
                if task.status != TaskStatus.DONE:
                    _close(task, "已完成（演示数据）。", dt.date(year - 1, 12, 20))
    stdout.write(_("工作要点演示：%(y)d年任务 %(n)d 项，逾期 1 项（已发督办通知）") % {"y": year, "n": len(items)})
