"""Each checker rule fires on a crafted bad report and stays quiet on a good one."""
import copy
import re

import pytest

from gongkai.reports import template as t
from gongkai.reports.checker import RULES, report_check
from gongkai.reports.verdict import check_result
from gongkai.reports.data import ReportData


def good() -> ReportData:
    apps = t.zero_applications()

    def put(row, np, com=0):
        apps[row].update({"natural_person": np, "commercial": com, "total": np + com})

    put("new", 10, 2)
    put("carried_over", 3)
    put("granted", 6, 1)
    put("partial", 2)
    put("withheld_4", 1)
    put("unavailable_1", 2, 1)
    put("other_3", 1)
    put("total", 12, 2)
    put("carry_next", 1)
    tc = t.zero_table_c()
    tc.update({"reconsideration_upheld": 1, "reconsideration_pending": 1, "reconsideration_total": 2,
               "litigation_direct_corrected": 1, "litigation_direct_total": 1})
    table_a = {"regulation": {"issued": 1, "abolished": 0, "valid": 5},
               "normative": {"issued": 4, "abolished": 1, "valid": 20},
               "license": {"decisions": 10}, "penalty": {"decisions": 3}, "coercion": {"decisions": 0},
               "fee": {"amount": 1.5}}
    return ReportData(year=2025, applications=apps, table_c=tc, table_a=table_a)


def rules_of(findings, severity="error"):
    return {f.rule for f in findings if f.severity == severity}


def test_rule_names_are_fixed():
    assert RULES == ["balance", "detail_sum", "row_total", "review_litigation_total", "carry_over", "missing_data"]


def test_good_report_is_quiet():
    assert report_check(data=good()) == []
    previous = good()
    previous.year = 2024
    previous.applications["carry_next"] = dict(good().applications["carried_over"])
    previous.table_a["regulation"]["valid"] = 4
    previous.table_a["normative"]["valid"] = 17
    assert report_check(data=good(), previous=previous) == []


def test_balance_fires_per_column():
    d = good()
    d.applications["carry_next"]["natural_person"] = 2
    d.applications["carry_next"]["total"] = 2
    findings = report_check(data=d)
    bal = [f for f in findings if f.rule == "balance"]
    assert {f.column for f in bal} == {"natural_person", "total"}
    assert rules_of(findings) == {"balance"}


def test_detail_sum_fires_when_rows_do_not_add_up_to_total():
    d = good()
    d.applications["not_processed_2"]["research"] = 1
    d.applications["not_processed_2"]["total"] = 1
    findings = report_check(data=d)
    ds = [f for f in findings if f.rule == "detail_sum"]
    assert {(f.row, f.column) for f in ds} == {("total", "research"), ("total", "total")}


def test_row_total_fires_on_the_row():
    d = good()
    d.applications["granted"]["total"] = 8
    findings = report_check(data=d)
    rt = [f for f in findings if f.rule == "row_total"]
    assert [(f.row, f.column) for f in rt] == [("granted", "total")]


def test_review_litigation_total_fires_per_group():
    d = good()
    d.table_c["litigation_after_upheld"] = 2
    findings = report_check(data=d)
    assert [(f.rule, f.column) for f in findings] == [("review_litigation_total", "litigation_after_total")]


def test_carry_over_compares_with_previous_year():
    prev = good()
    prev.year = 2024
    prev.applications["carry_next"] = dict(good().applications["carried_over"])
    prev.applications["carry_next"]["natural_person"] = 4
    prev.applications["carry_next"]["total"] = 4
    findings = report_check(data=good(), previous=prev)
    co = [f for f in findings if f.rule == "carry_over" and f.severity == "error"]
    assert {f.column for f in co} == {"natural_person", "total"}
    assert report_check(data=good()) == []  # without --previous the rule has nothing to compare


def test_carry_over_warns_on_non_adjacent_year_and_table_a_drift():
    prev = good()
    prev.year = 2022
    prev.applications["carry_next"] = dict(good().applications["carried_over"])
    findings = report_check(data=good(), previous=prev)
    assert {f.severity for f in findings} == {"warning"}
    assert {f.rule for f in findings} == {"carry_over"}
    assert any(f.row == "table_a" and f.column == "regulation" for f in findings)


def test_missing_table_is_not_zeros():
    d = good()
    d.applications = t.empty_applications()
    findings = report_check(data=d)
    assert [f.rule for f in findings] == ["missing_data"]
    assert findings[0].row is None and findings[0].severity == "error"
    d = good()
    d.table_c = t.empty_table_c()
    assert [(f.rule, f.row) for f in report_check(data=d)] == [("missing_data", "table_c")]


def test_missing_row_and_cell():
    d = good()
    d.applications["withheld_2"] = {c: None for c in t.COLUMN_KEYS}
    d.applications["granted"]["research"] = None
    findings = report_check(data=d)
    md = {(f.row, f.column) for f in findings if f.rule == "missing_data"}
    assert md == {("withheld_2", None), ("granted", "research")}
    # arithmetic rules skip unknown cells instead of reading them as 0
    assert rules_of(findings) == {"missing_data"}


def test_2019_format_has_no_other_sub_rows():
    d = good()
    d.format = t.FORMAT_2019
    d.applications["other_1"] = {c: None for c in t.COLUMN_KEYS}
    d.applications["other_2"] = {c: None for c in t.COLUMN_KEYS}
    assert report_check(data=d) == []


def test_check_result_shape_and_ok():
    res = check_result(data=good())
    assert set(res) == {"year", "format", "applications", "verdict", "ambiguous", "findings", "ok"}
    assert res["ok"] is True
    assert res["verdict"]["consistent"] is True and res["verdict"]["label"] == "一致"
    bad = good()
    bad.applications["granted"]["total"] = 99
    res = check_result(data=bad)
    assert res["ok"] is False
    assert res["verdict"]["consistent"] is False and "99" in res["verdict"]["reason"]
    assert set(res["findings"][0]) == {"rule", "label", "severity", "row", "column", "message"}
    assert all(re.search(r"[\u4e00-\u9fff]", f["label"]) for f in res["findings"])


@pytest.mark.parametrize("row", t.ROW_KEYS)
def test_every_row_is_covered_by_row_total(row):
    d = copy.deepcopy(good())
    d.applications[row]["legal_service"] += 1
    assert any(f.rule == "row_total" and f.row == row for f in report_check(data=d))
