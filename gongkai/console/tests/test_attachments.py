"""Attachment upload: size limit, type by content (not by name), safe names, removal."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog.models import Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode."


def _docx_bytes():
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("附件：2024年课后服务收费标准")
    document.save(buffer)
    return buffer.getvalue()


def _upload(client, doc, name, data):
    return client.post(reverse("console:attachment_upload", args=[doc.pk]),
                       {"file": SimpleUploadedFile(name, data, content_type="application/pdf")})


def test_a_pdf_is_attached_with_its_hash(editor_a, dept_a, make_doc, login):
    doc = make_doc(dept_a)
    client = login(editor_a)
    response = _upload(client, doc, "收费标准.pdf", PDF)
    assert response.status_code == 302
    attachment = Attachment.objects.get(document=doc)
    assert attachment.original_name == "收费标准.pdf" and attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    detail = client.get(reverse("console:document", args=[doc.pk])).content.decode()
    assert attachment.sha256 in detail and "收费标准.pdf" in detail
    download = client.get(reverse("console:attachment_download", args=[doc.pk, attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_an_exe_renamed_pdf_is_rejected(editor_a, dept_a, make_doc, login):
    doc = make_doc(dept_a)
    response = _upload(login(editor_a), doc, "通知.pdf", EXE)
    assert response.status_code == 400
    assert "不支持的文件类型" in response.content.decode()
    assert "与文件名无关" in response.content.decode()
    assert not Attachment.objects.exists()


def test_type_comes_from_content_and_the_name_is_rebuilt(editor_a, dept_a, make_doc, login):
    doc = make_doc(dept_a)
    client = login(editor_a)
    assert _upload(client, doc, "../../etc/收费|标准.pdf", _docx_bytes()).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "收费_标准.docx"
    assert attachment.content_type.endswith("wordprocessingml.document")
    assert "/" not in attachment.original_name and ".." not in attachment.original_name


@pytest.mark.parametrize("name,data", [
    ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32),
    ("说明.txt", "第一条 本办法自发布之日起施行。".encode("gb18030")),
])
def test_accepted_kinds(name, data, editor_a, dept_a, make_doc, login):
    doc = make_doc(dept_a)
    assert _upload(login(editor_a), doc, name, data).status_code == 302
    assert Attachment.objects.get().original_name == name


def test_broken_office_and_unknown_zip_are_rejected(editor_a, dept_a, make_doc, login):
    import zipfile

    doc = make_doc(dept_a)
    client = login(editor_a)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.bin", b"x")
    assert _upload(client, doc, "a.docx", buffer.getvalue()).status_code == 400
    response = _upload(client, doc, "b.docx", b"PK\x03\x04broken")
    assert response.status_code == 400
    assert "文件" in response.content.decode() and not Attachment.objects.exists()


def test_size_limit(settings, editor_a, dept_a, make_doc, login):
    settings.MAX_UPLOAD_BYTES = 1024
    doc = make_doc(dept_a)
    response = _upload(login(editor_a), doc, "大文件.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    html = response.content.decode()
    assert "过大" in html and "1.0\xa0KB" in html
    assert not Attachment.objects.exists()


def test_empty_upload_gets_a_chinese_error(editor_a, dept_a, make_doc, login):
    doc = make_doc(dept_a)
    response = _upload(login(editor_a), doc, "空.pdf", b"")
    assert response.status_code == 400
    assert "提交的是空文件" in response.content.decode()


def test_attachments_only_on_drafts_and_by_editing_roles(make_user, editor_a, dept_a, make_doc, login):
    from gongkai.agencies.models import Role

    published = make_doc(dept_a, "published")
    assert _upload(login(editor_a), published, "a.pdf", PDF).status_code == 403
    approver = make_user("approver_a", dept_a, Role.APPROVER)
    assert _upload(login(approver), make_doc(dept_a), "a.pdf", PDF).status_code == 403
    assert not Attachment.objects.exists()


def test_remove_an_attachment(editor_a, dept_a, make_doc, login):
    doc = make_doc(dept_a)
    client = login(editor_a)
    _upload(client, doc, "a.pdf", PDF)
    attachment = Attachment.objects.get()
    response = client.post(reverse("console:attachment_delete", args=[doc.pk, attachment.pk]))
    assert response.status_code == 302 and not Attachment.objects.exists()


def test_attachments_of_other_agencies_are_404(editor_a, editor_b, dept_a, make_doc, login):
    doc = make_doc(dept_a)
    _upload(login(editor_a), doc, "a.pdf", PDF)
    attachment = Attachment.objects.get()
    client = login(editor_b)
    assert client.get(reverse("console:attachment_download", args=[doc.pk, attachment.pk])).status_code == 404
    assert client.post(reverse("console:attachment_delete", args=[doc.pk, attachment.pk])).status_code == 404
    assert Attachment.objects.exists()
