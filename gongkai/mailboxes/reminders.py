"""Reminders of 留言 due soon, overdue or under 督办: one MessageReminder per user and fact, e-mailed
once (core.reminders). The 受理 and 答复 deadlines are the message's, from `deadlines.py` on the one
working-day calendar; "due soon" is due by the next working day.

Who is reminded: the handling department's staff (editors, 公开办, admins); for an overdue message
also the mailbox agency's 公开办/admins (who may 督办 it). A 督办 reminds the handling department.
Run daily by beat with Celery (`gongkai.mailboxes.reminders_send`), and for the visitor on each
工作台 visit in the embedded default (no scheduler there; at most every REFRESH_SECONDS, the newest
VISIT_LIMIT messages). At most MAIL_LIMIT e-mails per user and run: a backlog is recorded and listed,
not mailed one by one. Safe to run repeatedly."""
import datetime as dt
from collections import Counter

from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import agency_ids_for_user, members_active
from gongkai.core.reminders import reminder_send
from gongkai.workdays.calendar import add_workdays

from .models import OPEN_Q, Message, MessageReminder, MessageStatus
from .selectors import _routed_to_q
from .transitions import DISPATCH, HANDLE

DUE_SOON_WORKDAYS = 1
REFRESH_SECONDS = 300
VISIT_LIMIT = 200  # messages a 工作台 visit looks at (newest first)
MAIL_LIMIT = 20  # e-mails per user and run (a backlog of overdue messages is not mailed one by one)


def soon_horizon(today: dt.date) -> dt.date:
    """The last day that counts as "due soon": the next working day after `today`."""
    return add_workdays(today, DUE_SOON_WORKDAYS).date


def reminder_facts(*, message, today: dt.date, horizon: dt.date | None = None) -> list[tuple[str, str, bool]]:
    """(key, text, overdue) of what needs attention on `message` today."""
    horizon = horizon or soon_horizon(today)
    label = f"留言{message.number}“{message.title[:30]}”"
    facts = []
    if message.status == MessageStatus.SUBMITTED:
        due, what = message.accept_due, _("受理")
    elif message.status == MessageStatus.ACCEPTED:
        due, what = message.reply_due, _("答复")
    else:
        return facts
    if due is not None and due < today:
        facts.append((f"overdue:{message.pk}:{message.status}:{due}",
                      _("%(m)s已超过%(w)s期限（%(d)s），请尽快办理。") % {"m": label, "w": what, "d": due}, True))
    elif due is not None and due <= horizon:
        facts.append((f"due:{message.pk}:{message.status}:{due}",
                      _("%(m)s的%(w)s期限为 %(d)s，即将到期。") % {"m": label, "w": what, "d": due}, False))
    if message.supervised_on is not None:
        facts.append((f"supervise:{message.pk}:{message.supervised_on}",
                      _("%(m)s已于 %(d)s 被督办，请抓紧办理并答复。") % {"m": label, "d": message.supervised_on}, False))
    return facts


def _candidates(*, today: dt.date, horizon: dt.date, agency_ids=None, message_pk=None):
    qs = Message.objects.filter(OPEN_Q).filter(
        Q(status=MessageStatus.SUBMITTED, accept_due__lte=horizon)
        | Q(status=MessageStatus.ACCEPTED, reply_due__lte=horizon) | Q(supervised_on__isnull=False))
    if agency_ids is not None:
        qs = qs.filter(_routed_to_q(agency_ids))
    if message_pk is not None:
        qs = qs.filter(pk=message_pk)
    return qs.select_related("mailbox")


def _recipients(message, overdue: bool, found: dict) -> list:
    def members(agency_id, roles):
        k = (agency_id, roles)
        if k not in found:
            found[k] = members_active(agency_ids=[agency_id], roles=roles)
        return found[k]

    users = list(members(message.handler_id, HANDLE))
    if overdue or not users:
        users += [u for u in members(message.mailbox.agency_id, DISPATCH) if u not in users]
    return users


def reminders_send(*, today: dt.date, agency_ids=None, only_user=None, message_pk=None, email: bool = True) -> int:
    """Record (and e-mail once) today's reminders; return how many were new. `agency_ids`/`only_user`
    narrow it to a 工作台 visitor, `message_pk` to one message (right after its 督办)."""
    horizon, members, mailed, created = soon_horizon(today), {}, Counter(), 0
    qs = _candidates(today=today, horizon=horizon, agency_ids=agency_ids, message_pk=message_pk)
    # a 工作台 visit looks at the newest messages only (their facts are the new ones); the daily run at all
    messages = list(qs.order_by("-received_at", "-pk")[:VISIT_LIMIT] if only_user is not None else qs.order_by("pk"))
    # what was sent already, in one query (not an INSERT refused per message and user on every visit)
    sent = MessageReminder.objects.filter(letter__in=qs.values("pk"))
    if only_user is not None:
        sent = sent.filter(user=only_user)
    sent = set(sent.values_list("user_id", "key"))
    for message in messages:
        path = reverse("mailboxes_staff:detail", args=[message.pk])
        for key, text, overdue in reminder_facts(message=message, today=today, horizon=horizon):
            for user in _recipients(message, overdue, members):
                if (only_user is not None and user.pk != only_user.pk) or (user.pk, key) in sent:
                    continue
                mail = email and mailed[user.pk] < MAIL_LIMIT  # beyond it: on the 工作台 only (emailed False)
                if reminder_send(MessageReminder, user=user, key=key, message=text, path=path, email=mail,
                                 subject=_("【留言办理提醒】") + text[:40], letter_id=message.pk):
                    created += 1
                    mailed[user.pk] += 1
    return created


def reminders_for_user(*, user, today: dt.date, limit: int = 20) -> list:
    """Refresh the user's reminders now, then return the unread ones still true today (a message
    answered since, or a deadline moved by 延期, drops out)."""
    ids = agency_ids_for_user(user=user)
    # at most once per user every few minutes (the daily beat entry does the rest)
    throttle = f"mailbox-reminders:{user.pk}:{user.date_joined.timestamp()}:{today.isoformat()}"
    if ids and cache.add(throttle, 1, REFRESH_SECONDS):
        reminders_send(today=today, agency_ids=ids, only_user=user)
    horizon, rows = soon_horizon(today), []
    for note in MessageReminder.objects.filter(user=user, read=False).select_related("letter")[:100]:
        if note.key in {k for k, _t, _o in reminder_facts(message=note.letter, today=today, horizon=horizon)}:
            rows.append(note)
    return rows[:limit]


def reminders_mark_read(*, user) -> int:
    return MessageReminder.objects.filter(user=user, read=False).update(read=True)
