"""Reads of the mailboxes app: public (replied public messages, masked), staff (scoped), statistics."""
import datetime as dt

from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from gongkai.agencies.selectors import agency_ids_for_user, user_has_role
from gongkai.core.querycode import query_code_check
from gongkai.core.text import clean_text
from gongkai.core.similarity import fingerprint, overlap

from .models import OPEN_Q, PUBLIC_Q, Mailbox, Message, MessageEvent, MessageStatus
from .transitions import DISPATCH

PUBLIC_STATUSES = (MessageStatus.REPLIED, MessageStatus.CLOSED)
SIMILAR_THRESHOLD = 0.6


def mailboxes_public():
    return Mailbox.objects.filter(is_active=True).select_related("agency")


def mailbox_get_public(*, slug) -> Mailbox:
    box = Mailbox.objects.filter(slug=slug).select_related("agency").first()
    if box is None:
        raise Http404
    return box


def messages_public(*, mailbox=None, q: str = ""):
    qs = Message.objects.filter(PUBLIC_Q).select_related("mailbox", "handler")  # index mailbox_msg_public_list
    if mailbox is not None:
        qs = qs.filter(mailbox=mailbox)
    q = clean_text(q or "").strip()[:50]  # NUL and other control characters cannot go to SQL
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(body_public__icontains=q) | Q(reply_public__icontains=q))
    return qs.order_by("-replied_on", "-id")


def message_get_public(*, slug, number) -> Message:
    m = messages_public().filter(mailbox__slug=slug, number=number).first()
    if m is None:
        raise Http404
    return m


def message_similar_answered(*, title: str, body: str, limit: int = 3, pool: int = 500) -> list:
    """Public answered messages alike to a new one (the most recent `pool` are compared), with their
    public (reviewed, masked) reply to show inline."""
    fp = fingerprint(f"{title} {body}")
    scored = []
    candidates = messages_public().select_related(None).select_related("mailbox").only(
        "id", "number", "title", "body_public", "replied_on", "mailbox__slug")[:pool]
    for m in candidates:
        score = overlap(fp, fingerprint(f"{m.title} {m.body_public}"))
        if score >= SIMILAR_THRESHOLD:
            scored.append((score, m))
    scored.sort(key=lambda pair: -pair[0])
    found = [m for _score, m in scored[:limit]]
    if not found:
        return []
    # the answers of the few shown only (one query), not of the whole pool
    replies = dict(Message.objects.filter(pk__in=[m.pk for m in found]).values_list("pk", "reply_public"))
    for m in found:
        m.reply_public = replies.get(m.pk, "")
    return found


def message_track(*, number: str, code: str):
    m = Message.objects.filter(number=(number or "").strip().upper()).select_related("mailbox", "handler").first()
    if m is None or not query_code_check(m.query_code_hash, code):
        return None
    return m


def _overdue_q(day):
    return (Q(status=MessageStatus.SUBMITTED, accept_due__lt=day)
            | Q(status=MessageStatus.ACCEPTED, reply_due__lt=day))


def _routed_to_q(agency_ids):
    """Messages handled by one of the agencies or sent to one of their mailboxes (a subquery over the
    few mailboxes, not a join, so the list can walk a message index in its own order)."""
    return Q(handler_id__in=agency_ids) | Q(mailbox_id__in=Mailbox.objects.filter(agency_id__in=agency_ids)
                                            .values("id"))


def messages_for_user(*, user, status=None, overdue_on=None):
    ids = agency_ids_for_user(user=user)
    qs = (Message.objects.filter(_routed_to_q(ids))
          .select_related("mailbox", "handler").order_by("reply_due", "-received_at"))
    if status:
        qs = qs.filter(status=status)
    if overdue_on is not None:
        # Only open messages can be overdue: OPEN_Q (implied by the OR, stated for the planners) lets
        # both databases walk the partial index mailbox_msg_open_due in the list's order.
        qs = qs.filter(OPEN_Q).filter(_overdue_q(overdue_on))
    return qs


def message_is_dispatcher(*, user, message) -> bool:
    """The mailbox agency's 公开办/admin: 转办 anywhere in its subtree, 延期, 办结, 督办."""
    return user_has_role(user=user, agency=message.mailbox.agency_id, roles=DISPATCH)


def message_assign_targets(*, user, message):
    """Where `user` may 转办 the message: the mailbox agency's subtree for its 公开办/admin, else the
    handling department's own sub-units."""
    if message_is_dispatcher(user=user, message=message):
        return message.mailbox.agency.descendants(include_self=True).exclude(pk=message.handler_id)
    return message.handler.descendants(include_self=False)


def _passed_on_ids(agency_ids):
    """Ids of the messages one of the agencies passed on (转办) and no longer handles itself: the
    events are found from the passing side (index mailbox_event_from), the message's current handler
    compared with the event's passer in the same query."""
    return (MessageEvent.objects.filter(kind="assigned", from_agency_id__in=agency_ids)
            .exclude(message__handler_id=F("from_agency_id")).values("message_id"))


def messages_passed_on(*, user):
    """What the user's agencies passed on to another unit (转出): to follow up on, read-only. Newest
    first."""
    ids = agency_ids_for_user(user=user)
    return (Message.objects.filter(pk__in=_passed_on_ids(ids))
            .select_related("mailbox", "handler").order_by("-received_at", "-id"))


def message_get_for_user(*, user, pk, passed_on: bool = False) -> Message:
    """A message the user's agencies handle or receive; with `passed_on`, also one they passed on, marked
    `follow_only` (the detail page shows it without actions; every action looks the message up without
    `passed_on`)."""
    m = messages_for_user(user=user).filter(pk=pk).first()
    if m is not None:
        m.follow_only = False
    elif passed_on:
        m = messages_passed_on(user=user).filter(pk=pk).first()
        if m is not None:
            m.follow_only = True
    if m is None:
        raise Http404
    return m


def overdue_messages(*, today=None, agency_ids=None):
    today = today or timezone.localdate()
    qs = Message.objects.filter(OPEN_Q).filter(_overdue_q(today)).select_related("mailbox", "handler")
    if agency_ids is not None:
        qs = qs.filter(_routed_to_q(agency_ids))
    return qs


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """'2026-11' → (2026-11-01, 2026-12-01)."""
    year, mon = (int(x) for x in month.split("-"))
    start = dt.date(year, mon, 1)
    return start, (dt.date(year + 1, 1, 1) if mon == 12 else dt.date(year, mon + 1, 1))
