"""Reads of the assessment app. The dashboard is drawn from stored snapshots only (no rule runs in a
request); who sees what goes through agencies.selectors.agency_ids_for_user."""
import datetime as dt
from collections import defaultdict

from django.http import Http404

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import agency_ids_for_user

from .models import Indicator, Snapshot
from .periods import month_start, months_back

VIEW_ROLES = frozenset({Role.OFFICE, Role.ADMIN, Role.EVALUATOR})
TREND_MONTHS = 12
ROW_FIELDS = ("id", "indicator_id", "agency_id", "month", "start", "end", "numerator", "denominator", "value",
              "passed", "error", "records_total")


def viewer_agency_ids(*, user) -> set:
    """The agencies whose figures `user` may see (公开办, 管理员, 评估; empty for everyone else)."""
    return agency_ids_for_user(user=user, roles=VIEW_ROLES)


def snapshot_months() -> list[dt.date]:
    return list(Snapshot.objects.order_by("-month").values_list("month", flat=True).distinct())


def dashboard(*, user, month: dt.date | None, agency_id: int | None) -> dict:
    """Everything the dashboard shows for `month` (default: the latest with snapshots)."""
    ids = viewer_agency_ids(user=user)
    if not ids:
        raise Http404
    months = snapshot_months()
    if month is not None:
        month = month_start(month)
    elif months:
        month = months[0]
    if agency_id is not None and agency_id not in ids:
        raise Http404
    indicators = list(Indicator.objects.filter(enabled=True))
    agencies = list(Agency.objects.filter(pk__in=ids, is_catch_all=False).order_by("path").only("id", "name", "path"))
    cells = defaultdict(dict)  # indicator id -> agency id (None: whole government) -> snapshot
    if month is not None:
        rows = Snapshot.objects.filter(month=month, indicator__enabled=True).order_by().only(*ROW_FIELDS)
        for s in rows:
            if s.agency_id is None or s.agency_id in ids:
                cells[s.indicator_id][s.agency_id] = s
    trend = defaultdict(dict)
    trend_months = months_back(month, TREND_MONTHS) if month else []
    if month is not None:
        for ind_id, m, value in (Snapshot.objects.filter(agency_id=agency_id, month__in=trend_months).order_by()
                                 .values_list("indicator_id", "month", "value")):
            trend[ind_id][m] = value
    scores = {scope: _score(indicators, cells, scope) for scope in [None, *[a.pk for a in agencies]]}
    return {"month": month, "months": months, "indicators": indicators, "agencies": agencies, "cells": cells,
            "trend": trend, "trend_months": trend_months, "scores": scores, "agency_id": agency_id}


def _score(indicators, cells, scope) -> float | None:
    """Weighted share of the indicators met (those with a threshold and a figure), 0–100."""
    total = passed = 0
    for ind in indicators:
        s = cells[ind.pk].get(scope)
        if s is None or s.passed is None:
            continue
        total += float(ind.weight)
        passed += float(ind.weight) if s.passed else 0
    return round(passed * 100 / total, 1) if total else None


def snapshot_for_user(*, user, pk) -> Snapshot:
    ids = viewer_agency_ids(user=user)
    s = Snapshot.objects.select_related("indicator", "agency").filter(pk=pk).first()
    if s is None or not ids or (s.agency_id is not None and s.agency_id not in ids):
        raise Http404
    return s


def export_rows(*, user, month: dt.date):
    """(indicators, agencies, cells, snapshots with records) of `month` for the .xlsx export."""
    data = dashboard(user=user, month=month, agency_id=None)
    ids = viewer_agency_ids(user=user)
    snaps = (Snapshot.objects.filter(month=data["month"], indicator__enabled=True).select_related("indicator", "agency")
             .order_by("indicator__sort_order", "agency__path"))
    return data, [s for s in snaps if s.agency_id is None or s.agency_id in ids]
