"""Reads for the FOI pages. Every staff read is scoped to the user's agencies; out of scope is 404."""
import datetime as dt

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.core.querycode import query_code_check
from gongkai.workdays.calendar import add_workdays

from .models import (APPLICANT_NOTICE_KINDS, CLOCK_STATUSES, OPEN_STATUSES, PAUSED_STATUSES, Case, Channel,
                     ConsultationKind, Delivery, FeeMethod, Notice, NoticeStatus, Outcome, Status)
from .disclosure import files_public
from .transitions import VIEW_ROLES

DUE_SOON_WORKDAYS = 3


def foi_agency_ids(*, user) -> set:
    return agency_ids_for_user(user=user, roles=VIEW_ROLES)


def cases_for_user(*, user):
    return Case.objects.filter(agency_id__in=foi_agency_ids(user=user)).select_related("agency", "handler")


def case_get_for_user(*, user, pk) -> Case:
    case = cases_for_user(user=user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def case_list(*, user, agency_id=None, status="", bucket="", q="", today: dt.date):
    """Filter the user's cases; `bucket` is one of due_soon, overdue, paused, provisional, open."""
    qs = cases_for_user(user=user)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if status:
        qs = qs.filter(status=status)
    if bucket:
        qs = qs.filter(_bucket_q(bucket, today))
    if q:
        qs = qs.filter(Q(tracking_no__icontains=q) | Q(applicant_name__icontains=q) | Q(info_title__icontains=q))
    return qs.order_by("due_date", "-submitted_at")


def _bucket_q(bucket, today):
    soon = add_workdays(today, DUE_SOON_WORKDAYS).date
    active = Q(status__in=CLOCK_STATUSES)
    return {
        "open": Q(status__in=OPEN_STATUSES),
        "due_soon": Q(status=Status.PROCESSING, due_date__gte=today, due_date__lte=soon),
        "overdue": active & Q(due_date__lt=today),
        "paused": Q(status__in=PAUSED_STATUSES),
        "provisional": active & Q(provisional=True),
        "unconfirmed": Q(status=Status.SUBMITTED),
    }.get(bucket, Q())


def dashboard(*, user, today: dt.date) -> dict:
    """Counts per agency and in total: open by state, due soon, overdue, paused, provisional."""
    ids = foi_agency_ids(user=user)
    base = Case.objects.filter(agency_id__in=ids)
    buckets = ("due_soon", "overdue", "paused", "provisional", "unconfirmed")
    annotations = {f"st_{s}": Count("id", filter=Q(status=s)) for s in OPEN_STATUSES}
    annotations.update({f"b_{b}": Count("id", filter=_bucket_q(b, today)) for b in buckets})
    rows = {r["agency_id"]: r for r in base.values("agency_id").annotate(**annotations)}
    agencies = Agency.objects.filter(id__in=ids).order_by("path", "sort_order", "id")
    table = []
    totals = {k: 0 for k in annotations}
    for agency in agencies:
        r = rows.get(agency.id, {})
        values = {k: r.get(k, 0) for k in annotations}
        for k, v in values.items():
            totals[k] += v
        table.append({"agency": agency, "open": sum(values[f"st_{s}"] for s in OPEN_STATUSES),
                      "states": [values[f"st_{s}"] for s in OPEN_STATUSES],
                      **{b: values[f"b_{b}"] for b in buckets}})
    total = {"open": sum(totals[f"st_{s}"] for s in OPEN_STATUSES),
             "states": [totals[f"st_{s}"] for s in OPEN_STATUSES], **{b: totals[f"b_{b}"] for b in buckets}}
    return {"rows": table, "total": total, "states": [Status(s).label for s in OPEN_STATUSES],
            "due_soon_until": add_workdays(today, DUE_SOON_WORKDAYS).date}


PRIVATE_EVENT_KINDS = ("assigned", "note", "published")


def query_code_matches(case, code: str) -> bool:
    return query_code_check(case.query_code_hash, code)


def case_public_get(*, tracking_no: str, code: str) -> Case | None:
    """Return the case when the tracking number and query code match, else None."""
    case = Case.objects.filter(tracking_no=(tracking_no or "").strip().upper()).select_related("agency").first()
    if case is None or not query_code_matches(case, code or ""):
        return None
    return case


def applicant_notices(*, case_ids):
    """The issued notices of these cases that are addressed to the applicant (never a third party's)."""
    return Notice.objects.filter(case_id__in=case_ids, status=NoticeStatus.ISSUED,
                                 kind__in=APPLICANT_NOTICE_KINDS)


def case_public_view(case) -> dict:
    """What the tracking page may show: no name, contact, identity or request text."""
    return {
        "tracking_no": case.tracking_no,
        "agency": case.agency.name,
        "status": case.get_status_display(),
        "status_code": case.status,
        "submitted": timezone.localdate(case.submitted_at).isoformat(),
        "received_date": case.received_date.isoformat() if case.received_date else None,
        "due_date": case.due_date.isoformat() if case.due_date else None,
        "provisional": case.provisional,
        "correction_due": case.correction_due.isoformat() if case.correction_due and case.status == Status.CORRECTION else None,
        "fee_due": case.fee_due.isoformat() if case.fee_due and case.status == Status.FEE_PENDING else None,
        "fee_amount": str(case.fee_amount) if case.fee_amount is not None and case.status == Status.FEE_PENDING else None,
        "outcome": case.get_outcome_display() if case.outcome else None,
        "closed_date": case.closed_date.isoformat() if case.closed_date else None,
        "notices": [{"id": n.pk, "kind": n.get_kind_display(), "number": n.number,
                     "date": (n.issue_date or timezone.localdate(n.created_at)).isoformat()}
                    for n in applicant_notices(case_ids=[case.pk]).order_by("created_at", "id")],
        "files": [{"id": f.pk, "name": f.name, "size": f.size, "redacted": f.redacted}
                  for f in files_public(case)],
        # Milestones only: the kind and date of each step, never its details or who took it.
        "events": [{"date": e.date.isoformat(), "kind": e.get_kind_display()}
                   for e in case.events.exclude(kind__in=PRIVATE_EVENT_KINDS).order_by("date", "id")],
    }


DETAIL_LABELS = {
    "channel": (_("申请方式"), Channel), "consultation_kind": (_("类型"), ConsultationKind),
    "consultee": (_("征求对象"), None), "reply": (_("意见"), None), "days": (_("补正期限（工作日）"), None),
    "items": (_("补正事项"), None), "workdays": (_("延长工作日"), None), "method": (_("方式"), None),
    "amount": (_("金额（元）"), None), "pages": (_("页数"), None), "outcome": (_("结果"), Outcome),
    "handler": (_("承办人"), None), "document": (_("公开目录草稿编号"), None), "proof": (_("凭证"), None),
    "sent": (_("发出日期"), None), "until": (_("延迟答复期限"), None),
}
REPLY_LABELS = {"agree": _("同意公开"), "refuse": _("不同意公开"), "replied": _("提出其他意见"),
                "silent": _("逾期未提出意见")}
METHOD_LABELS = {**dict(FeeMethod.choices), **dict(Delivery.choices)}


def _detail(key, value):
    label, choices = DETAIL_LABELS.get(key, (key, None))
    if choices is not None and value in choices.values:
        value = choices(value).label
    elif key == "reply":
        value = REPLY_LABELS.get(value, value)
    elif key == "method":
        value = METHOD_LABELS.get(value, value)
    return str(label), value


def case_timeline(*, case) -> list:
    """The case's events in order, each with `details`: (label, value) pairs in Chinese."""
    events = list(case.events.select_related("actor").order_by("date", "id"))
    for event in events:
        event.details = [_detail(k, v) for k, v in sorted((event.data or {}).items()) if v not in (None, "")]
    return events
