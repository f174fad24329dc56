"""Report shapes found on real pages collected outside the development set (issue 12, a small
hand-labelled check set kept outside the repository). The reports here are written for the tests."""
from gongkai.reports.verdict import check_result
from gongkai.reports.parser import report_parse

from .test_report_shapes import B_HEAD, C_PART, HEAD, printed_rows

# Zeros and the 总计 of the result rows left blank; 一/二/（七）/四 print their 总计.
# 新收 40 + 结转 2 = （七）37 + 四 5. Columns: 自然人 20+9+3+2 = 34, 商业企业 2+1 = 3.
VALUES = {"new": [37, 3, 0, 0, 0, 0, 40], "carried_over": [2, 0, 0, 0, 0, 0, 2],
          "granted": [20, 2, 0, 0, 0, 0, None], "partial": [9, 0, 0, 0, 0, 0, None],
          "unavailable_1": [3, 1, 0, 0, 0, 0, None], "not_processed_1": [2, 0, 0, 0, 0, 0, None],
          "total": [34, 3, 0, 0, 0, 0, 37], "carry_next": [5, 0, 0, 0, 0, 0, 5]}


def _report(values):
    rows = []
    for label, vals in printed_rows(values):
        line = label + " | " + " | ".join("" if v in (0, None) else str(v) for v in vals)
        rows.append(line.rstrip())  # a rendering that strips trailing separator spaces
    return HEAD + B_HEAD + "\n".join(rows) + "\n" + C_PART


def _parse(values):
    data = report_parse(name="report.txt", data=_report(values).encode("utf-8"))
    return data, check_result(data=data)


def test_result_rows_without_their_total_are_checked_column_by_column():
    data, res = _parse(VALUES)
    assert [data.applications[k]["total"] for k in ("new", "carried_over", "total", "carry_next")] == [40, 2, 37, 5]
    assert data.applications["granted"]["natural_person"] == 20
    assert data.applications["granted"]["research"] == 0
    assert data.applications["granted"]["total"] is None  # not printed: never invented
    assert res["verdict"]["consistent"] is True


def test_a_column_that_does_not_add_up_is_still_found():
    data, res = _parse(dict(VALUES, partial=[8, 0, 0, 0, 0, 0, None]))  # 自然人 33 ≠ 34
    assert res["verdict"]["consistent"] is False
    assert any(f["rule"] == "detail_sum" for f in res["findings"])



# --- held-out set 5 (texts written for the tests) ----------------------------------------------

def _check(text):
    return check_result(data=report_parse(name="report.txt", data=text.encode("utf-8")))


def test_prose_with_xin_shouli_and_zhuanjie_gives_new_and_carried_and_a_mismatch():
    text = ("示范镇2023年度政府信息公开工作报告\n一、总体情况\n"
            "(2)依申请公开情况。2023年，新受理政府信息公开申请7件，上年转结政府信息公开申请1件，"
            "全年办结2件，转下一年办理0件。\n")
    res = _check(text)
    apps = res["applications"]
    assert apps["new"]["total"] == 7
    assert apps["carried_over"]["total"] == 1
    assert apps["total"]["total"] == 2
    assert apps["carry_next"]["total"] == 0
    assert res["verdict"]["consistent"] is False  # 7 + 1 is not 2 + 0


def test_a_page_starting_at_row_four_gives_carry_next_only():
    # one page of a flip-book: row 四 of table 三, then table 四
    text = ("Page 9 - 2022年报_示范局\nP. 9\n四、结转下年度继续办理 3 0 0 0 0 0 3\n"
            "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
            "五、存在的主要问题及改进情况\n本年度我局政务公开工作仍有不足。\n")
    res = _check(text)
    apps = res["applications"]
    assert apps["carry_next"]["total"] == 3
    assert apps["new"]["total"] is None and apps["total"]["total"] is None
    assert res["verdict"]["consistent"] is None


# --- held-out set 6 (texts written for the tests) ----------------------------------------------

def test_outcomes_after_the_received_count_are_a_breakdown_without_qizhong():
    text = ("示范街道2022年政府信息公开工作年度报告\n一、总体情况\n(二)依申请公开\n"
            "2022年，示范街道共收到信息公开申请9件，上年度结转2件；予以公开5件，无法提供4件，"
            "结转下年继续办理2件。\n(三)政府信息管理\n")
    res = _check(text)
    apps = res["applications"]
    assert (apps["new"]["total"], apps["carried_over"]["total"]) == (9, 2)
    assert apps["total"]["total"] == 9  # 5 + 4
    assert apps["carry_next"]["total"] == 2
    assert res["verdict"]["consistent"] is True  # 9 + 2 = 9 + 2


def test_outcome_words_before_any_received_count_are_not_a_breakdown():
    text = ("示范局2023年政府信息公开工作年度报告\n一、总体情况\n"
            "予以公开的申请答复及时，部分公开2件的申请均说明理由，无法提供1件的申请已告知。\n")
    apps = _check(text)["applications"]
    assert apps["total"]["total"] is None


def test_no_application_received_in_prose_is_zero_new():
    text = ("示范县乡村振兴局2023年政府信息公开工作年度报告\n一、总体情况\n"
            "(二)依申请公开情况。2023年度，未收到和处理政府信息公开申请事项，无政府信息公开类行政复议、行政诉讼情况发生。\n")
    res = _check(text)
    apps = res["applications"]
    assert apps["new"]["total"] == 0
    assert apps["carried_over"]["total"] is None and apps["total"]["total"] is None
    assert res["verdict"]["consistent"] is None


def test_no_review_case_is_not_zero_applications():
    text = ("示范镇2023年政府信息公开工作年度报告\n一、总体情况\n"
            "全年未收到因政府信息公开申请引发的行政复议申请。\n")
    assert _check(text)["applications"]["new"]["total"] is None


def test_the_format_a_report_cites_when_no_table_a_is_shown():
    text = ("根据《中华人民共和国政府信息公开条例》和《〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
            "(国办公开办函〔2021〕30号)要求，特向社会公布示范市统计局2024年政府信息公开情况。\n"
            "一、总体情况\n(二)依申请公开信息情况。全年共收到依申请公开共6件，全部及时办理。\n")
    res = _check(text)
    assert res["format"] == "2021"
    assert res["applications"]["new"]["total"] == 6
    old = text.replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号")
    # the 2019 notice names the format of the 2019 and 2020 reports only (held-out set 11: a 2024 report
    # that cites it), see test_unseen_shapes_set11
    assert _check(old)["format"] is None
    assert _check(old.replace("2024年", "2020年"))["format"] == "2019"
