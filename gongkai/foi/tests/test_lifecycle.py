"""Frozen-time walks through every path of a case, asserting every derived date at each step."""
import datetime as dt
from decimal import Decimal

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.foi.models import Case, EventKind, Outcome, Status
from gongkai.foi.services import case_submit_online, case_transition, query_code_matches

from .conftest import at, person_fields

pytestmark = pytest.mark.django_db
D = dt.date


def act(case, action, actor, day, **params):
    with at(day.year, day.month, day.day):
        return case_transition(case=case, action=action, actor=actor, **params)


def dates(case):
    case.refresh_from_db()
    return case.status, case.due_date, case.correction_notice_due, case.paused_workdays


def test_online_application_to_archive(dept_a, office_a):
    with at(2025, 9, 26, 21):  # Friday evening
        case, code = case_submit_online(agency=dept_a, fields=person_fields())
    assert case.status == Status.SUBMITTED and case.received_date is None and case.due_date is None
    assert query_code_matches(case, code) and not query_code_matches(case, "WRONG")
    with pytest.raises(TransitionError):
        act(case, "answer", office_a, D(2025, 9, 28), outcome="granted")
    # Art. 31: the office confirms on Sunday 9-28, a 调休 working day: that is the receipt date.
    case = act(case, "confirm", office_a, D(2025, 9, 28))
    assert dates(case) == (Status.PROCESSING, D(2025, 10, 31), D(2025, 10, 14), 0)
    assert case.received_date == D(2025, 9, 28)
    case = act(case, "assign", office_a, D(2025, 9, 29), handler=office_a)
    assert case.handler == office_a
    case = act(case, "answer", office_a, D(2025, 10, 20), outcome="granted", reply_text="现提供该报告电子版。")
    assert case.status == Status.ANSWERED and case.outcome == Outcome.GRANTED
    assert case.closed_date == D(2025, 10, 20) and "第三十六条" in case.legal_basis
    case = act(case, "deliver", office_a, D(2025, 10, 21), delivery_method="email", delivery_proof="邮件已发送")
    assert case.status == Status.DELIVERED and case.delivered_date == D(2025, 10, 21)
    case = act(case, "archive", office_a, D(2025, 10, 22))
    assert case.status == Status.ARCHIVED and case.archived_at is not None
    assert [n.kind for n in case.notices.all()] == ["receipt", "reply"]
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "received", "assigned", "answered", "delivered", "archived"]
    audit = AuditEntry.objects.filter(object_type="foi.case", object_id=str(case.pk)).order_by("id")
    assert [(a.action, a.from_state, a.to_state) for a in audit] == [
        ("foi.submit", "", "submitted"), ("foi.confirm", "submitted", "processing"),
        ("foi.assign", "processing", "processing"), ("foi.answer", "processing", "answered"),
        ("foi.deliver", "answered", "delivered"), ("foi.archive", "delivered", "archived")]


def test_correction_restarts_the_clock(register, office_a):
    case = register(D(2025, 3, 3))
    assert dates(case) == (Status.PROCESSING, D(2025, 3, 31), D(2025, 3, 12), 0)
    case = act(case, "request_correction", office_a, D(2025, 3, 5), items="请写明所需文件的年份", days=10)
    assert dates(case) == (Status.CORRECTION, None, D(2025, 3, 12), 0)
    assert case.correction_due == D(2025, 3, 19)
    with pytest.raises(TransitionError):  # 补正 only once
        act(case, "request_correction", office_a, D(2025, 3, 6), items="再补")
    case = act(case, "receive_correction", office_a, D(2025, 3, 12))
    assert dates(case) == (Status.PROCESSING, D(2025, 4, 10), D(2025, 3, 12), 0)
    case = act(case, "answer", office_a, D(2025, 4, 1), outcome="unavailable_3")
    assert case.outcome == Outcome.UNAVAILABLE_3
    assert [n.kind for n in case.notices.all()] == ["receipt", "correction", "reply"]


def test_correction_not_made_in_time_closes_the_case(register, office_a):
    case = register(D(2025, 3, 3))
    case = act(case, "request_correction", office_a, D(2025, 3, 5), items="请提供身份证明", days=10)
    with pytest.raises(TransitionError):  # the period has not ended yet
        act(case, "lapse_correction", office_a, D(2025, 3, 19))
    case = act(case, "lapse_correction", office_a, D(2025, 3, 20))
    assert case.status == Status.ANSWERED and case.outcome == Outcome.OTHER_1
    assert case.due_date is None and case.closed_date == D(2025, 3, 20)


def test_consultation_with_a_reply_pauses_the_clock(register, office_a):
    case = register(D(2025, 3, 3))
    case = act(case, "start_consultation", office_a, D(2025, 3, 10), consultee="某科技有限公司",
               consultation_kind="third_party", reason="涉及该公司商业秘密")
    # While waiting, the due date assumes the full 15-working-day window.
    assert dates(case) == (Status.CONSULTATION, D(2025, 4, 22), D(2025, 3, 12), 15)
    case = act(case, "end_consultation", office_a, D(2025, 3, 14), reply="refuse")
    assert dates(case) == (Status.PROCESSING, D(2025, 4, 7), D(2025, 3, 12), 4)
    case = act(case, "answer", office_a, D(2025, 3, 20), outcome="withheld_4")
    assert case.outcome == Outcome.WITHHELD_4
    assert "consultation" in [n.kind for n in case.notices.all()]


