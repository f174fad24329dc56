"""Renderers (docx with merged header cells, xlsx, HTML) and publishing through the catalog review."""
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from gongkai.catalog.models import Category, Document, Status
from gongkai.catalog.services import document_transition
from gongkai.core.errors import PermissionDeniedError, TransitionError
from gongkai.reports import template as t
from gongkai.reports.verdict import check_result
from gongkai.reports.models import ReportStatus
from gongkai.reports.parser import report_parse
from gongkai.reports.services import (manual_figure_set, report_generate, report_render_files,
                                      report_transition)
from gongkai.reports.tests.test_checker import good
from gongkai.reports.tests.test_parser import FIXTURES

D = dt.date


@pytest.fixture
def report(dept_a, office_city, make_case):
    make_case(dept_a, received=D(2025, 2, 1), closed=D(2025, 2, 5), outcome="granted")
    make_case(dept_a, received=D(2025, 3, 1), closed=D(2025, 3, 5), outcome="withheld_6", kind="commercial")
    make_case(dept_a, received=D(2025, 12, 30))
    for key, value in (("license", 7), ("penalty", 3), ("coercion", 1), ("fee", "0.5")):
        manual_figure_set(agency=dept_a, year=2025, key=key, value=value, source="业务系统", actor=office_city)
    return report_generate(agency=dept_a, year=2025, actor=office_city)


def _merged_spans(table):
    """(row, col, rowspan, colspan) of every merged cell in a python-docx table."""
    from docx.oxml.ns import qn

    spans = []
    for r, tr in enumerate(table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if span > 1 or (vm is not None and vm.get(qn("w:val")) == "restart"):
                spans.append((r, col, span, vm is not None))
            col += span
    return spans


def test_docx_has_template_layout_with_merged_cells():
    import docx

    from gongkai.reports.renderers.docx import render_report_docx

    raw = render_report_docx(data=good(), title="示范市教育局2025年政府信息公开工作年度报告", overview="总体。")
    doc = docx.Document(io.BytesIO(raw))
    texts = [p.text for p in doc.paragraphs]
    for _k, heading in t.SECTIONS:
        assert heading in texts
    table_a, table_b, table_c = doc.tables
    assert len(table_b.rows) == 3 + 25 and len(table_b.columns) == 10
    spans = _merged_spans(table_b)
    assert (0, 0, 3, True) in spans            # rule text: colspan 3, rowspan 3
    assert (0, 3, 7, False) in spans           # 申请人情况 colspan 7
    assert (1, 4, 5, False) in spans           # 法人或其他组织 colspan 5
    assert (5, 0, 1, True) in spans            # 三、本年度办理结果 starts a vertical merge
    assert table_b.cell(0, 0).text.startswith("（本列数据的勾稽关系为")
    assert table_b.cell(27, 0).text == "四、结转下年度继续办理"
    assert len(table_c.columns) == 15 and (0, 0, 5, False) in _merged_spans(table_c)
    assert (0, 5, 10, False) in _merged_spans(table_c)
    # and it reads back to the same figures
    back = report_parse(name="r.docx", data=raw)
    assert back.applications == good().applications
    assert back.table_c == good().table_c


def test_xlsx_has_merged_cells():
    from openpyxl import load_workbook

    from gongkai.reports.renderers.xlsx import render_report_xlsx

    wb = load_workbook(io.BytesIO(render_report_xlsx(data=good(), title="报告")))
    assert wb.sheetnames == ["二、主动公开", "三、申请情况", "四、复议诉讼"]
    ws = wb["三、申请情况"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "E3:I3", "D3:D4", "J3:J4", "A7:A28"} <= merged
    assert ws["A2"].value.startswith("（本列数据")
    assert ws["J5"].value == 12  # 本年新收 · 总计
    assert "A2:E2" in {str(r) for r in wb["四、复议诉讼"].merged_cells.ranges}


def test_html_reads_back(report):
    files = report_render_files(report=report)
    back = report_parse(name="r.html", data=files["html"].encode())
    assert back.applications == report.data["applications"]
    assert check_result(data=back)["ok"]


def test_submit_creates_catalog_document_under_review_then_publish(report, reviewer_a, office_city):
    report = report_transition(report=report, action="submit", actor=office_city)
    assert report.status == ReportStatus.SUBMITTED
    doc = report.document
    assert doc.category == Category.ANNUAL_REPORT and doc.status == Status.PENDING
    assert doc.title == "示范市教育局2025年政府信息公开工作年度报告"
    assert "三、收到和处理政府信息公开申请情况" in doc.body_html and 'rowspan="22"' in doc.body_html
    assert sorted(a.original_name.rsplit(".", 1)[1] for a in doc.attachments.all()) == ["docx", "xlsx"]
    # the catalog reviewer publishes the document (the review gate applies): the report follows
    document_transition(document=doc, action="publish", actor=reviewer_a, override_reason="表格为国家统一格式文字")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    # reopening withdraws the document; submitting again reuses it
    report = report_transition(report=report, action="reopen", actor=reviewer_a, reason="更正数字")
    assert report.status == ReportStatus.DRAFT
    assert Document.objects.get(pk=doc.pk).status == Status.WITHDRAWN
    report = report_transition(report=report, action="submit", actor=office_city)
    report = report_transition(report=report, action="publish", actor=reviewer_a)
    assert report.status == ReportStatus.PUBLISHED and report.document_id == doc.pk
    assert Document.objects.get(pk=doc.pk).status == Status.PUBLISHED
    assert Document.objects.filter(category=Category.ANNUAL_REPORT).count() == 1


def test_checker_errors_refuse_publication(report, office_city):
    data = dict(report.data)
    data["applications"]["granted"]["total"] += 1
    report.data = data
    report.save()
    with pytest.raises(TransitionError) as e:
        report_transition(report=report, action="submit", actor=office_city)
    assert "未通过检查" in e.value.message and "各类申请人之和" in e.value.message
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.document is None
    assert not Document.objects.filter(category=Category.ANNUAL_REPORT).exists()


def test_transition_permissions(report, editor_a, reviewer_a, office_city):
    with pytest.raises(PermissionDeniedError):
        report_transition(report=report, action="submit", actor=editor_a)
    report = report_transition(report=report, action="submit", actor=office_city)
    with pytest.raises(TransitionError):
        report_transition(report=report, action="return", actor=reviewer_a)  # reason required
    report = report_transition(report=report, action="return", actor=reviewer_a, reason="补充说明")
    assert report.status == ReportStatus.DRAFT
    assert report.document.status == Status.DRAFT


def test_cli_check_json_shape(capsys):
    call_command("report", "check", str(FIXTURES / "report_2024.html"), "--previous",
                 str(FIXTURES / "previous_2023_mismatch.txt"), "--json")
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"year", "format", "applications", "verdict", "ambiguous", "findings", "ok"}
    assert out["year"] == 2024 and out["format"] == "2021" and out["ok"] is False
    assert list(out["applications"]) == t.ROW_KEYS
    assert all(list(cols) == t.COLUMN_KEYS for cols in out["applications"].values())
    assert out["applications"]["new"]["total"] == 81
    f = next(f for f in out["findings"] if f["rule"] == "carry_over")
    assert set(f) == {"rule", "label", "severity", "row", "column", "message"}


