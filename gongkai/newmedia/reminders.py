"""Reminders for stale accounts (the 2-week rule): the editors, 公开办 and administrators of the
account's 主办单位 get one Reminder per account and silent spell, shown on the 工作台 and e-mailed
once. Run daily by beat with Celery; in the embedded default (no scheduler) each 工作台 visit runs
it for the visiting user's agencies."""
import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import members_active
from gongkai.core.reminders import reminder_send_each

from .liveness import days_silent
from .models import Reminder
from .selectors import stale_accounts
from .transitions import EDIT_ROLES


def reminders_send(*, today: dt.date, agency_ids=None, only_user=None) -> int:
    created = 0
    for account in stale_accounts(agency_ids=agency_ids, today=today):
        last = account.latest_post_date or account.opened_date
        silent = days_silent(account, today)
        message = (_("政务新媒体“%(n)s”（%(p)s）已 %(d)d 天未更新，超过两周无更新的要求。")
                   % {"n": account.name, "p": account.get_platform_display(), "d": silent}) if silent is not None \
            else _("政务新媒体“%(n)s”（%(p)s）没有发布记录。") % {"n": account.name, "p": account.get_platform_display()}
        key = f"stale:{account.pk}:{last}"
        created += reminder_send_each(Reminder, users=members_active(agency_ids=[account.agency_id], roles=EDIT_ROLES),
                                      only_user=only_user, key=key, message=message, account=account,
                                      subject=_("【政务新媒体提醒】%(n)s") % {"n": account.name},
                                      path=reverse("newmedia_staff:list"))
    return created


def reminders_for_user(*, user, today: dt.date) -> list:
    from gongkai.agencies.selectors import agency_ids_for_user

    ids = agency_ids_for_user(user=user)
    if ids:
        reminders_send(today=today, agency_ids=ids, only_user=user)
    return list(Reminder.objects.filter(user=user, read=False).select_related("account").order_by("-created_at")[:20])