def test_consultation_without_a_reply_ends_after_15_workdays(register, office_a):
    case = register(D(2025, 3, 3))
    case = act(case, "start_consultation", office_a, D(2025, 3, 10), consultee="示范市财政局",
               consultation_kind="agency")
    with pytest.raises(TransitionError):  # window (to 3-31) still open
        act(case, "end_consultation", office_a, D(2025, 3, 20), reply="silent")
    case = act(case, "end_consultation", office_a, D(2025, 4, 2), reply="silent")
    ended = case.events.get(kind=EventKind.CONSULTATION_ENDED)
    assert ended.date == D(2025, 3, 31)  # start + 15 working days
    assert dates(case) == (Status.PROCESSING, D(2025, 4, 22), D(2025, 3, 12), 15)


def test_extension_needs_an_approver_and_happens_once(register, office_a, approver_a):
    case = register(D(2025, 3, 3))
    with pytest.raises(PermissionDeniedError):
        act(case, "extend", office_a, D(2025, 3, 20), workdays=10, reason="需调取档案")
    with pytest.raises(TransitionError):
        act(case, "extend", approver_a, D(2025, 3, 20), workdays=10, reason="")
    case = act(case, "extend", approver_a, D(2025, 3, 20), workdays=10, reason="需调取档案")
    assert dates(case) == (Status.PROCESSING, D(2025, 4, 15), D(2025, 3, 12), 0)
    assert case.extension_workdays == 10
    with pytest.raises(TransitionError):
        act(case, "extend", approver_a, D(2025, 3, 21), workdays=5, reason="再延")
    with pytest.raises(TransitionError):
        act(register(D(2025, 3, 3)), "extend", approver_a, D(2025, 3, 20), workdays=21, reason="太长")
    assert [n.kind for n in case.notices.all()] == ["receipt", "extension"]


def test_extension_after_the_due_date_is_refused(register, approver_a):
    case = register(D(2025, 3, 3))
    with pytest.raises(TransitionError):
        act(case, "extend", approver_a, D(2025, 4, 1), workdays=10, reason="晚了")


def test_fee_paid_pauses_then_resumes(register, office_a, settings):
    settings.GONGKAI = {**settings.GONGKAI, "FEE_WINDOW_PAUSES_CLOCK": True}
    case = register(D(2025, 3, 3), info_form="paper", delivery="post")
    case = act(case, "notify_fee", office_a, D(2025, 3, 10), fee_method="per_page", pages=150)
    assert case.fee_amount == Decimal("1700") and case.fee_method == "per_page"
    assert dates(case) == (Status.FEE_PENDING, D(2025, 4, 28), D(2025, 3, 12), 20)
    assert case.fee_due == D(2025, 4, 8)
    case = act(case, "pay_fee", office_a, D(2025, 3, 13))
    assert dates(case) == (Status.PROCESSING, D(2025, 4, 3), D(2025, 3, 12), 3)
    assert case.fee_paid_date == D(2025, 3, 13)
    case = act(case, "answer", office_a, D(2025, 3, 25), outcome="granted")
    assert case.status == Status.ANSWERED


def test_fee_window_without_pause_setting(register, office_a, settings):
    settings.GONGKAI = {**settings.GONGKAI, "FEE_WINDOW_PAUSES_CLOCK": False}
    case = register(D(2025, 3, 3))
    case = act(case, "notify_fee", office_a, D(2025, 3, 10), fee_method="per_page", pages=40)
    assert dates(case) == (Status.FEE_PENDING, D(2025, 3, 31), D(2025, 3, 12), 0)
    assert case.fee_due == D(2025, 4, 8)


def test_fee_unpaid_closes_the_case(register, office_a):
    case = register(D(2025, 3, 3))
    case = act(case, "notify_fee", office_a, D(2025, 3, 10), fee_method="per_page", pages=31)
    assert case.fee_amount == Decimal("10")
    with pytest.raises(TransitionError):
        act(case, "lapse_fee", office_a, D(2025, 4, 8))
    with pytest.raises(TransitionError):  # too late to pay
        act(case, "pay_fee", office_a, D(2025, 4, 9))
    case = act(case, "lapse_fee", office_a, D(2025, 4, 9))
    assert case.status == Status.ANSWERED and case.outcome == Outcome.OTHER_2 and case.due_date is None


def test_zero_fee_is_not_notified(register, office_a):
    case = register(D(2025, 3, 3))
    with pytest.raises(TransitionError):
        act(case, "notify_fee", office_a, D(2025, 3, 10), fee_method="per_page", pages=30)
    with pytest.raises(UserFacingError):
        act(case, "notify_fee", office_a, D(2025, 3, 10), fee_method="per_item", pages=40)


