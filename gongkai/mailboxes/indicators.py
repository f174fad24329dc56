"""测评 rules over 留言 (imported by dotted path by the assessment engine).
Each rule: fn(*, agency_ids, start, end) -> {"numerator", "denominator", "records"}."""
import datetime as dt

from django.db.models import Q
from django.urls import reverse

from gongkai.workdays.calendar import workdays_between

from .models import Message, MessageStatus


def _accepted(agency_ids, start, end):
    """Messages accepted in the period (the ones that had to be answered)."""
    qs = Message.objects.filter(accepted_on__gte=start, accepted_on__lte=end).exclude(status=MessageStatus.REJECTED)
    if agency_ids is not None:
        qs = qs.filter(Q(handler_id__in=agency_ids) | Q(mailbox__agency_id__in=agency_ids))
    return qs


def _url(m):
    return reverse("mailboxes_staff:detail", args=[m.pk])


def reply_rate(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Messages accepted in the period and answered by their 答复期限 (numerator) / all accepted; the
    records are those answered late or not at all."""
    numerator, records, total = 0, [], 0
    for m in _accepted(agency_ids, start, end).only("id", "number", "title", "reply_due", "replied_on") \
            .order_by("accepted_on", "id"):
        total += 1
        if m.replied_on and m.reply_due and m.replied_on <= m.reply_due:
            numerator += 1
        else:
            state = f"{m.replied_on} 答复" if m.replied_on else "未答复"
            records.append((f"{m.number} {m.title}（期限 {m.reply_due}，{state}）", _url(m)))
    return {"numerator": numerator, "denominator": total, "records": records}


def reply_workdays(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Mean working days from 受理 to 答复 of the messages answered in the period: the sum of working
    days (numerator) / the number answered; the records are the slowest ten."""
    qs = Message.objects.filter(replied_on__gte=start, replied_on__lte=end, accepted_on__isnull=False)
    if agency_ids is not None:
        qs = qs.filter(Q(handler_id__in=agency_ids) | Q(mailbox__agency_id__in=agency_ids))
    rows = [(workdays_between(m.accepted_on, m.replied_on), m)
            for m in qs.only("id", "number", "title", "accepted_on", "replied_on")]
    slowest = sorted(rows, key=lambda r: (-r[0], r[1].pk))[:10]
    records = [(f"{m.number} {m.title}（{days} 个工作日）", _url(m)) for days, m in slowest]
    return {"numerator": sum(d for d, _m in rows), "denominator": len(rows), "records": records}
