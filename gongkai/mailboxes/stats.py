"""Monthly 留言 statistics per mailbox and per handling unit, and their publication as a document.

For a month: 收到 = messages received in it (Beijing days); 答复 = messages replied in it; 按期 = of
those, replied on or before their reply deadline; 平均用时 = mean working days from receipt to reply;
满意率 = (满意 + 基本满意) / rated messages replied in the month.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import audit_record
from gongkai.catalog.models import Category, Document
from gongkai.catalog.services import document_generated_submit
from gongkai.core.errors import UserFacingError
from gongkai.workdays.calendar import is_workday

from .models import Mailbox, Message, Rating
from .selectors import month_bounds


@dataclass
class Row:
    label: str
    received: int = 0
    replied: int = 0
    on_time: int = 0
    workdays: list = field(default_factory=list)
    rated: int = 0
    satisfied: int = 0

    @property
    def on_time_rate(self):
        return round(100 * self.on_time / self.replied, 1) if self.replied else None

    @property
    def average_workdays(self):
        return round(sum(self.workdays) / len(self.workdays), 1) if self.workdays else None

    @property
    def satisfaction(self):
        return round(100 * self.satisfied / self.rated, 1) if self.rated else None


def _midnight(day):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day))


def _workday_counter(first: dt.date, last: dt.date):
    """workdays(a, b) = working days in (a, b], read from cumulative counts made once for the range."""
    cum, n, day = {}, 0, first
    while day <= last:
        n += is_workday(day)
        cum[day] = n
        day += dt.timedelta(days=1)
    return lambda a, b: max(0, cum[b] - cum[a]) if b > a else 0


def month_stats(*, month: str, mailbox_ids=None) -> dict:
    """{"mailboxes": [Row], "units": [Row], "total": Row} for 'YYYY-MM'. Rows are read as tuples of ids
    and dates, without joins (a month of a busy 12345 box is thousands of messages); the names of the
    few mailboxes and units come from one small query each. Mailboxes and units are listed in the
    order of their ids."""
    start, end = month_bounds(month)
    qs = Message.objects.all()
    if mailbox_ids is not None:
        qs = qs.filter(mailbox_id__in=mailbox_ids)
    # Month bounds are Beijing midnights (aware datetimes in the current time zone).
    received = list(qs.filter(received_at__gte=_midnight(start), received_at__lt=_midnight(end))
                    .order_by().values_list("mailbox_id", "handler_id")
                    .annotate(n=Count("id")))
    replied = list(qs.filter(replied_on__gte=start, replied_on__lt=end).order_by().values_list(
                   "mailbox_id", "handler_id", "received_at", "replied_on", "reply_due", "rating"))
    box_names = dict(Mailbox.objects.filter(id__in={r[0] for r in received} | {r[0] for r in replied})
                     .values_list("id", "name"))
    unit_names = dict(Agency.objects.filter(id__in={r[1] for r in received} | {r[1] for r in replied})
                      .values_list("id", "name"))
    boxes, units, total = {}, {}, Row(_("合计"))

    def rows_for(box_id, unit_id):
        if box_id not in boxes:
            boxes[box_id] = Row(box_names[box_id])
        if unit_id not in units:
            units[unit_id] = Row(unit_names[unit_id])
        return boxes[box_id], units[unit_id], total

    for box_id, unit_id, n in received:
        for row in rows_for(box_id, unit_id):
            row.received += n
    if replied:
        tz = timezone.get_current_timezone()  # once: localdate() looks it up again for every row
        days_of = [r[2].astimezone(tz).date() for r in replied]
        workdays = _workday_counter(min(min(days_of), start), max(r[3] for r in replied))
    for (box_id, unit_id, _at, replied_on, reply_due, rating), day in zip(replied, days_of if replied else []):
        days = workdays(day, replied_on)
        for row in rows_for(box_id, unit_id):
            row.replied += 1
            row.on_time += bool(reply_due and replied_on <= reply_due)
            row.workdays.append(days)
            if rating:
                row.rated += 1
                row.satisfied += rating in (Rating.SATISFIED, Rating.BASIC)
    return {"mailboxes": [boxes[k] for k in sorted(boxes)], "units": [units[k] for k in sorted(units)],
            "total": total}


def _fmt(value, suffix=""):
    return "—" if value is None else f"{value}{suffix}"


def stats_html(*, month: str, stats: dict) -> str:
    head = ("<tr><th>{}</th><th>收到</th><th>答复</th><th>按期答复率</th><th>平均用时（工作日）</th>"
            "<th>满意率</th></tr>")
    out = [f"<p>{escape(month.replace('-', '年', 1))}月网上留言办理情况统计如下。</p>"]
    for caption, rows in (("按信箱", stats["mailboxes"]), ("按承办单位", stats["units"])):
        body = "".join(f"<tr><td>{escape(r.label)}</td><td>{r.received}</td><td>{r.replied}</td>"
                       f"<td>{_fmt(r.on_time_rate, '%')}</td><td>{_fmt(r.average_workdays)}</td>"
                       f"<td>{_fmt(r.satisfaction, '%')}</td></tr>" for r in rows + [stats["total"]])
        out.append(f"<h2>{caption}</h2><table><thead>{head.format(caption[1:])}</thead><tbody>{body}</tbody></table>")
    return "".join(out)


def stats_title(*, agency, month: str) -> str:
    year, mon = month.split("-")
    return f"{agency.name}{year}年{int(mon)}月网上留言办理情况统计"


def stats_publish_monthly(*, today: dt.date) -> list:
    """On the first days of a month: last month's statistics of every agency with mailboxes, written
    into the catalog and submitted for review, unless that month's document is already submitted or
    published (so the daily or monthly job may run again). Returns the documents submitted."""
    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Status

    month = f"{today.replace(day=1) - dt.timedelta(days=1):%Y-%m}"
    done = []
    for agency in Agency.objects.filter(mailboxes__isnull=False).distinct().order_by("id"):
        title = stats_title(agency=agency, month=month)
        if Document.objects.filter(agency=agency, title=title).exclude(status=Status.DRAFT).exists():
            continue
        done.append(stats_publish(agency=agency, month=month, actor=None))
    return done


@transaction.atomic
def stats_publish(*, agency, month: str, actor) -> Document:
    """Write the month's statistics of `agency`'s mailboxes into the catalog and submit it for review."""
    ids = list(agency.mailboxes.values_list("id", flat=True))
    if not ids:
        raise UserFacingError(_("该机构没有信箱。"))
    stats = month_stats(month=month, mailbox_ids=ids)
    title = stats_title(agency=agency, month=month)
    document = document_generated_submit(
        agency=agency, title=title, body_html=stats_html(month=month, stats=stats), category=Category.WORK,
        written_date=timezone.localdate(), publisher_name=agency.name)
    audit_record(actor=actor, action="mailbox.stats_publish", obj=document,
                 data={"month": month, "received": stats["total"].received, "replied": stats["total"].replied})
    return document