@pytest.mark.parametrize("name,rule", [
    ("balance_error_2024.txt", "balance"), ("errors_2024.txt", "detail_sum"), ("errors_2024.txt", "row_total"),
    ("errors_2024.txt", "review_litigation_total"), ("damaged_no_tables_2019.txt", "missing_data"),
])
def test_cli_reports_each_rule(capsys, name, rule):
    call_command("report", "check", str(FIXTURES / name), "--json")
    out = json.loads(capsys.readouterr().out)
    assert rule in {f["rule"] for f in out["findings"]}
    assert out["ok"] is False


def test_cli_missing_file():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("report", "check", "/nonexistent/report.txt", "--json")


def test_demo_load_is_idempotent(city, dept_a, make_case):
    from gongkai.reports import demo
    from gongkai.reports.models import AnnualReport

    make_case(dept_a, received=D(2025, 2, 1), closed=D(2025, 2, 5), outcome="granted")
    out = io.StringIO()
    demo.load(stdout=out)
    demo.load(stdout=out)
    report = AnnualReport.objects.get(agency=city, year=2025)
    assert report.status == ReportStatus.PUBLISHED and report.include_departments
    assert report.data["applications"]["new"]["total"] == 1
    assert Document.objects.filter(category=Category.ANNUAL_REPORT, status=Status.PUBLISHED).count() == 1
    assert "已发布，跳过" in out.getvalue()


def test_personal_data_in_prose_still_stops_publication(report, office_city, reviewer_a):
    from gongkai.reports.services import report_update_prose

    report_update_prose(report=report, actor=office_city, overview="申请人张伟，身份证号110101199003077578。",
                        problems="无", other_matters="无")
    report = report_transition(report=report, action="submit", actor=office_city)
    with pytest.raises(TransitionError):
        report_transition(report=report, action="publish", actor=reviewer_a)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_cli_generate(capsys, dept_a, make_case):
    make_case(dept_a, received=D(2025, 2, 1), closed=D(2025, 2, 5), outcome="granted")
    call_command("report", "generate", "--agency", dept_a.slug, "--year", "2025", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["data"]["applications"]["granted"]["natural_person"] == 1
    # Table A figures not entered yet: warnings, not errors
    assert out["findings"] and {f["severity"] for f in out["findings"]} == {"warning"}


def test_deadline_warnings(city, dept_a):
    from gongkai.reports.services import deadline_warnings

    w = deadline_warnings(agencies=[city, dept_a], today=D(2026, 2, 10))
    assert [(x["agency"].slug, x["overdue"], x["days_overdue"]) for x in w] == [("edu", True, 10)]
    w = deadline_warnings(agencies=[city, dept_a], today=D(2026, 3, 5))
    assert {x["agency"].slug for x in w} == {"edu", "city"}
    assert next(x for x in w if x["agency"].slug == "city")["days_left"] == 26


def test_deadline_warnings_count_published_reports_and_skip_the_catch_all(city, dept_a, dept_b, document_factory):
    """A 2025 report public in the catalog (e.g. imported) ends the reminder; 其他机构 is never reminded."""
    from gongkai.agencies.models import Agency
    from gongkai.reports.services import deadline_warnings

    other = Agency.objects.create(name="其他机构", slug="other", kind=Agency.Kind.OTHER, is_catch_all=True)
    document_factory(dept_a, status="published", category="annual_report",
                     title="示范市教育局2025年政府信息公开工作年度报告")
    document_factory(dept_b, status="published", category="annual_report",
                     title="示范市财政局2024年政府信息公开工作年度报告")  # last year's: does not count
    w = deadline_warnings(agencies=[city, dept_a, dept_b, other], today=D(2026, 12, 7))
    assert [(x["agency"].slug, x["overdue"]) for x in w] == [("fin", True), ("city", True)]
