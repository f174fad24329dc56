"""Issue 13 defect 8: tamper evidence against a database writer who has the source code but not the key.

The "attacker" below edits the database directly, as someone with write access and this repository
would: recomputing the audit chain with the code's own formula, cutting rows off its end (and fixing
the chain's head), editing a published document together with its revision and re-hashing it. Each
is caught by `integrity_check`, and a checkpoint kept from earlier proves a revision unchanged.
"""
import hashlib
import hmac
import json
import os
import stat

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.audit.models import AuditEntry, AuditHead
from gongkai.audit.services import REKEY_ACTION, _canonical, audit_chain_verify, audit_record
from gongkai.catalog.models import Revision
from gongkai.catalog.services import payload_sha256
from gongkai.review.checkpoints import CheckpointRefused, checkpoint_latest, checkpoint_write, proof_verify
from gongkai.review.integrity import integrity_check

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _key(settings, tmp_path):
    settings.AUDIT_HMAC_KEY = ""
    settings.AUDIT_KEY_FILE = str(tmp_path / "keys" / "audit.key")


def _kinds(**kwargs):
    return {p["kind"] for p in integrity_check(render=False, **kwargs).problems}


def attacker_rechain(*, keep_mark=True, guessed_key=b""):
    """Recompute every row's hash and link as the source code does, without the real key."""
    prev = "0" * 64
    rows = list(AuditEntry.objects.order_by("id"))
    for entry in rows:
        if not keep_mark and entry.action == REKEY_ACTION:
            AuditEntry.objects.filter(pk=entry.pk)._raw_delete(AuditEntry.objects.db)
            continue
        entry.prev_hash = prev
        data = _canonical(entry)
        entry.hash = (hmac.new(guessed_key, data, hashlib.sha256).hexdigest() if guessed_key
                      else hashlib.sha256(data).hexdigest())
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=entry.prev_hash, hash=entry.hash)
        prev = entry.hash
    AuditHead.objects.filter(singleton=1).update(last_hash=prev, count=AuditEntry.objects.count())


@pytest.fixture
def published(document_factory, dept_a):
    return [document_factory(dept_a, "published", title=f"关于做好第{i}批防汛工作的通知",
                             body_html=f"<p>第{i}批：各单位做好防汛准备。</p>") for i in range(3)]


def test_key_file_made_on_first_use_with_0600_and_chain_keyed(settings, published):
    path = settings.AUDIT_KEY_FILE
    assert os.path.exists(path) and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    first = AuditEntry.objects.order_by("id").first()
    assert first.action == REKEY_ACTION and first.data["legacy_rows"] == 0
    assert audit_chain_verify() == [] and _kinds() == set()


def test_edit_then_recomputed_chain_is_caught(published):
    row = AuditEntry.objects.filter(action="document.publish").first()
    AuditEntry.objects.filter(pk=row.pk).update(reason="事后补写的理由")
    for variant in ({"keep_mark": True}, {"keep_mark": True, "guessed_key": b"embedded-insecure-key-change-me"},
                    {"keep_mark": False}):
        attacker_rechain(**variant)
        problems = {p["problem"] for p in audit_chain_verify()}
        assert problems & {"hash_mismatch", "unkeyed"}, variant
        assert "audit_chain" in _kinds()


def test_rows_cut_off_the_end_are_caught_by_the_checkpoint(published, document_factory, dept_a):
    checkpoint_write()
    document_factory(dept_a, "published", title="关于开展安全检查的通知")
    cut = list(AuditEntry.objects.order_by("-id").values_list("id", flat=True)[:8])  # reaches before the checkpoint
    AuditEntry.objects.filter(pk__in=cut)._raw_delete(AuditEntry.objects.db)
    last = AuditEntry.objects.order_by("-id").first()
    AuditHead.objects.filter(singleton=1).update(last_hash=last.hash, count=AuditEntry.objects.count())
    assert audit_chain_verify() == []  # the chain alone cannot tell
    assert "audit_truncated" in _kinds()
    with pytest.raises(CheckpointRefused):
        checkpoint_write()  # and the truncation is never laundered into a new checkpoint


