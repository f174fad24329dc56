"""Backup, wipe, restore: every row comes back, attachments match, the audit chain still verifies."""
import datetime as dt
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import audit_chain_verify
from gongkai.catalog.models import Attachment, Document
from gongkai.ops.backups import model_counts


def _foi_case(dept_a, office):
    """A registered application case, when the FOI app is there to make one."""
    try:
        from gongkai.foi.services import case_register
    except ImportError:
        return None
    fields = {"applicant_kind": "natural_person", "applicant_name": "张三", "id_type": "id_card",
              "id_number": "11010519491231002X", "phone": "13800138000", "email": "zs@example.org",
              "address": "示范市人民路1号", "info_title": "2024年教育经费预算执行情况",
              "info_description": "请提供2024年全市教育经费预算执行情况的报告。", "info_form": "electronic",
              "delivery": "email"}
    case, _code = case_register(agency=dept_a, actor=office, channel="in_person",
                                received_date=dt.date.today(), fields=fields)
    return case


@pytest.fixture
def site(published_doc, dept_a, dept_b, editor_a, editor_b, make_user):
    from gongkai.agencies.models import Role
    from gongkai.catalog.services import attachment_add, document_create

    office = make_user("office_bk", dept_a, Role.OFFICE, email="o@example.org")
    draft = document_create(agency=dept_a, actor=editor_a, title="示范市教育局关于附件备份的通知",
                            written_date=dt.date(2024, 4, 1), body_html="<p>草稿</p>")
    attachment_add(document=draft, actor=editor_a, name="附件1.pdf", content=b"%PDF-1.4 attachment body")
    case = _foi_case(dept_a, office)
    return {"doc": published_doc, "case": case}


def _wipe(settings, tmp_path):
    """Empty every table, as a freshly installed database would be (contenttypes come back)."""
    from django.db import connection

    if connection.vendor == "postgresql":  # the test's transaction has deferred FK checks pending
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "restored-media"


@pytest.mark.django_db
def test_backup_restore_round_trip(site, settings, tmp_path):
    before = model_counts()
    audit_rows = list(AuditEntry.objects.order_by("id").values_list("id", "hash"))
    assert before["catalog.document"] >= 1 and len(audit_rows) >= 3
    if site["case"] is not None:
        assert before["foi.case"] >= 1
    attachment = Attachment.objects.get()
    original_bytes = attachment.file.read()

    out = tmp_path / "backup"
    call_command("backup", output=str(out), verbosity=0)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"db.json.gz", "media.tar.gz"}
    on_disk = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert len(manifest["media_files"]) == len(on_disk) >= 1

    _wipe(settings, tmp_path)
    assert not Document.objects.exists() and not AuditEntry.objects.exists()

    call_command("restore", str(out), verbosity=0)
    after = model_counts()
    for label, count in before.items():
        assert after[label] == count, label
    assert list(AuditEntry.objects.order_by("id").values_list("id", "hash")) == audit_rows
    assert audit_chain_verify() == []
    doc = Document.objects.get(pk=site["doc"].pk)
    assert doc.title == site["doc"].title and doc.index_no == site["doc"].index_no
    restored = Attachment.objects.get()
    assert restored.file.read() == original_bytes
    if site["case"] is not None:
        case_model = apps.get_model("foi", "Case")
        assert case_model.objects.filter(pk=site["case"].pk).exists()


@pytest.mark.django_db
def test_restore_refuses_tampered_backup(site, settings, tmp_path):
    out = tmp_path / "backup"
    call_command("backup", output=str(out), verbosity=0)
    data = bytearray((out / "db.json.gz").read_bytes())
    data[-10] ^= 0xFF
    (out / "db.json.gz").write_bytes(bytes(data))
    _wipe(settings, tmp_path)
    with pytest.raises(CommandError, match="校验失败"):
        call_command("restore", str(out), verbosity=0)
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_restore_refuses_non_empty_database(site, tmp_path):
    out = tmp_path / "backup"
    call_command("backup", output=str(out), verbosity=0)
    count = Document.objects.count()
    with pytest.raises(CommandError, match="不是空库"):
        call_command("restore", str(out), verbosity=0)
    assert Document.objects.count() == count


@pytest.mark.django_db
def test_verify_only(site, tmp_path, capsys):
    out = tmp_path / "backup"
    call_command("backup", output=str(out), verbosity=0)
    call_command("restore", str(out), verify_only=True)
    assert "校验通过" in capsys.readouterr().out
