"""Writes of the concerns register: in a transaction, row-locked, role-checked, audited. The status
changes only in concern_transition."""
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Status
from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.core.workflow import transition_pick

from .models import Concern, ConcernResponse, ConcernStatus, Level, LinkKind
from .transitions import ROLES, TRANSITIONS

EDITABLE = ("title", "summary", "level", "noticed_at", "channels", "press_conference_at")


def _check(actor, agency):
    role_require(user=actor, agency=agency, roles=ROLES,
                 message=_("您没有为“%(agency)s”登记回应关切的权限。") % {"agency": agency.name})


def _lock(concern) -> Concern:
    return Concern.objects.select_for_update().select_related("agency").get(pk=concern.pk)


def _clean(title, level, summary, channels, noticed_at, press_conference_at) -> dict:
    if not (title or "").strip():
        raise UserFacingError(_("请填写关切事项。"))
    if level not in Level.values:
        raise UserFacingError(_("请选择级别。"))
    if noticed_at is None:
        raise UserFacingError(_("请填写发现时间。"))
    if press_conference_at is not None and press_conference_at < noticed_at:
        raise UserFacingError(_("新闻发布会时间不能早于发现时间。"))
    return {"title": title.strip(), "level": level, "summary": (summary or "").strip(),
            "channels": (channels or "").strip(), "noticed_at": noticed_at, "press_conference_at": press_conference_at}


@transaction.atomic
def concern_create(*, agency, actor, title, noticed_at, level=Level.GENERAL, summary="", channels="",
                   press_conference_at=None) -> Concern:
    _check(actor, agency)
    fields = _clean(title, level, summary, channels, noticed_at, press_conference_at)
    concern = Concern.objects.create(agency=agency, **fields)
    audit_record(actor=actor, action="concern.create", obj=concern, to_state=concern.status,
                 data={"title": concern.title, "level": level})
    return concern


@transaction.atomic
def concern_update(*, concern, actor, title, noticed_at, level, summary="", channels="",
                   press_conference_at=None) -> Concern:
    """Correct the register entry or record the press conference held (not once closed). Changing the
    level or the time noticed moves the deadlines."""
    concern = _lock(concern)
    _check(actor, concern.agency)
    if concern.status == ConcernStatus.CLOSED:
        raise TransitionError(_("已办结的关切不能修改，请先重新打开。"))
    fields = _clean(title, level, summary, channels, noticed_at, press_conference_at)
    if concern.first_response_at is not None and concern.first_response_at < noticed_at:
        raise UserFacingError(_("发现时间不能晚于首次回应时间。"))
    changed = {k: [str(getattr(concern, k)), str(v)] for k, v in fields.items() if getattr(concern, k) != v}
    for k, v in fields.items():
        setattr(concern, k, v)
    concern.save(update_fields=list(EDITABLE))
    audit_record(actor=actor, action="concern.update", obj=concern, data={"changed": changed})
    return concern


@transaction.atomic
def concern_link_response(*, concern, document, actor, kind=LinkKind.RESPONSE) -> Concern:
    """Link a published catalog document as a 回应 or a 后续发布. The earliest 回应 dates the first
    response, and the first one moves the concern to 已回应 (through concern_transition)."""
    concern = _lock(concern)
    _check(actor, concern.agency)
    if kind not in LinkKind.values:
        raise UserFacingError(_("请选择关联类型。"))
    if concern.status == ConcernStatus.CLOSED:
        raise TransitionError(_("已办结的关切不能再关联信息，请先重新打开。"))
    if document.status != Status.PUBLISHED or document.published_at is None:
        raise UserFacingError(_("只能关联已发布的政府信息作为回应。"))
    if ConcernResponse.objects.filter(concern=concern, document=document).exists():
        raise UserFacingError(_("该信息已关联到此关切。"))
    if kind == LinkKind.RESPONSE and document.published_at < concern.noticed_at:
        raise UserFacingError(_("该信息发布于关切发现之前，不能作为回应。"))
    if kind == LinkKind.FOLLOWUP and concern.first_response_at is None:
        raise UserFacingError(_("请先关联首次回应信息，再关联后续发布。"))
    ConcernResponse.objects.create(concern=concern, document=document, kind=kind)
    if kind == LinkKind.RESPONSE and (concern.first_response_at is None
                                      or document.published_at < concern.first_response_at):
        concern.first_response_at = document.published_at
        concern.save(update_fields=["first_response_at"])
    audit_record(actor=actor, action="concern.link", obj=concern,
                 data={"document": document.pk, "index_no": document.index_no or "", "kind": kind})
    if concern.status == ConcernStatus.WAITING and kind == LinkKind.RESPONSE:
        concern = concern_transition(concern=concern, action="respond", actor=actor)
    return concern


@transaction.atomic
def concern_unlink(*, concern, document, actor, reason) -> Concern:
    """Remove a document linked by mistake (with a reason). The first response is dated again from the
    回应 left; removing the only one takes the concern back to 待回应 (through concern_transition)."""
    concern = _lock(concern)
    _check(actor, concern.agency)
    if concern.status == ConcernStatus.CLOSED:
        raise TransitionError(_("已办结的关切不能移除关联信息，请先重新打开。"))
    if not (reason or "").strip():
        raise UserFacingError(_("请填写移除理由。"))
    link = ConcernResponse.objects.filter(concern=concern, document=document).first()
    if link is None:
        raise UserFacingError(_("该信息未关联到此关切。"))
    others = concern.links.exclude(pk=link.pk)
    left = list(others.filter(kind=LinkKind.RESPONSE).values_list("document__published_at", flat=True))
    if link.kind == LinkKind.RESPONSE and not left and others.exists():
        raise UserFacingError(_("这是唯一的回应信息，请先移除后续发布。"))
    link.delete()
    concern.first_response_at = min(left) if left else None
    concern.save(update_fields=["first_response_at"])
    audit_record(actor=actor, action="concern.unlink", obj=concern, reason=reason.strip(),
                 data={"document": document.pk, "index_no": document.index_no or "", "kind": link.kind})
    if concern.first_response_at is None and concern.status == ConcernStatus.RESPONDED:
        concern = concern_transition(concern=concern, action="retract", actor=actor)
    return concern


@transaction.atomic
def concern_transition(*, concern, action, actor, reason="") -> Concern:
    """The one place a concern's status changes (respond, retract, close, reopen)."""
    concern = _lock(concern)
    authorize = lambda t: role_require(  # noqa: E731
        user=actor, agency=concern.agency, roles=t.roles,
        message=_("您没有为“%(agency)s”办理回应关切的权限。") % {"agency": concern.agency.name})
    if action in ("respond", "close") and concern.first_response_at is None:
        authorize(TRANSITIONS[action])
        raise TransitionError(_("尚未关联任何回应信息，不能%(a)s。") % {"a": TRANSITIONS[action].label})
    if action == "retract" and concern.first_response_at is not None:
        authorize(TRANSITIONS[action])
        raise TransitionError(_("仍有关联的回应信息，不能撤销首次回应。"))
    tr = transition_pick(TRANSITIONS, action, obj=concern, reason=reason, authorize=authorize)
    old = concern.status
    concern.status = tr.target
    concern.save(update_fields=["status"])
    audit_record(actor=actor, action=f"concern.{action}", obj=concern, from_state=old, to_state=concern.status,
                 reason=(reason or "").strip())
    return concern


def concern_close(*, concern, actor) -> Concern:
    return concern_transition(concern=concern, action="close", actor=actor)
