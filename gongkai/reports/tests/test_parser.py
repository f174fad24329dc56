"""The parser on each messy report of our own making in fixtures/."""
from pathlib import Path

import pytest

from gongkai.core.errors import UserFacingError
from gongkai.reports import template as t
from gongkai.reports.verdict import check_result
from gongkai.reports.parser import report_parse
from gongkai.reports.parser.digits import split_groups, split_with_total
from gongkai.reports.parser.extract import split_line

FIXTURES = Path(__file__).parent / "fixtures"

EXPECTED = {  # the figures every 2024 fixture prints (some rows)
    "new": [80, 1, 0, 0, 0, 0, 81],
    "carried_over": [5, 0, 0, 0, 0, 0, 5],
    "granted": [40, 1, 0, 0, 0, 0, 41],
    "partial": [6, 0, 0, 0, 0, 0, 6],
    "withheld_1": [0] * 7,
    "withheld_4": [2, 0, 0, 0, 0, 0, 2],
    "unavailable_1": [15, 0, 0, 0, 0, 0, 15],
    "unavailable_2": [3, 0, 0, 0, 0, 0, 3],
    "other_1": [1, 0, 0, 0, 0, 0, 1],
    "other_2": [0] * 7,
    "other_3": [2, 0, 0, 0, 0, 0, 2],
    "total": [76, 1, 0, 0, 0, 0, 77],
    "carry_next": [9, 0, 0, 0, 0, 0, 9],
}
TABLE_C = [2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 0, 0, 0, 1, 1]


def parse(name):
    return report_parse(name=name, data=(FIXTURES / name).read_bytes())


def row(data, key):
    return [data.applications[key][c] for c in t.COLUMN_KEYS]


@pytest.mark.parametrize("name", [
    "pipes_blank_fullwidth_2024.txt",  # pipes, blank cells, full-width digits
    "tabs_gb18030_2024.txt",           # tabs, GB18030 encoding, all-blank rows
    "spaces_2024.txt",                 # cells separated by spaces
    "run_together_2024.txt",           # no separators at all: 801000081
    "split_lines_2024.txt",            # labels wrapped, numbers on following lines, table C over 3 lines
    "typos_variants_2024.txt",         # 申情, 屬於三類, 另行制作 variant, 行政法复议, (七) 总 计
    "report_2024.html",                # HTML with rowspan/colspan, prose, spam and a script
])
def test_messy_2024_reports_read_correctly(name):
    data = parse(name)
    assert data.year == 2024
    assert data.format == t.FORMAT_2021
    for key, values in EXPECTED.items():
        # a row printed with every cell blank is "no number", never 0; the sums leave it out
        assert row(data, key) == ([None] * 7 if key in data.blank_rows else values), key
        assert key not in data.blank_rows or values == [0] * 7, key
    assert all(v is not None for r in t.ROW_KEYS if r not in data.blank_rows for v in data.applications[r].values())
    assert [data.table_c[c] for c in t.TABLE_C_COLUMNS] == TABLE_C
    result = check_result(data=data)
    assert result["ok"], result["findings"]
    assert result["verdict"]["consistent"] is True


def test_table_a_read_from_text():
    data = parse("pipes_blank_fullwidth_2024.txt")
    assert data.table_a["regulation"] == {"issued": 1, "abolished": 0, "valid": 12}
    assert data.table_a["normative"] == {"issued": 8, "abolished": 2, "valid": 45}
    assert data.table_a["fee"] == {"amount": 3.5}


def test_run_together_rows_are_split_by_their_own_totals_and_say_so():
    data = parse("run_together_2024.txt")
    infos = [f for f in data.findings if f.rule == "parse" and f.row == "new"]
    assert infos and "801000081" in infos[0].message and infos[0].severity == "info"
    # Table A figures run together cannot be split without totals: reported, not guessed
    assert data.table_a["regulation"] == {"issued": None, "abolished": None, "valid": None}
    assert any(f.row == "table_a" and f.column == "regulation" for f in data.findings)


def test_ambiguous_run_together_row_is_settled_by_column_sums_with_a_finding():
    data = parse("run_together_ambiguous_2024.txt")
    assert row(data, "new") == [1, 12, 0, 0, 0, 0, 13]
    assert row(data, "total") == [1, 12, 0, 0, 0, 0, 13]
    warn = [f for f in data.findings if f.row == "new" and f.severity == "warning"]
    assert warn and "11、2、0、0、0、0、13" in warn[0].message
    assert check_result(data=data)["ok"]


