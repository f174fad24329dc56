"""Report shapes probed for held-out set 10 (issue 12; real reports kept outside the repository).
Every text here is written for the test: a table-三 row printed with a unit on each value, with
thousands separators, glued by its units, or with the first value left in the label's tab cell."""
from gongkai.reports.parser import report_parse
from gongkai.reports.parser.text import split_line
from gongkai.reports.verdict import check_result

ROWS = {
    "一、本年新收政府信息公开申请数量": [5, 1, 0, 0, 1, 0, 7],
    "二、上年结转政府信息公开申请数量": [1, 0, 0, 0, 0, 0, 1],
    "（一）予以公开": [3, 1, 0, 0, 0, 0, 4],
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [1, 0, 0, 0, 0, 0, 1],
    "1.本机关不掌握相关政府信息": [1, 0, 0, 0, 1, 0, 2],
    "（七）总计": [5, 1, 0, 0, 1, 0, 7],
    "四、结转下年度继续办理": [1, 0, 0, 0, 0, 0, 1],
}
HEAD = ("示范镇人民政府2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 1 0 3\n"
        "三、收到和处理政府信息公开申请情况\n")
TAIL = "四、政府信息公开行政复议、行政诉讼情况\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n无。\n"


def _check(rows_text):
    return check_result(data=report_parse(name="report.txt", data=(HEAD + rows_text + TAIL).encode("utf-8")))


def _figures(res):
    apps = res["applications"]
    return [apps[k]["total"] for k in ("new", "carried_over", "total", "carry_next")]


def _table(cell, sep=" "):
    return "".join(label + sep + sep.join(cell(v) for v in vals) + "\n" for label, vals in ROWS.items())


def test_split_line_reads_units_separators_and_a_first_value_in_the_label_cell():
    assert split_line("一、本年新收政府信息公开申请数量 5件 1件 0件 7件") == ["一、本年新收政府信息公开申请数量", "5", "1", "0", "7"]
    assert split_line("（七）总计 3,119 34 1,002") == ["（七）总计", "3119", "34", "1002"]
    assert split_line("（七）总计5件1件0件0件1件0件7件") == ["（七）总计", "5", "1", "0", "0", "1", "0", "7"]
    assert split_line("（七）总计 5\t1\t0\t7") == ["（七）总计", "5", "1", "0", "7"]
    # prose and dates are left alone
    assert split_line("共收到申请1,234件。") == ["共收到申请1,234件。"]
    assert split_line("截至2023年 12\t31") == ["截至2023年 12", "31"]


def test_values_printed_with_a_unit_are_read_not_taken_from_the_run_together_text():
    res = _check(_table(lambda v: f"{v}件"))
    assert _figures(res) == [7, 1, 7, 1]


def test_values_glued_by_their_units():
    res = _check(_table(lambda v: f"{v}件", sep=""))
    assert _figures(res) == [7, 1, 7, 1]


def test_thousands_separators_are_one_number():
    res = _check(_table(lambda v: f"{v * 1001:,}"))
    assert _figures(res) == [7007, 1001, 7007, 1001]


def test_first_value_left_in_the_label_cell_of_a_tab_row():
    text = "".join(f"{label} {vals[0]}\t" + "\t".join(map(str, vals[1:])) + "\n" for label, vals in ROWS.items())
    assert _figures(_check(text)) == [7, 1, 7, 1]


def test_a_table_row_run_into_a_sentence_is_not_read_as_a_prose_figure():
    # Before: the first count after the label (5, the 自然人 cell) was taken as the row's figure.
    text = ("示范镇2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量"
            "5件1件0件0件1件0件7件，二、上年结转政府信息公开申请数量1件0件0件0件0件0件1件。\n")
    res = check_result(data=report_parse(name="report.txt", data=text.encode("utf-8")))
    assert _figures(res)[:2] == [None, None]
