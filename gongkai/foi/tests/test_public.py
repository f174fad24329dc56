"""The public application form (with the bot check) and the tracking page."""
import datetime as dt
import re
import time

import pytest
import time_machine

from gongkai.core.challenge import challenge_issue, challenge_solve, challenge_verify
from gongkai.foi.models import Case, Status

from .conftest import VALID_ID, VALID_USCC, person_fields

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _challenge_of(page: str) -> str:
    import html

    return html.unescape(re.search(r'<altcha-widget challenge="([^"]+)"', page).group(1))


def _solved(page: str) -> str:
    """The `altcha` field the widget posts: the page's proof-of-work challenge, solved."""
    return challenge_solve(_challenge_of(page))


def _post(client, agency, page, **over):
    data = {**person_fields(), "agency": agency.pk, "altcha": _solved(page), "website": "", "confirm": "on"}
    data.update(over)
    with time_machine.travel(time.time() + 10, tick=False):
        return client.post("/apply/", data)


def test_apply_track_and_nothing_personal(client, dept_a):
    page = client.get("/apply/").content.decode()
    assert "<h1>" in page and page.count("<h1") == 1 and "<altcha-widget" in page and 'class="hp-field"' in page
    response = _post(client, dept_a, page)
    assert response.status_code == 302 and response["Location"] == "/apply/done/"
    done = client.get("/apply/done/").content.decode()
    case = Case.objects.get()
    assert case.status == Status.SUBMITTED and case.channel == "online" and case.received_date is None
    code = re.search(r'id="query-code">([A-Z0-9]+)<', done).group(1)
    assert case.tracking_no in done
    assert client.get("/apply/done/").status_code == 302  # the code is shown once
    # A different browser with the right number and code sees status, but nothing personal.
    other = client.__class__()
    page = other.post("/apply/track/", {"tracking_no": case.tracking_no.lower(), "code": code}).content.decode()
    assert "网上提交待确认" in page and case.tracking_no in page
    for secret in ("张三", VALID_ID, "13800138000", "zs@example.org", "人民路", "教育经费预算执行情况的报告"):
        assert secret not in page
    wrong = other.post("/apply/track/", {"tracking_no": case.tracking_no, "code": "AAAAAAAA"}).content.decode()
    assert "申请编号或查询码不正确" in wrong and "网上提交待确认" not in wrong


def test_tracking_page_lists_notices_downloadable_only_after_the_code(client, register):
    case = register(dt.date(2025, 3, 3))
    notice = case.notices.get()
    assert client.get(f"/apply/track/notices/{notice.pk}/").status_code == 404
    page = client.post("/apply/track/", {"tracking_no": case.tracking_no, "code": case.query_code}).content.decode()
    assert "登记回执" in page and "2025-03-31" in page and "2025-03-03 登记收到" in page
    response = client.get(f"/apply/track/notices/{notice.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"PK")


def test_bot_checks(client, dept_a):
    page = client.get("/apply/").content.decode()
    # honeypot filled
    response = _post(client, dept_a, page, website="http://spam.example")
    assert response.status_code == 200 and "提交未通过验证" in response.content.decode()
    # no proof of work (a script that reads the page and posts), or a forged one; a fresh challenge is offered
    page = client.get("/apply/").content.decode()
    for forged in ("", "bm90IGEgcGF5bG9hZA==", _solved(page)[:-8] + "AAAAAAA="):
        body = _post(client, dept_a, page, altcha=forged).content.decode()
        assert "验证" in body and _challenge_of(body) != _challenge_of(page)
    # too fast
    page = client.get("/apply/").content.decode()
    data = {**person_fields(), "agency": dept_a.pk, "altcha": _solved(page), "confirm": "on"}
    assert "提交过快" in client.post("/apply/", data).content.decode()
    assert not Case.objects.exists()


def test_challenge_is_a_proof_of_work_single_use_scoped_and_expires(settings):
    import json

    challenge = challenge_issue(scope="t")
    parameters = json.loads(challenge.json)["parameters"]
    assert parameters["algorithm"] == "PBKDF2/SHA-256" and "keyPrefix" in parameters  # nothing to read off
    payload = challenge_solve(challenge.json)
    with time_machine.travel(time.time() + 5, tick=False):
        assert "无效" in challenge_verify(payload=payload, scope="other")
        assert challenge_verify(payload=payload, scope="t") == ""
        assert "已使用" in challenge_verify(payload=payload, scope="t")
        assert "无效" in challenge_verify(payload="forged", scope="t")
    later = challenge_solve(challenge_issue(scope="t").json)
    with time_machine.travel(time.time() + 3 * 3600, tick=False):
        assert "过期" in challenge_verify(payload=later, scope="t")


@pytest.mark.parametrize("over, message", [
    ({"id_number": "110105194912310021"}, "校验位"),
    ({"id_number": "110105194913310020"}, "出生日期"),
    ({"id_number": "12345"}, "18位"),
    ({"phone": "12345"}, "联系电话"),
    ({"applicant_kind": "commercial", "org_code": "91350100M000100Y44"}, "统一社会信用代码"),
    ({"info_description": ""}, "这个字段是必填项"),
])
def test_form_validation_messages(client, dept_a, over, message):
    page = client.get("/apply/").content.decode()
    response = _post(client, dept_a, page, **over)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Case.objects.exists()


def test_full_width_input_and_organisations_are_accepted(client, dept_a):
    page = client.get("/apply/").content.decode()
    wide_phone = "１３８００１３８０００"
    response = _post(client, dept_a, page, applicant_kind="commercial", applicant_name="某贸易有限公司",
                     id_number="", org_code=VALID_USCC.lower(), phone=wide_phone)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.org_code == VALID_USCC and case.phone == "13800138000" and case.applicant_kind == "commercial"


def test_identity_upload_is_sniffed_by_content(client, dept_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.get("/apply/").content.decode()
    fake = SimpleUploadedFile("id.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = _post(client, dept_a, page, identity_file=fake)
    assert "按文件内容判断" in response.content.decode() and not Case.objects.exists()
    page = client.get("/apply/").content.decode()
    real = SimpleUploadedFile("scan.bin", PNG, content_type="application/octet-stream")
    assert _post(client, dept_a, page, identity_file=real).status_code == 302
    assert Case.objects.get().identity_file.name.endswith(".png")


def test_hostile_html_is_escaped(client, dept_a, office_a):
    page = client.get("/apply/").content.decode()
    _post(client, dept_a, page, info_description="<script>alert(1)</script>请提供文件")
    case = Case.objects.get()
    client.force_login(office_a)
    body = client.get(f"/console/foi/cases/{case.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_api_tracking_by_number_and_code(client, register):
    case = register(dt.date(2025, 3, 3))
    response = client.post("/api/foi/track", {"tracking_no": case.tracking_no, "code": case.query_code},
                           content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["due_date"] == "2025-03-31" and data["status_code"] == "processing"
    assert "张三" not in response.content.decode() and VALID_ID not in response.content.decode()
    wrong = client.post("/api/foi/track", {"tracking_no": case.tracking_no, "code": "NOPE"},
                        content_type="application/json")
    assert wrong.status_code == 404 and "不正确" in wrong.json()["detail"]
    schema = client.get("/api/openapi.json").json()
    assert "/api/foi/track" in schema["paths"] and "/api/foi/staff/cases" in schema["paths"]
