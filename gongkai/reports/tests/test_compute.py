"""Tables computed from cases, appeals, documents and entered figures match hand counts."""
import datetime as dt
import io

import pytest

from gongkai.catalog.services import document_create, document_transition
from gongkai.core.errors import UserFacingError
from gongkai.reports import template as t
from gongkai.reports.checker import report_check
from gongkai.reports.compute import report_compute
from gongkai.reports.data import ReportData
from gongkai.reports.models import ManualFigure
from gongkai.reports.services import manual_figure_set, manual_figures_import, report_generate

D = dt.date
Y = 2025


@pytest.fixture
def year_of_cases(dept_a, make_case, make_appeal):
    """A year of cases in dept_a, with every boundary situation; hand counts in the test."""
    c = {}
    # carried over from 2024: one closed in 2025 (granted), one still open at the end of 2025
    c["old_closed"] = make_case(dept_a, received=D(2024, 12, 20), closed=D(2025, 1, 10), outcome="granted")
    c["old_open"] = make_case(dept_a, received=D(2024, 12, 28), kind="commercial")
    # closed in 2024: neither carried over nor counted
    make_case(dept_a, received=D(2024, 3, 1), closed=D(2024, 3, 20), outcome="granted")
    # received in 2025
    c["g1"] = make_case(dept_a, received=D(2025, 2, 1), closed=D(2025, 2, 20), outcome="granted", due=D(2025, 3, 3))
    c["g2"] = make_case(dept_a, received=D(2025, 3, 1), closed=D(2025, 3, 25), outcome="granted",
                        kind="research", fee="50.00", fee_paid=D(2025, 3, 20))
    c["p"] = make_case(dept_a, received=D(2025, 4, 1), closed=D(2025, 4, 29), outcome="partial", kind="legal_service")
    c["w4"] = make_case(dept_a, received=D(2025, 5, 6), closed=D(2025, 6, 20), outcome="withheld_4",
                        due=D(2025, 6, 3))  # answered late
    c["u1"] = make_case(dept_a, received=D(2025, 6, 1), closed=D(2025, 6, 10), outcome="unavailable_1",
                        kind="public_interest")
    c["np2"] = make_case(dept_a, received=D(2025, 7, 1), closed=D(2025, 7, 2), outcome="not_processed_2",
                         kind="other_org")
    c["o1"] = make_case(dept_a, received=D(2025, 8, 1), closed=D(2025, 9, 1), outcome="other_1")
    c["o2"] = make_case(dept_a, received=D(2025, 8, 5), closed=D(2025, 9, 30), outcome="other_2", kind="commercial")
    c["o3"] = make_case(dept_a, received=D(2025, 9, 1), closed=D(2025, 9, 2), outcome="other_3")
    # received in 2025, closed in 2026: carried to next year
    c["late"] = make_case(dept_a, received=D(2025, 12, 29), closed=D(2026, 1, 15), outcome="granted")
    # received in 2026: not counted
    make_case(dept_a, received=D(2026, 1, 5))
    # appeals filed in 2025
    make_appeal(c["w4"], kind="reconsideration", result="upheld", filed=D(2025, 7, 1), decided=D(2025, 9, 1))
    make_appeal(c["u1"], kind="reconsideration", result="corrected", filed=D(2025, 7, 1), decided=D(2026, 2, 1))
    make_appeal(c["np2"], kind="litigation_direct", result="corrected", filed=D(2025, 8, 1), decided=D(2025, 11, 1))
    make_appeal(c["o1"], kind="litigation_after", result="pending", filed=D(2025, 10, 1))
    make_appeal(c["g1"], kind="reconsideration", result="upheld", filed=D(2024, 5, 1), decided=D(2024, 7, 1))
    return c


def cells(data, row):
    return {c: v for c, v in data.applications[row].items() if v}


