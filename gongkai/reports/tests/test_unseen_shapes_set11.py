"""Report shapes from held-out set 11 (issue 12; real report pages kept outside the repository).
Every text here is written for the test: a "no application" sentence that names one kind of applicant
only, and a report of a later year that cites the 2019 notice on annual reports."""
import pytest

from gongkai.reports import template as t
from .prose_pages import check, prose_report


def _check(text):
    return check(text)


def _prose_report(year, sentence, preamble=""):
    return prose_report(year, sentence, preamble=preamble)


@pytest.mark.parametrize("sentence", [
    "全年未收到法人或者其他组织对依申请公开政府信息的申请。",
    "本年度未收到企业提出的政府信息公开申请。",
    "本年度未收到自然人提出的政府信息公开申请。",
])
def test_no_application_from_one_kind_of_applicant_leaves_new_unknown(sentence):
    res = _check(_prose_report(2022, sentence))
    assert res["applications"]["new"]["total"] is None
    assert res["verdict"]["consistent"] is None


@pytest.mark.parametrize("sentence", [
    "全年未收到公民、法人或其他组织提出的政府信息公开申请。",
    "全年没有接到群众要求公开政府信息的申请。",
    "本年度未收到政府信息公开申请。",
])
def test_no_application_from_anyone_is_zero_new(sentence):
    res = _check(_prose_report(2022, sentence))
    assert res["applications"]["new"]["total"] == 0


def test_one_kind_excluded_and_a_count_for_everyone_reads_the_count():
    res = _check(_prose_report(2022, "未收到法人或者其他组织的申请，全年共收到政府信息公开申请3件。"))
    assert res["applications"]["new"]["total"] == 3


LETTER_2019 = "根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，"
LETTER_2021 = "根据《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，"


def test_the_2019_notice_cited_in_a_later_report_names_no_format():
    res = _check(_prose_report(2024, "2024年收到申请数0件。", LETTER_2019))
    assert res["year"] == 2024
    assert res["format"] is None


def test_the_2019_notice_still_names_the_format_of_the_reports_it_governed():
    assert _check(_prose_report(2020, "2020年收到申请数0件。", LETTER_2019))["format"] == t.FORMAT_2019


def test_the_2021_notice_names_the_2021_format_even_beside_the_2019_one():
    assert _check(_prose_report(2022, "2022年收到申请数0件。", LETTER_2021))["format"] == t.FORMAT_2021
    assert _check(_prose_report(2022, "2022年收到申请数0件。", LETTER_2019 + LETTER_2021))["format"] == t.FORMAT_2021


