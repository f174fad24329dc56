"""测评 rules over 政务新媒体 (imported by dotted path by the assessment engine).
Each rule: fn(*, agency_ids, start, end) -> {"numerator", "denominator", "records"}."""
import datetime as dt

from django.urls import reverse

from .models import Account, AccountStatus
from .selectors import stale_accounts


def accounts_stale(*, agency_ids, start: dt.date, end: dt.date) -> dict:
    """Open accounts silent for more than two weeks at `end` (国办秘函〔2019〕19号; numerator) / open accounts."""
    opened = Account.objects.filter(status=AccountStatus.OPENED)
    if agency_ids is not None:
        opened = opened.filter(agency_id__in=agency_ids)
    stale = stale_accounts(agency_ids=agency_ids, today=end)
    records = [(f"{a.agency.name} {a.get_platform_display()}“{a.name}”（最近更新 {a.latest_post_date or '无记录'}）",
                reverse("newmedia_staff:list")) for a in stale]
    return {"numerator": len(records), "denominator": opened.count(), "records": records}
