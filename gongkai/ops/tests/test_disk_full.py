"""Disk full on the media volume: the upload is refused with a clear message, nothing is lost."""
import datetime as dt
import errno

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog.models import Attachment
from gongkai.catalog.services import attachment_add, document_create
from gongkai.core.errors import UserFacingError
from gongkai.ops.storage import SafeFileSystemStorage


@pytest.fixture
def draft(dept_a, editor_a):
    doc = document_create(agency=dept_a, actor=editor_a, title="示范市教育局关于磁盘已满演练的通知",
                          written_date=dt.date(2024, 4, 1), body_html="<p>草稿</p>")
    attachment_add(document=doc, actor=editor_a, name="已有附件.pdf", content=b"%PDF-1.4 first")
    return doc


@pytest.fixture
def disk_full(monkeypatch):
    """The next writes fail half-way with ENOSPC, as a full volume does."""
    original = FileSystemStorage._save

    def full(self, name, content):
        path = self.path(name)
        import os

        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(b"%PDF-1.4 partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", full)
    yield
    monkeypatch.setattr(FileSystemStorage, "_save", original)


def test_default_storage_is_the_safe_one():
    assert isinstance(default_storage, SafeFileSystemStorage)


@pytest.mark.django_db
def test_upload_refused_with_clear_message_through_console(client, draft, editor_a, disk_full, settings):
    client.force_login(editor_a)
    upload = SimpleUploadedFile("新附件.pdf", b"%PDF-1.4 new body", content_type="application/pdf")
    response = client.post(f"/console/documents/{draft.pk}/attachments/", {"file": upload})
    assert response.status_code == 400
    assert "存储空间已满" in response.content.decode()
    # nothing lost, nothing half-written
    attachments = list(Attachment.objects.filter(document=draft))
    assert len(attachments) == 1 and attachments[0].file.read() == b"%PDF-1.4 first"
    files = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert len(files) == 1


@pytest.mark.django_db
def test_service_raises_user_facing_error(draft, editor_a, disk_full):
    with pytest.raises(UserFacingError, match="存储空间已满"):
        attachment_add(document=draft, actor=editor_a, name="b.pdf", content=b"%PDF-1.4 b")
    assert Attachment.objects.filter(document=draft).count() == 1


def test_other_os_errors_are_not_disguised(tmp_path, monkeypatch):
    def broken(self, name, content):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(FileSystemStorage, "_save", broken)
    from django.core.files.base import ContentFile

    with pytest.raises(PermissionError):
        SafeFileSystemStorage(location=str(tmp_path)).save("a.pdf", ContentFile(b"x"))
