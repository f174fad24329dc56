"""Every staff view: login, FOI role, agency scope (404 outside), and the actions through the console."""
import datetime as dt
import io

import pytest
from docx import Document

from gongkai.agencies.models import Role
from gongkai.foi.models import Appeal, Case, Status

from .conftest import at, person_fields

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def case_a(register):
    return register(D(2025, 3, 3))


def case_urls(case):
    notice = case.notices.first()
    return [f"/console/foi/cases/{case.pk}/", f"/console/foi/notices/{notice.pk}/docx/",
            f"/console/foi/notices/{notice.pk}/pdf/"]


LIST_URLS = ["/console/foi/", "/console/foi/cases/", "/console/foi/cases/new/", "/console/foi/templates/",
             "/console/foi/notifications/", "/console/foi/templates/reply/"]


def test_anonymous_users_are_sent_to_login(client, case_a):
    for url in LIST_URLS + case_urls(case_a):
        response = client.get(url)
        assert response.status_code == 302 and "/console/" in response["Location"], url


def test_staff_without_an_foi_role_get_403(client, editor_a, case_a):
    client.force_login(editor_a)
    for url in LIST_URLS + case_urls(case_a):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/console/foi/cases/{case_a.pk}/act/archive/").status_code == 403


def test_other_agencies_cases_are_404(client, office_b, case_a):
    client.force_login(office_b)
    for url in LIST_URLS:
        assert client.get(url).status_code == 200, url
    for url in case_urls(case_a) + [f"/console/foi/cases/{case_a.pk}/identity/"]:
        assert client.get(url).status_code == 404, url
    for url in (f"/console/foi/cases/{case_a.pk}/act/answer/", f"/console/foi/cases/{case_a.pk}/appeals/",
                f"/console/foi/cases/{case_a.pk}/publish/"):
        assert client.post(url, {}).status_code == 404, url
    assert case_a.tracking_no not in client.get("/console/foi/cases/").content.decode()
    response = client.get("/api/foi/staff/cases")
    assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get(f"/api/foi/staff/cases/{case_a.pk}").status_code == 404


def test_city_office_supervises_its_departments(client, office_city, case_a, register, dept_b, make_user):
    make_user("office_fin", dept_b, Role.OFFICE)
    from gongkai.agencies.models import Agency
    from django.contrib.auth import get_user_model

    register(D(2025, 3, 4), agency=dept_b, actor=get_user_model().objects.get(username="office_fin"))
    client.force_login(office_city)
    page = client.get("/console/foi/").content.decode()
    assert "示范市教育局" in page and "示范市财政局" in page and page.count("<h1") == 1
    assert client.get(f"/console/foi/cases/{case_a.pk}/").status_code == 200
    data = client.get("/api/foi/staff/dashboard").json()
    assert data["total"]["open"] == 2
    assert {a["agency"]: a["open"] for a in data["agencies"]} == {"city": 0, "edu": 1, "fin": 1}
    assert Agency.objects.count() == 3


def test_dashboard_buckets(client, office_a, register):
    due_soon = register(D(2025, 3, 3))  # due 3-31
    overdue = register(D(2025, 2, 5))  # due 3-6
    provisional = register(D(2025, 3, 3))
    Case.objects.filter(pk=provisional.pk).update(provisional=True)
    from gongkai.foi.services import case_transition

    with at(2025, 3, 10):
        case_transition(case=register(D(2025, 3, 3)), action="start_consultation", actor=office_a, consultee="某公司")
    client.force_login(office_a)
    with at(2025, 3, 27):
        data = client.get("/api/foi/staff/dashboard").json()
        total = data["total"]
        assert total["open"] == 4 and total["due_soon"] == 2 and total["overdue"] == 1 and total["paused"] == 1
        assert total["provisional"] == 1
        page = client.get("/console/foi/cases/?bucket=overdue").content.decode()
        assert overdue.tracking_no in page and due_soon.tracking_no not in page


