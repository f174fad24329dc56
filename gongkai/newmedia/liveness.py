"""The 2-week rule (国办秘函〔2019〕19号 检查指标: 政务新媒体 2周无更新 is a single-veto item): an open
account whose latest post is more than STALE_AFTER_DAYS calendar days old is stale. With no post date
recorded, the 开设日期 stands in; with neither, the account is stale (nothing shows it is alive)."""
import datetime as dt

from django.db.models import Q
from django.utils import timezone

STALE_AFTER_DAYS = 14


def stale_cutoff(today: dt.date | None = None) -> dt.date:
    """A latest post before this day is stale."""
    return (today or timezone.localdate()) - dt.timedelta(days=STALE_AFTER_DAYS)


def stale_q(today: dt.date | None = None) -> Q:
    cutoff = stale_cutoff(today)
    return (Q(status="opened") & (Q(latest_post_date__lt=cutoff)
                                  | Q(latest_post_date__isnull=True, opened_date__lt=cutoff)
                                  | Q(latest_post_date__isnull=True, opened_date__isnull=True)))


def account_is_stale(account, today: dt.date | None = None) -> bool:
    if account.status != "opened":
        return False
    last = account.latest_post_date or account.opened_date
    return last is None or last < stale_cutoff(today)


def days_silent(account, today: dt.date | None = None):
    last = account.latest_post_date or account.opened_date
    return None if last is None else ((today or timezone.localdate()) - last).days
