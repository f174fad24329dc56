"""Every write of the proposals app: in a transaction, row-locked, role-checked, audited.
`actor=None` is the system (the catalog's publication, the demo)."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category, Document, Status as DocStatus, Subject
from gongkai.catalog.services import document_generated_submit, document_transition
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.review.findings import BLOCK
from gongkai.review.masking import mask
from gongkai.review.services import deidentify, review_message, review_text

from .deadlines import publish_due, reply_due
from .models import Proposal, ProposalKind, ProposalStatus, PublishMode, ReplyCategory
from .transitions import MANAGE_ROLES, TRANSITIONS

SUBJECT_NAME = "建议提案办理结果"


def proposal_subject() -> Subject:
    """The 主题分类 建议提案办理结果 (a local category; made on first use)."""
    subject, _created = Subject.objects.get_or_create(
        name=SUBJECT_NAME, parent=None, defaults={"is_local": True, "sort_order": 1100})
    return subject


@transaction.atomic
def proposal_create(*, actor, kind: str, session: str, number: str, title: str, proposer: str, lead,
                    assigned_date: dt.date, assist=(), proposer_contact: str = "") -> Proposal:
    """交办: the 公开办 (or the government office) assigns a 建议/提案 to its 主办 and 协办 units."""
    role_require(user=actor, agency=lead, roles=MANAGE_ROLES)
    for agency in assist:
        role_require(user=actor, agency=agency, roles=MANAGE_ROLES)
    if kind not in ProposalKind.values:
        raise UserFacingError(_("请选择类型（人大代表建议或政协委员提案）。"))
    session, number, title, proposer = (v.strip() for v in (session, number, title, proposer))
    if not (session and number and title and proposer):
        raise UserFacingError(_("届次、编号、标题和代表/委员均不能为空。"))
    if assigned_date > timezone.localdate():
        raise UserFacingError(_("交办日期不能晚于今天。"))
    if Proposal.objects.filter(kind=kind, session=session, number=number).exists():
        raise UserFacingError(_("%(session)s第%(number)s号%(kind)s已登记。")
                              % {"session": session, "number": number, "kind": ProposalKind(kind).label})
    assist = [a for a in assist if a.pk != lead.pk]
    proposal = Proposal.objects.create(kind=kind, session=session, number=number, title=title, proposer=proposer,
                                       proposer_contact=proposer_contact.strip(), lead=lead,
                                       assigned_date=assigned_date, due_date=reply_due(assigned_date))
    proposal.assist.set(assist)
    audit_record(actor=actor, action="proposal.create", obj=proposal, agency_id=lead.pk, to_state=proposal.status,
                 data={"number": number, "session": session, "due": proposal.due_date.isoformat(),
                       "assist": [a.pk for a in assist]})
    return proposal


def _contact_mask(value: str) -> str:
    digits = value.replace("-", "").replace(" ", "")
    if "@" in value:
        return mask("email", value)
    if digits.isdigit():
        return mask("mobile" if len(digits) == 11 and digits.startswith("1") else "landline", value)
    return mask("address", value)


def _masked_reply(proposal, text: str) -> str:
    """The reply as the public will read it: personal data masked, and the 代表/委员's own contact
    details masked even where the review's patterns would not recognise them."""
    public = deidentify(text, context=proposal.title)
    for part in (proposal.proposer_contact or "").replace("，", ",").replace("；", ",").split(","):
        part = part.strip()
        if len(part) >= 5 and part in public:
            public = public.replace(part, _contact_mask(part))
    return public


def _reply(proposal, *, category, reply_text, reply_date, actor) -> None:
    if category not in ReplyCategory.values:
        raise UserFacingError(_("请选择答复类别（A、B或C类）。"))
    reply_text = (reply_text or "").strip()
    if not reply_text:
        raise UserFacingError(_("请填写复文内容。"))
    today = timezone.localdate()
    reply_date = reply_date or today
    if reply_date > today or reply_date < proposal.assigned_date:
        raise UserFacingError(_("答复日期须在交办日期与今天之间。"))
    report = review_text(text=reply_text)
    if report.verdict == BLOCK:
        raise TransitionError(review_message(report))
    proposal.category, proposal.reply_text, proposal.reply_date = category, reply_text, reply_date
    proposal.reply_public = _masked_reply(proposal, reply_text)
    proposal.publish_due = publish_due(reply_date)