def test_per_item_fee_counts_the_applicants_month(register, office_a):
    cases = [register(D(2025, 3, 1 + i)) for i in range(11)]
    eleventh = Case.objects.get(pk=cases[-1].pk)
    case = act(eleventh, "notify_fee", office_a, D(2025, 3, 12), fee_method="per_item")
    assert case.fee_amount == Decimal("100")
    other = register(D(2025, 3, 3), id_number="110101199003077571", applicant_name="李四")
    with pytest.raises(TransitionError):  # another applicant's first application is free
        act(other, "notify_fee", office_a, D(2025, 3, 10), fee_method="per_item")


def test_withdrawal_closes_as_other(register, office_a):
    case = register(D(2025, 3, 3))
    case = act(case, "start_consultation", office_a, D(2025, 3, 5), consultee="某公司")
    case = act(case, "withdraw", office_a, D(2025, 3, 6), reason="申请人书面撤回")
    assert case.status == Status.ANSWERED and case.outcome == Outcome.OTHER_3


ANSWERABLE = [o for o in Outcome.values if o not in ("other_1", "other_2", "unavailable_3")]


@pytest.mark.parametrize("outcome", ANSWERABLE)
def test_every_statutory_outcome(register, office_a, outcome):
    case = register(D(2025, 6, 3))
    assert dates(case) == (Status.PROCESSING, D(2025, 7, 1), D(2025, 6, 12), 0)  # 端午 5-31..6-2 before
    params = {"withheld_note": "第3页涉及个人隐私，已作区分处理"} if outcome == "partial" else {}
    case = act(case, "answer", office_a, D(2025, 6, 20), outcome=outcome, **params)
    assert case.outcome == outcome and case.closed_date == D(2025, 6, 20) and case.legal_basis
    assert case.notices.filter(kind="reply").count() == 1


def test_partial_needs_what_was_withheld_and_unavailable_3_needs_a_correction(register, office_a):
    case = register(D(2025, 6, 3))
    with pytest.raises(TransitionError):
        act(case, "answer", office_a, D(2025, 6, 20), outcome="partial")
    with pytest.raises(TransitionError):
        act(case, "answer", office_a, D(2025, 6, 20), outcome="unavailable_3")
    with pytest.raises(TransitionError):  # lapses have their own actions
        act(case, "answer", office_a, D(2025, 6, 20), outcome="other_2")


def test_future_dates_and_other_agencies_are_refused(register, office_a, office_b):
    case = register(D(2025, 3, 3))
    with pytest.raises(TransitionError):
        with at(2025, 3, 5):
            case_transition(case=case, action="answer", actor=office_a, date=D(2025, 3, 6), outcome="granted")
    with pytest.raises(PermissionDeniedError):
        act(case, "answer", office_b, D(2025, 3, 6), outcome="granted")


def test_art35_delayed_reply_period(register, office_a):
    from .test_notices import text_of

    case = register(D(2025, 3, 3))
    with pytest.raises(TransitionError):  # must be later than the statutory due date
        act(case, "delay", office_a, D(2025, 3, 10), until=D(2025, 3, 28), reason="理由合理")
    with pytest.raises(TransitionError):  # reasons are required
        act(case, "delay", office_a, D(2025, 3, 10), until=D(2025, 5, 30), reason="")
    case = act(case, "delay", office_a, D(2025, 3, 10), until=D(2025, 5, 30),
               reason="申请人说明系开展课题研究所需，理由合理")
    assert dates(case) == (Status.PROCESSING, D(2025, 5, 30), D(2025, 3, 12), 0)
    text = text_of(case.notices.get(kind="extension"))
    assert "第三十五条" in text and "2025年5月30日" in text and "课题研究" in text and "第三十三条" not in text
    with pytest.raises(TransitionError):  # once only
        act(case, "delay", office_a, D(2025, 3, 11), until=D(2025, 6, 30), reason="再次")
    case = act(case, "answer", office_a, D(2025, 5, 20), outcome="granted")
    assert case.status == Status.ANSWERED


def test_chunjie_consultation_over_the_holiday_by_fax(register, office_a):
    # 2025 春节: 1-28..2-4 off; Sunday 1-26 and Saturday 2-8 are working days.
    case = register(D(2025, 1, 20), channel="fax")
    assert dates(case) == (Status.PROCESSING, D(2025, 2, 21), D(2025, 2, 5), 0)
    case = act(case, "start_consultation", office_a, D(2025, 1, 24), consultee="某公司")
    assert dates(case) == (Status.CONSULTATION, D(2025, 3, 14), D(2025, 2, 5), 15)  # no reply yet: full window
    case = act(case, "end_consultation", office_a, D(2025, 2, 10), reply="agree")
    # (1-24, 2-10] holds 7 working days: 1-26, 1-27, 2-5, 2-6, 2-7, 2-8, 2-10.
    assert dates(case) == (Status.PROCESSING, D(2025, 3, 4), D(2025, 2, 5), 7)

