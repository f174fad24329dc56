"""The 受理 and 答复 deadlines of a message, derived from its events on the one working-day calendar.

- 受理期限: the mailbox's `accept_workdays` after the day the message arrived (Beijing day);
- 答复期限: the type's reply period counted from the day it was accepted; each approved 延期 adds
  its working days to the deadline in force; a reopening after 不满意 starts a new reply period.
"""
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gongkai.workdays.calendar import add_workdays


@dataclass(frozen=True)
class Deadlines:
    accept_due: dt.date
    reply_due: dt.date | None
    provisional: bool


def received_day(message) -> dt.date:
    return timezone.localdate(message.received_at)


def deadlines_compute(*, message, events) -> Deadlines:
    mailbox = message.mailbox
    accept = add_workdays(received_day(message), mailbox.accept_workdays)
    provisional = accept.provisional
    reply_due = None
    for event in events:
        if event.kind in ("accepted", "reopened"):
            due = add_workdays(event.day, mailbox.reply_days(message.type))
        elif event.kind == "extended" and reply_due is not None:
            due = add_workdays(reply_due, event.workdays or 0)
        else:
            continue
        reply_due = due.date
        provisional = provisional or due.provisional
    return Deadlines(accept.date, reply_due, provisional)
