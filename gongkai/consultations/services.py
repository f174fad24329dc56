"""Every write of the consultations app: in a transaction, row-locked, role-checked, audited.
`actor=None` is the system (demo data, the catalog's publish hook) or, for `comment_submit`, the
anonymous public."""
import datetime as dt

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category
from gongkai.catalog.models import Status as DocStatus
from gongkai.catalog.services import document_create, document_transition, document_update
from gongkai.catalog.signals import document_changed
from gongkai.core.errors import TransitionError, UserFacingError

from .articles import split_articles
from .models import Article, Channel, Consultation, ConsultationEvent, Phase
from .models import ConsultationStatus as S
from .periods import minimum_period, rule_for
from .transitions import EDIT_ROLES, TRANSITIONS

CONTACT_FIELDS = ("contact_unit", "contact_address", "contact_postcode", "contact_phone", "contact_fax",
                  "contact_email")
FIELDS = {"title", "kind", "draft_text", "draft_file", "explanation", "start_date", "end_date",
          "shortened_reason", "channels", *CONTACT_FIELDS}
MAX_COMMENT = 5000
DRAFT_FILE_TYPES = {"docx", "pdf"}


def _draft_file_apply(c: Consultation, upload) -> None:
    """Store an uploaded 征求意见稿 (.docx or .pdf, sniffed, size-limited); a Word draft given without
    the text fills `draft_text` from the file, so its articles can be commented on one by one."""
    from gongkai.catalog.importing.readers import read_docx
    from gongkai.ops.uploads import upload_check, upload_save

    checked = upload_check(name=upload.name, data=upload.read(), allowed=DRAFT_FILE_TYPES)
    c.draft_file.name = upload_save(directory=f"consultations/{c.start_date:%Y}", checked=checked)
    if checked.kind == "docx" and not c.draft_text.strip():
        lines = read_docx(checked.data).lines
        c.draft_text = "\n".join(line for line in lines if line.strip())


def _check_role(actor, agency, roles):
    role_require(user=actor, agency=agency, roles=roles)