def test_undecidable_run_together_leaves_cells_unknown():
    text = ("2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量112000013\n（七）总计112000013\n")
    data = report_parse(name="x.txt", data=text.encode())
    assert row(data, "new") == [None] * 6 + [13]  # both readings give 总计 13; the columns stay unknown
    assert any("无法确定" in f.message for f in data.findings if f.row == "new")
    res = check_result(data=data)
    assert not res["ok"]


def test_split_with_total_readings():
    assert split_with_total("801000081") == [[80, 1, 0, 0, 0, 0, 81]]
    assert sorted(split_with_total("112000013")) == [[1, 12, 0, 0, 0, 0, 13], [11, 2, 0, 0, 0, 0, 13]]
    assert split_with_total("0000000") == [[0] * 7]
    assert split_with_total("12") == []
    assert split_groups("210141001200011") == [TABLE_C]


def test_split_line_forms():
    assert split_line("|（一）予以公开|3||0|") == ["（一）予以公开", "3", "", "0"]
    assert split_line("（一）予以公开\t3\t\t0") == ["（一）予以公开", "3", "", "0"]
    assert split_line("1.属于国家秘密 0 0 1") == ["1.属于国家秘密", "0", "0", "1"]
    assert split_line("1.属于国家秘密0000000") == ["1.属于国家秘密", "0000000"]
    assert split_line("统计期限为2024年1月1日至12月31") == ["统计期限为2024年1月1日至12月31"]


def test_2019_trial_format():
    data = parse("trial_2019.txt")
    assert data.year == 2019
    assert data.format == t.FORMAT_2019
    assert row(data, "other_3") == [3, 0, 0, 0, 0, 0, 3]
    assert row(data, "other_1") == [None] * 7
    assert data.table_a["license"] == {"previous": 12, "change": -1, "decisions": 800}
    assert data.table_a["procurement"] == {"count": 8, "amount": 160.5964}
    assert check_result(data=data)["ok"]


def test_damaged_report_without_tables_is_missing_data_not_zero():
    data = parse("damaged_no_tables_2019.txt")
    assert data.year == 2019
    res = check_result(data=data)
    assert not res["ok"]
    md = [f for f in res["findings"] if f["rule"] == "missing_data" and f["severity"] == "error"]
    assert {f["row"] for f in md} == {None, "table_c"}
    assert all(v is None for r in res["applications"].values() for v in r.values())


@pytest.mark.parametrize("name,rules", [
    ("errors_2024.txt", {"detail_sum", "row_total", "review_litigation_total"}),
    ("balance_error_2024.txt", {"balance"}),
])
def test_bad_reports_fire_their_rules(name, rules):
    res = check_result(data=parse(name))
    assert not res["ok"]
    assert {f["rule"] for f in res["findings"] if f["severity"] == "error"} == rules


def test_carry_over_with_previous_file():
    this = parse("report_2024.html")
    assert check_result(data=this, previous=parse("previous_2023.txt"))["ok"]
    res = check_result(data=this, previous=parse("previous_2023_mismatch.txt"))
    assert not res["ok"]
    assert {(f["row"], f["column"]) for f in res["findings"] if f["rule"] == "carry_over" and f["severity"] == "error"} \
        == {("carried_over", "natural_person"), ("carried_over", "total")}


def test_bad_input_gets_a_chinese_error():
    with pytest.raises(UserFacingError):
        report_parse(name="x.docx", data=b"PK\x03\x04 not really a zip")
    with pytest.raises(UserFacingError):
        report_parse(name="x.doc", data=b"\xd0\xcf\x11\xe0")
    data = report_parse(name="x.txt", data="\ufeff<script>alert(1)</script>".encode())
    assert not check_result(data=data)["ok"]


def test_one_cell_per_line_with_pipe_runs_and_truncated_table():
    """Cells one per line ("3 |"), blank cells as runs of pipes; the report stops after 四、结转下年度."""
    data = parse("one_cell_per_line_partial_2019.txt")
    assert row(data, "new") == [3, 0, 0, 0, 0, 0, 3]
    assert row(data, "partial") == [0] * 7
    assert row(data, "carry_next") == [0] * 7
    assert any(f.row == "new" and "前几列＋总计" in f.message for f in data.findings)
    res = check_result(data=data)
    missing = {(f["row"], f["severity"]) for f in res["findings"] if f["rule"] == "missing_data"}
    assert ("withheld_1", "error") in missing and ("table_c", "error") in missing
    assert ("table_c", "error") in missing and not res["ok"]
