"""Background import jobs: files stored by SHA-256, one transaction per file, resumable and idempotent."""
import datetime as dt
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import audit_chain_verify
from gongkai.catalog.importing import jobs as importing
from gongkai.catalog.importing.jobs import (ImportUpload, import_job_create, import_job_retry, import_job_run,
                                            import_jobs_stalled_requeue)
from gongkai.catalog.models import Document, ImportItem, ImportJob, Status
from gongkai.catalog.tasks import import_job_run_task
from gongkai.core.errors import PermissionDeniedError, TransitionError

pytestmark = pytest.mark.django_db


def text(title, body="各单位：请按要求做好相关工作。"):
    return f"{title}\n\n{body}\n".encode()


TITLES = ["示范市教育局关于做好春季开学工作的通知", "示范市教育局关于加强学生近视防控的意见",
          "示范市教育局关于做好暑期安全教育的通知"]


def uploads():
    return [ImportUpload(name=f"{i}.txt", data=text(t)) for i, t in enumerate(TITLES, start=1)]


class Killed(BaseException):
    """Stands in for kill -9: not an Exception, so nothing in the service catches it."""


@pytest.fixture
def queued_only(monkeypatch):
    """Create jobs without running them (as when a broker is configured and no worker has started)."""
    monkeypatch.setattr(importing, "import_job_enqueue", lambda *, job: None)


def audit_actions(job):
    return list(AuditEntry.objects.filter(object_type="catalog.importjob", object_id=str(job.pk))
                .order_by("id").values_list("action", flat=True))


def test_a_job_stores_its_files_and_imports_each_once(editor_a, dept_a):
    bad = ImportUpload(name="图片.pdf", error="只能导入 .txt、.html 和 .docx 文件。")
    job = import_job_create(agency=dept_a, actor=editor_a, files=[*uploads(), bad])
    job.refresh_from_db()  # the embedded default ran it at once
    assert job.status == ImportJob.Status.DONE and job.attempts == 1 and job.error == ""
    assert (job.total, job.imported, job.duplicates, job.failed) == (4, 3, 0, 1)
    items = list(job.items.order_by("position"))
    assert [i.status for i in items] == ["imported"] * 3 + ["failed"]
    assert items[3].error == "只能导入 .txt、.html 和 .docx 文件。" and not items[3].file
    for item, title in zip(items, TITLES):
        assert item.document.title == title and item.document.agency == dept_a
        assert item.document.created_by == editor_a and item.document.status == Status.DRAFT
        assert item.file.name == f"imports/{item.sha256[:2]}/{item.sha256}"
        with item.file.open("rb") as fh:
            assert hashlib.sha256(fh.read()).hexdigest() == item.sha256
    assert Document.objects.count() == 3
    assert audit_actions(job) == ["import.queued", "import.running", "import.done"]
    assert audit_chain_verify() == []


def test_running_a_finished_job_again_changes_nothing(editor_a, dept_a):
    job = import_job_create(agency=dept_a, actor=editor_a, files=uploads())
    before = list(Document.objects.values_list("id", "index_no"))
    assert import_job_run_task.delay(job.pk).get() == "done"  # a duplicate delivery
    assert import_job_run(job=job).status == ImportJob.Status.DONE
    assert list(Document.objects.values_list("id", "index_no")) == before
    job.refresh_from_db()
    assert job.attempts == 1 and audit_actions(job).count("import.running") == 1
    assert import_job_run_task.delay(987654321).get() is None  # a job deleted since it was queued


