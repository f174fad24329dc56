"""Writes on the comment ledger: public comments, comments from other channels, dispositions,
publishing selected comments, and the 意见采纳情况反馈. Same rules as services.py."""
import math
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category
from gongkai.catalog.services import document_create, document_transition, document_update
from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.core.queue import task_eager, task_enqueue_coalesced
from gongkai.core.similarity import THRESHOLD, fingerprint
from gongkai.review.findings import BLOCK
from gongkai.review.services import deidentify, review_message, review_text, spam_clean_text

from .feedback import feedback_html, figures_compute
from .models import Channel, Comment, CommentToken, Consultation, Disposition, Phase
from .services import MAX_COMMENT, _check_role, _lock
from .transitions import LEDGER_ROLES


GROUP_BATCH = 2000  # comments grouped in one transaction


def _receipt_no(c: Consultation) -> str:
    return f"ZQ{c.pk:04d}{timezone.localdate():%y%m%d}{secrets.randbelow(10**6):06d}"


def _alike_heads(consultation_id: int, fp: frozenset) -> list[int]:
    """The group heads whose text is alike to `fp` (Jaccard ≥ THRESHOLD), counted in the database:
    the token table holds each head's whole fingerprint, so the number of rows a head shares with
    `fp` is |x ∩ y| and the similarity needs no text: |x ∩ y| / (|x| + |y| - |x ∩ y|). Jaccard ≥ t
    also needs t·|x| ≤ |y| ≤ |x|/t and |x ∩ y| ≥ t·|x|, which the index range and HAVING apply."""
    if not fp:
        return []
    n = len(fp)
    low, high = math.floor(THRESHOLD * n), math.ceil(n / THRESHOLD)
    rows = (CommentToken.objects
            .filter(consultation_id=consultation_id, token__in=sorted(fp), size__gte=low, size__lte=high)
            .values("head_id", "size").annotate(shared=Count("id"))
            .filter(shared__gte=math.floor(THRESHOLD * n)).values_list("head_id", "size", "shared"))
    return [head for head, size, shared in rows if shared / (n + size - shared) >= THRESHOLD]


@transaction.atomic
def comments_group(*, consultation_id: int, limit: int = GROUP_BATCH) -> int:
    """Put the comments not grouped yet into their 同类意见 groups, in the order they came in: each
    joins the group of the earliest earlier head alike to it, else heads a group of its own (its
    tokens are then indexed). Runs after a comment is saved (a queued task; at once in the embedded
    default) and from the periodic sweep; idempotent: grouped comments are not looked at again.
    Under the consultation's row lock, so two alike comments never make two groups."""
    # FOR NO KEY UPDATE: groupings of one consultation queue on each other (and on its transitions,
    # FOR UPDATE), but not on the key-share locks that saving a comment takes on the consultation
    # row; a plain FOR UPDATE here deadlocked with submissions waiting for the audit chain's head.
    c = Consultation.objects.select_for_update(no_key=True).get(pk=consultation_id)
    pending = list(Comment.objects.filter(consultation=c, grouped=False).order_by("id")
                   .only("id", "receipt_no", "body", "received_at")[:limit])
    for comment in pending:
        fp = fingerprint(comment.body)
        ids = _alike_heads(c.pk, fp)
        first = (Comment.objects.filter(pk__in=ids).order_by("received_at", "id")
                 .values_list("receipt_no", flat=True).first() if ids else None)
        comment.group_key, comment.grouped = first or comment.receipt_no, True
        if first is None:
            _head_tokens_add(c, comment, fp)
    # Derived data, like the search index: no audit row (the comment's own row is its record).
    Comment.objects.bulk_update(pending, ["group_key", "grouped"], batch_size=500)
    return len(pending)


def _head_tokens_add(c: Consultation, comment: Comment, fp: frozenset) -> None:
    CommentToken.objects.bulk_create(CommentToken(consultation=c, head=comment, token=t, size=len(fp))
                                     for t in fp)


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise UserFacingError(_("意见内容不能为空。"))
    if len(body) > MAX_COMMENT:
        raise UserFacingError(_("意见内容不能超过%(n)d字，较长的意见请以附件或电子邮件提交。") % {"n": MAX_COMMENT})
    return body


