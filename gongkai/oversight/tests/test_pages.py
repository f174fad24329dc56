"""Console pages (import with confirmation and mapping, the task page, export, 工作台 reminders) and the
public 工作要点落实情况 page."""
import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.oversight.models import Level, PlanImport, Reminder, Task, TaskStatus, UnitAlias

TABLE = ("一级任务 | 二级任务 | 序号 | 工作内容 | 责任单位 | 完成时限\n"
         "一、加强解读 | (一)推进公开 | 1 | 公开教育收费信息。 | 市教育局牵头 | 6月30日前 |\n"
         "2 | 公开财政预决算。 | 市编办牵头,市教育局配合 | 8月底前 |\n")
BJ = dt.timezone(dt.timedelta(hours=8))


def _import(client, city):
    response = client.post("/console/oversight/import/", {
        "agency": city.pk, "year": 2026, "file": SimpleUploadedFile("yd.txt", TABLE.encode())})
    assert response.status_code == 302
    return PlanImport.objects.get()


@pytest.mark.django_db
def test_import_is_previewed_mapped_and_confirmed(client_for, city, dept_a, dept_b, office_city):
    client = client_for(office_city)
    draft = _import(client, city)
    page = client.get(f"/console/oversight/import/{draft.pk}/").content.decode()
    assert "未匹配的责任单位" in page and "市编办" in page and "公开财政预决算" in page
    assert Task.objects.count() == 0  # nothing saved before confirmation
    client.post(f"/console/oversight/import/{draft.pk}/", {"what": "map", "name": ["市编办"], "agencies_0": [dept_b.pk]})
    assert list(UnitAlias.objects.get().agencies.all()) == [dept_b]
    page = client.get(f"/console/oversight/import/{draft.pk}/").content.decode()
    assert "未匹配的责任单位" not in page
    done = client.post(f"/console/oversight/import/{draft.pk}/", {"what": "confirm"}).content.decode()
    assert "新增 2 项" in done
    task = Task.objects.get(level=Level.ITEM, no="2")
    assert [u.agency for u in task.units.all() if u.role == "lead"] == [dept_b]
    export = client.get(f"/console/oversight/plan/{task.plan_id}/export.xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"


@pytest.mark.django_db
def test_department_sees_and_reports_on_its_task_but_not_others(client_for, city, dept_a, dept_b, office_city,
                                                                editor_a, editor_b):
    draft = _import(client_for(office_city), city)
    client_for(office_city).post(f"/console/oversight/import/{draft.pk}/", {"what": "confirm"})
    t1 = Task.objects.get(level=Level.ITEM, no="1")
    client = client_for(editor_a)
    page = client.get("/console/oversight/").content.decode()
    assert "公开教育收费信息" in page
    assert "导入工作要点" not in page and "导入工作要点" in client_for(office_city).get("/console/oversight/").content.decode()
    response = client.post(f"/console/oversight/task/{t1.pk}/action/", {
        "what": "report", "period": "2026", "text": "已完成收费目录梳理。", "stage": "advancing"})
    assert response.status_code == 302
    t1.refresh_from_db()
    assert (t1.status, t1.progress) == (TaskStatus.IN_PROGRESS, 50)
    refused = client.post(f"/console/oversight/task/{t1.pk}/action/", {"action": "complete"})
    assert refused.status_code == 400 and "佐证" in refused.content.decode()
    assert client_for(editor_b).get(f"/console/oversight/task/{t1.pk}/").status_code == 404


@pytest.mark.django_db
def test_console_home_shows_overdue_reminder_and_notice_downloads(client_for, city, dept_a, office_city, editor_a):
    draft = _import(client_for(office_city), city)
    client_for(office_city).post(f"/console/oversight/import/{draft.pk}/", {"what": "confirm"})
    t1 = Task.objects.get(level=Level.ITEM, no="1")
    with time_machine.travel(dt.datetime(2026, 7, 2, 9, tzinfo=BJ), tick=False):
        home = client_for(editor_a).get("/console/").content.decode()
        assert "工作要点督办提醒" in home and "已超过完成时限（2026-06-30）" in home
        client = client_for(office_city)
        assert client.post(f"/console/oversight/task/{t1.pk}/action/", {"what": "notice", "level": "1"}).status_code == 302
        notice = t1.notices.get()
        download = client.get(f"/console/oversight/notice/{notice.pk}.docx")
        assert download.status_code == 200 and download.content[:2] == b"PK"
    assert Reminder.objects.filter(user=editor_a, key__startswith="overdue").count() == 1
    from gongkai.oversight.reminders import reminders_for_user
    from gongkai.oversight.services import task_transition

    task_transition(task=t1, action="complete", actor=editor_a, reason="已公开收费信息")
    assert not reminders_for_user(user=editor_a, unread_only=True).exists()  # closed: off the 工作台


@pytest.mark.django_db
def test_public_page_lists_tasks_with_units_due_status_and_evidence(client_for, city, dept_a, dept_b, office_city,
                                                                     editor_a, document_factory):
    from gongkai.oversight.services import task_report_submit

    draft = _import(client_for(office_city), city)
    client_for(office_city).post(f"/console/oversight/import/{draft.pk}/", {"what": "confirm"})
    t1 = Task.objects.get(level=Level.ITEM, no="1")
    doc = document_factory(agency=dept_a, status="published", title="示范市教育局收费项目公示")
    task_report_submit(task=t1, actor=editor_a, period="2026", text="已公开。", percent=100, documents=[doc])
    budget = document_factory(agency=dept_a, status="published", title="示范市教育局2026年部门预算",
                              publish_date=dt.date(2026, 2, 10))
    document_factory(agency=dept_a, status="published", title="示范市教育局2025年部门预算",
                     publish_date=dt.date(2025, 2, 10))
    page = client_for().get("/zwgk/gzyd/2026/").content.decode()
    # task 2 (公开财政预决算, 市教育局 assisting) links the budget its unit published in 2026, not 2025's
    assert budget.get_absolute_url() in page and "2025年部门预算" not in page
    assert "2026年政务公开工作要点落实情况" in page
    assert "示范市教育局" in page and "2026-06-30" in page and "推进中（99%）" in page
    assert doc.get_absolute_url() in page and "一、加强解读" in page
    # headings come before the items they head: 一、 then (一) then item 1
    assert page.index("一、加强解读") < page.index("(一)推进公开") < page.index(t1.content)


@pytest.mark.django_db
def test_evaluator_finds_and_reads_the_tasks_but_changes_nothing(client_for, city, dept_a, dept_b, office_city,
                                                                  make_user):
    from gongkai.agencies.models import Role

    draft = _import(client_for(office_city), city)
    client_for(office_city).post(f"/console/oversight/import/{draft.pk}/", {"what": "confirm"})
    t1 = Task.objects.get(level=Level.ITEM, no="1")
    client = client_for(make_user("eval16", city, Role.EVALUATOR))
    home = client.get("/console/").content.decode()
    assert 'href="/console/oversight/"' in home  # the 工作要点督办 entry of the console menu
    assert "公开教育收费信息" in client.get("/console/oversight/").content.decode()
    assert client.get(f"/console/oversight/task/{t1.pk}/").status_code == 200
    refused = client.post(f"/console/oversight/task/{t1.pk}/action/", {"action": "start"})
    assert refused.status_code in (400, 403)
    refused = client.post(f"/console/oversight/task/{t1.pk}/action/", {
        "what": "report", "period": "2026", "text": "评估人员试图填报。", "percent": "50"})
    assert refused.status_code in (400, 403)
    t1.refresh_from_db()
    assert (t1.status, t1.progress) == (TaskStatus.PENDING, 0) and not t1.reports.exists()
