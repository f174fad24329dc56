"""Reads of the newmedia app. Public reads never carry the 运维人 fields."""
import datetime as dt
from collections import Counter

from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_ids_for_user

from .liveness import stale_q
from .models import Account, AccountStatus

PUBLIC_FIELDS = ("id", "agency", "platform", "name", "account_id", "opened_date", "status", "filed", "filing_no",
                 "qr_code", "latest_post_date")


def accounts_public():
    """The open accounts (the 政务新媒体矩阵), without the 运维人 columns."""
    return (Account.objects.filter(status=AccountStatus.OPENED).select_related("agency")
            .only(*PUBLIC_FIELDS, "agency__name", "agency__path").order_by("platform", "agency__path", "name", "id"))


def account_public(*, pk) -> Account:
    account = accounts_public().filter(pk=pk).first()
    if account is None:
        raise Http404
    return account


def accounts_for_user(*, user):
    return (Account.objects.filter(agency_id__in=agency_ids_for_user(user=user)).select_related("agency")
            .prefetch_related("events").order_by("status", "platform", "agency__path", "name"))


def stale_accounts(*, agency_ids=None, today: dt.date | None = None):
    """Open accounts silent for more than the 2-week rule allows; all agencies when agency_ids is None."""
    qs = Account.objects.filter(stale_q(today)).select_related("agency")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs.order_by("agency__path", "latest_post_date", "name")


def stale_counts_by_agency(*, agency_ids=None, today: dt.date | None = None) -> list:
    """[(agency, stale, open)] per agency with an open account: the figure for the 测评 indicators."""
    open_qs = Account.objects.filter(status=AccountStatus.OPENED)
    if agency_ids is not None:
        open_qs = open_qs.filter(agency_id__in=agency_ids)
    opened = Counter(open_qs.values_list("agency_id", flat=True))
    stale = Counter(stale_accounts(agency_ids=agency_ids, today=today).values_list("agency_id", flat=True))
    agencies = Agency.objects.filter(pk__in=opened).order_by("path")
    return [(a, stale.get(a.pk, 0), opened[a.pk]) for a in agencies]


def stale_count_for_user(*, user, today: dt.date | None = None) -> int:
    return stale_accounts(agency_ids=agency_ids_for_user(user=user), today=today).count()
