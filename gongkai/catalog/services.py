"""Every write to the catalog. Each runs in a transaction, locks the row it changes, checks the
actor's role for the document's agency and leaves an audit row.

`actor=None` means the system itself (the importer run from the command line, demo data).
"""
import datetime as dt
import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.core.html import html_to_text, sanitize_html

from .docno import normalize_doc_no
from .genres import genre_from_title
from .models import (Attachment, Document, DocumentRelation, Genre, IndexSerial, RelationKind,
                     Revision, Status, Validity)
from .signals import document_changed, document_pre_publish
from .transitions import EDIT_ROLES, EDITABLE_STATUSES, TRANSITIONS, VALIDITY_ROLES

EDITABLE_FIELDS = {
    "title", "doc_no", "publisher_name", "subject", "subject_label", "category", "genre", "keywords",
    "summary", "written_date", "publish_date", "disclosure", "validity", "effective_date",
    "expiry_date", "body_html", "is_generated", "source_name", "index_no", "title_pending",
}


def _check_role(actor, agency, roles):
    if actor is None:
        return
    if not user_has_role(user=actor, agency=agency, roles=roles):
        raise PermissionDeniedError(_("您没有为“%(agency)s”执行此操作的权限。") % {"agency": agency.name})


def _apply_fields(document, fields):
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "body_html":
            value = sanitize_html(value)
            document.body_text = html_to_text(value)
        elif name == "doc_no":
            value = normalize_doc_no(value or "")
        elif name == "index_no":
            value = (value or "").strip() or None
        setattr(document, name, value)
    if "genre" not in fields and document.genre in ("", Genre.OTHER) and document.title:
        document.genre = genre_from_title(document.title)


