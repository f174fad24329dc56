"""JSON API of 留言: public reads (replied public messages, personal data masked; monthly statistics)
and staff reads scoped to the user's agencies."""
import datetime as dt
from typing import Optional

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from .selectors import mailboxes_public, messages_for_user, messages_public, month_bounds
from .stats import month_stats

router = Router(tags=["政民互动"])
MAX_LIMIT = 100


class MailboxOut(Schema):
    slug: str
    name: str
    agency: str
    kind: str
    accept_workdays: int
    reply_workdays: int


class PublicMessageOut(Schema):
    number: str
    mailbox: str
    type: str
    title: str
    name: str
    body: str
    handler: str
    received: dt.date
    replied: Optional[dt.date]
    reply: str
    rating: str
    url: str


class StaffMessageOut(Schema):
    id: int
    number: str
    mailbox: str
    type: str
    title: str
    status: str
    handler: str
    accept_due: Optional[dt.date]
    reply_due: Optional[dt.date]


class StatsRow(Schema):
    label: str
    received: int
    replied: int
    on_time: int
    on_time_rate: Optional[float]
    average_workdays: Optional[float]
    satisfaction: Optional[float]


class StatsOut(Schema):
    month: str
    mailboxes: list[StatsRow]
    units: list[StatsRow]
    total: StatsRow


@router.get("/mailboxes", response=list[MailboxOut], summary="信箱列表")
def mailbox_list(request):
    return [{"slug": b.slug, "name": b.name, "agency": b.agency.name, "kind": b.kind,
             "accept_workdays": b.accept_workdays, "reply_workdays": b.reply_workdays} for b in mailboxes_public()]


@router.get("/messages", response=list[PublicMessageOut], summary="已答复的公开留言（个人信息已隐去）")
def message_list(request, q: str = Query("", max_length=50), limit: int = Query(20, ge=1, le=MAX_LIMIT),
                 offset: int = Query(0, ge=0, le=1_000_000)):
    from django.utils import timezone

    return [{"number": m.number, "mailbox": m.mailbox.name, "type": m.get_type_display(), "title": m.title,
             "name": m.display_name, "body": m.body_public, "handler": m.handler.name,
             "received": timezone.localdate(m.received_at), "replied": m.replied_on, "reply": m.reply_public,
             "rating": m.get_rating_display() if m.rating else "", "url": m.get_absolute_url()}
            for m in messages_public(q=q)[offset:offset + limit]]


def _row(r) -> dict:
    return {"label": str(r.label), "received": r.received, "replied": r.replied, "on_time": r.on_time,
            "on_time_rate": r.on_time_rate, "average_workdays": r.average_workdays, "satisfaction": r.satisfaction}


@router.get("/stats", response=StatsOut, summary="月度留言办理情况统计")
def stats(request, month: str = Query(..., pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")):
    try:
        month_bounds(month)
    except ValueError:
        raise HttpError(422, "月份无效。")
    data = month_stats(month=month)
    return {"month": month, "mailboxes": [_row(r) for r in data["mailboxes"]], "units": [_row(r) for r in data["units"]],
            "total": _row(data["total"])}


@router.get("/staff/messages", auth=django_auth, response=list[StaffMessageOut], summary="本机关留言")
def staff_messages(request, limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=1_000_000)):
    return [{"id": m.pk, "number": m.number, "mailbox": m.mailbox.name, "type": m.type, "title": m.title,
             "status": m.status, "handler": m.handler.name, "accept_due": m.accept_due, "reply_due": m.reply_due}
            for m in messages_for_user(user=request.auth)[offset:offset + limit]]
