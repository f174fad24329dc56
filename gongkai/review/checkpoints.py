"""Daily checkpoints: the audit chain's tip and length and a Merkle root of every published revision,
written to a file outside the database (`INTEGRITY_CHECKPOINT_DIR`) and published on the portal.

Whoever keeps a copy of a checkpoint can later prove that a document's published revision was part
of it, unchanged (an inclusion proof, `revision_proof`, verified by `proof_verify` or
`gongkai integrity verify`), and `integrity check` compares the database with the latest checkpoint:
rows cut off the end of the audit chain, a recomputed chain, or a revision re-hashed after the
checkpoint no longer match it. Rows and revisions written since the latest checkpoint are covered by
the keyed chain and the publish audit rows only.
"""
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.keys import key_id
from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Revision
from gongkai.catalog.services import payload_sha256

from . import merkle

VERSION = 1


def checkpoint_dir() -> Path:
    return Path(getattr(settings, "INTEGRITY_CHECKPOINT_DIR", Path(settings.VAR_DIR) / "checkpoints"))


def leaf_data(*, revision_id, document_id, number, sha256) -> bytes:
    return f"{revision_id}:{document_id}:{number}:{sha256}".encode()


def _revision_rows(last_id=None):
    qs = Revision.objects.order_by("id").values_list("id", "document_id", "number", "sha256")
    if last_id is not None:
        qs = qs.filter(id__lte=last_id)
    return list(qs.iterator(chunk_size=5000))


def _leaves(rows):
    return [merkle.leaf_hash(leaf_data(revision_id=r, document_id=d, number=n, sha256=h)) for r, d, n, h in rows]


def checkpoint_compute() -> dict:
    """The checkpoint of the database as it is now."""
    last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
    rows = _revision_rows()
    now = timezone.now()
    return {
        "version": VERSION,
        "site": settings.SITE_URL,
        "date": timezone.localdate(now).isoformat(),
        "created_at": now.isoformat(),
        "audit": {"count": AuditEntry.objects.count(), "last_id": last[0] if last else None,
                  "tip": last[1] if last else None, "key_id": key_id()},
        "revisions": {"count": len(rows), "last_id": rows[-1][0] if rows else None,
                      "merkle_root": merkle.root(_leaves(rows)).hex()},
    }


def _digest(checkpoint: dict) -> str:
    body = {k: v for k, v in checkpoint.items() if k != "digest"}
    raw = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


class CheckpointRefused(Exception):
    """The database no longer matches the previous checkpoint (or its chain is broken): no new one."""

    def __init__(self, problems):
        super().__init__("; ".join(p["message"] for p in problems))
        self.problems = problems


def checkpoint_write(*, directory: Path | None = None) -> tuple[dict, Path]:
    """Compute a checkpoint and write it as `checkpoint-YYYY-MM-DD.json` (one per day; a second run
    the same day replaces that day's file). Each names the digest of the one before it.

    Refused (CheckpointRefused) when the audit chain is broken or the database no longer matches the
    previous checkpoint, so tampering is never laundered into a fresh checkpoint."""
    from gongkai.audit.services import audit_chain_verify

    directory = directory or checkpoint_dir()
    directory.mkdir(parents=True, exist_ok=True)
    checkpoint = checkpoint_compute()
    files = checkpoint_files(directory)
    latest = checkpoint_read(files[-1]) if files else None  # today's too, when it is replaced
    earlier = [p for p in files if p.stem != f"checkpoint-{checkpoint['date']}"]
    problems = [{"kind": "audit_chain", "message": p["message"]} for p in audit_chain_verify()]
    problems += checkpoint_compare(latest) if latest else []
    if problems:
        raise CheckpointRefused(problems)
    checkpoint["previous"] = checkpoint_read(earlier[-1]).get("digest") if earlier else None
    checkpoint["digest"] = _digest(checkpoint)
    path = directory / f"checkpoint-{checkpoint['date']}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(checkpoint, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return checkpoint, path


def checkpoint_files(directory: Path | None = None) -> list[Path]:
    directory = directory or checkpoint_dir()
    if not directory.is_dir():
        return []
    return sorted(directory.glob("checkpoint-*.json"))