def test_table_b_matches_hand_counts(dept_a, year_of_cases):
    data, sources, notes, facts = report_compute(agency_ids=[dept_a.pk], year=Y)
    assert cells(data, "new") == {"natural_person": 5, "research": 1, "legal_service": 1, "public_interest": 1,
                                  "other_org": 1, "commercial": 1, "total": 10}
    assert cells(data, "carried_over") == {"natural_person": 1, "commercial": 1, "total": 2}
    assert cells(data, "granted") == {"natural_person": 2, "research": 1, "total": 3}
    assert cells(data, "partial") == {"legal_service": 1, "total": 1}
    assert cells(data, "withheld_4") == {"natural_person": 1, "total": 1}
    assert cells(data, "unavailable_1") == {"public_interest": 1, "total": 1}
    assert cells(data, "not_processed_2") == {"other_org": 1, "total": 1}
    assert cells(data, "other_1") == {"natural_person": 1, "total": 1}
    assert cells(data, "other_2") == {"commercial": 1, "total": 1}
    assert cells(data, "other_3") == {"natural_person": 1, "total": 1}
    assert cells(data, "total") == {"natural_person": 5, "research": 1, "legal_service": 1, "public_interest": 1,
                                    "other_org": 1, "commercial": 1, "total": 10}
    assert cells(data, "carry_next") == {"natural_person": 1, "commercial": 1, "total": 2}
    assert facts["late"] == 1 and facts["fees"] == 50 and facts["fee_cases"] == 1
    assert report_check(data=data) == [f for f in report_check(data=data) if f.row == "table_a"]  # only manual figures missing


def test_each_case_counted_once(dept_a, year_of_cases):
    data, sources, _n, _f = report_compute(agency_ids=[dept_a.pk], year=Y)
    counted = [cid for row in t.RESULT_ROWS + ["carry_next"] for cid in sources.get(f"b:{row}:total", {}).get("cases", [])]
    assert len(counted) == len(set(counted)) == 12
    entered = sources["b:new:total"]["cases"] + sources["b:carried_over:total"]["cases"]
    assert sorted(entered) == sorted(counted)
    assert sources["b:granted:research"]["cases"] == [year_of_cases["g2"].pk]


def test_table_c_from_appeals(dept_a, year_of_cases):
    data, sources, _n, facts = report_compute(agency_ids=[dept_a.pk], year=Y)
    tc = {k: v for k, v in data.table_c.items() if v}
    assert tc == {"reconsideration_upheld": 1, "reconsideration_pending": 1, "reconsideration_total": 2,
                  "litigation_direct_corrected": 1, "litigation_direct_total": 1,
                  "litigation_after_pending": 1, "litigation_after_total": 1}
    assert facts["corrected"] == 1  # the other correction came after 31 December: 尚未审结 at year end
    assert sources["c:litigation_after_pending"]["cases"] == [year_of_cases["o1"].pk]


def test_carry_over_matches_previous_year(dept_a, year_of_cases):
    prev, _s, _n, _f = report_compute(agency_ids=[dept_a.pk], year=Y - 1)
    now, _s, _n, _f = report_compute(agency_ids=[dept_a.pk], year=Y)
    assert prev.applications["carry_next"] == now.applications["carried_over"]
    assert not [f for f in report_check(data=now, previous=prev) if f.rule == "carry_over"]


def _publish(agency, **fields):
    doc = document_create(agency=agency, actor=None, **fields)
    document_transition(document=doc, action="submit", actor=None)
    return document_transition(document=doc, action="publish", actor=None)


def test_table_a_from_catalog_and_figures(dept_a, office_city):
    _publish(dept_a, title="示范市教育局规范性文件一", category="normative", written_date=D(2025, 3, 1),
             publish_date=D(2025, 3, 2), validity="valid")
    _publish(dept_a, title="示范市教育局规范性文件二", category="normative", written_date=D(2021, 3, 1),
             publish_date=D(2021, 3, 2), validity="abolished", expiry_date=D(2025, 6, 1))
    _publish(dept_a, title="示范市教育局规范性文件三", category="normative", written_date=D(2022, 3, 1),
             publish_date=D(2022, 3, 2), validity="valid")
    _publish(dept_a, title="示范市教育局规范性文件四", category="normative", written_date=D(2026, 1, 3),
             publish_date=D(2026, 1, 4), validity="valid")
    _publish(dept_a, title="示范市政府规章", category="regulation", written_date=D(2020, 1, 3),
             publish_date=D(2020, 1, 4), validity="expired", expiry_date=D(2024, 1, 1))
    manual_figure_set(agency=dept_a, year=Y, key="license", value="120", source="审批系统", actor=office_city)
    manual_figure_set(agency=dept_a, year=Y, key="fee", value="1.25", source="财务系统", actor=office_city)
    data, sources, notes, _f = report_compute(agency_ids=[dept_a.pk], year=Y)
    assert data.table_a["normative"] == {"issued": 1, "abolished": 1, "valid": 2}
    assert data.table_a["regulation"] == {"issued": 0, "abolished": 0, "valid": 0}
    assert data.table_a["license"] == {"decisions": 120}
    assert data.table_a["fee"] == {"amount": 1.25}
    assert data.table_a["penalty"] == {"decisions": None}
    assert sources["a:license:decisions"]["source"] == "审批系统"
    assert len(sources["a:normative:valid"]["documents"]) == 2


