"""Issue 13 defect 7: the applicant never receives the third party's 征求第三方意见书.

One rule (selectors.applicant_notices) decides what is the applicant's: the tracking page (HTML and
the JSON API), the download and the e-mail all follow it.
"""
import datetime as dt

import pytest

from gongkai.foi.models import Notice, NoticeKind

from .test_notices import act

pytestmark = pytest.mark.django_db
D = dt.date
CONSULTEE = "某科技有限公司"


def _consulted(register, office_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = register(D(2025, 3, 3))
        act(case, "start_consultation", office_a, D(2025, 3, 5), consultee=CONSULTEE,
            reason="该信息含有该公司的经营数据")
    consultation = Notice.objects.get(case=case, kind=NoticeKind.CONSULTATION)
    assert consultation.is_issued
    return case, consultation


def test_tracking_page_lists_and_serves_only_the_applicants_notices(client, register, office_a,
                                                                    django_capture_on_commit_callbacks):
    case, consultation = _consulted(register, office_a, django_capture_on_commit_callbacks)
    receipt = case.notices.get(kind=NoticeKind.RECEIPT)
    page = client.post("/apply/track/", {"tracking_no": case.tracking_no, "code": case.query_code}).content.decode()
    assert f"/apply/track/notices/{receipt.pk}/" in page
    assert f"/apply/track/notices/{consultation.pk}/" not in page
    assert "征求第三方意见书" not in page and "征求意见书" not in page and CONSULTEE not in page
    assert client.get(f"/apply/track/notices/{receipt.pk}/").status_code == 200
    assert client.get(f"/apply/track/notices/{consultation.pk}/").status_code == 404


def test_tracking_api_lists_only_the_applicants_notices(client, register, office_a,
                                                        django_capture_on_commit_callbacks):
    case, consultation = _consulted(register, office_a, django_capture_on_commit_callbacks)
    body = client.post("/api/foi/track", {"tracking_no": case.tracking_no, "code": case.query_code},
                       content_type="application/json").json()
    ids = [n["id"] for n in body["notices"]]
    assert consultation.pk not in ids and case.notices.get(kind=NoticeKind.RECEIPT).pk in ids
    assert CONSULTEE not in str(body)
