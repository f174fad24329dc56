"""Reads of the reports app; every staff read is scoped to the user's agencies."""
from django.http import Http404

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import agency_ids_for_user

from .models import AnnualReport, ManualFigure, UploadedCheck

VIEW_ROLES = {Role.OFFICE, Role.ADMIN, Role.REVIEWER, Role.APPROVER}


def report_agencies_for_user(*, user):
    return Agency.objects.filter(id__in=agency_ids_for_user(user=user, roles=VIEW_ROLES)).order_by("path")


def report_list_for_user(*, user):
    ids = agency_ids_for_user(user=user, roles=VIEW_ROLES)
    return AnnualReport.objects.filter(agency_id__in=ids).select_related("agency", "document")


def report_get_for_user(*, user, pk) -> AnnualReport:
    report = report_list_for_user(user=user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def report_figures(*, report):
    from .template import MANUAL_KEYS

    ids = list(report.agency.descendants().values_list("id", flat=True)) if report.include_departments \
        else [report.agency_id]
    figs = ManualFigure.objects.filter(agency_id__in=ids, year=report.year).select_related("agency")
    return sorted(figs, key=lambda f: (MANUAL_KEYS.index(f.key), f.agency.path))


def check_list_for_user(*, user):
    ids = agency_ids_for_user(user=user, roles=VIEW_ROLES)
    from django.db.models import Q

    return UploadedCheck.objects.filter(Q(agency_id__in=ids) | Q(agency__isnull=True, uploaded_by=user))


def check_get_for_user(*, user, pk) -> UploadedCheck:
    check = check_list_for_user(user=user).filter(pk=pk).first()
    if check is None:
        raise Http404
    return check


def figure_sources(*, report, ref: str) -> dict:
    """Return {"cases": [...], "documents": [...], "figures": [...], "source": str} behind one figure."""
    from gongkai.catalog.models import Document
    from gongkai.foi.models import Case

    src = (report.sources or {}).get(ref) or {}
    return {
        "cases": list(Case.objects.filter(pk__in=src.get("cases", [])).select_related("agency")
                      .order_by("received_date", "id")),
        "documents": list(Document.objects.filter(pk__in=src.get("documents", [])).select_related("agency")),
        "figures": list(ManualFigure.objects.filter(pk__in=src.get("figures", [])).select_related("agency")),
        "source": src.get("source", ""),
    }
