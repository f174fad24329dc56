"""Each 公开时限 form the 指引 use, parsed and put on the working-day calendar (2024: official year)."""
import datetime as dt

import pytest

from gongkai.stdcatalog.timelimits import cn_number, parse, periods_ended

D = dt.date


@pytest.mark.parametrize("text,n", [
    ("信息形成或变更之日起20个工作日内", 20),
    ("信息形成或者变更之日起20个工作日内", 20),
    ("形成或者变更之日起20个工作日内予以公开", 20),
    ("信息产生、变更之日起20个工作日内公开，保持长期公开（相关政策法规另有规定的应从其规定）", 20),
    ("自信息形成之日起7个工作日内", 7),
    ("制定或获取信息之日起10个工作日内", 10),
    ("信息形成之日起20工作日内", 20),
    ("作出行政处罚决定之日起七个工作日内", 7),
    ("信息形成之日起二十个工作日内", 20),
    ("自制作或获取该信息之日起20个工作日内公开", 20),
    ("制作或获取信息之日起7个工作日内", 7),
    ("制定或获取扶持政策措施之日起10个工作日内", 10),
    ("分配结果确定后20个工作日内", 20),
    ("资金分配结果下达15个工作日内", 15),  # 扶贫资金: counted from the allocation, the day it is formed
    ("20个工作日", 20),  # 市政服务 rows: the bare number
    ("信息形成（变更）20个工作日内", 20),
    ("信息获取（形成、变更）20个工作日内", 20),
    ("自收到申请之日起20个工作日内公开", 20),
    ("自该政府信息形成或者变更之日起20个工作日内及时公开", 20),
    ("1.除处罚决定外其他内容：长期公开（动态调整）；2.处罚决定：20个工作日内", 20),
    ("信息形成或变更之日起3个工作日内", 3),
    ("项目批准后20个工作日内", 20),
    ("信息形成之后20个工作日内", 20),
    ("颁布或印发之日起5个工作日内", 5),
    ("制定或获取信息之日起10个工作日内,公示7个工作日", 10),
    ("信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示", 20),
    ("执法决定信息在决定作出之日起7个工作日内公开，其他相关信息形成或变更之日起20个工作日内公开", 7),
])
def test_workday_forms(text, n):
    rule = parse(text)
    assert (rule.kind, rule.n) == ("workdays", n)
    assert rule.clocked


@pytest.mark.django_db
def test_twenty_workdays_cross_the_national_day_holiday():
    # 2024-09-27 Fri; 09-29 (Sun) is a 调休 working day; 10-01..07 holiday; 10-12 (Sat) works.
    assert parse("信息形成或变更之日起20个工作日内").due(D(2024, 9, 27)) == D(2024, 10, 30)
    # 2024-05-06 Mon after 劳动节; 05-11 (Sat) works.
    assert parse("自信息形成之日起7个工作日内").due(D(2024, 5, 6)) == D(2024, 5, 14)


def test_calendar_days_form():
    rule = parse("自收到之日起15日内")
    assert (rule.kind, rule.n) == ("days", 15)
    assert rule.due(D(2024, 9, 27)) == D(2024, 10, 12)
    assert parse("5天内").n == 5
    budget = parse("本级人民代表大会或其常务委员会批准后20日内")
    assert (budget.kind, budget.n) == ("days", 20) and budget.due(D(2024, 1, 20)) == D(2024, 2, 9)
    assert (parse("本级政府财政部门批复后20日内").kind, parse("本级政府财政部门批复后20日内").n) == ("days", 20)


def test_realtime_form():
    rule = parse("实时公开")
    assert rule.kind == "realtime"
    assert rule.due(D(2024, 3, 2)) == D(2024, 3, 2)


@pytest.mark.parametrize("text,period", [("每月", "month"), ("每季度", "quarter"), ("每季度公开一次", "quarter"),
                                         ("每半年", "half"), ("每年", "year"), ("每年度公开", "year"),
                                         ("半年至少更新1次", "half"), ("至少1次/半年", "half"),
                                         ("每季度至少更新一次", "quarter"), ("一个月内至少更新1次", "month"),
                                         ("其他信息至少1次/年", "year")])
def test_periodic_forms(text, period):
    rule = parse(text)
    assert (rule.kind, rule.period) == ("periodic", period)
    assert not rule.clocked


def test_annual_deadline_forms():
    rule = parse("每年3月底前")
    assert (rule.kind, rule.month, rule.day) == ("annual", 3, 0)
    assert rule.annual_due(2024) == D(2024, 3, 31)
    rule = parse("每年6月30日前公开上一年度情况")
    assert rule.annual_due(2025) == D(2025, 6, 30)
    assert parse("每年二月底前").annual_due(2024) == D(2024, 2, 29)
    assert parse("每年1月31日前").annual_due(2025) == D(2025, 1, 31)  # 政府信息公开工作年度报告


@pytest.mark.parametrize("text,kind", [("按进展情况及时公开", "prompt"), ("重大决策作出后及时公开", "prompt"),
                                       ("同政策文件同步发布", "prompt"),
                                       ("随采购公告、采购文件公开", "prompt"), ("随同决定书一并公开", "prompt"), ("长期公开", "standing"),
                                       ("常态化公开", "standing"), ("永久公开", "standing"), ("常年公开", "standing"),
                                       ("动态更新", "standing"), ("及时公开", "prompt"), ("项目批准后及时公开", "prompt"),
                                       ("", "none"), (None, "none"), ("同上", "unknown")])
def test_open_ended_forms(text, kind):
    rule = parse(text)
    assert rule.kind == kind
    assert rule.due(D(2024, 1, 2)) is None


def test_numbers_and_periods():
    assert [cn_number(t) for t in ("20", "二十", "十五", "七", "十")] == [20, 20, 15, 7, 10]
    assert periods_ended("quarter", D(2024, 2, 1), D(2024, 9, 30)) == [
        (D(2024, 1, 1), D(2024, 3, 31)), (D(2024, 4, 1), D(2024, 6, 30)), (D(2024, 7, 1), D(2024, 9, 30))]
    assert periods_ended("month", D(2024, 1, 1), D(2024, 2, 28)) == [(D(2024, 1, 1), D(2024, 1, 31))]


@pytest.mark.parametrize("text", ["在实地启动拟征收土地工作时，在村公示栏公开。", "启动征收时公开",
                                  "①《听证通知书》在组织听证7个工作日前予以公开；②其他听证公开内容为依申请公开。",
                                  "会议召开5日前公告", "提前一周发通知邀请", "提前3天通知",
                                  "调查登记结束后公示期不得少于7日", "分户评估结果公示期不得少于7日"])
def test_event_forms_have_no_clock_from_the_formation(text):
    # at an event ("在…时") or n days before one: the due day is not counted from when the information was formed
    rule = parse(text)
    assert rule.kind == "prompt" and not rule.clocked
    assert rule.due(D(2024, 1, 2)) is None


def test_a_limit_before_an_event_does_not_hide_the_clocked_part():
    assert (parse("开标前3个工作日前公示，并于中标后5个工作日内公开").kind,
            parse("开标前3个工作日前公示，并于中标后5个工作日内公开").n) == ("workdays", 5)
    assert parse("拟征收土地现状调查结束后5个工作日内，在村公示栏公开。").n == 5  # "…时" words do not win
    assert parse("每年6月30日前").kind == "annual"  # a date is not "n days before"
    assert parse("审核后5个工作日内公示，公示期不少于7天").n == 5  # the display period is not the deadline
