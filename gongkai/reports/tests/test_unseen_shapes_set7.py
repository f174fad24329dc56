"""Report shapes from held-out set 7 (issue 12; real reports kept outside the repository).
Every text here is written for the test."""
from gongkai.reports.parser import report_parse
from gongkai.reports.verdict import check_result


def _check(text):
    return check_result(data=report_parse(name="report.txt", data=text.encode("utf-8")))


def _prose(sentence):
    return "示范街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n(二)依申请公开\n" + sentence + "\n(三)政府信息管理\n"


def test_accepted_beside_a_stated_carry_over_is_new_when_the_balance_says_so():
    # 受理12 + 上年结转2 = 办结12 + 结转2: 受理 counts the new applications only.
    res = _check(_prose("2023年，示范街道共受理政府信息公开申请12件，上年结转政府信息公开办理数量2件，"
                        "共办结政府信息公开申请12件，结转至2024年办理2件。"))
    apps = res["applications"]
    assert (apps["new"]["total"], apps["carried_over"]["total"]) == (12, 2)
    assert (apps["total"]["total"], apps["carry_next"]["total"]) == (12, 2)
    assert res["verdict"]["consistent"] is None  # no breakdown of （七）: the detail check cannot be done


def test_accepted_that_includes_the_carry_over_stays_open():
    # 受理12 = 办结10 + 结转2: 受理 counted 新收 + 上年结转 here; 新收 is not guessed.
    apps = _check(_prose("2023年，示范街道共受理政府信息公开申请12件，上年结转2件，共办结10件，"
                         "结转至2024年办理2件。"))["applications"]
    assert apps["new"]["total"] is None
    assert apps["carried_over"]["total"] == 2 and apps["carry_next"]["total"] == 2


def test_accepted_with_the_carry_over_unknown_stays_open():
    apps = _check(_prose("2023年，示范街道共受理政府信息公开申请5件，已全部办结5件。"))["applications"]
    assert apps["new"]["total"] is None


def test_carried_to_a_named_next_year_is_carry_next():
    apps = _check(_prose("2023年共收到政府信息公开申请4件，办结3件，结转至2024年继续办理1件。"))["applications"]
    assert apps["carry_next"]["total"] == 1
    assert apps["new"]["total"] == 4 and apps["total"]["total"] == 3


def test_traditional_prose_reads_the_same():
    apps = _check("示範街道辦事處2023年政府信息公開工作年度報告\n一、總體情況\n(二)依申請公開\n"
                  "2023年,示範街道共受理政府信息公開申請12件,上年結轉政府信息公開辦理數量2件,"
                  "共辦結政府信息公開申請12件,結轉至2024年辦理2件。\n")["applications"]
    assert [apps[k]["total"] for k in ("new", "carried_over", "total", "carry_next")] == [12, 2, 12, 2]


def test_a_received_count_that_holds_the_carry_over_gives_the_difference():
    apps = _check(_prose("2023年共收到政府信息公开申请5件（含上年结转1件），已全部办结。"))["applications"]
    assert (apps["new"]["total"], apps["carried_over"]["total"]) == (4, 1)


def test_no_carry_over_from_last_year_is_zero_carried():
    apps = _check(_prose("本年度受理政府信息公开申请2件，无上年结转，已全部办结，无结转至下一年度的申请。"))["applications"]
    assert (apps["new"]["total"], apps["carried_over"]["total"], apps["carry_next"]["total"]) == (2, 0, 0)
    assert apps["total"]["total"] is None  # 全部办结 gives no count
