"""Task transitions and their permissions, reports and roll-up, requests, reminders with frozen time,
督办通知, evidence from the catalog, the indicators and the progress summary (hand-computed)."""
import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.core import mail

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.foi import docx_layout as layout
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.oversight.importing import plan_import_save
from gongkai.oversight.indicators import tasks_on_time, tasks_overdue
from gongkai.oversight.models import Level, Reminder, RequestStatus, Task, TaskStatus, UnitRole
from gongkai.oversight.notices import supervision_notice_issue
from gongkai.oversight.reminders import reminders_refresh, reminders_send
from gongkai.oversight.selectors import plan_progress_summary
from gongkai.oversight.services import (task_report_submit, task_request_create, task_request_decide,
                                        task_transition, task_weight_set)

D = dt.date
TABLE = ("一级任务 | 二级任务 | 序号 | 工作内容 | 责任单位 | 完成时限\n"
         "一、加强解读 | (一)推进公开 | 1 | 公开教育收费信息。 | 市教育局牵头 | 6月30日前 |\n"
         "2 | 公开财政预决算。 | 市财政局牵头,市教育局配合 | 8月底前 |\n"
         "(二)加强回应 | 3 | 按季度报送舆情回应情况。 | 市教育局 | 每季度 |\n")


@pytest.fixture
def plan(city, dept_a, dept_b, office_city):
    return plan_import_save(agency=city, year=2026, text=TABLE, actor=office_city).plan


def item(plan, no):
    return Task.objects.get(plan=plan, level=Level.ITEM, no=no)


@pytest.mark.django_db
def test_department_starts_its_own_task_only_and_office_does_the_rest(plan, editor_a, editor_b, office_city):
    t1 = item(plan, "1")
    with pytest.raises(PermissionDeniedError):
        task_transition(task=t1, action="start", actor=editor_b)  # 市财政局 is not a unit of task 1
    t1 = task_transition(task=t1, action="start", actor=editor_a)
    assert t1.status == TaskStatus.IN_PROGRESS
    with pytest.raises(PermissionDeniedError):
        task_transition(task=t1, action="cancel", actor=editor_a, reason="不再需要")
    t2 = item(plan, "2")
    with pytest.raises(PermissionDeniedError):  # an assisting unit cannot close the task
        task_transition(task=t2, action="complete", actor=editor_a, reason="已完成")
    with pytest.raises(UserFacingError, match="理由"):
        task_transition(task=t2, action="cancel", actor=office_city)
    task_transition(task=t2, action="cancel", actor=office_city, reason="并入第1项")
    with pytest.raises(TransitionError):
        task_transition(task=t2, action="start", actor=office_city)
    heading = Task.objects.get(plan=plan, level=Level.SECTION)
    with pytest.raises(TransitionError, match="汇总"):
        task_transition(task=heading, action="start", actor=office_city)
    actions = list(AuditEntry.objects.filter(object_type="oversight.task", action__in=[
        "oversight.start", "oversight.cancel"]).values_list("action", "from_state", "to_state"))
    assert actions == [("oversight.start", "pending", "in_progress"), ("oversight.cancel", "pending", "cancelled")]


@pytest.mark.django_db
def test_closing_needs_evidence_or_a_reason(plan, editor_a, office_city, dept_a, document_factory):
    t1 = item(plan, "1")
    with pytest.raises(TransitionError, match="佐证"):
        task_transition(task=t1, action="complete", actor=editor_a)
    doc = document_factory(agency=dept_a, title="示范市教育局2026年教育收费公示", status="published")
    task_report_submit(task=t1, actor=editor_a, period="2026", text="已在门户网站公开收费项目。", percent=90,
                       documents=[doc])
    t1 = task_transition(task=t1, action="complete", actor=editor_a)
    assert (t1.status, t1.progress) == (TaskStatus.DONE, 100)
    t3 = item(plan, "3")
    t3 = task_transition(task=t3, action="complete", actor=office_city, reason="已纳入常态化工作，按季度报送。")
    assert t3.status_reason.startswith("已纳入")