def test_a_run_killed_mid_file_leaves_nothing_of_that_file_and_resumes(reviewer_a, dept_a, monkeypatch,
                                                                        queued_only):
    """The process dies inside the second file's transaction: the first file stays imported, the
    second leaves no document, and the next run imports the second and third exactly once."""
    job = import_job_create(agency=dept_a, actor=reviewer_a, files=uploads(), publish=True)
    real = importing.document_import

    def dying(**kwargs):
        result = real(**kwargs)  # the document is saved (and published) inside the item's transaction…
        if kwargs["name"] == "2.txt":
            raise Killed  # …and the process dies before it commits
        return result

    monkeypatch.setattr(importing, "document_import", dying)
    with pytest.raises(Killed):
        import_job_run(job=job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING and job.imported == 1
    assert list(job.items.values_list("status", flat=True)) == ["imported", "pending", "pending"]
    assert list(Document.objects.values_list("title", flat=True)) == [TITLES[0]]
    monkeypatch.setattr(importing, "document_import", real)
    job = import_job_run(job=job)  # the redelivered message
    assert job.status == ImportJob.Status.DONE and job.attempts == 2
    assert (job.imported, job.duplicates, job.failed) == (3, 0, 0)
    docs = Document.objects.order_by("id")
    assert sorted(d.title for d in docs) == sorted(TITLES)
    assert all(d.status == Status.PUBLISHED and d.index_no for d in docs)
    assert len({d.index_no for d in docs}) == 3
    assert audit_actions(job) == ["import.queued", "import.running", "import.running", "import.done"]
    assert audit_chain_verify() == []


def test_a_crash_marks_the_job_failed_in_chinese_and_retry_resumes(editor_a, dept_a, monkeypatch):
    real = importing.document_import

    def broken(**kwargs):
        if kwargs["name"] == "3.txt":
            raise RuntimeError("disk controller fell over")
        return real(**kwargs)

    monkeypatch.setattr(importing, "document_import", broken)
    job = import_job_create(agency=dept_a, actor=editor_a, files=uploads())
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error == "导入在处理文件“3.txt”时中断：系统错误（RuntimeError）。此前导入的文件已保存，可以重试。"
    assert Document.objects.count() == 2 and job.items.get(position=3).status == ImportItem.Status.PENDING
    assert import_job_run(job=job).status == ImportJob.Status.FAILED  # a duplicate delivery does not rerun it
    monkeypatch.setattr(importing, "document_import", real)
    job = import_job_retry(job=job, actor=editor_a)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.error == "" and job.imported == 3
    assert Document.objects.count() == 3
    assert audit_actions(job) == ["import.queued", "import.running", "import.failed", "import.queued",
                                  "import.running", "import.done"]


def test_lost_or_damaged_stored_files_fail_their_item_only(editor_a, dept_a, queued_only):
    job = import_job_create(agency=dept_a, actor=editor_a, files=uploads())
    first, second, _third = job.items.order_by("position")
    first.file.storage.delete(first.file.name)
    with second.file.storage.open(second.file.name, "wb") as fh:
        fh.write(b"tampered")
    job = import_job_run(job=job)
    assert job.status == ImportJob.Status.DONE and (job.imported, job.failed) == (1, 2)
    errors = list(job.items.order_by("position").values_list("error", flat=True))
    assert errors == ["上传的文件已丢失，请重新上传。", "上传的文件已损坏（校验值不符），请重新上传。", ""]


def test_unreadable_and_duplicate_files_are_recorded_per_item(editor_a, dept_a):
    import_job_create(agency=dept_a, actor=editor_a, files=uploads()[:1])
    job = import_job_create(agency=dept_a, actor=editor_a,
                            files=[uploads()[0], ImportUpload(name="空白.txt", data=b"\r\n  \r\n")])
    job.refresh_from_db()
    dup, empty = job.items.order_by("position")
    assert dup.status == ImportItem.Status.DUPLICATE and "已导入过" in dup.error and dup.document.title == TITLES[0]
    assert empty.status == ImportItem.Status.FAILED and empty.error
    assert (job.status, job.imported, job.duplicates, job.failed) == ("done", 0, 1, 1)
    assert Document.objects.count() == 1
    assert dup.file.name == ImportItem.objects.exclude(job=job).get().file.name  # same content, same stored file


def test_a_partial_upload_left_by_a_killed_request_is_replaced(editor_a, dept_a, queued_only):
    data = text(TITLES[0])
    digest = hashlib.sha256(data).hexdigest()
    storage = ImportItem._meta.get_field("file").storage
    storage.save(f"imports/{digest[:2]}/{digest}", ContentFile(data[:5]))
    job = import_job_create(agency=dept_a, actor=editor_a, files=[ImportUpload(name="a.txt", data=data)])
    item = job.items.get()
    assert item.file.name == f"imports/{digest[:2]}/{digest}"
    with item.file.open("rb") as fh:
        assert fh.read() == data


def test_one_document_per_item(editor_a, dept_a):
    job = import_job_create(agency=dept_a, actor=editor_a, files=uploads()[:1])
    item = job.items.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportItem.objects.create(job=job, position=2, name="again.txt", status=ImportItem.Status.IMPORTED,
                                  document=item.document)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportItem.objects.create(job=job, position=1, name="same position.txt")


def test_roles_and_input_are_checked(editor_a, editor_b, dept_a, dept_b, make_user):
    with pytest.raises(PermissionDeniedError, match="没有为“示范市财政局”导入文件的权限"):
        import_job_create(agency=dept_b, actor=editor_a, files=uploads())
    with pytest.raises(Exception, match="请选择要导入的文件"):
        import_job_create(agency=dept_a, actor=editor_a, files=[])
    with pytest.raises(Exception, match="请选择归入的机关"):
        import_job_create(agency=None, actor=editor_a, files=uploads())
    job = import_job_create(agency=dept_a, actor=editor_a, files=uploads()[:1])
    with pytest.raises(TransitionError, match="只有失败或长时间没有进展的导入任务可以重试"):
        import_job_retry(job=job, actor=editor_a)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED)
    with pytest.raises(PermissionDeniedError):
        import_job_retry(job=job, actor=editor_b)
    office = make_user("office_only", dept_a, Role.OFFICE)
    with pytest.raises(PermissionDeniedError):
        import_job_retry(job=job, actor=office)
    assert not ImportJob.objects.filter(agency=dept_b).exists()


