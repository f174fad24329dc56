"""Every date a person or the statute sees is the Asia/Shanghai calendar day (TIME_ZONE), also in
the hours where the UTC day differs: 23:30 UTC (07:30 the next day in Beijing) and 00:30 Beijing
time (16:30 UTC the day before)."""
import datetime as dt
import json

import pytest
import time_machine

from gongkai.foi.models import EventKind, Status
from gongkai.foi.services import case_register, case_submit_online, case_transition

from .conftest import SHANGHAI, person_fields

pytestmark = pytest.mark.django_db
UTC = dt.timezone.utc


def utc(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=UTC), tick=False)


def beijing(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=SHANGHAI), tick=False)


def _track(client, case, code):
    page = client.post("/apply/track/", {"tracking_no": case.tracking_no, "code": code}).content.decode()
    api = client.post("/api/foi/track", json.dumps({"tracking_no": case.tracking_no, "code": code}),
                      content_type="application/json")
    assert api.status_code == 200
    return page, api.json()


@pytest.mark.parametrize("moment", [(2026, 12, 6, 22, 47), (2026, 12, 6, 23, 30)])
def test_an_online_submission_early_in_the_beijing_morning_is_dated_that_day(client, dept_a, office_a, moment):
    with utc(*moment):  # 06:47 / 07:30 on 12-07 in Beijing
        case, code = case_submit_online(agency=dept_a, fields=person_fields())
    assert case.tracking_no.startswith("YSQ20261207")
    assert case.events.get(kind=EventKind.SUBMITTED).date == dt.date(2026, 12, 7)
    with utc(*moment):
        page, data = _track(client, case, code)
        case = case_transition(case=case, action="confirm", actor=office_a)  # no date: today in Beijing
    assert data["submitted"] == "2026-12-07" and "2026-12-07" in page and "2026-12-06" not in page
    assert case.received_date == dt.date(2026, 12, 7) and case.status == Status.PROCESSING
    receipt = case.notices.get(kind="receipt")
    assert receipt.issue_date == dt.date(2026, 12, 7) and receipt.context["issue_date"] == "2026年12月7日"
    with utc(*moment):
        page, data = _track(client, case, code)
    assert data["received_date"] == "2026-12-07" and data["notices"][0]["date"] == "2026-12-07"
    assert [e["date"] for e in data["events"]] == ["2026-12-07", "2026-12-07"]


def test_half_past_midnight_in_beijing_is_already_the_next_day(client, dept_a, office_a, approver_a):
    with beijing(2026, 12, 7, 0, 30):  # 2026-12-06 16:30 UTC
        case, code = case_register(agency=dept_a, actor=office_a, channel="in_person",
                                   received_date=dt.date(2026, 12, 7), fields=person_fields())
        assert case.notices.get(kind="receipt").context["issue_date"] == "2026年12月7日"
        page, data = _track(client, case, code)
    assert data["submitted"] == data["received_date"] == "2026-12-07" and data["notices"][0]["date"] == "2026-12-07"
    with beijing(2026, 12, 8, 0, 30):
        case = case_transition(case=case, action="request_correction", actor=office_a, items="请写明文件年份")
    requested = case.events.get(kind=EventKind.CORRECTION_REQUESTED)
    assert requested.date == dt.date(2026, 12, 8)
    assert case.notices.get(kind="correction").context["issue_date"] == "2026年12月8日"
    with utc(2026, 12, 9, 23, 30):  # 12-10 07:30 in Beijing
        case = case_transition(case=case, action="receive_correction", actor=office_a)
        case = case_transition(case=case, action="extend", actor=approver_a, workdays=10, reason="需要调取档案")
    assert case.events.get(kind=EventKind.CORRECTION_RECEIVED).date == dt.date(2026, 12, 10)
    # the clock restarts on the Beijing day the correction arrived: 20 + 10 working days from 12-10
    from gongkai.workdays.calendar import add_workdays

    assert case.due_date == add_workdays(dt.date(2026, 12, 10), 30).date
    extension = case.notices.get(kind="extension")
    assert extension.issue_date == dt.date(2026, 12, 10) and extension.context["issue_date"] == "2026年12月10日"


def test_a_receipt_dated_today_in_beijing_is_not_in_the_future(dept_a, office_a):
    with utc(2026, 12, 6, 23, 30):  # the UTC day is still 12-06
        case, _code = case_register(agency=dept_a, actor=office_a, channel="in_person",
                                    received_date=dt.date(2026, 12, 7), fields=person_fields())
    assert case.received_date == dt.date(2026, 12, 7)


def test_the_annual_report_counts_by_the_beijing_day(dept_a, office_a):
    from gongkai.reports.compute import compute_applications

    with beijing(2025, 12, 30, 10):
        early, _c = case_register(agency=dept_a, actor=office_a, channel="in_person",
                                  received_date=dt.date(2025, 12, 30), fields=person_fields())
        late, _c = case_register(agency=dept_a, actor=office_a, channel="in_person",
                                 received_date=dt.date(2025, 12, 30), fields=person_fields(applicant_name="李四"))
    with utc(2025, 12, 31, 15, 30):  # 23:30 on 12-31 in Beijing: still 2025
        early = case_transition(case=early, action="answer", actor=office_a, outcome="granted")
    with utc(2025, 12, 31, 16, 30):  # 00:30 on 2026-01-01 in Beijing: the UTC day is still 12-31
        late = case_transition(case=late, action="answer", actor=office_a, outcome="granted")
    assert early.closed_date == dt.date(2025, 12, 31) and late.closed_date == dt.date(2026, 1, 1)
    apps, _facts = compute_applications(agency_ids=[dept_a.pk], year=2025, sources={}, notes=[])
    assert apps["granted"]["total"] == 1 and apps["carry_next"]["total"] == 1
    apps, _facts = compute_applications(agency_ids=[dept_a.pk], year=2026, sources={}, notes=[])
    assert apps["carried_over"]["total"] == 1 and apps["granted"]["total"] == 1
    # the 文号 year is the Beijing year of the 落款日期
    assert early.notices.get(kind="reply").number.endswith("〔2025〕3号")
    assert late.notices.get(kind="reply").number.endswith("〔2026〕1号")