@pytest.mark.django_db
def test_reports_set_progress_and_parents_roll_up_with_weights(plan, editor_a, editor_b, office_city):
    t1, t2, t3 = item(plan, "1"), item(plan, "2"), item(plan, "3")
    task_report_submit(task=t1, actor=editor_a, period="2026", text="启动", stage="advancing")  # 50
    task_report_submit(task=t2, actor=editor_b, period="2026", text="推进", percent=20)
    group1 = t1.parent
    group1.refresh_from_db()
    assert (group1.progress, group1.status) == (35, TaskStatus.IN_PROGRESS)  # (50 + 20) / 2
    task_weight_set(task=t1, actor=office_city, weight=3)
    group1.refresh_from_db()
    assert group1.progress == 42  # (50*3 + 20) / 4 = 42.5 → 42 (banker's rounding)
    section = Task.objects.get(plan=plan, level=Level.SECTION)
    assert section.progress == 21  # groups: 42 and 0, weight 1 each
    task_transition(task=t3, action="complete", actor=office_city, reason="已按季度报送")
    section.refresh_from_db()
    assert section.progress == 71  # (42 + 100) / 2
    with pytest.raises(PermissionDeniedError):
        task_report_submit(task=t1, actor=editor_b, period="2026", text="x")


@pytest.mark.django_db
def test_extension_and_reassignment_requests(plan, editor_a, editor_b, dept_b, office_city):
    t1 = item(plan, "1")
    with pytest.raises(UserFacingError, match="晚于"):
        task_request_create(task=t1, actor=editor_a, kind="extend", reason="需要", new_due=D(2026, 6, 1))
    request = task_request_create(task=t1, actor=editor_a, kind="extend", reason="需等待省级平台上线",
                                  new_due=D(2026, 9, 30))
    with pytest.raises(PermissionDeniedError):
        task_request_decide(request=request, actor=editor_a, approve=True)
    with pytest.raises(UserFacingError, match="理由"):
        task_request_decide(request=request, actor=office_city, approve=False)
    task_request_decide(request=request, actor=office_city, approve=True, note="同意")
    t1.refresh_from_db()
    assert t1.due == D(2026, 9, 30)
    swap = task_request_create(task=t1, actor=editor_a, kind="reassign", reason="职能已划转", new_lead=dept_b)
    returned = task_request_decide(request=swap, actor=office_city, approve=False, note="职能未划转，仍由原单位牵头")
    assert returned.status == RequestStatus.RETURNED
    assert [u.agency_id for u in t1.units.all() if u.role == UnitRole.LEAD] == [editor_a.memberships.get().agency_id]
    swap = task_request_create(task=t1, actor=editor_a, kind="reassign", reason="职能已划转", new_lead=dept_b)
    task_request_decide(request=swap, actor=office_city, approve=True)
    assert [(u.agency_id, u.role) for u in t1.units.all()] == [(dept_b.pk, UnitRole.LEAD)]
    assert AuditEntry.objects.filter(action="oversight.extend", object_id=str(t1.pk)).count() == 1


