"""Report shapes from held-out set 9 (issue 12; complete real reports kept outside the repository).
Every text here is written for the test."""
from gongkai.reports import template as t
from gongkai.reports.parser import report_parse
from gongkai.reports.verdict import check_result

from .test_report_shapes import B_HEAD, C_PART, HEAD, printed_rows


def _check(text):
    return check_result(data=report_parse(name="report.txt", data=text.encode("utf-8")))


def _one_line(section_three):
    # A report stored as one line (a crawler's field): headings glued to the text around them, an
    # empty section 二 whose heading runs straight into section 三's.
    return ("　　一、总体情况　　2019年以来，示范厅推进政务公开，在网站主动公开各类文件信息120余条。"
            "　　二、主动公开政府信息情况三、收到和处理政府信息公开申请情况　　" + section_three +
            "　　四、政府信息公开行政复议、行政诉讼情况　　2019年未发生涉及政府信息公开的行政复议、行政诉讼案件。"
            "　　五、存在的主要问题及改进情况　　公开范围还不够全面。\n")


def test_no_application_after_a_glued_heading_about_active_disclosure_is_zero_new():
    res = _check(_one_line("2019年未收到政府信息公开申请。"))
    apps = res["applications"]
    assert res["year"] == 2019
    assert apps["new"]["total"] == 0
    assert [apps[k]["total"] for k in ("carried_over", "total", "carry_next")] == [None, None, None]
    assert res["verdict"]["consistent"] is None


def test_counts_after_a_glued_heading_are_read_and_the_heading_adds_nothing():
    res = _check(_one_line("2019年共收到政府信息公开申请3件，上年结转1件，办结4件，无结转下年度申请。"))
    apps = res["applications"]
    assert [apps[k]["total"] for k in ("new", "carried_over", "total", "carry_next")] == [3, 1, 4, 0]


def test_an_active_disclosure_sentence_is_still_not_an_application_count():
    res = _check(_one_line("本年度依申请公开工作平稳。").replace("主动公开各类文件信息120余条",
                                                         "主动公开政府信息、收到申请类留言12件"))
    assert res["applications"]["new"]["total"] is None


# A balanced table with two-digit cells: 一 31 + 二 0 = （七） 30 + 四 1; （一）12 + （二）9 + （四）1 9 = 30.
VALUES = {"new": [30, 0, 0, 0, 0, 1, 31], "granted": [11, 0, 0, 0, 0, 1, 12], "partial": [9, 0, 0, 0, 0, 0, 9],
          "unavailable_1": [9, 0, 0, 0, 0, 0, 9], "total": [29, 0, 0, 0, 0, 1, 30],
          "carry_next": [1, 0, 0, 0, 0, 0, 1]}


def _spaced(vals, cut):
    """The seven cells run together with a space after the first `cut` digits (`300 000131`)."""
    run = "".join(map(str, vals))
    return run[:cut] + " " + run[cut:]


def test_rows_run_together_with_a_stray_space_are_split_by_their_total():
    spaced = {"new": 3, "total": 2, "granted": 4}
    body = "".join(label + (_spaced(v, spaced[row.key]) if row.key in spaced else "".join(map(str, v)))
                   for (label, v), row in zip(printed_rows(VALUES), t.ROWS))
    res = _check((HEAD + B_HEAD + body + C_PART).replace("\n", ""))
    apps = res["applications"]
    assert [apps[k]["total"] for k in ("new", "carried_over", "total", "carry_next")] == [31, 0, 30, 1]
    assert apps["new"]["natural_person"] == 30 and apps["granted"]["other_org"] == 1
    assert res["verdict"]["consistent"] is True


def test_a_sentence_about_carrying_over_does_not_start_the_table():
    # Prose before the table says `1件结转下年度继续办理`; the table heading is glued to its header.
    body = "".join(label + "".join(map(str, v)) for label, v in printed_rows(VALUES))
    head = HEAD.replace("2024年，本镇依法做好政府信息公开工作。",
                        "本年度共收到31件申请，办结30件，1件结转下年度继续办理。")
    # Headings glued to their header cells on long lines (the web page's table flattened).
    b_head = B_HEAD.replace("\n", "") + "\n"
    c_part = ("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
              "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
              "000000000000000\n五、存在的主要问题及改进情况\n无。\n")
    res = _check(head + b_head + body.replace("（七）", "\n（七）") + "\n" + c_part)
    apps = res["applications"]
    assert [apps[k]["total"] for k in ("new", "carried_over", "total", "carry_next")] == [31, 0, 30, 1]
    assert apps["granted"]["total"] == 12
    assert res["verdict"]["consistent"] is True