def test_table_headers_still_decide_over_a_cited_notice():
    text = _prose_report(2023, "2023年收到申请数0件。", LETTER_2019) + (
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 0 0 0\n")
    assert _check(text)["format"] == t.FORMAT_2019


# Batch b of set 11: application figures stated in the prose in other words.

def _figures(res):
    apps = res["applications"]
    return [apps[k]["total"] for k in ("new", "carried_over", "total", "carry_next")]


def test_a_carry_over_named_by_its_year_inside_the_concluded_count():
    res = _check(_prose_report(2023, "收到依申请公开件20件，其中当面申请8件，网上申请12件。办结依申请公开件21件"
                                     "（含2022年结转的2件），其中予以公开10件，部分公开5件，无法提供6件。"))
    # the bracket belongs to the concluded count: 新收 stays 20, not 20 − 2
    assert _figures(res)[:3] == [20, 2, 21]


def test_a_carry_over_named_by_its_year_and_carry_next_sent_to_the_next_year():
    res = _check(_prose_report(2025, "2025年新受理政府信息公开申请40件，2024年结转政府信息公开申请0件，共计40件。"
                                     "已办结依申请公开37件。另有3件申请结转到下年度继续办理。"))
    assert _figures(res) == [40, 0, 37, 3]


def test_carry_next_with_its_characters_swapped():
    res = _check(_prose_report(2025, "共收到政府信息依申请公开事项30件，其中办结29件，转结下年度继续办理1件。"))
    assert _figures(res) == [30, None, 29, 1]


def test_a_handled_count_that_holds_the_carried_forward_ones_and_a_nested_split():
    res = _check(_prose_report(2025, "依申请信息公开办理有20件，均为自然人申请。办理结果如下：予以公开10件；"
                                     "不予公开3件，其中2件涉及第三方合法权益，1件属于内部事务信息；"
                                     "本机关不掌握相关政府信息而无法提供5件；不属于政府信息1件；结转下年度继续办理1件。"))
    # 10 + 3 + 5 + 1 = 19 outcomes = （七）; 19 + 1 carried forward = the 20 handled
    assert _figures(res) == [None, None, 19, 1]


def test_a_handled_count_without_carry_next_is_still_the_total():
    res = _check(_prose_report(2022, "全年办理依申请公开12件，已全部按期答复办结。"))
    assert _figures(res) == [None, None, 12, None]


# Batch c of set 11: outcome lists in the prose.

def test_an_answered_count_that_opens_an_outcome_list_is_not_the_total():
    cut = _check(_prose_report(2021, "共受理依申请公开政府信息申请12件，答复7件，不予受理4件，补正后申请内容仍不明确")
                 .split("\n（三）")[0])  # the page stops inside the list
    assert _figures(cut)[2] is None
    whole = _check(_prose_report(2021, "共受理依申请公开政府信息申请12件，答复7件，不予受理4件，补正后申请内容仍不明确1件。"))
    assert _figures(whole)[2] == 12


def test_a_partial_outcome_list_is_not_the_total():
    res = _check(_prose_report(2020, "全年收到依申请信息公开21件，全部在规定时间内办结。其中予以公开10件，部分公开2件。"))
    assert _figures(res) == [21, None, None, None]


def test_a_list_of_zero_outcomes_is_not_the_total():
    res = _check(_prose_report(2022, "全年共收到依申请公开0件，公开0件，不予公开0件，因依申请公开引起行政复议0件"))
    assert _figures(res) == [0, None, None, None]


def test_outcomes_in_the_reports_own_words_after_the_received_count():
    res = _check(_prose_report(2019, "收到政府信息公开申请8件，不属于本机关公开1件，已按申请内容提供给申请人1件，"
                                     "不予公开2件，申请内容不明确4件。"))
    assert _figures(res) == [8, None, 8, None]


def test_applications_called_cases():
    res = _check(_prose_report(2024, "共收到依申请公开政府信息案件7件，提起行政复议1件，提起行政诉讼0件。"))
    assert _figures(res)[0] == 7


def test_one_count_for_accepted_and_concluded():
    res = _check(_prose_report(2021, "依申请公开受理和办结6件。"))
    assert _figures(res) == [None, None, 6, None]


def test_counts_in_the_unit_qi():
    res = _check(_prose_report(2023, "共收到信息公开申请22起，比上一年（31起）下降29%，答复22起。"))
    assert _figures(res) == [22, None, 22, None]


# Batch d of set 11: units, channel splits, reply documents, a misspelt notice.

def test_counts_in_the_units_xiang_and_li():
    assert _figures(_check(_prose_report(2020, "我局接到依申请公开事项5项，均已答复办结。")))[0] == 5
    assert _figures(_check(_prose_report(2024, "收到政府信息公开申请3项全部予以公开，无上年结转政府信息公开申请。")))[:2] == [3, 0]


def test_a_split_of_the_received_count_by_channel_is_not_new():
    res = _check(_prose_report(2023, "共受理依申请政府信息公开事项29例，其中通过网络收到申请25件，占比86%，"
                                     "通过来信收到申请件4件，占比14%，全部按时办结。"))
    assert _figures(res)[0] is None  # 受理 may hold the carry-over; 25 is a channel's share


def test_a_count_of_reply_documents_is_not_the_total():
    res = _check(_prose_report(2025, "全年共收到依申请公开申请 1 件，在法定时限内完成审查、办理与答复，"
                                     "出具《政府信息公开申请答复书》1 份。"))
    assert _figures(res) == [1, None, None, None]


def test_the_format_notice_cited_with_its_issuer_misspelt():
    letter = "国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知（国办公开函〔2021〕30号）要求，"
    assert _check(_prose_report(2025, "全年未收到政府信息公开申请。", letter))["format"] == t.FORMAT_2021


# Batch f of set 11 (measured after all the fixes above: 7/9).

def test_received_and_handled_with_a_word_between():
    res = _check(_prose_report(2024, "本年度共收到并妥善处理依申请公开信息13件。"))
    assert _figures(res) == [13, None, 13, None]


def test_no_carry_over_said_with_the_negation_inside():
    res = _check(_prose_report(2024, "2024年，本单位新收到政府信息依申请公开2件，上年无结转，已办理2件，无结转下年度。"))
    assert _figures(res) == [2, 0, 2, 0]