@pytest.mark.django_db
def test_reminders_due_soon_overdue_and_escalation_with_frozen_time(plan, editor_a, editor_b, office_city,
                                                                    make_user, city):
    editor_a.email = "a@example.gov.cn"
    editor_a.save()
    leader = make_user("leader", city, Role.APPROVER)
    # task 1 due Tue 2026-06-30; 5 working days before is Tue 06-23
    with time_machine.travel(dt.datetime(2026, 6, 22, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        assert reminders_send(today=D(2026, 6, 22)) == 0
    # 06-23: task 1 is due soon, and task 3 (每季度) owes its second-quarter report by 06-30
    assert reminders_send(today=D(2026, 6, 23)) == 2
    assert sorted(Reminder.objects.values_list("user__username", "key")) == [
        ("editor_a", f"due:{item(plan, '1').pk}:2026-06-30"), ("editor_a", f"report:{item(plan, '3').pk}:2026-Q2")]
    assert len(mail.outbox) == 2 and "2026-06-30" in mail.outbox[0].body + mail.outbox[1].body
    assert reminders_send(today=D(2026, 6, 24)) == 0  # not repeated
    # overdue on 07-01: the lead unit and the plan's 公开办
    assert reminders_send(today=D(2026, 7, 1)) == 2
    assert set(Reminder.objects.filter(key__startswith="overdue").values_list("user__username", flat=True)) == {
        "editor_a", "office_city"}
    # 10 working days after 06-30 is 07-14; escalation from 07-15, to 公开办 and 负责人, once
    assert reminders_send(today=D(2026, 7, 14)) == 0
    assert reminders_send(today=D(2026, 7, 15)) == 2
    assert item(plan, "1").escalation == 2
    assert set(Reminder.objects.filter(key__startswith="escalate").values_list("user__username", flat=True)) == {
        "office_city", "leader"}
    assert AuditEntry.objects.filter(action="oversight.escalate").count() == 1
    assert editor_b.oversight_reminders.count() == 0  # task 2 (due 08-31) not yet due soon


@pytest.mark.django_db
def test_recurring_task_asks_for_the_period_report_and_console_refresh_creates_reminders(plan, editor_a):
    t3 = item(plan, "3")
    # the first quarter ends Tue 2026-03-31; from 5 working days before (03-24) its report is asked for
    assert reminders_refresh(user=editor_a, today=D(2026, 3, 23)) == 0
    from django.core.cache import cache

    cache.clear()
    assert reminders_refresh(user=editor_a, today=D(2026, 3, 25)) == 1
    assert Reminder.objects.get().key == f"report:{t3.pk}:2026-Q1"
    task_report_submit(task=t3, actor=editor_a, period="2026-Q2", text="本季度回应舆情3次。", stage="advancing")
    assert reminders_send(today=D(2026, 6, 24)) == 1  # only task 1 due soon: Q2's report is in


@pytest.mark.django_db
def test_supervision_notice_in_the_official_layout(plan, office_city, editor_a, dept_a):
    t1 = item(plan, "1")
    with pytest.raises(PermissionDeniedError):
        supervision_notice_issue(task=t1, actor=editor_a)
    notice = supervision_notice_issue(task=t1, actor=office_city, issued_on=D(2026, 7, 2))
    second = supervision_notice_issue(task=t1, actor=office_city, level=2, issued_on=D(2026, 7, 16))
    assert (notice.number, notice.agency_id, second.number) == ("督办〔2026〕1号", dept_a.pk, "督办〔2026〕2号")
    with zipfile.ZipFile(io.BytesIO(second.file.read())) as z:
        body = z.read("word/document.xml").decode()
        styles = z.read("word/styles.xml").decode()
    assert "政务公开工作二级督办通知" in body and "示范市教育局主要负责同志：" in body and "2026年6月30日" in body
    assert 'w:styleId="GwTitle"' in styles and "仿宋_GB2312" in styles
    assert f'w:linePitch="{layout.LINE_PITCH_TWIPS}"' in body  # the GB/T 9704 line grid
    # a well-formed package: every relationship's target is in it (Word and python-docx open it)
    import docx

    second.file.seek(0)
    data = second.file.read()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        rels = z.read("word/_rels/document.xml.rels").decode() + z.read("[Content_Types].xml").decode()
    assert "stylesWithEffects" not in rels and "word/stylesWithEffects.xml" not in names
    assert "政务公开工作二级督办通知" in "".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    t1.refresh_from_db()
    assert t1.escalation == 2


@pytest.mark.django_db
def test_evidence_documents_match_topic_agency_and_period(plan, dept_b, dept_a, document_factory):
    from gongkai.oversight.evidence import evidence_documents

    t2 = item(plan, "2")  # 公开财政预决算: 市财政局 lead, 市教育局 assist
    hit = document_factory(agency=dept_b, title="示范市2026年市级部门预算公开", status="published",
                           publish_date=D(2026, 3, 1))
    document_factory(agency=dept_b, title="示范市2025年市级部门预算公开", status="published", publish_date=D(2025, 3, 1))
    document_factory(agency=dept_b, title="示范市财政局工作动态", status="published", publish_date=D(2026, 3, 1))
    assert list(evidence_documents(task=t2)) == [hit]


@pytest.mark.django_db
def test_topic_rows_follow_the_catalog_and_a_rebuild_gives_the_same(plan, dept_b, document_factory):
    """The evidence is read from topic rows kept by the catalog's document_changed signal: a published
    document matching a topic has its row, a withdrawn one loses it, and a rebuild (after a bulk load)
    gives the same rows."""
    from gongkai.catalog.services import document_transition
    from gongkai.oversight.evidence import evidence_documents, topics_rebuild
    from gongkai.oversight.models import DocumentTopic

    t2 = item(plan, "2")
    budget = document_factory(agency=dept_b, title="示范市2026年市级部门预算公开", status="published",
                              publish_date=D(2026, 3, 1))
    document_factory(agency=dept_b, title="示范市2026年市级部门决算公开", status="pending", publish_date=D(2026, 3, 2))
    rows = set(DocumentTopic.objects.values_list("document_id", "topic", "agency_id", "publish_date"))
    assert rows == {(budget.pk, "budget", dept_b.pk, D(2026, 3, 1))}
    assert topics_rebuild() == 1
    assert set(DocumentTopic.objects.values_list("document_id", "topic", "agency_id", "publish_date")) == rows
    assert list(evidence_documents(task=t2)) == [budget]
    document_transition(document=budget, action="withdraw", actor=None, reason="撤回")
    assert not DocumentTopic.objects.exists() and evidence_documents(task=t2) == []


@pytest.mark.django_db
def test_indicators_and_summary_hand_computed(plan, editor_a, office_city, dept_a, dept_b):
    t1, t2 = item(plan, "1"), item(plan, "2")  # due 06-30 and 08-31
    with time_machine.travel(dt.datetime(2026, 6, 29, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        task_transition(task=t1, action="complete", actor=editor_a, reason="已公开")
    with time_machine.travel(dt.datetime(2026, 9, 15, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        on_time = tasks_on_time(agency_ids=None, start=D(2026, 1, 1), end=D(2026, 12, 31))
        late = tasks_overdue(agency_ids=None, start=D(2026, 1, 1), end=D(2026, 12, 31))
        assert (on_time["numerator"], on_time["denominator"]) == (1, 2)
        assert (late["numerator"], late["denominator"]) == (1, 2)
        assert late["records"][0][1] == t2.get_absolute_url() and "第2项" in late["records"][0][0]
        only_a = tasks_on_time(agency_ids=[dept_a.pk], start=D(2026, 1, 1), end=D(2026, 12, 31))
        assert (only_a["numerator"], only_a["denominator"]) == (1, 1)
        first_half = tasks_overdue(agency_ids=None, start=D(2026, 1, 1), end=D(2026, 6, 30))
        assert (first_half["numerator"], first_half["denominator"]) == (0, 0)  # 06-30 not yet past on 06-30
        summary = plan_progress_summary(year=2026, today=D(2026, 9, 15))
    assert summary["counts"] == {"total": 3, "done": 1, "done_on_time": 1, "in_progress": 0, "pending": 2,
                                 "cancelled": 0, "overdue": 1}
    assert summary["text"] == ("2026年政务公开工作要点共分解任务3项，已完成1项（其中按期完成1项），推进中0项，未启动2项；"
                               "逾期未完成1项，已督促相关单位加快推进。")
    assert plan_progress_summary(year=2026, agency=dept_b, today=D(2026, 9, 15))["counts"]["total"] == 1


@pytest.mark.django_db
def test_annual_report_overview_carries_the_plan_progress(plan, city, office_city):
    from gongkai.reports.services import report_generate

    with time_machine.travel(dt.datetime(2026, 9, 15, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        expected = plan_progress_summary(year=2026, agency=city)["text"]
        report = report_generate(agency=city, year=2026, actor=office_city)
    assert expected.startswith("2026年") and "共分解任务3项" in expected
    assert expected in report.overview


@pytest.mark.django_db
def test_topic_rows_of_one_document_equal_the_per_topic_queries(plan, dept_b, document_factory,
                                                                django_assert_max_num_queries):
    """topics_sync reads every topic in one query (CASE per topic); a rebuild runs the per-topic queries.
    Both give the same rows for documents matched by subject, parent subject, category and title."""
    from gongkai.catalog.models import Subject
    from gongkai.oversight.evidence import topics_rebuild, topics_sync
    from gongkai.oversight.models import DocumentTopic

    finance = Subject.objects.create(name="财政")
    child = Subject.objects.create(name="财政预决算", parent=finance)
    docs = [document_factory(agency=dept_b, title="示范市财政局关于做好库款管理的通知", status="published",
                             subject=child, publish_date=D(2026, 4, 1)),
            document_factory(agency=dept_b, title="示范市政府投资建设项目管理办法", status="published",
                             category="normative", publish_date=D(2026, 4, 2)),
            document_factory(agency=dept_b, title="示范市政策解读：2026年部门预算", status="published",
                             publish_date=D(2026, 4, 3)),
            document_factory(agency=dept_b, title="示范市防汛工作动态", status="published", publish_date=D(2026, 4, 4))]
    synced = set(DocumentTopic.objects.values_list("document_id", "topic"))
    assert {t for d, t in synced if d == docs[0].pk} == {"budget"}  # through the parent subject
    assert not {t for d, t in synced if d == docs[3].pk}
    topics_rebuild()
    assert set(DocumentTopic.objects.values_list("document_id", "topic")) == synced
    with django_assert_max_num_queries(4):  # delete, one read, one insert (and a savepoint at most)
        topics_sync(document=docs[2])
    assert set(DocumentTopic.objects.values_list("document_id", "topic")) == synced
