"""依申请公开 in the browser: the 公开办 handles an online application to a reply; the applicant
tracks it, downloads the notice and recovers a lost query code by e-mail."""
import re

from django.core import mail

from gongkai.agencies.models import Role
from gongkai.foi.models import Case, Notice
from gongkai.foi.services import case_submit_online, case_transition

from .conftest import BROWSER_DB, log_in

pytestmark = BROWSER_DB

FIELDS = {"applicant_kind": "natural_person", "applicant_name": "李四", "id_type": "id_card",
          "id_number": "11010519491231002X", "phone": "13800138000", "email": "lisi@example.com",
          "info_title": "2024年校外培训机构检查结果", "info_description": "请提供2024年全市校外培训机构检查结果。",
          "info_form": "electronic", "delivery": "email"}


def test_office_handles_an_application_to_a_reply(desktop, make_user, dept_a):
    make_user("office_a", dept_a, Role.OFFICE)
    case, _code = case_submit_online(agency=dept_a, fields=FIELDS)
    page = log_in(desktop, "office_a")
    page.get_by_role("link", name="依申请公开").first.click()
    desktop.check(page, name="office-foi-dashboard", texts=["依申请公开"], axe=True)
    page.goto(desktop.url(f"/console/foi/cases/{case.pk}/"))
    desktop.check(page, name="office-case", texts=[case.tracking_no, "李四", "校外培训机构检查结果", "确认收到"],
                  axe=True)

    page.locator("summary", has_text="确认收到").click()
    page.locator("form[action$='/act/confirm/'] button[type=submit]").click()
    desktop.check(page, name="office-case-confirmed", texts=["已完成：确认收到", "答复期限"])
    case.refresh_from_db()
    assert case.received_date is not None and case.due_date is not None

    page.locator("summary", has_text="作出答复").click()
    form = page.locator("form[action$='/act/answer/']")
    form.get_by_label("办理结果").select_option("granted")
    form.get_by_label("答复内容").fill("经查，您申请的信息予以公开，详见附件。")
    form.locator("button[type=submit]").click()
    desktop.check(page, name="office-case-answered", texts=["已完成：作出答复", "予以公开"], axe=True)
    case.refresh_from_db()
    assert case.status == "answered" and case.outcome == "granted"
    notices = page.locator("section[aria-labelledby=notice-h]")
    assert notices.get_by_role("link", name="Word").count() >= 1


def test_applicant_tracks_a_case_downloads_a_notice_and_recovers_the_code(phone, make_user, dept_a, tmp_path):
    office = make_user("office_a", dept_a, Role.OFFICE)
    case, code = case_submit_online(agency=dept_a, fields=FIELDS)
    case = case_transition(case=case, action="confirm", actor=office)
    case_transition(case=case, action="answer", actor=office, outcome="granted", reply_text="予以公开。")
    assert Notice.objects.filter(case=case, status="issued").exists()

    page = phone.new_page()
    page.goto(phone.url("/apply/track/"))
    phone.check(page, name="track-form", texts=["申请办理进度查询", "忘记查询码"], axe=True)
    page.get_by_label("申请编号").fill(case.tracking_no)
    page.get_by_label("查询码").fill("WRONG123")
    page.get_by_role("button", name="查询").click()
    phone.check(page, name="track-wrong", texts=["申请编号或查询码不正确"])
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    phone.check(page, name="track-case", texts=["办理情况", case.tracking_no, "予以公开", "文书"], axe=True)
    body = page.locator("main").inner_text()
    assert "李四" not in body and "13800138000" not in body  # nothing personal on the tracking page

    link = page.locator("main ul a[href*='/apply/track/notices/']").first
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "notice.docx"
    download.value.save_as(path)
    assert path.read_bytes()[:2] == b"PK"

    # The query code is lost: a new one goes to the e-mail address the application gave, never the page.
    mail.outbox.clear()
    page.goto(phone.url("/apply/recover/"))
    phone.check(page, name="recover-form", texts=["找回查询码"], axe=True)
    page.get_by_label("申请编号").fill(case.tracking_no)
    page.get_by_label(re.compile("电子邮箱或联系电话")).fill("LISI@example.com")
    page.get_by_role("button", name="发送新的查询码").click()
    phone.check(page, name="recover-sent", texts=["新的查询码已发送"], axe=True)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lisi@example.com"]
    new_code = re.search(r"新查询码是 ([A-Z0-9]{8})", mail.outbox[0].body).group(1)
    assert new_code not in page.content()
    page.goto(phone.url("/apply/track/"))
    page.get_by_label("申请编号").fill(case.tracking_no)
    page.get_by_label("查询码").fill(new_code)
    page.get_by_role("button", name="查询").click()
    phone.check(page, name="track-new-code", texts=["办理情况"])
    assert Case.objects.get(pk=case.pk).query_code_hash != ""
