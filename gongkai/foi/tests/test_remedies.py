"""The remedy sentence follows the outcome and the date of the act (行政复议法 2023 Art. 23(4))."""
import datetime as dt

import pytest

from gongkai.foi.models import Outcome
from gongkai.foi.remedies import remedy_kind, remedy_sentence

from .conftest import person_fields
from .test_notices import act, text_of

D = dt.date
AFTER, BEFORE = D(2024, 1, 1), D(2023, 12, 29)
FIRST = "应当自收到本答复之日起六十日内依法申请行政复议"
CHOICE = "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼"


@pytest.mark.parametrize("outcome", [o for o in Outcome.values if o.startswith("withheld_")])
def test_withheld_must_first_go_to_reconsideration(outcome):
    text = remedy_sentence(outcome=outcome, decided=AFTER)
    assert FIRST in text and "第二十三条第一款第（四）项" in text and "十五日内" in text and CHOICE not in text
    assert text.count("。") == 1 and text.endswith("。")
    # before the revised law: the choice
    assert remedy_kind(outcome=outcome, decided=BEFORE) == "choice" and CHOICE in remedy_sentence(
        outcome=outcome, decided=BEFORE)


def test_partial_splits_the_withheld_part_from_the_rest():
    text = remedy_sentence(outcome=Outcome.PARTIAL, decided=AFTER)
    withheld, _sep, rest = text.partition("如对本答复的其他内容不服")
    assert "不予公开的部分不服" in withheld and FIRST in withheld and CHOICE not in withheld
    assert CHOICE in rest and "六十日内依法申请行政复议" in rest
    assert remedy_kind(outcome=Outcome.PARTIAL, decided=D(2023, 12, 31)) == "choice"


@pytest.mark.parametrize("outcome", [o for o in Outcome.values if o != "partial" and not o.startswith("withheld_")])
def test_other_outcomes_keep_the_choice(outcome):
    text = remedy_sentence(outcome=outcome, decided=AFTER)
    assert CHOICE in text and "应当" not in text and "六十日内依法申请行政复议" in text


def test_procedural_notices_name_themselves():
    assert remedy_sentence(decided=AFTER, subject="本通知").startswith("如对本通知不服，可以自收到本通知之日起六十日内")


@pytest.mark.parametrize("outcome, first, choice", [("withheld_6", True, False), ("partial", True, True),
                                                    ("granted", False, True), ("unavailable_1", False, True)])
def test_the_reply_carries_the_sentence_of_its_outcome(register, office_a, outcome, first, choice):
    case = register(D(2025, 3, 3))
    case = act(case, "answer", office_a, D(2025, 3, 10), outcome=outcome,
               withheld_note="第三页含个人信息" if outcome == "partial" else "")
    text = text_of(case.notices.get(kind="reply"))
    assert (FIRST in text) is first and (CHOICE in text) is choice
    assert text.count("如对本答复") == (2 if outcome == "partial" else 1)


def test_a_reply_dated_before_2024_keeps_the_old_sentence(register, office_a):
    case = act(register(D(2023, 12, 20)), "answer", office_a, D(2023, 12, 29), outcome="withheld_1")
    text = text_of(case.notices.get(kind="reply"))
    assert CHOICE in text and FIRST not in text


def test_correction_notice_for_an_organisation(register, office_a):
    case = register(D(2025, 3, 3), **{k: v for k, v in person_fields(
        applicant_kind="commercial", applicant_name="示范科技有限公司", org_code="91350100M000100Y43",
        id_number="", id_type="").items() if k not in person_fields() or k in (
        "applicant_kind", "applicant_name", "org_code", "id_number", "id_type")})
    receipt = text_of(case.notices.get(kind="receipt"))
    assert "收到贵单位通过" in receipt and "您" not in receipt and "（单位）" not in receipt
    case = act(case, "answer", office_a, D(2025, 3, 10), outcome="withheld_5")
    reply = text_of(case.notices.get(kind="reply"))
    assert "贵单位申请获取的信息属于" in reply and "您" not in reply
