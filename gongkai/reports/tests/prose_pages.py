"""A report page cut before its tables, written for the tests of the held-out rounds' prose shapes."""
from gongkai.reports.parser import report_parse
from gongkai.reports.verdict import check_result


def check(text):
    return check_result(data=report_parse(name="report.txt", data=text.encode("utf-8")))


def prose_report(year, sentence, *, preamble="", extra=""):
    # Only the prose says anything about applications.
    return (f"示范局{year}年政府信息公开工作年度报告\n{preamble}本报告所列数据统计期限为{year}年1月1日至{year}年12月31日。\n"
            f"一、总体情况\n（一）主动公开情况。全年主动公开信息35条。\n（二）依申请公开情况。{sentence}\n"
            f"（三）政府信息管理情况。专人负责信息发布审核。{extra}\n")
