"""The pre-publication review runs before a notice goes out and before staff see what the public sent."""
import datetime as dt

import pytest

from gongkai.core.errors import TransitionError
from gongkai.foi.models import Case, Status
from gongkai.foi.services import case_transition

from .conftest import at

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_reply_with_a_secrecy_marker_is_not_sent(register, office_a):
    case = register(D(2025, 3, 3))
    with at(2025, 3, 10), pytest.raises(TransitionError) as err:
        case_transition(case=case, action="answer", actor=office_a, outcome="granted",
                        reply_text="附件为机密★1年文件，现予提供。")
    assert "机密" in err.value.message
    case.refresh_from_db()
    assert case.status == Status.PROCESSING and not case.notices.filter(kind="reply").exists()
    assert not case.events.filter(kind="answered").exists()


def test_a_correction_notice_with_an_id_number_is_refused(register, office_a):
    case = register(D(2025, 3, 3))
    with at(2025, 3, 4), pytest.raises(TransitionError):
        case_transition(case=case, action="request_correction", actor=office_a,
                        items="请核对身份证号11010519491231002X是否为本人")
    assert Case.objects.get(pk=case.pk).status == Status.PROCESSING


def test_warnings_are_stored_masked_on_the_notice(register, office_a):
    case = register(D(2025, 3, 3))
    with at(2025, 3, 10):
        case = case_transition(case=case, action="answer", actor=office_a, outcome="granted",
                               reply_text="如有疑问请致电承办人手机13800138000。")
    review = case.notices.get(kind="reply").review
    assert review["verdict"] == "warn"
    assert "13800138000" not in str(review) and "138****8000" in str(review)


def test_staff_see_the_review_of_what_the_public_submitted(client, register, office_a):
    case = register(D(2025, 3, 3), info_description="请提供文件。另：本文件为机密★1年。")
    client.force_login(office_a)
    page = client.get(f"/console/foi/cases/{case.pk}/").content.decode()
    assert 'id="review-note"' in page and "机密★1年" in page
    clean = register(D(2025, 3, 3), info_description="请提供2024年预算执行报告。")
    assert 'id="review-note"' not in client.get(f"/console/foi/cases/{clean.pk}/").content.decode()