def _document_title(proposal) -> str:
    noun = "建议" if proposal.kind == ProposalKind.SUGGESTION else "提案"
    return f"{proposal.lead.name}关于{proposal.session}第{proposal.number}号{noun}的答复"


def _document_html(proposal) -> str:
    body = proposal.reply_public if proposal.publish_mode == PublishMode.FULL else proposal.summary
    paragraphs = "".join(f"<p>{escape(line.strip())}</p>" for line in body.splitlines() if line.strip())
    head = (f"<p>{escape(proposal.get_kind_display())}：{escape(proposal.title)}（{escape(proposal.session)}"
            f"第{escape(proposal.number)}号）</p><p>答复类别：{escape(proposal.category)}类</p>")
    if proposal.publish_mode == PublishMode.SUMMARY:
        head += "<p>（复文摘要）</p>"
    return head + paragraphs


def _publish(proposal, *, publish_mode, summary) -> None:
    if publish_mode not in PublishMode.values:
        raise UserFacingError(_("请选择全文公开或摘要公开。"))
    summary = (summary or "").strip()
    if publish_mode == PublishMode.SUMMARY:
        if not summary:
            raise UserFacingError(_("摘要公开须填写复文摘要。"))
        report = review_text(text=summary)
        if report.verdict == BLOCK:
            raise TransitionError(review_message(report))
        summary = _masked_reply(proposal, summary)
    proposal.publish_mode, proposal.summary = publish_mode, summary
    proposal.document = document_generated_submit(
        agency=proposal.lead, title=_document_title(proposal), body_html=_document_html(proposal),
        subject=proposal_subject(), category=Category.OTHER, written_date=proposal.reply_date,
        publisher_name=proposal.lead.name)


@transaction.atomic
def proposal_transition(*, proposal, action, actor, reason="", category="", reply_text="", reply_date=None,
                        publish_mode=PublishMode.FULL, summary="") -> Proposal:
    """The one place a proposal's status changes."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("lead", "document").get(pk=proposal.pk)
    tr = TRANSITIONS.get(action)
    if tr is None or proposal.status not in tr.sources:
        raise TransitionError(_("该建议提案当前为“%(s)s”，不能执行此操作。") % {"s": proposal.get_status_display()})
    if not tr.roles and actor is not None:
        raise PermissionDeniedError(_("该操作由系统在复文发布时自动完成。"))
    if tr.roles:
        role_require(user=actor, agency=proposal.lead, roles=tr.roles,
                     message=_("只有主办单位“%(agency)s”或公开办可以办理该建议提案。") % {"agency": proposal.lead.name})
    reason = (reason or "").strip()
    if tr.reason_required and not reason:
        raise UserFacingError(_("请填写退回理由。"))
    old = proposal.status
    data = {}
    if action == "reply":
        _reply(proposal, category=category, reply_text=reply_text, reply_date=reply_date, actor=actor)
        data = {"category": proposal.category, "reply_date": proposal.reply_date.isoformat(),
                "on_time": proposal.reply_date <= proposal.due_date}
    elif action == "publish":
        _publish(proposal, publish_mode=publish_mode, summary=summary)
        data = {"document": proposal.document_id, "mode": proposal.publish_mode}
    elif action == "return":
        document = proposal.document
        if document is not None and document.status == DocStatus.PENDING:
            document_transition(document=document, action="return", actor=None, reason=reason)
        proposal.status_reason = reason
    elif action == "published":
        proposal.published_date = proposal.document.publish_date if proposal.document else timezone.localdate()
        data = {"published_date": proposal.published_date.isoformat(),
                "on_time": bool(proposal.publish_due and proposal.published_date <= proposal.publish_due)}
    proposal.status = tr.target
    proposal.save()
    audit_record(actor=actor, action=f"proposal.{action}", obj=proposal, agency_id=proposal.lead_id, from_state=old,
                 to_state=proposal.status, reason=reason, data=data)
    return proposal


def proposal_document_published(*, document: Document) -> Proposal | None:
    """Called when the catalog publishes a document: the proposal whose 复文 it is becomes 已公开."""
    proposal = Proposal.objects.filter(document=document, status=ProposalStatus.SUBMITTED).first()
    if proposal is None:
        return None
    return proposal_transition(proposal=proposal, action="published", actor=None)
