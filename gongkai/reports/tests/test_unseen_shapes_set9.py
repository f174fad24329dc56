"""Report shapes from held-out set 9 (issue 12; complete real reports kept outside the repository).
Every text here is written for the test."""
from gongkai.reports.parser import report_parse
from gongkai.reports.verdict import check_result


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
