"""The information itself: files uploaded by staff, reviewed, delivered with the reply by e-mail
and on the tracking page (with a download log), 部分公开 with the redaction recorded."""
import datetime as dt

import pytest

from gongkai.core.errors import UserFacingError
from gongkai.foi.disclosure import disclosed_file_add, disclosed_file_remove
from gongkai.foi.models import FileDownload
from gongkai.foi.services import case_transition

from .conftest import VALID_ID, at
from .test_notices import act, text_of

pytestmark = pytest.mark.django_db
D = dt.date
REPORT = "2024年全市教育经费预算执行情况报告\n一、预算执行总体情况\n全年支出12.3亿元。".encode()


def add(case, actor, name="执行情况报告.txt", data=REPORT, **kw):
    with at(2025, 3, 6):
        return disclosed_file_add(case=case, actor=actor, name=name, data=data, **kw)


def test_a_granted_reply_delivers_the_file_by_mail_and_on_the_tracking_page(register, office_a, client, mailoutbox,
                                                                           django_capture_on_commit_callbacks):
    case = register(D(2025, 3, 3))
    code = case.query_code
    item = add(case, office_a)
    assert item.size == len(REPORT) and len(item.sha256) == 64 and item.review["verdict"] == "pass"
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = act(case, "answer", office_a, D(2025, 3, 10), outcome="granted")
    reply = text_of(case.notices.get(kind="reply"))
    assert "共1件（见附件），随本答复书发送至您预留的电子邮箱" in reply and "附件：1．执行情况报告.txt" in reply
    assert "见下文" not in reply
    mail = mailoutbox[-1]
    assert [a[0] for a in mail.attachments] == [f"{case.notices.get(kind='reply').number}.docx", "执行情况报告.txt"]
    assert mail.attachments[1][1] in (REPORT, REPORT.decode())
    # the tracking page lists and serves it to a browser that gave the code, and logs the download
    url = f"/apply/track/files/{item.pk}/"
    assert client.get(url).status_code == 404
    page = client.post("/apply/track/", {"tracking_no": case.tracking_no, "code": code}).content.decode()
    assert "执行情况报告.txt" in page and url in page
    response = client.get(url, HTTP_USER_AGENT="test-browser")
    assert response.status_code == 200 and b"".join(response.streaming_content) == REPORT
    log = FileDownload.objects.get()
    assert log.file == item and log.user_agent == "test-browser" and "127.0.0.1" not in log.ip_hash
    # once answered the file stays as it was sent
    with pytest.raises(UserFacingError):
        disclosed_file_remove(item=item, actor=office_a)


def test_files_are_not_downloadable_before_the_reply(register, office_a, client):
    case = register(D(2025, 3, 3))
    item = add(case, office_a)
    client.post("/apply/track/", {"tracking_no": case.tracking_no, "code": case.query_code})
    assert client.get(f"/apply/track/files/{item.pk}/").status_code == 404


def test_the_review_refuses_a_file_with_personal_data(register, office_a):
    case = register(D(2025, 3, 3))
    with pytest.raises(UserFacingError) as err:
        add(case, office_a, data=f"申请人身份证号{VALID_ID}，联系电话13800138000。".encode())
    assert "公开前审查" in err.value.message and "区分处理" in err.value.message
    assert not case.disclosed_files.exists()


@pytest.mark.parametrize("name, data, words", [
    ("a.exe", b"MZ", "PDF"), ("empty.txt", b"", "空"), ("big.txt", b"x" * (20 * 1024 * 1024 + 1), "20 MB"),
])
def test_bad_uploads_get_a_chinese_reason(register, office_a, name, data, words):
    case = register(D(2025, 3, 3))
    with pytest.raises(UserFacingError) as err:
        add(case, office_a, name=name, data=data)
    assert words in err.value.message


def test_partial_needs_the_redaction_recorded(register, office_a):
    case = register(D(2025, 3, 3))
    with pytest.raises(UserFacingError):
        add(case, office_a, redacted=True)  # no note
    item = add(case, office_a)
    with at(2025, 3, 10), pytest.raises(UserFacingError) as err:
        case_transition(case=case, action="answer", actor=office_a, outcome="partial", withheld_note="第三页不予公开")
    assert "区分处理" in err.value.message
    with at(2025, 3, 10), pytest.raises(UserFacingError):
        case_transition(case=case, action="answer", actor=office_a, outcome="withheld_1")  # files need 公开
    disclosed_file_remove(item=item, actor=office_a)
    add(case, office_a, name="报告（删除第三页）.txt", redacted=True, redaction_note="删除第三页所列个人信息")
    case = act(case, "answer", office_a, D(2025, 3, 10), outcome="partial", withheld_note="第三页不予公开")
    reply = text_of(case.notices.get(kind="reply"))
    assert "报告（删除第三页）.txt（已作区分处理）" in reply and "不予公开的部分及理由：第三页不予公开。" in reply


def test_the_console_uploads_and_lists_files(register, office_a, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = register(D(2025, 3, 3))
    client = client_for(office_a)
    with at(2025, 3, 6):
        client.post(f"/console/foi/cases/{case.pk}/files/", {"file": SimpleUploadedFile("报告.txt", REPORT)})
    page = client.get(f"/console/foi/cases/{case.pk}/").content.decode()
    assert "报告.txt" in page and "公开的信息文件" in page and case.disclosed_files.count() == 1
