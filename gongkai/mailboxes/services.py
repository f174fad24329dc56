"""Every write of the mailboxes app: in a transaction, row-locked, role-checked, audited.
`actor=None` is the public writer (submitting, rating with the query code) or the system (demo)."""
import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.core.querycode import query_code_check, query_code_hash, query_code_new
from gongkai.ops.uploads import upload_check, upload_save
from gongkai.review.findings import BLOCK
from gongkai.review.services import deidentify, review_message, review_text

from .deadlines import deadlines_compute
from .models import Message, MessageEvent, MessageStatus, MessageType, Rating, RejectReason
from .transitions import DISPATCH, TRANSITIONS

MAX_BODY = 3000
ATTACHMENT_TYPES = {"pdf", "docx", "xlsx", "png", "jpeg", "gif"}
ATTACHMENT_BYTES = 10 * 1024 * 1024


def _number(day) -> str:
    return f"LY{day:%Y%m%d}{secrets.randbelow(10**5):05d}"


def _refresh_deadlines(message) -> None:
    d = deadlines_compute(message=message, events=list(message.events.all()))
    message.accept_due, message.reply_due = d.accept_due, d.reply_due


def _event(message, kind, actor=None, on=None, **fields) -> MessageEvent:
    day = on or timezone.localdate()
    extra = {"at": timezone.make_aware(dt.datetime(day.year, day.month, day.day, 9))} if on else {}
    return MessageEvent.objects.create(message=message, kind=kind, day=day,
                                       actor=actor if actor is not None and actor.pk else None, **fields, **extra)


@transaction.atomic
def message_submit(*, mailbox, type, title, body, name="", phone="", email="", wants_public=True,
                   anonymous=False, attachment=None, received_at=None) -> tuple[Message, str]:
    """A message from the public. Returns the message and its query code (shown once).
    `received_at` is for the system only: history brought in from an old site, demo data."""
    if not mailbox.is_active:
        raise UserFacingError(_("该信箱暂停受理留言。"))
    if type not in MessageType.values:
        raise UserFacingError(_("请选择留言类型。"))
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise UserFacingError(_("标题和内容不能为空。"))
    if len(body) > MAX_BODY or len(title) > 120:
        raise UserFacingError(_("内容不能超过%(n)d字，标题不能超过120字。") % {"n": MAX_BODY})
    code = query_code_new()
    message = Message(mailbox=mailbox, type=type, title=title, body=body, name=name.strip()[:60],
                      phone=phone.strip()[:40], email=email.strip(), wants_public=wants_public,
                      anonymous=anonymous, handler=mailbox.agency, query_code_hash=query_code_hash(code))
    if received_at is not None:
        message.received_at = received_at
    if attachment is not None:
        checked = upload_check(name=attachment.name, data=attachment.read(), allowed=ATTACHMENT_TYPES,
                               max_bytes=ATTACHMENT_BYTES)
        message.attachment.name = upload_save(directory=f"mailboxes/{timezone.localdate():%Y/%m}", checked=checked)
    for _attempt in range(5):
        message.number = _number(timezone.localdate(message.received_at))
        try:
            with transaction.atomic():
                message.save()
            break
        except IntegrityError:
            continue
    else:
        raise UserFacingError(_("系统繁忙，请稍后再提交。"))
    _event(message, "received", on=timezone.localdate(message.received_at) if received_at else None)
    _refresh_deadlines(message)
    message.save(update_fields=["accept_due", "reply_due"])
    audit_record(actor=None, action="mailbox.submit", obj=message, agency_id=mailbox.agency_id,
                 to_state=message.status, data={"number": message.number, "mailbox": mailbox.slug})
    return message, code


def _is_dispatcher(actor, message) -> bool:
    """The system, or the mailbox agency's 公开办/admin (who route anywhere in its subtree)."""
    return actor is None or user_has_role(user=actor, agency=message.mailbox.agency, roles=DISPATCH)


def _check(actor, message, roles, *, dispatch=False):
    agency = message.mailbox.agency if dispatch else message.handler
    if actor is not None and not (user_has_role(user=actor, agency=agency, roles=roles)
                                  or _is_dispatcher(actor, message)):
        raise PermissionDeniedError(_("您没有为“%(agency)s”办理该留言的权限。") % {"agency": agency.name})


def _assign(message, actor, to_agency, reason, on) -> dict:
    """转办: the mailbox agency's 公开办/admin to any unit of its subtree (改派 included); the handling
    department's staff only further down their own subtree. The event remembers who passed it on."""
    if _is_dispatcher(actor, message):
        source, allowed = message.mailbox.agency, message.mailbox.agency.descendants(include_self=True)
        error = _("只能转办给本信箱主办机构或其下属单位。")
    else:
        source, allowed = message.handler, message.handler.descendants(include_self=False)
        error = _("承办单位只能将留言转办给本单位的下属单位。")
    if to_agency is None or not allowed.filter(pk=to_agency.pk).exists():
        raise UserFacingError(error)
    if to_agency.pk == message.handler_id:
        raise UserFacingError(_("该留言已由“%(a)s”承办。") % {"a": to_agency.name})
    message.handler = to_agency
    _event(message, "assigned", actor, to_agency=to_agency, from_agency=source, text=reason, on=on)
    return {"to": to_agency.name, "from": source.name}


