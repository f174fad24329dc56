import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from gongkai.agencies.models import Role
from gongkai.assessment.engine import UNAVAILABLE, rule_load, rule_run
from gongkai.assessment.models import Indicator, Snapshot
from gongkai.assessment.periods import month_window
from gongkai.assessment.services import indicator_update, snapshot_compute
from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, UserFacingError

TZ = ZoneInfo("Asia/Shanghai")
JULY = dt.datetime(2024, 7, 15, 10, tzinfo=TZ)


def test_rule_that_does_not_import_is_unavailable():
    assert rule_load("gongkai.nosuchapp.indicators.tasks_on_time") is None
    assert rule_load("gongkai.catalog.indicators.no_such_rule") is None
    assert rule_load("notdotted") is None
    fig = rule_run(rule="gongkai.nosuchapp.indicators.x", agency_ids=None, start=dt.date(2024, 1, 1),
                   end=dt.date(2024, 2, 1))
    assert fig.error == UNAVAILABLE == "规则不可用"


def test_month_window_is_a_rolling_year_cut_at_today():
    assert month_window(dt.date(2024, 7, 3), dt.date(2024, 7, 15)) == (dt.date(2023, 8, 1), dt.date(2024, 7, 15))
    assert month_window(dt.date(2024, 2, 1), dt.date(2024, 7, 15)) == (dt.date(2023, 3, 1), dt.date(2024, 2, 29))


@pytest.mark.django_db
def test_seeded_indicators_name_each_rule():
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert {"columns_stale", "publish_late", "foi_on_time", "proposals_on_time", "tasks_on_time", "tasks_overdue",
            "messages_reply_rate", "newmedia_active", "datasets_on_schedule", "stdcatalog_coverage"} <= codes
    assert Indicator.objects.get(code="tasks_overdue").rule == "gongkai.oversight.indicators.tasks_overdue"


@pytest.fixture
def figures(document_factory, dept_a, dept_b):
    """dept_a: 2 of 4 documents published late in the window; dept_b: 0 of 1."""
    for written, published in [(dt.date(2024, 5, 6), dt.date(2024, 5, 8)), (dt.date(2024, 5, 6), dt.date(2024, 6, 3)),
                               (dt.date(2024, 5, 6), dt.date(2024, 6, 20)), (dt.date(2024, 5, 6), dt.date(2024, 5, 31))]:
        document_factory(dept_a, "published", written_date=written, publish_date=published)
    document_factory(dept_b, "published", written_date=dt.date(2024, 5, 6), publish_date=dt.date(2024, 5, 7))
    Indicator.objects.exclude(code="publish_late").update(enabled=False)
    Indicator.objects.create(code="broken", name="坏规则", rule="gongkai.nosuchapp.indicators.x", sort_order=999)
    with time_machine.travel(JULY, tick=False):
        n = snapshot_compute(month=dt.date(2024, 7, 1))
    return n


@pytest.mark.django_db
def test_compute_writes_one_snapshot_per_indicator_and_scope(figures, city, dept_a, dept_b):
    assert figures == 2 * 4  # 2 indicators × (whole + city + dept_a + dept_b)
    late = Indicator.objects.get(code="publish_late")
    s = Snapshot.objects.get(indicator=late, agency=dept_a, month=dt.date(2024, 7, 1))
    assert (s.numerator, s.denominator, s.value, s.passed) == (2, 4, 50.0, False)
    assert (s.start, s.end) == (dt.date(2023, 8, 1), dt.date(2024, 7, 15)) and s.records_total == 2
    whole = Snapshot.objects.get(indicator=late, agency=None, month=dt.date(2024, 7, 1))
    assert (whole.numerator, whole.denominator, whole.value) == (2, 5, 40.0)
    b = Snapshot.objects.get(indicator=late, agency=dept_b)
    assert (b.value, b.passed) == (0.0, True)
    broken = Snapshot.objects.get(indicator__code="broken", agency=None)
    assert broken.error == "规则不可用" and broken.value is None and broken.passed is None
    with time_machine.travel(JULY, tick=False):
        assert snapshot_compute(month=dt.date(2024, 7, 1)) == 8  # recomputing replaces, never duplicates
    assert Snapshot.objects.count() == 8
    assert AuditEntry.objects.filter(action="assessment.compute").count() == 2


@pytest.fixture
def evaluator(make_user, city):
    return make_user("evaluator", city, Role.EVALUATOR)


@pytest.mark.django_db
def test_dashboard_renders_from_snapshots_with_charts_and_records(figures, office_city, client_for, dept_a):
    c = client_for(office_city)
    page = c.get("/console/assessment/").content.decode()
    assert "逾期公开率" in page and "40%" in page and "规则不可用" in page and "<svg" in page
    assert "未达标" in page and "≤5%" in page
    # 全市: publish_late 40% fails (weight 10); the broken rule has no figure and does not count
    assert '<th scope="row">全市（全部机关）</th><td>0.0</td>' in page
    page = c.get(f"/console/assessment/?agency={dept_a.pk}&month=2024-07").content.decode()
    assert "50%" in page
    s = Snapshot.objects.get(indicator__code="publish_late", agency=dept_a)
    detail = c.get(f"/console/assessment/snapshots/{s.pk}/").content.decode()
    assert "期限 2024-05-31" in detail and "/doc/" in detail


