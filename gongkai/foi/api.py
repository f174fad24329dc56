"""JSON API for 依申请公开 (mounted at /api/foi/): public tracking and scoped staff reads."""
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from gongkai.core.params import MAX_INT

from .selectors import case_get_for_user, case_list, case_public_get, case_public_view, dashboard
from .services import today

router = Router(tags=["依申请公开"])
MAX_PAGE = 100_000  # integer parameters are bounded: out of range is a 422 JSON error, never a 500


class TrackIn(Schema):
    tracking_no: str
    code: str


@router.post("/track", summary="按申请编号和查询码查询办理进度")
def track(request, payload: TrackIn):
    """Status, deadlines and notice list of one case; nothing personal."""
    case = case_public_get(tracking_no=payload.tracking_no, code=payload.code)
    if case is None:
        raise HttpError(404, _("申请编号或查询码不正确。"))
    return case_public_view(case)


def _case_row(case) -> dict:
    return {
        "id": case.pk, "tracking_no": case.tracking_no, "agency": case.agency.slug, "agency_name": case.agency.name,
        "status": case.status, "channel": case.channel, "applicant_kind": case.applicant_kind,
        "received_date": case.received_date, "due_date": case.due_date, "provisional": case.provisional,
        "paused_workdays": case.paused_workdays, "extension_workdays": case.extension_workdays,
        "outcome": case.outcome or None, "closed_date": case.closed_date,
    }


@router.get("/staff/cases", auth=django_auth, summary="本机关申请列表")
def staff_cases(request, agency: int | None = Query(None, ge=1, le=MAX_INT), status: str = "", bucket: str = "",
                q: str = "", page: int = Query(1, ge=1, le=MAX_PAGE), per_page: int = Query(50, ge=1, le=200)):
    """Cases of the agencies the user works for; `bucket`: open, due_soon, overdue, paused, provisional."""
    qs = case_list(user=request.user, agency_id=agency, status=status, bucket=bucket, q=q, today=today())
    total = qs.count()
    start = (page - 1) * per_page
    return {"total": total, "page": page, "results": [_case_row(c) for c in qs[start:start + per_page]]}


@router.get("/staff/cases/{case_id}", auth=django_auth, summary="申请详情")
def staff_case(request, case_id: int = Path(..., ge=1, le=MAX_INT)):
    """One case with its events, deadlines (and how they were computed), notices and appeals."""
    case = case_get_for_user(user=request.user, pk=case_id)
    row = _case_row(case)
    row.update({
        "applicant_name": case.applicant_name, "info_title": case.info_title,
        "info_description": case.info_description, "correction_notice_due": case.correction_notice_due,
        "correction_due": case.correction_due, "fee_due": case.fee_due,
        "fee_amount": str(case.fee_amount) if case.fee_amount is not None else None,
        "clock": case.clock_explained,
        "events": [{"kind": e.kind, "date": e.date, "data": e.data} for e in case.events.all()],
        "notices": [{"id": n.pk, "kind": n.kind, "number": n.number, "status": n.status, "error": n.error or None}
                    for n in case.notices.all()],
        "appeals": [{"kind": a.kind, "result": a.result, "filed_date": a.filed_date,
                     "decided_date": a.decided_date} for a in case.appeals.all()],
    })
    return row


@router.get("/staff/dashboard", auth=django_auth, summary="办理情况统计")
def staff_dashboard(request):
    data = dashboard(user=request.user, today=today())
    return {
        "due_soon_until": data["due_soon_until"], "states": data["states"], "total": data["total"],
        "agencies": [{"agency": r["agency"].slug, "name": r["agency"].name,
                      **{k: v for k, v in r.items() if k != "agency"}} for r in data["rows"]],
    }


