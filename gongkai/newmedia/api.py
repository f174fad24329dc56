"""JSON API of the 政务新媒体矩阵 (public reads; no 运维人 data)."""
import datetime as dt
from typing import Optional

from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema

from .liveness import account_is_stale
from .selectors import accounts_public

router = Router(tags=["政务新媒体"])


class AccountOut(Schema):
    id: int
    platform: str
    platform_label: str
    name: str
    account_id: str
    agency: str
    opened_date: Optional[dt.date]
    filed: bool
    filing_no: str
    latest_post_date: Optional[dt.date]
    stale: bool
    qr_url: Optional[str]


@router.get("/accounts", response=list[AccountOut], summary="已开设的政务新媒体账号（政务新媒体矩阵）")
def accounts(request, platform: str = ""):
    today = timezone.localdate()
    qs = accounts_public()
    if platform:
        qs = qs.filter(platform=platform)
    return [{"id": a.pk, "platform": a.platform, "platform_label": a.get_platform_display(), "name": a.name,
             "account_id": a.account_id, "agency": a.agency.name, "opened_date": a.opened_date, "filed": a.filed,
             "filing_no": a.filing_no, "latest_post_date": a.latest_post_date, "stale": account_is_stale(a, today),
             "qr_url": reverse("newmedia:qr", args=[a.pk]) if a.qr_code else None}
            for a in qs]
