"""工作要点 files → tasks on the plan: read (.txt/.docx/.xlsx), preview for confirmation (parsed tasks and
the unit names nobody has mapped yet), save (a re-import updates the tasks it matches), export (.xlsx in
the 任务分解表 columns, which the import reads back)."""
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record
from gongkai.core.errors import UserFacingError
from gongkai.core.text import normalize

from .evidence import topics_for
from .matching import unit_index, unit_key
from .models import Level, Task, TaskUnit, UnitRole, WorkPlan
from .taskparse import LEVEL1, LEVEL2, ParsedTask, parse_tasks

EXPORT_COLUMNS = ["一级任务", "二级任务", "序号", "工作内容", "责任单位", "完成时限"]


def read_plan_file(*, name: str, data: bytes) -> str:
    """The text of a 工作要点 file: tables become pipe rows (one row a line), prose stays lines."""
    from gongkai.catalog.importing.readers import ReadError, read_docx, read_txt

    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if not data.strip():
        raise UserFacingError(_("文件为空，没有可导入的内容。"))
    if suffix == "xlsx":
        return _xlsx_text(data)
    try:
        if suffix == "docx":
            return "\n".join(read_docx(data).lines)
        if suffix in ("txt", "text", "csv"):
            return "\n".join(read_txt(data).lines)
    except ReadError as exc:
        raise UserFacingError(exc.message) from None
    raise UserFacingError(_("不支持的文件类型：请上传 .txt、.docx 或 .xlsx 文件。"))


def _xlsx_text(data: bytes) -> str:
    from gongkai.core.officezip import OfficeFileError, xlsx_open

    try:
        book = xlsx_open(data)
    except OfficeFileError as exc:
        raise UserFacingError(exc.message) from None
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = [re.sub(r"\s+", " ", str(v)).strip() for v in row if v is not None and str(v).strip()]
            cells = [str(int(float(c))) if re.fullmatch(r"\d+\.0", c) else c for c in cells]
            if cells:
                lines.append(" | ".join(cells))
        break  # the first sheet holds the table
    book.close()
    return "\n".join(lines)


def _numeral(heading: str) -> str:
    match = LEVEL1.match(heading) or LEVEL2.match(heading)
    return match.group(0).strip("、.．（()）") if match else normalize(heading)[:30]


def _key(*parts) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:32]


@dataclass
class PreviewRow:
    task: ParsedTask
    lead_ids: list
    assist_ids: list
    unmatched: list


@dataclass
class Preview:
    rows: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)  # each unmatched name once, in order of appearance

    @property
    def tasks(self):
        return [r.task for r in self.rows]


def plan_preview(*, text: str, year: int, index=None) -> Preview:
    index = index or unit_index()
    preview, seen = Preview(), set()
    for parsed in parse_tasks(text, year):
        lead_ids, assist_ids, missing = [], [], []
        for name, out in [(parsed.lead, lead_ids)] + [(a, assist_ids) for a in parsed.assist]:
            if not name:
                continue
            ids = index.resolve(name)
            if ids:
                out.extend(i for i in ids if i not in out)
            else:
                missing.append(name)
                if unit_key(name) not in seen:
                    seen.add(unit_key(name))
                    preview.unmatched.append(name)
        assist_ids = [i for i in assist_ids if i not in lead_ids]
        preview.rows.append(PreviewRow(parsed, lead_ids, assist_ids, missing))
    if not preview.rows:
        raise UserFacingError(_("未能从文件中读出任务：请确认是任务分解表（序号、工作内容、责任单位、完成时限）"
                                "或带（一）1. 编号的工作要点正文。"))
    return preview


@dataclass
class ImportResult:
    plan: WorkPlan
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unmatched: list = field(default_factory=list)


def _heading(plan, cache, key, level, text, parent, position):
    task = cache.get(key)
    if task is not None and getattr(task, "_seen", False):
        return task
    if task is None:
        task = Task.objects.create(plan=plan, match_key=key, level=level, content=text, parent=parent,
                                   position=position, no=_numeral(text) if (LEVEL1.match(text) or LEVEL2.match(text))
                                   else "")
    elif task.content != text or task.parent_id != (parent.pk if parent else None):
        task.content, task.parent = text, parent
        task.save(update_fields=["content", "parent", "updated_at"])
    task._seen = True
    cache[key] = task
    return task


def _units_set(task, lead_ids, assist_ids) -> bool:
    wanted = {(i, UnitRole.LEAD) for i in lead_ids} | {(i, UnitRole.ASSIST) for i in assist_ids}
    have = {(u.agency_id, u.role) for u in task.units.all()}
    if wanted == have:
        return False
    task.units.all().delete()
    TaskUnit.objects.bulk_create([TaskUnit(task=task, agency_id=i, role=r) for i, r in sorted(wanted)])
    return True