def test_manual_figures_import_csv_and_xlsx(dept_a, office_city):
    csv_bytes = "项目,数值,来源\n行政许可,1520,审批系统导出\n行政处罚,230,执法平台\n行政强制,12,执法平台\n行政事业性收费,3.5,财务\n".encode("gbk")
    figs = manual_figures_import(agency=dept_a, year=Y, name="figures.csv", data=csv_bytes, actor=office_city)
    assert len(figs) == 4
    assert ManualFigure.objects.get(agency=dept_a, year=Y, key="penalty").source == "执法平台"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["项目", "数值", "来源"])
    wb.active.append(["行政处罚", 231, "执法平台二"])
    buf = io.BytesIO()
    wb.save(buf)
    manual_figures_import(agency=dept_a, year=Y, name="f.xlsx", data=buf.getvalue(), actor=office_city)
    fig = ManualFigure.objects.get(agency=dept_a, year=Y, key="penalty")
    assert fig.value == 231 and fig.imported_from == "f.xlsx"


def test_manual_figures_import_rejects_bad_rows_and_keeps_saved(dept_a, office_city, editor_b):
    manual_figure_set(agency=dept_a, year=Y, key="license", value=5, source="系统", actor=office_city)
    bad = "行政许可,10,系统\n行政审批,3,系统\n行政处罚,abc,系统\n".encode()
    with pytest.raises(UserFacingError) as e:
        manual_figures_import(agency=dept_a, year=Y, name="x.csv", data=bad, actor=office_city)
    assert "第2行" in e.value.message and "第3行" in e.value.message
    assert ManualFigure.objects.get(agency=dept_a, year=Y, key="license").value == 5
    with pytest.raises(UserFacingError):
        manual_figure_set(agency=dept_a, year=Y, key="license", value=1, source="", actor=office_city)
    with pytest.raises(UserFacingError):
        manual_figure_set(agency=dept_a, year=Y, key="license", value=1, source="x", actor=editor_b)


def test_generated_report_passes_checker_and_prefills_prose(dept_a, office_city, year_of_cases):
    for key, value in (("license", 1), ("penalty", 2), ("coercion", 0), ("fee", 0)):
        manual_figure_set(agency=dept_a, year=Y, key=key, value=value, source="系统", actor=office_city)
    report = report_generate(agency=dept_a, year=Y, actor=office_city)
    assert report.findings == []
    assert "本年新收政府信息公开申请10件" in report.overview
    assert "1件政府信息公开申请超过法定期限答复" in report.problems
    assert "50.00元" in report.other_matters
    report.overview = "人工改写的总体情况。"
    report.save()
    again = report_generate(agency=dept_a, year=Y, actor=office_city)
    assert again.overview == "人工改写的总体情况。"  # recomputing keeps edited prose
    assert ReportData.from_dict(again.data).applications["new"]["total"] == 10


def test_government_report_sums_departments_and_lists_differences(city, dept_a, dept_b, office_city, make_case):
    make_case(dept_a, received=D(2025, 2, 1), closed=D(2025, 2, 5), outcome="granted")
    make_case(dept_b, received=D(2025, 2, 1), closed=D(2025, 2, 5), outcome="partial")
    make_case(city, received=D(2025, 2, 1))
    dept_report = report_generate(agency=dept_a, year=Y, actor=office_city)
    make_case(dept_a, received=D(2025, 3, 1), closed=D(2025, 3, 5), outcome="granted")  # after its report
    gov = report_generate(agency=city, year=Y, actor=office_city, include_departments=True)
    data = ReportData.from_dict(gov.data)
    assert data.applications["new"]["total"] == 4
    assert data.applications["granted"]["total"] == 2 and data.applications["carry_next"]["total"] == 1
    diffs = [d for d in gov.differences if d["agency_id"] == dept_a.pk]
    assert {(d["row"], d["column"], d["computed"], d["reported"]) for d in diffs if d["table"] == "b"} >= {
        ("new", "total", 2, 1), ("granted", "total", 2, 1)}
    assert dept_report.pk != gov.pk
    with pytest.raises(UserFacingError):
        report_generate(agency=dept_a, year=2019, actor=office_city)
