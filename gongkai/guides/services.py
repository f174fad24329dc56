"""Every write of the guides app: in a transaction, row-locked, role-checked, audited."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.ops.uploads import upload_check, upload_save
from gongkai.review.services import review_message, review_text

from .completeness import guide_missing
from .models import (GuideKind, GuideMaterial, GuideStatus, GuideVersion, LifeEvent, MaterialForm, MaterialNeed,
                     ServiceGuide)
from .snapshot import guide_snapshot, snapshot_text
from .transitions import EDIT_ROLES, TRANSITIONS

FIELDS = ("name", "kind", "basis", "conditions", "process", "legal_days", "promised_days", "free", "fee_standard",
          "fee_basis", "location", "hours", "phone", "complaint_phone", "life_events")
FILE_KINDS = {"pdf", "doc", "docx", "xls", "xlsx", "odt", "ofd", "png", "jpg"}


def _check(actor, agency, roles):
    if actor is not None and not user_has_role(user=actor, agency=agency, roles=roles):
        raise PermissionDeniedError(_("您没有为“%(agency)s”执行此操作的权限。") % {"agency": agency.name})


def _clean(fields: dict) -> dict:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise UserFacingError(_("未知的字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    out = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "name" in out and not out["name"]:
        raise UserFacingError(_("事项名称不能为空。"))
    if "kind" in out and out["kind"] not in GuideKind.values:
        raise UserFacingError(_("事项类型无效。"))
    if "life_events" in out:
        events = list(out["life_events"] or [])
        bad = [e for e in events if e not in LifeEvent.values]
        if bad:
            raise UserFacingError(_("未知的生活事件：%(e)s") % {"e": "、".join(map(str, bad))})
        out["life_events"] = [e for e in LifeEvent.values if e in events]
    for key in ("legal_days", "promised_days"):
        if out.get(key) is not None and not 0 <= int(out[key]) <= 3650:
            raise UserFacingError(_("时限应为0至3650之间的工作日数。"))
    if out.get("free"):
        out["fee_standard"], out["fee_basis"] = "", ""
    return out


def _editable(guide):
    if guide.status != GuideStatus.DRAFT:
        raise TransitionError(_("只有草稿状态的办事指南可以修改（当前：%(s)s）。") % {"s": guide.get_status_display()})


@transaction.atomic
def guide_create(*, agency, actor, **fields) -> ServiceGuide:
    _check(actor, agency, EDIT_ROLES)
    fields = _clean(fields)
    if not fields.get("name"):
        raise UserFacingError(_("事项名称不能为空。"))
    guide = ServiceGuide.objects.create(agency=agency, **fields)
    audit_record(actor=actor, action="guide.create", obj=guide, to_state=guide.status, data={"name": guide.name})
    return guide


@transaction.atomic
def guide_update(*, guide, actor, **fields) -> ServiceGuide:
    guide = ServiceGuide.objects.select_for_update().get(pk=guide.pk)
    _check(actor, guide.agency, EDIT_ROLES)
    _editable(guide)
    for key, value in _clean(fields).items():
        setattr(guide, key, value)
    guide.save()
    audit_record(actor=actor, action="guide.update", obj=guide, data={"fields": sorted(fields)})
    return guide


def _store(upload, guide_pk) -> tuple[str, str, str]:
    if not upload:
        return "", "", ""
    name, data = upload
    checked = upload_check(name=name, data=data, allowed=FILE_KINDS)
    path = upload_save(directory=f"guides/{guide_pk}", checked=checked)
    return path, checked.safe_name, checked.content_type


@transaction.atomic
def guide_material_add(*, guide, actor, name: str, copies: int = 1, form=MaterialForm.PAPER,
                       need=MaterialNeed.REQUIRED, note: str = "", sample=None, blank=None) -> GuideMaterial:
    """Add one row of 申请材料; `sample` (样表) and `blank` (空表) are optional (file name, bytes) pairs,
    checked by their content before anything is saved."""
    guide = ServiceGuide.objects.select_for_update().get(pk=guide.pk)
    _check(actor, guide.agency, EDIT_ROLES)
    _editable(guide)
    if not (name or "").strip():
        raise UserFacingError(_("材料名称不能为空。"))
    if form not in MaterialForm.values or need not in MaterialNeed.values:
        raise UserFacingError(_("材料形式或必要性无效。"))
    if not 1 <= int(copies) <= 99:
        raise UserFacingError(_("份数应为1至99。"))
    sample_path, sample_name, sample_type = _store(sample, guide.pk)
    blank_path, blank_name, blank_type = _store(blank, guide.pk)
    position = guide.materials.count() + 1
    material = GuideMaterial.objects.create(
        guide=guide, position=position, name=name.strip(), copies=int(copies), form=form, need=need,
        note=(note or "").strip(), sample_path=sample_path, sample_name=sample_name, sample_type=sample_type,
        blank_path=blank_path, blank_name=blank_name, blank_type=blank_type)
    audit_record(actor=actor, action="guide.material_add", obj=guide, data={"material": material.name})
    return material


@transaction.atomic
def guide_material_remove(*, material, actor) -> None:
    guide = ServiceGuide.objects.select_for_update().get(pk=material.guide_id)
    _check(actor, guide.agency, EDIT_ROLES)
    _editable(guide)
    name = material.name
    GuideMaterial.objects.filter(pk=material.pk).delete()
    for i, m in enumerate(guide.materials.order_by("position", "id"), start=1):
        if m.position != i:
            GuideMaterial.objects.filter(pk=m.pk).update(position=i)
    audit_record(actor=actor, action="guide.material_remove", obj=guide, data={"material": name})


def _publish(guide, actor):
    missing = guide_missing(guide)
    if missing:
        raise TransitionError(_("办事指南要素不齐全，不能发布：%(m)s。") % {"m": "；".join(missing)},
                              code="guide_incomplete")
    snapshot = guide_snapshot(guide)
    report = review_text(text=snapshot_text(snapshot), context="service_guide")
    if report.verdict == "block":
        raise TransitionError(review_message(report), code="review_block")
    guide.version += 1
    guide.published_at = timezone.now()
    GuideVersion.objects.create(guide=guide, number=guide.version, snapshot=snapshot,
                                published_by=actor if actor is not None and actor.pk else None)


@transaction.atomic
def guide_transition(*, guide, action, actor, reason="") -> ServiceGuide:
    """The one place a guide's status changes."""
    guide = ServiceGuide.objects.select_for_update().get(pk=guide.pk)
    tr = TRANSITIONS.get(action)
    if tr is None or guide.status not in tr.sources:
        raise TransitionError(_("当前状态（%(s)s）不能执行该操作。") % {"s": guide.get_status_display()})
    _check(actor, guide.agency, tr.roles)
    if tr.reason_required and not (reason or "").strip():
        raise UserFacingError(_("请填写理由。"))
    if action == "submit":
        missing = guide_missing(guide)
        if missing:
            raise TransitionError(_("办事指南要素不齐全，不能提交：%(m)s。") % {"m": "；".join(missing)},
                                  code="guide_incomplete")
    if action == "publish":
        _publish(guide, actor)
    old = guide.status
    guide.status = tr.target
    guide.status_reason = (reason or "").strip() if tr.reason_required else ""
    guide.save()
    audit_record(actor=actor, action=f"guide.{action}", obj=guide, from_state=old, to_state=guide.status,
                 reason=reason, data={"version": guide.version} if action == "publish" else None)
    return guide
