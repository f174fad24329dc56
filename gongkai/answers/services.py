"""Writes of the 问答: the curated FAQ (edited by the 公开办, published through the review)."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import role_require
from gongkai.audit.services import audit_record
from gongkai.core.workflow import transition_pick
from gongkai.core.errors import TransitionError, UserFacingError
from gongkai.review.services import review_message, review_text

from .models import Faq, FaqStatus
from .transitions import EDIT_ROLES, TRANSITIONS

MAX_VARIANTS = 20


def _clean(questions: str, answer: str, sources: str) -> dict:
    variants = [line.strip() for line in (questions or "").splitlines() if line.strip()]
    if not variants:
        raise UserFacingError(_("请至少填写一种问法。"))
    if len(variants) > MAX_VARIANTS:
        raise UserFacingError(_("问法最多 %(n)d 种。") % {"n": MAX_VARIANTS})
    if any(len(v) > 200 for v in variants):
        raise UserFacingError(_("每种问法不能超过 200 字。"))
    if not (answer or "").strip():
        raise UserFacingError(_("答复不能为空。"))
    for line in (sources or "").splitlines():
        _title, sep, url = line.partition("|")
        url = url.strip()
        if sep and url and not (url.startswith("/") or url.startswith("https://") or url.startswith("http://")):
            raise UserFacingError(_("依据的链接须以 / 或 http(s):// 开头：%(u)s") % {"u": url})
    return {"questions": "\n".join(variants), "answer": answer.strip(), "sources": (sources or "").strip()}


@transaction.atomic
def faq_create(*, agency, actor, questions: str, answer: str, sources: str = "") -> Faq:
    """A draft FAQ of `agency`."""
    role_require(user=actor, agency=agency, roles=EDIT_ROLES)
    faq = Faq.objects.create(agency=agency, created_by=actor if actor is not None and actor.pk else None,
                             **_clean(questions, answer, sources))
    audit_record(actor=actor, action="faq.create", obj=faq, agency_id=agency.pk)
    return faq


@transaction.atomic
def faq_update(*, faq, actor, questions: str, answer: str, sources: str = "") -> Faq:
    """Change a FAQ; a published one goes back to draft and must pass the review again."""
    faq = Faq.objects.select_for_update().get(pk=faq.pk)
    role_require(user=actor, agency=faq.agency, roles=EDIT_ROLES)
    for name, value in _clean(questions, answer, sources).items():
        setattr(faq, name, value)
    old = faq.status
    faq.status = FaqStatus.DRAFT
    faq.save()
    audit_record(actor=actor, action="faq.update", obj=faq, agency_id=faq.agency_id, from_state=old,
                 to_state=faq.status)
    return faq


def faq_review_text(faq) -> str:
    return "\n".join([*faq.variants(), faq.answer, faq.sources])


@transaction.atomic
def faq_transition(*, faq, action, actor, reason: str = "") -> Faq:
    """The one place a FAQ's status changes; publishing runs the 公开前审查 on its whole text."""
    faq = Faq.objects.select_for_update().get(pk=faq.pk)
    tr = transition_pick(TRANSITIONS, action, obj=faq, reason=reason,
                         authorize=lambda t: role_require(user=actor, agency=faq.agency, roles=t.roles))
    if action == "publish":
        report = review_text(text=faq_review_text(faq), context="faq")
        if report.verdict == "block":
            raise TransitionError(review_message(report), code="review_block")
        faq.published_at = timezone.now()
    old = faq.status
    faq.status = tr.target
    faq.save()
    audit_record(actor=actor, action=f"faq.{action}", obj=faq, agency_id=faq.agency_id, from_state=old,
                 to_state=faq.status, reason=(reason or "").strip())
    return faq
