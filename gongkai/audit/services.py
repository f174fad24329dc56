"""Write and verify the audit chain."""
import hashlib
import json

from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "agency_id": entry.agency_id,
        "from": entry.from_state,
        "to": entry.to_state,
        "reason": entry.reason,
        "data": entry.data,
        "prev": entry.prev_hash,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _actor_label(actor):
    if actor is None:
        return "系统"
    return actor.get_full_name() or actor.get_username()


@transaction.atomic
def audit_record(*, actor, action, obj=None, object_type="", object_id="", agency_id=None,
                 from_state="", to_state="", reason="", data=None) -> AuditEntry:
    """Append one row to the audit chain, inside the caller's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        if agency_id is None:
            agency_id = getattr(obj, "agency_id", None)
    head, _ = AuditHead.objects.get_or_create(singleton=1, defaults={"last_hash": GENESIS})
    head = AuditHead.objects.select_for_update().get(singleton=1)
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor if (actor is not None and actor.pk) else None,
        actor_label=_actor_label(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        agency_id=agency_id,
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        reason=reason or "",
        data=json.loads(json.dumps(data or {}, ensure_ascii=False, default=str)),
        prev_hash=head.last_hash,
    )
    entry.hash = entry_hash(entry)
    entry.save()
    head.last_hash = entry.hash
    head.count += 1
    head.save(update_fields=["last_hash", "count"])
    return entry


def audit_chain_verify():
    """Walk the chain; return a list of problems (empty when intact)."""
    problems = []
    prev = GENESIS
    count = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != prev:
            problems.append({"id": entry.pk, "problem": "chain_broken",
                             "message": f"审计记录 #{entry.pk} 的前序哈希与上一条不符（记录被删除或插入）"})
        if entry_hash(entry) != entry.hash:
            problems.append({"id": entry.pk, "problem": "hash_mismatch",
                             "message": f"审计记录 #{entry.pk} 的内容与其哈希不符（记录被篡改）"})
        prev = entry.hash
    head = AuditHead.objects.filter(singleton=1).first()
    if head and (head.last_hash != prev or head.count != count):
        problems.append({"id": None, "problem": "tail_mismatch",
                         "message": "审计链末端与记录不符（最近的记录被删除）"})
    return problems