def test_stalled_jobs_are_queued_again(editor_a, dept_a, monkeypatch):
    queued = []
    monkeypatch.setattr(importing, "import_job_enqueue", lambda *, job: queued.append(job.pk))
    stalled = import_job_create(agency=dept_a, actor=editor_a, files=uploads()[:1])
    fresh = import_job_create(agency=dept_a, actor=editor_a, files=uploads()[1:2])
    assert queued == [stalled.pk, fresh.pk]
    queued.clear()
    old = timezone.now() - dt.timedelta(seconds=importing.IMPORT_JOB_STALE_SECONDS + 60)
    ImportJob.objects.filter(pk=stalled.pk).update(updated_at=old)
    assert import_jobs_stalled_requeue() == 1 and queued == [stalled.pk]
    monkeypatch.undo()
    assert import_jobs_stalled_requeue() == 1  # the embedded default runs it at once
    stalled.refresh_from_db()
    assert stalled.status == ImportJob.Status.DONE and stalled.imported == 1
    fresh.refresh_from_db()
    assert fresh.status == ImportJob.Status.QUEUED  # not stale yet: left alone
    with pytest.raises(TransitionError):
        import_job_retry(job=fresh, actor=editor_a)
    ImportJob.objects.filter(pk=fresh.pk).update(updated_at=old)
    import_job_retry(job=fresh, actor=editor_a)  # its owner may queue a stalled job again
    fresh.refresh_from_db()
    assert fresh.status == ImportJob.Status.DONE and fresh.imported == 1


@pytest.mark.django_db(transaction=True)
def test_files_are_parsed_outside_the_write_transaction(editor_a, dept_a, monkeypatch):
    """Parsing (bounded, but it may take seconds) must not hold the database's write lock: only the
    writes run in the item's transaction (issue 13, defect 3)."""
    seen = []
    real = importing.import_prepare

    def spy(**kwargs):
        seen.append(transaction.get_connection().in_atomic_block)
        return real(**kwargs)

    monkeypatch.setattr(importing, "import_prepare", spy)
    job = import_job_create(agency=dept_a, actor=editor_a, files=uploads())
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.imported == 3
    assert seen == [False, False, False]
    # A refused file (too deeply nested) fails on its own item, quickly, with the reason.
    deep = ImportUpload(name="deep.html", data=("<div>" * 5000 + "正文" + "</div>" * 5000).encode())
    job = import_job_create(agency=dept_a, actor=editor_a, files=[deep])
    item = job.items.get()
    assert item.status == ImportItem.Status.FAILED and "嵌套超过" in item.error
