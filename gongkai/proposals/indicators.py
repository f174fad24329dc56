"""测评 rules over 建议提案 (imported by dotted path by the assessment engine; this app does not know it).

Each rule: fn(*, agency_ids, start, end) -> {"numerator", "denominator", "records"}; agency_ids None is
the whole government; records are (label, url) of the proposals that count against the figure."""
import datetime as dt

from django.db.models import Q
from django.urls import reverse

from .models import Proposal, ProposalStatus


def _scoped(agency_ids):
    qs = Proposal.objects.all()
    return qs if agency_ids is None else qs.filter(lead_id__in=agency_ids)


def _record(p, note):
    return (f"{p.session}第{p.number}号 {p.title}（{note}）", reverse("proposals_staff:detail", args=[p.pk]))


def replies_on_time(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Proposals whose 办理期限 falls in the period: answered by that day (numerator) / all of them."""
    qs = _scoped(agency_ids).filter(due_date__gte=start, due_date__lte=end).order_by("due_date", "id")
    numerator, records = 0, []
    for p in qs.only("id", "session", "number", "title", "due_date", "reply_date"):
        if p.reply_date and p.reply_date <= p.due_date:
            numerator += 1
        else:
            records.append(_record(p, f"期限 {p.due_date}，" + (f"{p.reply_date} 答复" if p.reply_date else "未答复")))
    return {"numerator": numerator, "denominator": qs.count(), "records": records}


def replies_published(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Replies given in the period whose 公开期限 has come by `end` (or already published): published
    by the 公开期限 (numerator) / all of them."""
    qs = (_scoped(agency_ids).filter(reply_date__gte=start, reply_date__lte=end)
          .filter(Q(publish_due__lte=end) | Q(status=ProposalStatus.PUBLISHED)).order_by("reply_date", "id"))
    numerator, records, total = 0, [], 0
    for p in qs.only("id", "session", "number", "title", "publish_due", "published_date"):
        total += 1
        if p.published_date and p.published_date <= p.publish_due and p.published_date <= end:
            numerator += 1
        else:
            records.append(_record(p, f"公开期限 {p.publish_due}，"
                                      + (f"{p.published_date} 公开" if p.published_date else "未公开")))
    return {"numerator": numerator, "denominator": total, "records": records}