def test_register_and_act_through_the_console(client, office_a, approver_a, dept_a):
    client.force_login(office_a)
    with at(2025, 3, 3):
        data = {**person_fields(), "agency": dept_a.pk, "channel": "ordinary_letter", "received_date": "2025-03-03"}
        response = client.post("/console/foi/cases/new/", data)
        assert response.status_code == 302
        case = Case.objects.get()
        assert case.channel == "ordinary_letter" and case.received_date == D(2025, 3, 3)
        page = client.get(response["Location"]).content.decode()
        assert "2025-03-31" in page and "期限如何计算" in page and "收到之日不计入" in page
        assert case.tracking_no in page and page.count("<h1") == 1
    with at(2025, 3, 5):
        r = client.post(f"/console/foi/cases/{case.pk}/act/request_correction/",
                        {"request_correction-items": "请写明年份", "request_correction-days": "10"})
        assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CORRECTION and case.correction_due == D(2025, 3, 19)
    with at(2025, 3, 6):
        page = client.get(f"/console/foi/cases/{case.pk}/").content.decode()
        assert "待补正，停止计算" in page
        # An action the state does not allow shows a message and changes nothing.
        client.post(f"/console/foi/cases/{case.pk}/act/answer/", {"answer-outcome": "granted"}, follow=True)
        case.refresh_from_db()
        assert case.status == Status.CORRECTION
        client.post(f"/console/foi/cases/{case.pk}/act/receive_correction/", {})
        # The office cannot extend; the approver can.
        page = client.post(f"/console/foi/cases/{case.pk}/act/extend/",
                           {"extend-workdays": "5", "extend-reason": "需调档"}, follow=True).content.decode()
        assert "没有" in page and "权限" in page
    case.refresh_from_db()
    assert case.extension_workdays == 0 and case.due_date == D(2025, 4, 3)
    client.force_login(approver_a)
    with at(2025, 3, 7):
        client.post(f"/console/foi/cases/{case.pk}/act/extend/", {"extend-workdays": "5", "extend-reason": "需调档"})
    case.refresh_from_db()
    assert case.extension_workdays == 5 and case.due_date == D(2025, 4, 11)  # 4-4 清明 off
    client.force_login(office_a)
    with at(2025, 3, 10):
        client.post(f"/console/foi/cases/{case.pk}/act/answer/",
                    {"answer-outcome": "granted", "answer-reply_text": "现予公开"})
        case.refresh_from_db()
        assert case.status == Status.ANSWERED
        notice = case.notices.get(kind="reply")
        response = client.get(f"/console/foi/notices/{notice.pk}/docx/")
        doc = Document(io.BytesIO(b"".join(response.streaming_content)))
        assert case.tracking_no in "\n".join(p.text for p in doc.paragraphs)
        client.post(f"/console/foi/cases/{case.pk}/appeals/",
                    {"kind": "reconsideration", "filed_date": "2025-03-10", "result": "pending", "body": "示范市人民政府"})
        appeal = Appeal.objects.get()
        client.post(f"/console/foi/appeals/{appeal.pk}/", {"result": "upheld", "decided_date": "2025-03-10"})
        appeal.refresh_from_db()
        assert appeal.result == "upheld" and appeal.decided_date == D(2025, 3, 10)


def test_publish_proactively_creates_a_catalog_draft(client, make_user, dept_a, register):
    from gongkai.catalog.models import Document as CatalogDocument
    from gongkai.foi.services import case_transition

    user = make_user("office_editor", dept_a, Role.OFFICE, Role.EDITOR)
    case = register(D(2025, 3, 3))
    with at(2025, 3, 10):
        case_transition(case=case, action="answer", actor=user, outcome="granted")
    client.force_login(user)
    client.post(f"/console/foi/cases/{case.pk}/publish/", {"title": "2024年教育经费预算执行情况", "body_html": "<p>正文</p>"})
    doc = CatalogDocument.objects.get()
    assert doc.status == "draft" and doc.agency == dept_a and case.tracking_no in doc.source_name
    assert case.events.filter(kind="published").exists()


def test_template_page_upload_is_for_administrators(client, office_a, admin_user):
    from gongkai.foi.models import NoticeTemplate
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = Document()
    doc.add_paragraph("自定义 {{ tracking_no }}")
    out = io.BytesIO()
    doc.save(out)
    client.force_login(office_a)
    page = client.post("/console/foi/templates/", {"key": "receipt", "file": SimpleUploadedFile("t.docx", out.getvalue())},
                       follow=True).content.decode()
    assert "只有管理员" in page and not NoticeTemplate.objects.exists()
    client.force_login(admin_user)
    client.post("/console/foi/templates/", {"key": "receipt", "file": SimpleUploadedFile("t.docx", out.getvalue())})
    assert NoticeTemplate.objects.filter(key="receipt").exists()
    assert client.get("/console/foi/templates/receipt/").content == out.getvalue()


def test_timeline_details_are_in_chinese(client, register, office_a):
    from gongkai.foi.services import case_transition

    case = register(D(2025, 3, 3))
    with at(2025, 3, 10):
        case_transition(case=case, action="start_consultation", actor=office_a, consultee="某公司",
                        consultation_kind="agency")
        client.force_login(office_a)
        page = client.get(f"/console/foi/cases/{case.pk}/").content.decode()
    assert "申请方式：当面提交" in page and "征求对象：某公司" in page and "征求其他机关意见" in page
    assert "consultation_kind=" not in page