def _lock(consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def _validate(c: Consultation) -> None:
    if not c.title.strip():
        raise UserFacingError(_("征求意见稿名称不能为空。"))
    if c.end_date < c.start_date:
        raise UserFacingError(_("截止日期不能早于开始日期。"))
    period = minimum_period(rule_for(c.kind), c.start_date)
    if not period.lawful(c.end_date) and not c.shortened_reason.strip():
        raise UserFacingError(_("%(kind)s征求意见期限不得少于法定期限（最早截止于%(min)s）；确需缩短的，"
                                "请填写缩短理由，理由将在公告中向社会说明。")
                              % {"kind": c.kind, "min": period.min_end.isoformat()})
    unknown = set(c.channels) - set(Channel.values)
    if unknown:
        raise UserFacingError(_("未知的意见提交渠道：%(c)s") % {"c": "、".join(sorted(unknown))})


def _articles_replace(c: Consultation) -> None:
    c.articles.all().delete()
    Article.objects.bulk_create(Article(consultation=c, position=i, label=label, text=text)
                                for i, (label, text) in enumerate(split_articles(c.draft_text), start=1))


@transaction.atomic
def consultation_create(*, agency, actor, notice=None, **fields) -> Consultation:
    """A draft consultation; `notice` links an already published notice (see the adopt transition)."""
    _check_role(actor, agency, EDIT_ROLES)
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValueError(f"not a consultation field: {sorted(unknown)}")
    fields.setdefault("channels", [Channel.ONLINE])
    upload = fields.pop("draft_file", None)
    c = Consultation(agency=agency, created_by=actor if actor and actor.pk else None, notice=notice, **fields)
    _validate(c)
    if upload:
        _draft_file_apply(c, upload)
    c.save()
    _articles_replace(c)
    audit_record(actor=actor, action="consultation.create", obj=c, to_state=c.status, data={"title": c.title})
    return c


@transaction.atomic
def consultation_update(*, consultation, actor, **fields) -> Consultation:
    c = _lock(consultation)
    _check_role(actor, c.agency, EDIT_ROLES)
    if c.status != S.DRAFT:
        raise TransitionError(_("只有草稿可以修改；已发布的征集只能延期或撤回。"))
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValueError(f"not a consultation field: {sorted(unknown)}")
    upload = fields.pop("draft_file", None)
    for name, value in fields.items():
        setattr(c, name, value)
    _validate(c)
    if upload:
        _draft_file_apply(c, upload)
        fields["draft_text"] = c.draft_text
    c.save()
    if "draft_text" in fields:
        _articles_replace(c)
    audit_record(actor=actor, action="consultation.edit", obj=c, data={"fields": sorted(fields)})
    return c


def notice_html(c: Consultation) -> str:
    """The 征集公告: what is asked, the period (and why it is shorter), the channels, the contact block."""
    period = minimum_period(rule_for(c.kind), c.start_date)
    channels = dict(Channel.choices)
    parts = [f"<p>为广泛听取社会公众意见，现将{escape(c.title)}向社会公开征求意见。</p>",
             f"<p>征求意见时间：{c.start_date:%Y年%m月%d日}至{c.end_date:%Y年%m月%d日}。</p>"]
    if not period.lawful(c.end_date):
        parts.append(f"<p>征求意见期限少于法定期限的理由：{escape(c.shortened_reason)}</p>")
    parts.append("<p>意见提交方式：" + "；".join(escape(str(channels[ch])) for ch in c.channels) + "。</p>")
    contact = [(label, getattr(c, name)) for name, label in (
        ("contact_unit", "联系单位"), ("contact_address", "通讯地址"), ("contact_postcode", "邮政编码"),
        ("contact_phone", "联系电话"), ("contact_fax", "传真"), ("contact_email", "电子邮箱")) if getattr(c, name)]
    if contact:
        parts.append("<p>" + "<br>".join(f"{label}：{escape(value)}" for label, value in contact) + "</p>")
    if c.explanation:
        parts.append("<h2>起草说明</h2>" + "".join(f"<p>{escape(line)}</p>" for line in c.explanation.splitlines()
                                                  if line.strip()))
    if c.draft_text:
        parts.append("<h2>征求意见稿</h2>" + "".join(f"<p>{escape(line)}</p>" for line in c.draft_text.splitlines()
                                                   if line.strip()))
    return "".join(parts)


def _notice_fields(c: Consultation) -> dict:
    return {"title": f"关于公开征求{c.title}意见的公告", "body_html": notice_html(c),
            "category": Category.CONSULTATION, "publish_date": c.start_date,
            "written_date": c.start_date, "publisher_name": c.agency.name}


@transaction.atomic
def consultation_transition(*, consultation, action, actor, reason="") -> Consultation:
    """The one place a consultation's status changes (submit, publish, return, withdraw)."""
    c = _lock(consultation)
    tr = TRANSITIONS.get(action)
    if tr is None or c.status not in tr.sources:
        raise TransitionError(_("当前状态（%(s)s）不能执行“%(a)s”。") % {"s": c.get_status_display(), "a": action})
    _check_role(actor, c.agency, tr.roles)
    if tr.reason_required and not reason.strip():
        raise UserFacingError(_("请填写理由。"))
    if action == "adopt" and (c.notice is None or c.notice.status != DocStatus.PUBLISHED):
        raise TransitionError(_("只有征集公告已在公开目录中发布的征集可以直接登记。"))
    if action == "submit":
        _validate(c)
        if c.notice_id is None:
            c.notice = document_create(agency=c.agency, actor=actor, **_notice_fields(c))
        else:
            document_update(document=c.notice, actor=actor, **_notice_fields(c))
        document_transition(document=c.notice, action="submit", actor=actor)
    elif action in ("withdraw", "return") and c.notice_id:
        notice = c.notice
        notice.refresh_from_db()
        step = {DocStatus.PUBLISHED: "withdraw", DocStatus.PENDING: "return"}.get(notice.status)
        if step:
            document_transition(document=notice, action=step, actor=actor, reason=reason)
    old = c.status
    c.status = tr.target
    c.save(update_fields=["status", "notice"])
    audit_record(actor=actor, action=f"consultation.{action}", obj=c, from_state=old, to_state=c.status,
                 reason=reason)
    return c


@transaction.atomic
def consultation_extend(*, consultation, actor, new_end: dt.date, reason: str) -> Consultation:
    c = _lock(consultation)
    _check_role(actor, c.agency, EDIT_ROLES)
    if c.status != S.PUBLISHED or c.phase() not in (Phase.OPEN, Phase.UPCOMING):
        raise TransitionError(_("只有正在征集或尚未开始的征集可以延期。"))
    if new_end <= c.end_date:
        raise UserFacingError(_("延期后的截止日期须晚于原截止日期（%(d)s）。") % {"d": c.end_date.isoformat()})
    if not reason.strip():
        raise UserFacingError(_("请填写延期理由，理由将在征集页面公开。"))
    ConsultationEvent.objects.create(consultation=c, kind="extended", old_end=c.end_date, new_end=new_end,
                                     reason=reason.strip())
    audit_record(actor=actor, action="consultation.extend", obj=c, reason=reason,
                 data={"from": c.end_date.isoformat(), "to": new_end.isoformat()})
    c.end_date = new_end
    c.save(update_fields=["end_date"])
    return c


@transaction.atomic
def consultation_link_final(*, consultation, document, actor) -> Consultation:
    """Record the final document adopted after the consultation: the consultation's page links to it
    and, once it is published, its page links back to the consultation and the feedback report
    (`portal_blocks._document_notes`)."""
    c = _lock(consultation)
    _check_role(actor, c.agency, EDIT_ROLES)
    if c.phase() not in (Phase.CLOSED, Phase.FEEDBACK):
        raise TransitionError(_("征集结束后才能关联正式文件。"))
    if document.pk in (c.notice_id, c.feedback_id):
        raise UserFacingError(_("正式文件不能是征集公告或意见采纳情况反馈本身。"))
    c.final_document = document
    c.save(update_fields=["final_document"])
    audit_record(actor=actor, action="consultation.link_final", obj=c, data={"document": document.pk})
    # The document's public page changes (it now links back): refresh its cached copies.
    document_changed.send(sender=type(document), document=document, action="consultation_link")
    return c