@transaction.atomic
def comment_submit(*, consultation, body, article=None, name="", phone="", email="",
                   channel=Channel.ONLINE, actor=None, received_at=None) -> Comment:
    """A comment from the public (actor None, online, only while open) or entered by staff (any
    channel, with the day it was received when that was earlier, e.g. a letter). It is saved as a
    group of its own; `comments_group` puts it into its 同类意见 group after the commit (a queued
    task, at once in the embedded default), so comments to one consultation do not queue on its
    row lock while they are submitted."""
    body = _clean_body(body)
    c = Consultation.objects.select_related("feedback").get(pk=consultation.pk)
    if actor is None:
        if channel != Channel.ONLINE or c.phase() != Phase.OPEN:
            raise TransitionError(_("该意见征集不在征集期内，不能提交意见。"))
    else:
        _check_role(actor, c.agency, LEDGER_ROLES)
        if c.phase() in (Phase.NOT_PUBLIC, Phase.UPCOMING):
            raise TransitionError(_("征集尚未开始，不能登记意见。"))
    if article is not None and article.consultation_id != c.pk:
        raise UserFacingError(_("所选条目不属于该征求意见稿。"))
    comment = Comment(consultation=c, article=article, channel=channel, name=name.strip()[:100],
                      phone=phone.strip()[:40], email=email.strip(), body=body, receipt_no=_receipt_no(c),
                      entered_by=actor if actor and actor.pk else None, grouped=False)
    if received_at is not None and actor is not None:
        comment.received_at = received_at
    # The receipt number's six random digits can repeat on a busy day (two in a thousand comments
    # already collide with a chance of 2 in 5): a taken number is drawn again.
    for _attempt in range(5):
        comment.group_key = comment.receipt_no
        try:
            with transaction.atomic():
                comment.save()
            break
        except IntegrityError:
            if Comment.objects.filter(receipt_no=comment.receipt_no).exists():
                comment.pk, comment.receipt_no = None, _receipt_no(c)
                continue
            raise
    else:
        raise UserFacingError(_("系统繁忙，请稍后再提交。"))
    audit_record(actor=actor, action="consultation.comment", obj=c, agency_id=c.agency_id,
                 data={"receipt_no": comment.receipt_no, "channel": channel})
    task_enqueue_coalesced("gongkai.consultations.comments_group", c.pk)
    if task_eager():
        comment.refresh_from_db(fields=["group_key", "grouped"])
    return comment


@transaction.atomic
def comment_dispose(*, comment, actor, disposition, reason="", whole_group=False) -> int:
    """Record the disposition of a comment (or of its whole group of alike comments)."""
    if disposition not in Disposition.values or not disposition:
        raise UserFacingError(_("请选择处理结果。"))
    if disposition != Disposition.ADOPTED and not reason.strip():
        raise UserFacingError(_("未完全采纳的意见须说明理由。"))
    c = _lock(comment.consultation)
    _check_role(actor, c.agency, LEDGER_ROLES)
    qs = c.comments.select_for_update()
    qs = qs.filter(group_key=comment.group_key) if whole_group else qs.filter(pk=comment.pk)
    now = timezone.now()
    n = qs.update(disposition=disposition, reason=reason.strip(), disposed_at=now)
    audit_record(actor=actor, action="consultation.dispose", obj=c, reason=reason,
                 data={"comment": comment.receipt_no, "group": whole_group, "disposition": disposition, "count": n})
    return n


def publishable_text(text: str) -> str:
    """A comment as the public may read it: injected spam removed, personal data masked."""
    cleaned, _passages = spam_clean_text(text=text)
    return deidentify(cleaned)


@transaction.atomic
def comment_publish(*, comment, actor, public=True) -> Comment:
    c = _lock(comment.consultation)
    _check_role(actor, c.agency, LEDGER_ROLES)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if public:
        text = publishable_text(comment.body)
        report = review_text(text=text)
        if report.verdict == BLOCK:
            raise TransitionError(_("该意见经公开前审查不宜公开。") + review_message(report))
        comment.public_body = text
    comment.is_public = public
    comment.save(update_fields=["is_public", "public_body"])
    audit_record(actor=actor, action="consultation.comment_publish" if public else "consultation.comment_hide",
                 obj=c, data={"comment": comment.receipt_no})
    return comment


@transaction.atomic
def feedback_generate(*, consultation, actor):
    """Write the 意见采纳情况反馈 from the ledger into the catalog and submit it for review."""
    c = _lock(consultation)
    _check_role(actor, c.agency, LEDGER_ROLES)
    if c.phase() not in (Phase.CLOSED,):
        raise TransitionError(_("征集结束后才能生成意见采纳情况反馈。"))
    while comments_group(consultation_id=c.pk) == GROUP_BATCH:  # none left ungrouped (a lost task)
        pass
    figures = figures_compute(consultation=c)
    if figures.pending:
        raise UserFacingError(_("还有%(n)d条意见未处理，请先逐条（或按同类意见）作出处理。") % {"n": figures.pending})
    fields = {"title": f"关于{c.title}征求意见采纳情况的反馈", "category": Category.CONSULTATION,
              "body_html": feedback_html(consultation=c, figures=figures, opinion_text=publishable_text),
              "written_date": timezone.localdate(), "publisher_name": c.agency.name}
    if c.feedback_id is None:
        c.feedback = document_create(agency=c.agency, actor=actor, **fields)
        c.save(update_fields=["feedback"])
    else:
        document_update(document=c.feedback, actor=actor, **fields)
    feedback = document_transition(document=c.feedback, action="submit", actor=actor)
    audit_record(actor=actor, action="consultation.feedback", obj=c,
                 data={"received": figures.received, "adopted": figures.adopted, "partly": figures.partly})
    return feedback