def _snapshot(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@transaction.atomic
def document_create(*, agency, actor, **fields) -> Document:
    """Create a draft in `agency`."""
    _check_role(actor, agency, EDIT_ROLES)
    if not (fields.get("title") or "").strip():
        raise UserFacingError(_("文件名称不能为空。"))
    document = Document(agency=agency, created_by=actor if actor and actor.pk else None)
    _apply_fields(document, fields)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        raise UserFacingError(_("索引号“%(no)s”已被其他文件使用。") % {"no": document.index_no})
    audit_record(actor=actor, action="document.create", obj=document, to_state=document.status,
                 data={"title": document.title})
    return document


@transaction.atomic
def document_update(*, document, actor, **fields) -> Document:
    """Change a draft's metadata or body. Published documents are withdrawn and reopened first."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _check_role(actor, document.agency, EDIT_ROLES)
    if document.status not in EDITABLE_STATUSES:
        raise TransitionError(_("只有草稿可以修改；已发布的文件须先撤回并重新编辑。"))
    if "index_no" in fields and document.revisions.exists():
        fields.pop("index_no")  # 索引号 never changes once published
    before = {k: _snapshot(getattr(document, k if k != "subject" else "subject_id")) for k in fields}
    _apply_fields(document, fields)
    if "title" in fields and not document.title.strip():
        raise UserFacingError(_("文件名称不能为空。"))
    if "title" in fields and actor is not None and document.title_pending and "title_pending" not in fields:
        # A person saved the title (changed, or checked and kept): it is no longer a file-name guess.
        fields["title_pending"] = before["title_pending"] = True
        document.title_pending = False
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        raise UserFacingError(_("索引号“%(no)s”已被其他文件使用。") % {"no": document.index_no})
    changed = [k for k in fields if before[k] != _snapshot(getattr(document, k if k != "subject" else "subject_id"))]
    if changed:
        audit_record(actor=actor, action="document.edit", obj=document, data={"fields": changed})
    return document


def _index_no_assign(document) -> str:
    """Give `document` the next 索引号 of its agency and year (row lock on the serial)."""
    agency = document.agency
    year = (document.publish_date or timezone.localdate()).year
    try:
        with transaction.atomic():
            IndexSerial.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:
        pass  # another transaction created it first
    serial = IndexSerial.objects.select_for_update().get(agency=agency, year=year)
    while True:
        serial.last += 1
        candidate = agency.index_format.format(code=agency.effective_index_code, year=year, serial=serial.last)
        if not Document.objects.filter(index_no=candidate).exists():
            break
    serial.save(update_fields=["last"])
    return candidate


def revision_payload(document) -> dict:
    """The published content of a document, as hashed and stored in its Revision."""
    return {
        "index_no": document.index_no,
        "title": document.title,
        "agency": document.agency.name,
        "doc_no": document.doc_no,
        "subject": str(document.subject) if document.subject_id else document.subject_label,
        "category": document.category,
        "genre": document.genre,
        "keywords": document.keywords,
        "summary": document.summary,
        "written_date": _snapshot(document.written_date),
        "publish_date": _snapshot(document.publish_date),
        "disclosure": document.disclosure,
        "validity": document.validity,
        "effective_date": _snapshot(document.effective_date),
        "expiry_date": _snapshot(document.expiry_date),
        "body_html": document.body_html,
        "attachments": [{"name": a.original_name, "sha256": a.sha256} for a in document.attachments.all()],
    }


def payload_sha256(payload: dict) -> str:
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _revision_create(document, actor) -> Revision:
    payload = revision_payload(document)
    number = (document.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Revision.objects.create(document=document, number=number, snapshot=payload,
                                   sha256=payload_sha256(payload),
                                   created_by=actor if actor and actor.pk else None)


def _apply_relations_on_publish(document, actor):
    """Publishing an amending or abolishing document changes its targets' validity."""
    for rel in document.outgoing.filter(kind__in=[RelationKind.AMENDS, RelationKind.ABOLISHES]).select_related("target"):
        new = Validity.ABOLISHED if rel.kind == RelationKind.ABOLISHES else Validity.AMENDED
        target = rel.target
        if target.validity == Validity.ABOLISHED:
            continue
        document_validity_change(
            document=target, actor=actor, validity=new,
            date=document.publish_date if new == Validity.ABOLISHED else None,
            reason=_("由《%(title)s》%(kind)s") % {"title": document.title, "kind": rel.get_kind_display()},
        )


@transaction.atomic
def document_transition(*, document, action, actor, reason="", override_reason="") -> Document:
    """Take `action` (submit, publish, return, withdraw, reopen) on `document`.

    The single place where a document's status changes: checks the transition table and the
    actor's role, locks the row, runs the pre-publish review, writes the audit row.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(_("未知操作：%(action)s") % {"action": action})
    document = Document.objects.select_for_update().select_related("agency").get(pk=document.pk)
    if document.status not in transition.sources:
        raise TransitionError(
            _("“%(status)s”状态的文件不能执行“%(action)s”。")
            % {"status": document.get_status_display(), "action": transition.label}
        )
    _check_role(actor, document.agency, transition.roles)
    reason = (reason or "").strip()
    if transition.reason_required and not reason:
        raise TransitionError(_("“%(action)s”必须填写理由。") % {"action": transition.label})
    source = document.status
    data = {}
    if action == "publish":
        if not document.title.strip():
            raise TransitionError(_("文件名称不能为空。"))
        if document.title_pending:
            raise TransitionError(_("标题待确认：导入时未能识别标题，现标题取自文件名。请先在“修改草稿”中核对并保存标题，再发布。"))
        document_pre_publish.send(sender=Document, document=document, actor=actor,
                                  override_reason=(override_reason or "").strip())
        if not document.publish_date:
            document.publish_date = timezone.localdate()
        if not document.index_no:
            document.index_no = _index_no_assign(document)
        document.published_at = timezone.now()
        document.status = transition.target
        document.status_reason = ""
        document.save()
        revision = _revision_create(document, actor)
        data = {"index_no": document.index_no, "revision": revision.number, "sha256": revision.sha256}
        if override_reason:
            data["override_reason"] = override_reason
    else:
        document.status = transition.target
        if reason:
            document.status_reason = reason
        document.save(update_fields=["status", "status_reason", "updated_at"])
    audit_record(actor=actor, action=f"document.{action}", obj=document, from_state=source,
                 to_state=document.status, reason=reason, data=data)
    if action == "publish":
        _apply_relations_on_publish(document, actor)
    document_changed.send(sender=Document, document=document, action=action)
    return document


@transaction.atomic
def document_validity_change(*, document, validity, actor, reason, date=None) -> Document:
    """Record that a document was amended, abolished or expired (立改废), with the reason."""
    document = Document.objects.select_for_update().select_related("agency").get(pk=document.pk)
    _check_role(actor, document.agency, VALIDITY_ROLES)
    if not (reason or "").strip():
        raise TransitionError(_("变更有效性必须填写理由。"))
    old = document.validity
    document.validity = validity
    if validity in (Validity.ABOLISHED, Validity.EXPIRED):
        document.expiry_date = date or timezone.localdate()
    document.save(update_fields=["validity", "expiry_date", "updated_at"])
    audit_record(actor=actor, action="document.validity", obj=document, from_state=old,
                 to_state=validity, reason=reason)
    if document.status == Status.PUBLISHED:
        document_changed.send(sender=Document, document=document, action="validity")
    return document


@transaction.atomic
def attachment_add(*, document, actor, name: str, content: bytes, content_type: str = "") -> Attachment:
    """Attach a file to a draft. The caller has already checked size and type."""
    from django.core.files.base import ContentFile

    document = Document.objects.select_for_update().get(pk=document.pk)
    _check_role(actor, document.agency, EDIT_ROLES)
    if document.status not in EDITABLE_STATUSES:
        raise TransitionError(_("只有草稿可以添加附件。"))
    safe_name = (name or "附件").replace("/", "_").replace("\\", "_").strip()[:200] or "附件"
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(document=document, original_name=safe_name, content_type=content_type,
                            size=len(content), sha256=digest)
    attachment.file.save(safe_name, ContentFile(content), save=False)
    attachment.save()
    audit_record(actor=actor, action="attachment.add", obj=document,
                 data={"name": safe_name, "sha256": digest, "size": len(content)})
    return attachment


@transaction.atomic
def attachment_remove(*, attachment, actor):
    document = Document.objects.select_for_update().get(pk=attachment.document_id)
    _check_role(actor, document.agency, EDIT_ROLES)
    if document.status not in EDITABLE_STATUSES:
        raise TransitionError(_("只有草稿可以删除附件。"))
    audit_record(actor=actor, action="attachment.remove", obj=document,
                 data={"name": attachment.original_name, "sha256": attachment.sha256})
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def relation_add(*, source, target, kind, actor) -> DocumentRelation:
    """Link `source` to the document it interprets, amends or abolishes."""
    _check_role(actor, source.agency, EDIT_ROLES)
    if source.pk == target.pk:
        raise UserFacingError(_("文件不能关联自身。"))
    if kind not in RelationKind.values:
        raise UserFacingError(_("未知的关联类型。"))
    relation, created = DocumentRelation.objects.get_or_create(source=source, target=target, kind=kind)
    if created:
        audit_record(actor=actor, action="relation.add", obj=source,
                     data={"target": target.pk, "kind": kind})
    return relation


@transaction.atomic
def relation_remove(*, relation, actor):
    _check_role(actor, relation.source.agency, EDIT_ROLES)
    audit_record(actor=actor, action="relation.remove", obj=relation.source,
                 data={"target": relation.target_id, "kind": relation.kind})
    relation.delete()


@transaction.atomic
def document_generated_submit(*, agency, title: str, **fields) -> Document:
    """Write a document the platform generates from its own data (a yearly list, monthly statistics)
    into the catalog and submit it for review: a draft of the same title is updated, not duplicated.
    Written by the system; the caller audits who asked for it."""
    draft = Document.objects.select_for_update().filter(agency=agency, title=title, status=Status.DRAFT).first()
    document = (document_update(document=draft, actor=None, title=title, **fields) if draft
                else document_create(agency=agency, actor=None, title=title, **fields))
    return document_transition(document=document, action="submit", actor=None)
