"""Saving a 工作要点: unit matching and remembered aliases, the task tree, re-import updates instead of
duplicating, .xlsx/.docx reading and the .xlsx round trip, the command without --dry-run."""
import datetime as dt
import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, UserFacingError
from gongkai.oversight.importing import plan_export_xlsx, plan_import_save, plan_preview, read_plan_file
from gongkai.oversight.matching import unit_alias_remember
from gongkai.oversight.models import Level, Task, TaskStatus, UnitAlias, UnitRole

TABLE = ("一级任务 | 二级任务 | 序号 | 工作内容 | 责任单位 | 完成时限\n"
         "一、加强解读 | (一)推进公开 | 1 | 公开权责清单。 | 市编办牵头,市政府各部门负责落实 | 全年 |\n"
         "2 | 公开财政预决算。 | 市财政局牵头落实 | 8月底前 |\n"
         "(二)加强回应 | 3 | 做好舆情回应,市教育局配合。 | 市教育局、市财政局 | 长期坚持 |\n")


def units(task):
    return sorted((u.agency.short_name, u.role) for u in task.units.select_related("agency"))


@pytest.mark.django_db
def test_preview_lists_each_unmatched_name_once(city, dept_a, dept_b):
    preview = plan_preview(text=TABLE, year=2019)
    assert preview.unmatched == ["市编办", "市政府各部门"]
    assert [r.lead_ids for r in preview.rows] == [[], [dept_b.pk], [dept_a.pk]]
    assert preview.rows[2].assist_ids == [dept_b.pk]


@pytest.mark.django_db
def test_aliases_map_a_name_to_one_agency_or_a_group_and_are_remembered(city, dept_a, dept_b, office_city):
    unit_alias_remember(name="市编办", agencies=[dept_a], actor=office_city)
    unit_alias_remember(name="市政府各部门", agencies=[dept_a, dept_b], actor=office_city)
    assert UnitAlias.objects.count() == 2
    result = plan_import_save(agency=city, year=2019, text=TABLE, actor=office_city, source_name="要点.txt")
    assert (result.created, result.updated, result.unmatched) == (3, 0, [])
    first = Task.objects.get(plan=result.plan, level=Level.ITEM, no="1")
    # the lead alias names one agency; the group alias adds both (the lead stays lead)
    assert units(first) == [("市教育局", UnitRole.LEAD), ("市财政局", UnitRole.ASSIST)]
    # re-mapping replaces the earlier choice
    unit_alias_remember(name="市 编办", agencies=[dept_b], actor=office_city)
    assert list(UnitAlias.objects.get(name="市编办").agencies.all()) == [dept_b]


@pytest.mark.django_db
def test_the_tree_and_time_limits_are_saved(city, dept_a, dept_b, office_city):
    result = plan_import_save(agency=city, year=2019, text=TABLE, actor=office_city)
    plan = result.plan
    sections = Task.objects.filter(plan=plan, level=Level.SECTION)
    groups = Task.objects.filter(plan=plan, level=Level.GROUP).order_by("position")
    assert [s.content for s in sections] == ["一、加强解读"]
    assert [(g.content, g.parent_id) for g in groups] == [("(一)推进公开", sections[0].pk),
                                                          ("(二)加强回应", sections[0].pk)]
    items = list(Task.objects.filter(plan=plan, level=Level.ITEM).order_by("position"))
    assert [(t.no, t.due, t.deadline_kind, t.parent_id) for t in items] == [
        ("1", dt.date(2019, 12, 31), "date", groups[0].pk),
        ("2", dt.date(2019, 8, 30), "date", groups[0].pk),  # 2019-08-31 is a Saturday
        ("3", None, "ongoing", groups[1].pk)]
    assert items[1].topics == ["budget"] and items[0].topics == ["powers"]
    assert AuditEntry.objects.filter(action="oversight.import").count() == 1


