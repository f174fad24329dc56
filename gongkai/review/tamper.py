"""Tamper evidence against someone who can write the database (but not read the audit key):

- every published revision's SHA-256 must be the one its publish audit row recorded (the audit row
  is covered by the keyed chain, so re-hashing an edited revision is caught);
- the database must still match the latest checkpoint written outside it (checkpoints.py).
"""
from django.utils.translation import gettext as _

from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Revision

from .checkpoints import checkpoint_compare, checkpoint_latest


def publish_audit_problems() -> list[dict]:
    recorded = {}
    rows = (AuditEntry.objects.filter(action="document.publish", object_type="catalog.document")
            .values_list("object_id", "data"))
    for object_id, data in rows.iterator(chunk_size=5000):
        if isinstance(data, dict) and "revision" in data:
            recorded[(object_id, data["revision"])] = data.get("sha256")
    problems = []
    revisions = Revision.objects.order_by("id").values_list("document_id", "number", "sha256")
    for document_id, number, sha256 in revisions.iterator(chunk_size=5000):
        key = (str(document_id), number)
        if key not in recorded:
            problems.append({"kind": "revision_unaudited", "document_id": document_id, "message": _(
                "第 %(n)d 版没有对应的发布审计记录（版本记录被插入或审计记录被删除）。") % {"n": number}})
        elif recorded[key] != sha256:
            problems.append({"kind": "revision_rehashed", "document_id": document_id, "message": _(
                "第 %(n)d 版的 SHA-256 与发布时审计记录的不符（已发布内容被改动并重算了哈希）。") % {"n": number}})
    return problems


def tamper_problems() -> list[dict]:
    problems = publish_audit_problems()
    latest = checkpoint_latest()
    if latest is not None:
        for problem in checkpoint_compare(latest):
            problem["document_id"] = None
            problems.append(problem)
    return problems
