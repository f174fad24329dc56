"""The /apply/ page a citizen expects: 申请须知, the paper form, labels, agency order, a refused post
that says to choose the file again, and recovering a lost query code."""
import logging

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog.importing.services import agency_catch_all_ensure
from gongkai.foi import paper
from gongkai.foi.recovery import case_query_code_resend
from gongkai.foi.selectors import case_public_get
from gongkai.foi.services import case_submit_online

from .conftest import person_fields

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_apply_page_guide_labels_and_agency_order(client, city, dept_a):
    agency_catch_all_ensure()
    html = client.get(reverse("foi:apply")).content.decode()
    assert "申请须知" in html and "带 * 的为必填项" in html and 'class="req"' in html
    assert reverse("foi:form_docx") in html and reverse("foi:recover") in html
    options = html[html.index('name="agency"'):]
    options = options[:options.index("</select>")]
    assert ">请选择<" in options and "---------" not in options
    assert options.index(dept_a.name) < options.index("其他机构")


def test_refused_post_says_to_choose_the_file_again(client, dept_a):
    data = {**person_fields(), "agency": dept_a.pk, "challenge_token": "forged", "challenge_answer": "1",
            "confirm": "on", "identity_file": SimpleUploadedFile("身份证.png", PNG, content_type="image/png")}
    html = client.post(reverse("foi:apply"), data).content.decode()
    assert "申请尚未提交" in html and "身份证.png" in html and "请在下方重新选择该文件" in html


def test_paper_application_form_docx(client):
    response = client.get(reverse("foi:form_docx"))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    import io

    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "政府信息公开申请表" in text and "第二十九条" in text


def test_paper_application_form_pdf(client):
    response = client.get(reverse("foi:form_pdf"))
    if not paper.pdf_available():
        assert response.status_code == 404
        return
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    from pypdf import PdfReader
    import io

    assert "申请表" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_query_code_recovered_by_email_never_shown(client, dept_a, django_capture_on_commit_callbacks):
    case, code = case_submit_online(agency=dept_a, fields=person_fields(email="zs@example.org"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("foi:recover"), {"tracking_no": case.tracking_no.lower(),
                                                        "contact": "ZS@example.org"})
    html = response.content.decode()
    assert "新的查询码已发送" in html
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zs@example.org"]
    new = mail.outbox[0].body.split("新查询码是 ")[1][:8]
    assert new not in html and case_public_get(tracking_no=case.tracking_no, code=new) is not None
    assert case_public_get(tracking_no=case.tracking_no, code=code) is None  # the old code no longer works


def sms_outbox(number, text):
    SMS_SENT.append((number, text))


SMS_SENT = []


def test_query_code_recovered_by_phone_through_the_sms_backend(dept_a, settings, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = f"{__name__}.sms_outbox"
    SMS_SENT.clear()
    case, _code = case_submit_online(agency=dept_a, fields=person_fields(phone="13800138000"))
    with django_capture_on_commit_callbacks(execute=True):
        assert case_query_code_resend(tracking_no=case.tracking_no, contact="138 0013 8000")
    assert len(SMS_SENT) == 1 and SMS_SENT[0][0] == "13800138000"
    new = SMS_SENT[0][1].split("新查询码是 ")[1][:8]
    assert case_public_get(tracking_no=case.tracking_no, code=new) is not None


def test_sms_without_a_gateway_is_logged(caplog):
    from gongkai.foi.recovery import sms_send

    with caplog.at_level(logging.WARNING, logger="gongkai.foi.recovery"):
        sms_send("13800138000", "测试短信")
    assert "13800138000" in caplog.text


def test_wrong_contact_sends_nothing_and_says_the_same(client, dept_a, django_capture_on_commit_callbacks):
    case, code = case_submit_online(agency=dept_a, fields=person_fields(email="zs@example.org", phone="13800138000"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("foi:recover"), {"tracking_no": case.tracking_no, "contact": "other@example.org"})
    assert "新的查询码已发送" in response.content.decode() and mail.outbox == []
    assert case_public_get(tracking_no=case.tracking_no, code=code) is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert not case_query_code_resend(tracking_no="YSQ0000", contact="zs@example.org")
