import pytest

from gongkai.audit.models import AppendOnlyError, AuditEntry
from gongkai.audit.services import audit_chain_verify, audit_record

pytestmark = pytest.mark.django_db


def _three(user):
    return [audit_record(actor=user, action="test.step", object_type="t", object_id=str(i),
                         reason=f"第{i}步", data={"n": i}) for i in range(3)]


def test_chain_links_each_row_to_the_previous(editor_a):
    rows = _three(editor_a)
    assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
    assert audit_chain_verify() == []


def test_rows_cannot_be_changed_or_deleted_through_the_orm(editor_a):
    row = _three(editor_a)[0]
    row.reason = "改"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()


def test_direct_database_edit_is_detected(editor_a):
    rows = _three(editor_a)
    AuditEntry.objects.filter(pk=rows[1].pk).update(reason="篡改后的理由")
    problems = audit_chain_verify()
    assert [p["problem"] for p in problems] == ["hash_mismatch"]
    assert problems[0]["id"] == rows[1].pk


def test_deleted_row_is_detected(editor_a):
    rows = _three(editor_a)
    AuditEntry.objects.filter(pk=rows[1].pk)._raw_delete(AuditEntry.objects.db)
    assert "chain_broken" in {p["problem"] for p in audit_chain_verify()}


def test_deleted_last_row_is_detected(editor_a):
    rows = _three(editor_a)
    AuditEntry.objects.filter(pk=rows[2].pk)._raw_delete(AuditEntry.objects.db)
    assert "tail_mismatch" in {p["problem"] for p in audit_chain_verify()}
