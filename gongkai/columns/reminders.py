"""The 机构概况 staleness reminder by e-mail: a published profile not reviewed (published again or
confirmed unchanged) for more than COLUMNS_PROFILE_REVIEW_DAYS reminds the staff of its agency — its
editors, reviewers, 公开办 and administrators; where the agency has none, the 公开办 and administrators
above it. One ProfileReminder per (profile, period, user), e-mailed once: the period is the n-th
stretch of COLUMNS_PROFILE_REVIEW_DAYS since the update date, so a profile left alone is recalled once
per period, and publishing or confirming it starts afresh. Safe to run repeatedly.

Run daily by beat with Celery (`gongkai.columns.profile_reminders_send`); in the embedded default
(no scheduler) each visit of the 工作台 or the console's 机构概况 list runs it for the visitor's agencies.
A profile never published is not reminded by mail (the console lists it as 待核对)."""
import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Membership
from gongkai.audit.services import audit_record

from .models import AgencyProfile, ProfileReminder
from .selectors import profile_review_days, profile_stale
from .transitions import EDIT_ROLES, REVIEW_ROLES

STAFF_ROLES = sorted(str(r) for r in EDIT_ROLES | REVIEW_ROLES)
ABOVE_ROLES = ["admin", "office"]


def period_of(profile, *, today: dt.date, days: int) -> int:
    """Which stretch of `days` since the update date `today` falls in: days+1 … 2·days after it is
    period 1 (the first overdue one), 2·days+1 … 3·days period 2, and so on."""
    return ((today - profile.reviewed_on).days - 1) // max(1, days)


def recipients(profile) -> list:
    """The active staff of the profile's agency who edit or review it; else the 公开办 and
    administrators of the agencies above (who see its subtree)."""
    members = Membership.objects.filter(agency_id=profile.agency_id, role__in=STAFF_ROLES, user__is_active=True)
    if not members.exists():
        above = [int(x) for x in profile.agency.path.strip("/").split("/")
                 if x.isdigit() and int(x) != profile.agency_id]
        members = Membership.objects.filter(agency_id__in=above, role__in=ABOVE_ROLES, user__is_active=True)
    return sorted({m.user for m in members.select_related("user")}, key=lambda u: u.pk)


def profiles_due(*, today: dt.date, days: int, agency_ids=None) -> list:
    qs = AgencyProfile.objects.filter(published__isnull=False, reviewed_on__isnull=False,
                                      reviewed_on__lt=today - dt.timedelta(days=days)).select_related("agency")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return [p for p in qs.order_by("agency__path", "pk") if profile_stale(p, today=today, days=days)]


def profile_reminders_send(*, today: dt.date | None = None, agency_ids=None, only_user=None, email: bool = True) -> int:
    """Create (and e-mail once) this period's reminder for every stale published profile; return how
    many were created. `agency_ids`/`only_user` narrow it to a console visitor (embedded default)."""
    today = today or timezone.localdate()
    days = profile_review_days()
    created = 0
    for profile in profiles_due(today=today, days=days, agency_ids=agency_ids):
        period = period_of(profile, today=today, days=days)
        key = f"{profile.reviewed_on.isoformat()}:{period}"
        silent = (today - profile.reviewed_on).days
        message = _("%(a)s的机构概况已 %(n)s 天未核对更新（更新日期 %(d)s，要求每 %(k)s 天核对一次）。请核对后修改发布，"
                    "或点“核对无变化”。") % {"a": profile.agency.name, "n": silent, "d": profile.reviewed_on.isoformat(),
                                         "k": days}
        for user in recipients(profile):
            if only_user is not None and user.pk != only_user.pk:
                continue
            try:
                with transaction.atomic():
                    note = ProfileReminder.objects.create(profile=profile, user=user, key=key, message=message[:300],
                                                          created_on=today)
                    audit_record(actor=None, action="profile.remind", obj=profile,
                                 data={"user": user.pk, "reviewed_on": profile.reviewed_on.isoformat(),
                                       "period": period})
            except IntegrityError:
                continue  # reminded already in this period
            created += 1
            if email and user.email:
                link = settings.SITE_URL + reverse("columns_staff:profile", args=[profile.pk])
                send_mail(_("【机构概况更新提醒】%(a)s") % {"a": profile.agency.name}, message + "\n" + link,
                          None, [user.email], fail_silently=True)
                ProfileReminder.objects.filter(pk=note.pk).update(emailed=True)
    return created


def profile_reminders_for_user(*, user, today: dt.date | None = None) -> list:
    """Refresh the user's reminders now (the embedded default runs no scheduler) and return the unread
    ones whose profile is still stale."""
    from gongkai.agencies.selectors import agency_ids_for_user

    today = today or timezone.localdate()
    ids = agency_ids_for_user(user=user)
    if ids:
        profile_reminders_send(today=today, agency_ids=ids, only_user=user)
    days = profile_review_days()
    notes = ProfileReminder.objects.filter(user=user, read=False).select_related("profile").order_by("-created_at")
    return [n for n in notes[:50] if profile_stale(n.profile, today=today, days=days)
            and n.key.startswith(f"{n.profile.reviewed_on}:")][:20]