@pytest.mark.django_db
def test_export_xlsx(figures, office_city, client_for):
    r = client_for(office_city).get("/console/assessment/export.xlsx?month=2024-07")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["指标"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["指标代码", "指标名称", "权重", "阈值", "单位", "全市（全部机关）"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "publish_late")
    assert row[5] == 40.0 and row[header.index("示范市教育局")] == 50.0
    detail = [r for r in wb["明细"].iter_rows(values_only=True) if r[0] == "逾期公开率" and r[1] == "示范市教育局"]
    assert len(detail) == 2 and detail[0][8].startswith("关于做好2024年防汛工作的通知（成文 2024-05-06")


@pytest.mark.django_db
def test_evaluator_reads_everything_and_writes_nothing(figures, evaluator, client_for, dept_a, document_factory):
    c = client_for(evaluator)
    assert c.get("/console/assessment/").status_code == 200
    s = Snapshot.objects.get(indicator__code="publish_late", agency=dept_a)
    assert c.get(f"/console/assessment/snapshots/{s.pk}/").status_code == 200
    assert c.get("/console/assessment/export.xlsx").status_code == 200
    assert c.get("/api/assessment/snapshots").json()["scores"]
    assert c.get("/console/documents/").status_code == 200
    doc = document_factory(dept_a, "pending")
    before = Snapshot.objects.count(), AuditEntry.objects.count()
    assert c.post("/console/assessment/compute/").status_code == 403
    late = Indicator.objects.get(code="publish_late")
    c.post(f"/console/assessment/indicators/{late.pk}/", {"name": "改", "weight": "1", "rule": late.rule,
                                                          "display": "percent", "direction": "min"})
    assert Indicator.objects.get(pk=late.pk).name == "逾期公开率"
    r = c.post("/console/documents/new/", {"agency": dept_a.pk, "title": "评估人员试图新建"})
    assert r.status_code == 403
    assert c.post(f"/console/documents/{doc.pk}/transition/", {"action": "publish"}).status_code == 403
    doc.refresh_from_db()
    assert doc.status == "pending"
    assert c.post("/console/proposals/", {"kind": "motion", "session": "s", "number": "1", "title": "t", "proposer": "p",
                                   "lead": dept_a.pk, "assigned_date": "2024-03-01"}).status_code == 400
    from gongkai.catalog.models import Document
    from gongkai.proposals.models import Proposal

    assert not Proposal.objects.exists() and not Document.objects.filter(title="评估人员试图新建").exists()
    assert (Snapshot.objects.count(), AuditEntry.objects.count()) == before
    from gongkai.catalog.services import document_create

    with pytest.raises(PermissionDeniedError):
        document_create(agency=dept_a, actor=evaluator, title="x")
    with pytest.raises(PermissionDeniedError):
        snapshot_compute(actor=evaluator)


@pytest.mark.django_db
def test_only_admins_edit_indicators_and_edits_are_audited(office_city, make_user, city):
    admin = make_user("adm", city, Role.ADMIN)
    ind = Indicator.objects.get(code="publish_late")
    with pytest.raises(PermissionDeniedError):
        indicator_update(indicator=ind, actor=office_city, threshold=10)
    with pytest.raises(UserFacingError, match="完整路径"):
        indicator_update(indicator=ind, actor=admin, rule="not a path")
    ind = indicator_update(indicator=ind, actor=admin, threshold=8, weight="12.5")
    assert (ind.threshold, float(ind.weight)) == (8, 12.5)
    entry = AuditEntry.objects.get(action="assessment.indicator_update")
    assert entry.data["after"]["threshold"] == "8" and entry.data["rule_available"] is True


@pytest.mark.django_db
def test_others_cannot_see_the_dashboard(editor_a, client_for):
    assert client_for(editor_a).get("/console/assessment/").status_code == 403
    assert client_for(editor_a).get("/api/assessment/snapshots").status_code == 404


def failing_rule(*, agency_ids, start, end):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table_for_assessment")
    return {"numerator": 0, "denominator": 0, "records": []}


@pytest.mark.django_db
def test_a_failing_rule_is_reported_and_the_others_still_compute(dept_a):
    Indicator.objects.exclude(code="publish_late").update(enabled=False)
    Indicator.objects.create(code="fails", name="出错", rule=f"{__name__}.failing_rule", sort_order=-1)
    with time_machine.travel(JULY, tick=False):
        snapshot_compute(month=dt.date(2024, 7, 1))
    assert Snapshot.objects.get(indicator__code="fails", agency=None).error.startswith("规则执行出错")
    assert Snapshot.objects.get(indicator__code="publish_late", agency=None).error == ""


@pytest.mark.django_db
def test_records_without_a_url_are_shown_as_text(office_city, client_for):
    ind = Indicator.objects.get(code="newmedia_active")
    s = Snapshot.objects.create(indicator=ind, month=dt.date(2024, 7, 1), start=dt.date(2023, 8, 1),
                                end=dt.date(2024, 7, 15), numerator=1, denominator=2, value=50.0, passed=False,
                                records=[["示范市教育局·微信·教育发布", "20 天未更新"], ["某文件", "/doc/1/"]],
                                records_total=2)
    page = client_for(office_city).get(f"/console/assessment/snapshots/{s.pk}/").content.decode()
    assert "<li>示范市教育局·微信·教育发布：20 天未更新</li>" in page
    assert '<a href="/doc/1/">某文件</a>' in page and 'href="20 天未更新"' not in page
