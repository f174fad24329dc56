"""Report shapes from held-out set 12 (issue 12; real report pages kept outside the repository).
Every text here is written for the test: prose figures in other words (封, 受理0件, a pending count, a
received count sent on to next year, a long list of applicants after 未收到), pinyin glosses left by
converting mirrors, a title year after a metadata date, and table-header words used in a sentence."""
import pytest

from gongkai.reports import template as t
from .prose_pages import check, prose_report


def _check(text):
    return check(text)


def _prose_report(year, sentence, extra=""):
    return prose_report(year, sentence, extra=extra)


def _figures(res):
    apps = res["applications"]
    return [apps[k]["total"] for k in ("new", "carried_over", "total", "carry_next")]


def test_applications_counted_in_letters():
    assert _figures(_check(_prose_report(2024, "全年通过网上系统收到8封申请，已按流程处理。")))[0] == 8


def test_nothing_accepted_means_nothing_new():
    assert _figures(_check(_prose_report(2023, "2023年受理依申请公开0件。")))[:2] == [0, None]


def test_a_nonzero_accepted_count_still_leaves_new_open():
    # 受理 may hold last year's carried-over applications as well (the dev-set rule)
    assert _figures(_check(_prose_report(2023, "2023年受理依申请公开4件。")))[0] is None


def test_received_applications_sent_on_to_next_year():
    res = _check(_prose_report(2024, "本年度我局收到2件政府信息公开申请，结转至下一年度办理，未发生行政复议。"))
    assert _figures(res) == [2, None, None, 2]


def test_a_carry_next_clause_not_after_the_received_count_takes_no_count():
    res = _check(_prose_report(2024, "本年度收到申请3件，均已答复，无结转至下一年度办理的申请。"))
    assert _figures(res)[3] == 0  # 无结转 is the stated zero, not the received 3


def test_a_pending_count_is_not_the_total():
    res = _check(_prose_report(2025, "本年新收政府信息公开申请12宗，其中2宗申请人撤回申请，1宗仍在法定办理期限内，"
                                     "其余9宗均已依法答复。"))
    assert _figures(res)[0] == 12
    assert _figures(res)[2] is None
    res = _check(_prose_report(2025, "本年收到申请5件，办结4件，1件正在办理。"))
    assert _figures(res)[2] == 4


@pytest.mark.parametrize("sentence", [
    "年内，我镇未收到公民、法人或其他组织通过任何形式提出的政府信息公开申请。",
    "2019年度未发生政府信息公开依申请件。",
    "2019年，本局无依申请公开事项。",
])
def test_no_application_in_longer_words(sentence):
    assert _figures(_check(_prose_report(2019, sentence)))[0] == 0


def test_no_appeal_caused_by_an_application_says_nothing_of_new():
    res = _check(_prose_report(2022, "全年未发生因政府信息公开申请引发的行政复议。"))
    assert _figures(res)[0] is None


def test_pinyin_glosses_from_a_converting_mirror_are_ignored():
    text = _prose_report(2020, "2020年度未發(fā)生政府信息公開依申請件。本年共收(shōu)到申請3件。")
    assert _figures(_check(text))[0] == 0
    glossed = _prose_report(2021, "全年收(shōu)到政府信息公開申請3件，辦(bàn)結3件。")
    assert _figures(_check(glossed))[0] == 3
    assert _figures(_check(glossed))[2] == 3


def test_the_title_year_after_a_metadata_date():
    text = ("索引号 | DEMO/2019-0001 | 生成日期 | 2019年09月23日 |\n信息名称 | 示范公司2008年政府信息公开工作年度报告 |\n"
            "一、概述\n本公司2008年未收到政府信息公开申请。\n")
    assert _check(text)["year"] == 2008


def test_the_year_from_the_end_of_the_period():
    text = ("一、总体情况\n（一）主动公开情况。截止2023年12月31日我局通过网站发布信息34条。\n"
            "（二）依申请公开情况。本年度共收到政府信息公开申请2件。\n")
    assert _check(text)["year"] == 2023


def test_table_header_words_inside_a_sentence_name_no_format():
    res = _check(_prose_report(2022, "本年度收到依申请公开0件。", "本年度制发行政规范性文件0件，现行有效件数累计0件。"))
    assert res["format"] is None


def test_table_header_words_in_a_glued_table_still_name_the_format():
    res = _check(_prose_report(2025, "本年度收到依申请公开0件。") + (
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容本年制发件数本年废止件数现行有效件数\n规章000\n"))
    assert res["format"] == t.FORMAT_2021


def test_no_fee_for_applications_says_nothing_of_new():
    res = _check(_prose_report(2022, "全年无依申请公开事项的收费。"))
    assert _figures(res)[0] is None


def test_a_carry_named_by_both_years_follows_the_report_year():
    sentence = "2022年结转至2023年2件，2023年共受理265件，已办结264件，结转下年度办理3件。"
    # in the 2023 report the 2 came in from 2022: 受理 then balances as 新收 (265 + 2 = 264 + 3)
    assert _figures(_check(_prose_report(2023, sentence))) == [265, 2, 264, 3]
    res = _check(_prose_report(2022, "本年度收到申请10件，办结8件，2022年结转至2023年2件。"))
    assert _figures(res) == [10, None, 8, 2]  # in the 2022 report the same words are 四


def test_the_2021_notice_with_its_letter_misprinted_still_names_the_format():
    letter = "根据《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办涵〔2021〕30号）要求，"
    res = _check(letter + _prose_report(2024, "本年度未收到政府信息公开申请。"))
    assert res["format"] == t.FORMAT_2021
