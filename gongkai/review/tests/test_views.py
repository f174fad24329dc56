"""The review console: access, scan with highlighted findings, integrity status and run."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.catalog.models import Document
from gongkai.review.models import IntegrityRun

pytestmark = pytest.mark.django_db


def test_access_by_role(client, editor_a, reviewer_a):
    url = reverse("review_staff:home")
    assert client.get(url).status_code == 302  # to login
    client.force_login(editor_a)
    assert client.get(url).status_code == 403
    client.force_login(reviewer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<h1>") == 1


def test_scan_text_shows_highlights_and_masked_text(client, reviewer_a):
    client.force_login(reviewer_a)
    text = "申请人张建国，手机13812345678。bob最新官网\n副市长陈静出席。"
    response = client.post(reverse("review_staff:home"), {"text": text, "title": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="mark-pii" title="手机号码">13812345678</mark>' in page
    assert '<mark class="mark-spam"' in page and "禁止发布" in page
    assert '<mark class="mark-public" title="姓名（公开信息）">陈静</mark>' in page
    assert "申请人张**，手机138****5678。\n副市长陈静出席。" in page


def test_scan_file_and_bad_file(client, reviewer_a):
    client.force_login(reviewer_a)
    good = SimpleUploadedFile("a.txt", "机密★1年\n关于工作安排的通知".encode("gb18030"))
    page = client.post(reverse("review_staff:home"), {"file": good}).content.decode()
    assert '<mark class="mark-secrecy"' in page
    bad = SimpleUploadedFile("a.pdf", b"%PDF-1.4 binary")
    page = client.post(reverse("review_staff:home"), {"file": bad}).content.decode()
    assert "无法读取 PDF 文件“a.pdf”，文件可能已损坏。" in page
    old_word = SimpleUploadedFile("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 binary")
    page = client.post(reverse("review_staff:home"), {"file": old_word}).content.decode()
    assert "暂不支持扫描此类文件" in page
    assert "请粘贴文本或上传文件" in client.post(reverse("review_staff:home"), {}).content.decode()


def test_integrity_run_from_console_scoped(client, published_doc, make_user, dept_b, office_city, reviewer_b):
    client.force_login(reviewer_b)
    assert client.post(reverse("review_staff:integrity_run")).status_code == 403
    Document.objects.filter(pk=published_doc.pk).update(title="改动后的标题")
    client.force_login(office_city)
    response = client.post(reverse("review_staff:integrity_run"), follow=True)
    page = response.content.decode()
    assert IntegrityRun.objects.get().source == IntegrityRun.Source.CONSOLE
    assert "document_changed" in page
    # A reviewer of another department sees the run but not this department's document problems.
    client.force_login(reviewer_b)
    page = client.get(reverse("review_staff:home")).content.decode()
    assert "发现" in page and "document_changed" not in page
    office_b = make_user("office_b", dept_b, Role.OFFICE)
    client.force_login(office_b)
    assert "document_changed" not in client.get(reverse("review_staff:home")).content.decode()


def test_override_records_listed_for_own_agency(client, dept_a, editor_a, reviewer_a, reviewer_b):
    from gongkai.catalog.services import document_create, document_transition

    doc = document_create(agency=dept_a, actor=editor_a, title="关于受理情况的公告",
                          body_html="<p>申请人张建国于2024年3月5日提出申请。</p>")
    document_transition(document=doc, action="submit", actor=editor_a)
    document_transition(document=doc, action="publish", actor=reviewer_a, override_reason="申请人同意公开")
    client.force_login(reviewer_a)
    page = client.get(reverse("review_staff:home")).content.decode()
    assert "关于受理情况的公告" in page and "申请人同意公开" in page and "人工覆盖" in page
    client.force_login(reviewer_b)
    assert "关于受理情况的公告" not in client.get(reverse("review_staff:home")).content.decode()
