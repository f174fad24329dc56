"""Write and verify the audit chain.

Rows are chained by hash. Rows written before the chain was keyed keep their plain SHA-256; the
first `audit.rekey` row (the key mark, appended automatically by the first write after an upgrade,
or by `gongkai integrity rekey`) and every row after it carry an HMAC-SHA256 under the key kept
outside the database (`audit/keys.py`). The mark's HMAC covers the hash of the last plain row, so
the plain rows before it cannot be rewritten either. A chain without a mark is reported.
"""
import hashlib
import json

from django.db import transaction
from django.utils import timezone

from .keys import key_id, keyed_hash
from .models import AuditEntry, AuditHead

GENESIS = "0" * 64
REKEY_ACTION = "audit.rekey"
SCHEME = "hmac-sha256"


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


def entry_hash(entry: AuditEntry, *, keyed: bool = True) -> str:
    """The row's hash: HMAC under the audit key (rows from the key mark on), or plain SHA-256."""
    if keyed:
        return keyed_hash(_canonical(entry))
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
    head = AuditHead.objects.select_for_update().filter(singleton=1).first()
    if head is None:
        AuditHead.objects.get_or_create(singleton=1, defaults={"last_hash": GENESIS})
        head = AuditHead.objects.select_for_update().get(singleton=1)
    if action != REKEY_ACTION and not head.keyed:
        _append(head, actor=None, action=REKEY_ACTION, object_type="audit.chain", object_id="key",
                data={"scheme": SCHEME, "key_id": key_id(), "legacy_rows": AuditEntry.objects.count()})
    return _append(head, actor=actor, action=action, object_type=object_type, object_id=object_id,
                   agency_id=agency_id, from_state=from_state, to_state=to_state, reason=reason, data=data)


def _append(head, *, actor, action, object_type, object_id, agency_id=None, from_state="", to_state="",
            reason="", data=None) -> AuditEntry:
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
    head.keyed = head.keyed or action == REKEY_ACTION
    head.save(update_fields=["last_hash", "count", "keyed"])
    return entry


@transaction.atomic
def audit_rekey() -> AuditEntry | None:
    """Append the key mark now (once); return it, or None when the chain is already keyed."""
    head, _ = AuditHead.objects.get_or_create(singleton=1, defaults={"last_hash": GENESIS})
    head = AuditHead.objects.select_for_update().get(singleton=1)
    if AuditEntry.objects.filter(action=REKEY_ACTION).exists():
        return None
    return _append(head, actor=None, action=REKEY_ACTION, object_type="audit.chain", object_id="key",
                   data={"scheme": SCHEME, "key_id": key_id(), "legacy_rows": AuditEntry.objects.count()})


def audit_chain_verify():
    """Walk the chain; return a list of problems (empty when intact)."""
    problems = []
    prev = GENESIS
    count = 0
    keyed = False
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != prev:
            problems.append({"id": entry.pk, "problem": "chain_broken",
                             "message": f"审计记录 #{entry.pk} 的前序哈希与上一条不符（记录被删除或插入）"})
        if not keyed and entry.action == REKEY_ACTION:
            keyed = True  # the key mark and every row after it carry the HMAC
            mark = entry.data if isinstance(entry.data, dict) else {}
            if mark.get("key_id") != key_id():
                problems.append({"id": entry.pk, "problem": "wrong_key",
                                 "message": f"审计链密钥标记 #{entry.pk} 与当前密钥不符（密钥配置错误，或标记被伪造）"})
            elif mark.get("legacy_rows") != count - 1:
                problems.append({"id": entry.pk, "problem": "chain_broken",
                                 "message": f"密钥标记 #{entry.pk} 之前的记录条数与标记不符（早期记录被删除或插入）"})
        if entry_hash(entry, keyed=keyed) != entry.hash:
            problems.append({"id": entry.pk, "problem": "hash_mismatch",
                             "message": f"审计记录 #{entry.pk} 的内容与其哈希不符（记录被篡改，或未持有密钥者重算了哈希）"})
        prev = entry.hash
    if count and not keyed:
        problems.append({"id": None, "problem": "unkeyed",
                         "message": "审计链没有密钥标记：链可被任何能写数据库的人重算（请运行 gongkai integrity rekey）"})
    head = AuditHead.objects.filter(singleton=1).first()
    if head and (head.last_hash != prev or head.count != count):
        problems.append({"id": None, "problem": "tail_mismatch",
                         "message": "审计链末端与记录不符（最近的记录被删除）"})
    return problems