def test_edited_published_document_with_rehashed_revision_is_caught(published):
    checkpoint_write()
    doc = published[1]
    revision = Revision.objects.get(document=doc)
    snapshot = dict(revision.snapshot, body_html="<p>第1批：篡改后的正文。</p>")
    type(doc).objects.filter(pk=doc.pk).update(body_html=snapshot["body_html"])
    Revision.objects.filter(pk=revision.pk).update(snapshot=snapshot, sha256=payload_sha256(snapshot))
    kinds = _kinds()
    assert "revision_rehashed" in kinds and "revisions_rewritten" in kinds
    assert "document_changed" not in kinds and "revision_tampered" not in kinds  # what used to pass
    # Re-writing the publish audit row too breaks the keyed chain.
    row = AuditEntry.objects.get(action="document.publish", object_id=str(doc.pk))
    AuditEntry.objects.filter(pk=row.pk).update(data=dict(row.data, sha256=payload_sha256(snapshot)))
    attacker_rechain()
    assert {"audit_chain", "revisions_rewritten"} <= _kinds()


def test_checkpoint_proof_on_the_portal_and_verify_command(client, published, tmp_path):
    held, _path = checkpoint_write()
    held_file = tmp_path / "held.json"
    held_file.write_text(json.dumps(held, ensure_ascii=False))
    doc = published[2]
    page = client.get("/xxgk/integrity/")
    assert page.status_code == 200 and held["revisions"]["merkle_root"] in page.content.decode()
    assert client.get("/xxgk/integrity/checkpoints.json").json()[-1]["digest"] == held["digest"]
    assert client.get(f"/xxgk/integrity/checkpoint-{held['date']}.json").json() == held
    proof = client.get(f"/xxgk/integrity/proof/{doc.pk}.json").json()
    assert proof_verify(proof=proof, checkpoint=held) == []
    proof_file = tmp_path / "proof.json"
    proof_file.write_text(json.dumps(proof, ensure_ascii=False))
    call_command("integrity", "verify", "--checkpoint", str(held_file), "--proof", str(proof_file),
                 "--document", str(doc.pk))
    # After the attacker re-hashes the revision, the proof served no longer leads to the held root.
    revision = Revision.objects.get(document=doc)
    snapshot = dict(revision.snapshot, title="篡改后的标题")
    Revision.objects.filter(pk=revision.pk).update(snapshot=snapshot, sha256=payload_sha256(snapshot))
    forged = client.get(f"/xxgk/integrity/proof/{doc.pk}.json").json()
    assert proof_verify(proof=forged, checkpoint=held)
    with pytest.raises(SystemExit) as exit_:
        call_command("integrity", "verify", "--checkpoint", str(held_file), "--document", str(doc.pk))
    assert exit_.value.code == 1


def test_proofs_only_for_public_documents(client, document_factory, dept_a):
    draft = document_factory(dept_a, "draft", title="草稿文件")
    withdrawn = document_factory(dept_a, "withdrawn", title="已撤回文件")
    checkpoint_write()
    assert client.get(f"/xxgk/integrity/proof/{draft.pk}.json").status_code == 404
    assert client.get(f"/xxgk/integrity/proof/{withdrawn.pk}.json").status_code == 404
    assert client.get("/xxgk/integrity/checkpoint-nonsense.json").status_code == 404


def test_existing_plain_chain_is_rekeyed_from_a_mark(editor_a):
    """A chain written before keys existed keeps its plain hashes; the mark covers them from then on."""
    prev = "0" * 64
    for i in range(3):  # rows as the old code wrote them
        entry = AuditEntry(at=timezone.now(), actor_label="系统", action="legacy.step", object_type="t",
                           object_id=str(i), data={"n": i}, prev_hash=prev)
        entry.hash = hashlib.sha256(_canonical(entry)).hexdigest()
        entry.save()
        prev = entry.hash
    AuditHead.objects.update_or_create(singleton=1, defaults={"last_hash": prev, "count": 3})
    assert {p["problem"] for p in audit_chain_verify()} == {"unkeyed"}
    call_command("integrity", "rekey")
    audit_record(actor=editor_a, action="test.after", object_type="t", object_id="x")
    mark = AuditEntry.objects.get(action=REKEY_ACTION)
    assert mark.data["legacy_rows"] == 3 and audit_chain_verify() == []
    # Rewriting a legacy row and recomputing the plain part no longer fits the mark.
    first = AuditEntry.objects.order_by("id").first()
    AuditEntry.objects.filter(pk=first.pk).update(reason="改")
    prev = "0" * 64
    for entry in AuditEntry.objects.filter(action="legacy.step").order_by("id"):
        entry.prev_hash = prev
        entry.hash = hashlib.sha256(_canonical(entry)).hexdigest()
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=entry.prev_hash, hash=entry.hash)
        prev = entry.hash
    assert "chain_broken" in {p["problem"] for p in audit_chain_verify()}
    assert checkpoint_latest() is None
