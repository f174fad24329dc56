"""JSON API for annual reports (mounted at /api/reports/): the checker, public figures, staff reads."""
from django.utils.translation import gettext as _
from ninja import File, Path, Router
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import django_auth

from gongkai.core.errors import UserFacingError
from gongkai.core.params import MAX_INT

from .models import AnnualReport, ReportStatus
from .selectors import report_get_for_user, report_list_for_user

router = Router(tags=["年度报告"])
MAX_UPLOAD = 20 * 1024 * 1024


@router.post("/check", summary="检查一份已发布的年度报告（.html、.txt、.docx）")
def check(request, file: UploadedFile = File(...), previous: UploadedFile | None = File(None)):
    """Return {year, format, applications, findings, ok}, as `gongkai report check --json` does."""
    from .verdict import check_result
    from .parser import report_parse

    for f in (file, previous):
        if f is not None and f.size > MAX_UPLOAD:
            raise HttpError(413, _("文件超过20MB。"))
    try:
        parsed = report_parse(name=file.name, data=file.read())
        prev = report_parse(name=previous.name, data=previous.read()) if previous else None
    except UserFacingError as e:
        raise HttpError(400, e.message)
    return check_result(data=parsed, previous=prev)


def _row(report, with_data=False):
    out = {"id": report.pk, "agency": report.agency.slug, "agency_name": report.agency.name, "year": report.year,
           "status": report.status, "include_departments": report.include_departments,
           "document": report.document_id}
    if with_data:
        out.update({"data": report.data, "findings": report.findings})
    return out


@router.get("/published", summary="已发布的年度报告")
def published(request, agency: str = "", year: int | None = None):
    qs = AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("agency")
    if agency:
        qs = qs.filter(agency__slug=agency)
    if year:
        qs = qs.filter(year=year)
    return [_row(r, with_data=True) for r in qs[:200]]


@router.get("/staff/reports", auth=django_auth, summary="本机关的年度报告")
def staff_reports(request):
    return [_row(r) for r in report_list_for_user(user=request.user)[:500]]


@router.get("/staff/reports/{pk}", auth=django_auth, summary="一份年度报告的数字与检查结果")
def staff_report(request, pk: int = Path(..., ge=1, le=MAX_INT)):
    return _row(report_get_for_user(user=request.user, pk=pk), with_data=True)