@transaction.atomic
def plan_import_save(*, agency, year: int, text: str, actor, source_name: str = "", title: str = "",
                     preview: Preview | None = None) -> ImportResult:
    """Save a parsed 工作要点 as the agency's plan for `year`: tasks matched by level, heading numerals and
    序号 (or, failing that, by the same 工作内容) are updated in place (status, progress and reports kept),
    new ones created. A task naming no unit is the issuing agency's own; names nobody has mapped yet
    leave the task without that unit and are listed in the result."""
    from gongkai.agencies.selectors import role_require

    from .transitions import PLAN_ROLES

    role_require(user=actor, agency=agency, roles=PLAN_ROLES)
    preview = preview or plan_preview(text=text, year=year)
    plan, _created = WorkPlan.objects.select_for_update().get_or_create(
        agency=agency, year=year, defaults={"title": title or f"{agency.name}{year}年政务公开工作要点"})
    if source_name:
        plan.source_name = source_name[:255]
        plan.save(update_fields=["source_name", "updated_at"])
    existing, headings = {}, {}
    for t in Task.objects.filter(plan=plan).prefetch_related("units"):
        (existing if t.level == Level.ITEM else headings)[t.match_key] = t
    by_content = {_content_key(t.content): t for t in existing.values()}
    result = ImportResult(plan=plan, unmatched=list(preview.unmatched))
    position, new, used = 0, [], set()
    for row in preview.rows:
        p = row.task
        position += 1
        parent = None
        sec = _numeral(p.section) if p.section else ""
        if p.section:
            parent = _heading(plan, headings, _key("s", sec), Level.SECTION, p.section, None, position)
        if p.group:
            parent = _heading(plan, headings, _key("g", sec, _numeral(p.group)), Level.GROUP, p.group, parent,
                              position)
        key = _key("i", sec, p.no)
        fields = {"match_key": key, "parent": parent, "position": position, "no": p.no, "content": p.content,
                  "deadline_kind": p.deadline_kind, "due": _date(p.due), "deadline_raw": (p.deadline_raw or "")[:120],
                  "units_raw": (p.units_raw or "")[:500], "lead_raw": (p.lead or "")[:200], "assist_raw": p.assist,
                  "topics": topics_for(p.content)}
        lead_ids = row.lead_ids or ([agency.pk] if not p.units_raw else [])  # no unit named: the issuer's own
        task = existing.pop(key, None)
        if task is None:
            task = by_content.pop(_content_key(p.content), None)
            task = task if task is not None and task.pk not in used else None
        if task is not None:
            existing.pop(task.match_key, None)
            used.add(task.pk)
        if task is None:
            new.append((Task(plan=plan, level=Level.ITEM, **fields), lead_ids, row.assist_ids))
            result.created += 1
            continue
        changed = [name for name, value in fields.items()
                   if (getattr(task, "parent_id") != (value.pk if value else None) if name == "parent"
                       else getattr(task, name) != value)]
        for name in changed:
            setattr(task, name, fields[name])
        if changed:
            task.reminded_on = None
            task.save(update_fields=[*changed, "reminded_on", "updated_at"])
        units_changed = _units_set(task, lead_ids, row.assist_ids)
        if changed and set(changed) - {"position", "parent"} or units_changed:
            result.updated += 1
        else:
            result.unchanged += 1
    created = Task.objects.bulk_create([t for t, _l, _a in new], batch_size=500)
    TaskUnit.objects.bulk_create(
        [TaskUnit(task=t, agency_id=i, role=UnitRole.LEAD) for t, (_t, lead, _a) in zip(created, new) for i in lead]
        + [TaskUnit(task=t, agency_id=i, role=UnitRole.ASSIST) for t, (_t, lead, assist) in zip(created, new)
           for i in assist if i not in lead], batch_size=1000)
    from .progress import plan_rollup

    plan_rollup(plan=plan)
    audit_record(actor=actor, action="oversight.import", obj=plan,
                 data={"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                       "unmatched": result.unmatched[:50], "file": source_name})
    return result


def _content_key(text: str) -> str:
    return re.sub(r"[\\s。.，,；;：:、]", "", normalize(text or ""))


def _date(value):
    import datetime as dt

    return dt.date.fromisoformat(value) if value else None


def plan_export_xlsx(*, plan) -> bytes:
    """The plan's items as a 任务分解表 (.xlsx), every row with its headings written in full."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    sheet.append(EXPORT_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    tasks = {t.pk: t for t in Task.objects.filter(plan=plan)}
    items = sorted((t for t in tasks.values() if t.level == Level.ITEM), key=lambda t: (t.position, t.pk))
    for number, task in enumerate(items, start=1):
        chain, parent = [], tasks.get(task.parent_id)
        while parent is not None:
            chain.append(parent)
            parent = tasks.get(parent.parent_id)
        section = next((p.content for p in chain if p.level == Level.SECTION), "")
        group = next((p.content for p in chain if p.level == Level.GROUP), "")
        no = int(task.no) if task.no.isdigit() else number
        sheet.append([section, group, no, task.content, task.units_raw, task.deadline_raw])
    for col, width in zip("ABCDEF", (24, 24, 6, 60, 30, 12)):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