def _return(message, actor, reason, on) -> dict:
    """退回: back to whoever passed the message to its handler (the mailbox agency when unknown)."""
    if message.handler_id == message.mailbox.agency_id:
        raise UserFacingError(_("该留言由信箱主办机构承办，无需退回。"))
    last = message.events.filter(kind="assigned", to_agency_id=message.handler_id).order_by("-at", "-id").first()
    back = (last.from_agency if last is not None and last.from_agency_id else None) or message.mailbox.agency
    message.handler = back
    _event(message, "returned", actor, to_agency=back, text=reason, on=on)
    return {"to": back.name}


def _supervise(message, actor, reason, on) -> dict:
    """督办 an overdue message: recorded on it (and in its history) for the handling department."""
    today = on or timezone.localdate()
    due = message.accept_due if message.status == MessageStatus.SUBMITTED else message.reply_due
    if due is None or due >= today:
        raise UserFacingError(_("只能督办已超过受理或答复期限的留言。"))
    message.supervised_on = today
    _event(message, "supervised", actor, to_agency=message.handler, text=reason, on=on)
    return {"due": due.isoformat(), "handler": message.handler.name}


def _reply_texts(message, reply: str) -> None:
    reply = (reply or "").strip()
    if not reply:
        raise UserFacingError(_("请填写答复内容。"))
    report = review_text(text=reply)
    if report.verdict == BLOCK:
        raise TransitionError(review_message(report))
    message.reply = reply
    message.reply_public = deidentify(reply)
    message.body_public = deidentify(message.body, context=message.title)
    message.is_public = message.wants_public


@transaction.atomic
def message_transition(*, message, action, actor, reason="", to_agency=None, workdays=None, reply="",
                       reject_reason="", rating="", code="", on=None) -> Message:
    """The one place a message's status (and its handler) changes. `on` dates the event in the past
    and is for the system only (history brought in from an old site, demo data)."""
    if on is not None and actor is not None:
        raise PermissionDeniedError(_("只有系统导入历史记录时可以指定办理日期。"))
    message = Message.objects.select_for_update().select_related("mailbox", "mailbox__agency", "handler").get(
        pk=message.pk)
    tr = TRANSITIONS.get(action)
    if tr is None or message.status not in tr.sources:
        raise TransitionError(_("该留言当前为“%(s)s”，不能执行此操作。") % {"s": message.get_status_display()})
    if action == "rate":
        if not query_code_check(message.query_code_hash, code):
            raise PermissionDeniedError(_("留言编号或查询码不正确。"))
        if rating not in Rating.values:
            raise UserFacingError(_("请选择评价。"))
    else:
        _check(actor, message, tr.roles, dispatch=tr.roles == DISPATCH)
    if tr.reason_required and not (reason.strip() or reject_reason):
        raise UserFacingError(_("请填写理由。"))
    old, target, data = message.status, tr.target, {}
    if action == "accept":
        message.accepted_on = on or timezone.localdate()
        _event(message, "accepted", actor, on=on)
    elif action == "reject":
        if reject_reason not in RejectReason.values:
            raise UserFacingError(_("请选择不予受理的理由。"))
        message.reject_reason = reject_reason
        _event(message, "rejected", actor, text=reason, on=on)
    elif action == "assign":
        data = _assign(message, actor, to_agency, reason, on)
    elif action == "return":
        data = _return(message, actor, reason, on)
    elif action == "supervise":
        data = _supervise(message, actor, reason, on)
    elif action == "extend":
        if not workdays or not 1 <= int(workdays) <= 30:
            raise UserFacingError(_("延期工作日数应在1至30之间。"))
        _event(message, "extended", actor, workdays=int(workdays), text=reason, on=on)
        data["workdays"] = int(workdays)
    elif action == "reply":
        _reply_texts(message, reply)
        message.replied_on = on or timezone.localdate()
        message.supervised_on = None  # the 督办 is answered (its event stays in the history)
        _event(message, "replied", actor, on=on)
    elif action == "rate":
        message.rating = rating
        if rating == Rating.UNSATISFIED and not message.reopened:
            message.reopened = True
            target = MessageStatus.ACCEPTED
            _event(message, "reopened", on=on, text=reason)
        else:
            _event(message, "rated", on=on, text=rating)
        data["rating"] = rating
    if target is not None:
        message.status = target
    _refresh_deadlines(message)
    message.save()
    audit_record(actor=actor, action=f"mailbox.{action}", obj=message, agency_id=message.mailbox.agency_id,
                 from_state=old, to_state=message.status, reason=reason, data=data)
    return message
