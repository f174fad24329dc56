"""Indicator functions for the 测评 engine (registered there by dotted path; nothing of it is
imported here): {"numerator", "denominator", "records": [(label, detail)]} for the agencies given
(all when None), judged on `end`."""
import datetime as dt

from django.db.models import Q

from .liveness import account_is_stale, days_silent
from .models import Account


def _open_on(agency_ids, end: dt.date):
    """Accounts open on `end`: opened on or before it, not closed by then."""
    qs = Account.objects.filter(opened_date__lte=end).filter(Q(closed_date__isnull=True) | Q(closed_date__gt=end))
    qs = qs.exclude(status="applied")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return list(qs.select_related("agency").order_by("agency__path", "platform", "name"))


def newmedia_active(*, agency_ids: list[int] | None, start: dt.date, end: dt.date) -> dict:
    """Accounts open on `end` that posted within the 2-week rule; records the silent ones."""
    accounts = _open_on(agency_ids, end)
    stale = []
    for a in accounts:
        a.status = "opened"  # judged as open on `end` even if closed later
        if account_is_stale(a, end):
            stale.append(a)
    return {"numerator": len(accounts) - len(stale), "denominator": len(accounts),
            "records": [(f"{a.agency.name}·{a.get_platform_display()}·{a.name}",
                         f"{days_silent(a, end)} 天未更新" if days_silent(a, end) is not None else "无发布记录")
                        for a in stale]}


def newmedia_filed(*, agency_ids: list[int] | None, start: dt.date, end: dt.date) -> dict:
    """Accounts open on `end` that are 备案 (filed); records the unfiled ones."""
    accounts = _open_on(agency_ids, end)
    unfiled = [a for a in accounts if not (a.filed and a.filed_date and a.filed_date <= end)]
    return {"numerator": len(accounts) - len(unfiled), "denominator": len(accounts),
            "records": [(f"{a.agency.name}·{a.get_platform_display()}·{a.name}", "未备案") for a in unfiled]}