@pytest.mark.django_db
def test_reimport_of_a_corrected_file_updates_instead_of_duplicating(city, dept_a, dept_b, office_city):
    first = plan_import_save(agency=city, year=2019, text=TABLE, actor=office_city)
    task = Task.objects.get(plan=first.plan, no="2")
    Task.objects.filter(pk=task.pk).update(status=TaskStatus.IN_PROGRESS, progress=40)
    corrected = TABLE.replace("8月底前", "9月底前").replace("市财政局牵头落实", "市财政局牵头,市教育局配合")
    again = plan_import_save(agency=city, year=2019, text=corrected, actor=office_city)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 2)
    assert Task.objects.filter(plan=first.plan).count() == 6  # 1 section, 2 groups, 3 items
    task.refresh_from_db()
    assert (task.due, task.status, task.progress) == (dt.date(2019, 9, 30), TaskStatus.IN_PROGRESS, 40)
    assert units(task) == [("市教育局", UnitRole.ASSIST), ("市财政局", UnitRole.LEAD)]


@pytest.mark.django_db
def test_export_reads_back_to_the_same_tasks(city, dept_a, dept_b, office_city):
    result = plan_import_save(agency=city, year=2019, text=TABLE, actor=office_city)
    data = plan_export_xlsx(plan=result.plan)
    text = read_plan_file(name="back.xlsx", data=data)
    assert text.splitlines()[0] == "一级任务 | 二级任务 | 序号 | 工作内容 | 责任单位 | 完成时限"
    back = plan_preview(text=text, year=2019)
    assert [(t.no, t.content, t.lead, t.due) for t in back.tasks] == [
        (t.no, t.content, t.lead_raw, t.due.isoformat() if t.due else None)
        for t in Task.objects.filter(plan=result.plan, level=Level.ITEM).order_by("position")]
    again = plan_import_save(agency=city, year=2019, text=text, actor=office_city)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


@pytest.mark.django_db
def test_docx_table_is_read(city):
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=3, cols=6)
    for r, row in enumerate([["一级任务", "二级任务", "序号", "工作内容", "责任单位", "完成时限"],
                             ["一、加强解读", "(一)推进公开", "1", "公开权责清单。", "市编办牵头", "6月30日前"],
                             ["一、加强解读", "(一)推进公开", "2", "公开财政预决算。", "市财政局牵头落实", "每季度"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    doc.save(out)
    tasks = plan_preview(text=read_plan_file(name="a.docx", data=out.getvalue()), year=2020).tasks
    assert [(t.no, t.lead, t.due, t.deadline_kind) for t in tasks] == [
        ("1", "市编办", "2020-06-30", "date"), ("2", "市财政局", None, "recurring_quarterly")]


@pytest.mark.django_db
def test_bad_files_and_roles_are_refused(city, editor_a):
    with pytest.raises(UserFacingError, match="不支持的文件类型"):
        read_plan_file(name="a.pdf", data=b"%PDF-1.4")
    with pytest.raises(UserFacingError, match="未能从文件中读出任务"):
        plan_preview(text="这是一段没有编号的文字。", year=2020)
    with pytest.raises(PermissionDeniedError):
        plan_import_save(agency=city, year=2019, text=TABLE, actor=editor_a)


@pytest.mark.django_db
def test_command_saves_without_dry_run_and_reports_unmatched(city, dept_a, dept_b, tmp_path):
    path = Path(tmp_path) / "yd.txt"
    path.write_text(TABLE, encoding="utf-8")
    out = StringIO()
    call_command("tasks", "import", str(path), "--year", "2019", "--agency", "city", stdout=out)
    assert "新增 3 项" in out.getvalue() and "市编办、市政府各部门" in out.getvalue()
    out = StringIO()
    call_command("tasks", "import", str(path), "--year", "2019", "--agency", "city", stdout=out)
    assert "新增 0 项，更新 0 项，未变 3 项" in out.getvalue()
    assert Task.objects.filter(level=Level.ITEM).count() == 3