def checkpoint_read(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def checkpoint_latest(directory: Path | None = None) -> dict | None:
    files = checkpoint_files(directory)
    return checkpoint_read(files[-1]) if files else None


def checkpoint_get(date: str, directory: Path | None = None) -> dict | None:
    try:
        dt.date.fromisoformat(date)
    except (TypeError, ValueError):
        return None
    path = (directory or checkpoint_dir()) / f"checkpoint-{date}.json"
    return checkpoint_read(path) if path.is_file() else None


def checkpoint_compare(checkpoint: dict) -> list[dict]:
    """What in the database no longer matches `checkpoint` (problems with Chinese messages)."""
    problems = []
    date = checkpoint.get("date", "?")
    audit = checkpoint.get("audit") or {}
    count = audit.get("count") or 0
    if count:
        now = AuditEntry.objects.count()
        row = AuditEntry.objects.filter(pk=audit.get("last_id")).values_list("hash", flat=True).first()
        before = AuditEntry.objects.filter(pk__lte=audit.get("last_id") or 0).count()
        if now < count or row is None:
            problems.append({"kind": "audit_truncated", "message": _(
                "审计链比 %(date)s 的检查点短（检查点 %(then)d 条，现有 %(now)d 条）：末尾的记录被删除。")
                % {"date": date, "then": count, "now": now}})
        elif row != audit.get("tip") or before != count:
            problems.append({"kind": "audit_rewritten", "message": _(
                "审计链与 %(date)s 的检查点不符（第 %(n)d 条记录的哈希或之前的条数已变）：审计链被重算或改动。")
                % {"date": date, "n": count}})
    revisions = checkpoint.get("revisions") or {}
    if revisions.get("count"):
        rows = _revision_rows(revisions.get("last_id"))
        if len(rows) != revisions["count"] or merkle.root(_leaves(rows)).hex() != revisions.get("merkle_root"):
            problems.append({"kind": "revisions_rewritten", "message": _(
                "已发布版本与 %(date)s 的检查点不符（%(then)d 个版本的默克尔根已变，现有 %(now)d 个）：已发布的内容或其哈希被改动。")
                % {"date": date, "then": revisions["count"], "now": len(rows)}})
    return problems


def revision_proof(*, document_id: int, checkpoint: dict) -> dict | None:
    """The inclusion proof, against `checkpoint`, of the newest revision of the document it holds."""
    revisions = checkpoint.get("revisions") or {}
    rows = _revision_rows(revisions.get("last_id")) if revisions.get("count") else []
    index = next((i for i in range(len(rows) - 1, -1, -1) if rows[i][1] == document_id), None)
    if index is None:
        return None
    rev_id, _doc, number, sha = rows[index]
    revision = Revision.objects.get(pk=rev_id)
    return {
        "checkpoint": {"date": checkpoint.get("date"), "digest": checkpoint.get("digest"),
                       "merkle_root": revisions.get("merkle_root"), "size": revisions.get("count")},
        "document_id": document_id,
        "revision": {"id": rev_id, "number": number, "sha256": sha, "snapshot": revision.snapshot},
        "leaf_index": index,
        "proof": [h.hex() for h in merkle.inclusion_proof(_leaves(rows), index)],
        "current_revision": Revision.objects.filter(document_id=document_id).order_by("-number")
        .values_list("number", flat=True).first(),
    }


def proof_verify(*, proof: dict, checkpoint: dict) -> list[str]:
    """Check a proof (as served by the portal) against a checkpoint someone kept; [] when it holds."""
    errors = []
    revision = proof.get("revision") or {}
    revisions = checkpoint.get("revisions") or {}
    if payload_sha256(revision.get("snapshot") or {}) != revision.get("sha256"):
        errors.append(_("版本内容与其 SHA-256 不符。"))
    leaf = merkle.leaf_hash(leaf_data(revision_id=revision.get("id"), document_id=proof.get("document_id"),
                                      number=revision.get("number"), sha256=revision.get("sha256")))
    try:
        path = [bytes.fromhex(h) for h in proof.get("proof") or []]
        held_root = bytes.fromhex(revisions.get("merkle_root") or "")
    except ValueError:
        return errors + [_("证明格式有误。")]
    if not merkle.verify_inclusion(leaf, int(proof.get("leaf_index", -1)), int(revisions.get("count") or 0),
                                   path, held_root):
        errors.append(_("该版本不在 %(date)s 检查点的默克尔树中（内容在检查点之后被改动）。")
                      % {"date": checkpoint.get("date", "?")})
    return errors
