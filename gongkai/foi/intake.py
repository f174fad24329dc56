"""The per-agency daily ceiling of online applications (a flood of scripted submissions stops at it)
and its alert: one audit row and one in-app notice plus e-mail to the agency's 公开办 per day.

The ceiling is settings.GONGKAI["FOI_ONLINE_DAILY_CEILING"] (environment FOI_ONLINE_DAILY_CEILING,
default 200 a day for one agency; 0 turns it off). Applications by post, in person or by fax are
never limited: the message sends people there.
"""
import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Membership, Role
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import audit_record

from .models import Case, Channel, Notification

ALERT_ACTION = "foi.online_ceiling"


def online_ceiling() -> int:
    return int(settings.GONGKAI.get("FOI_ONLINE_DAILY_CEILING", 200))


def online_today(*, agency) -> int:
    """Online applications to `agency` submitted today (local calendar day)."""
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return Case.objects.filter(agency=agency, channel=Channel.ONLINE, submitted_at__gte=start,
                               submitted_at__lt=start + dt.timedelta(days=1)).count()


def ceiling_message(ceiling: int) -> str:
    return _("该机关今日通过网站收到的政府信息公开申请已达上限（%(n)d 件），您的申请未提交。请明日再提交，"
             "或通过信函、传真、当面等方式提出申请。") % {"n": ceiling}


def _office_users(agency):
    """Active 公开办 users of the agency or of a government above it (their role covers the subtree)."""
    ids = [int(x) for x in agency.path.strip("/").split("/") if x.isdigit()] or [agency.pk]
    memberships = Membership.objects.filter(agency_id__in=ids, role=Role.OFFICE).select_related("user")
    return sorted({m.user for m in memberships if m.user.is_active}, key=lambda u: u.pk)


def online_ceiling_alert(*, agency, ceiling: int) -> None:
    """Record (once a day per agency) that the ceiling was reached; tell the 公开办. Commits on its
    own, so the alert stays although the refused submission is rolled back."""
    today = timezone.localdate()
    with transaction.atomic():
        if AuditEntry.objects.filter(action=ALERT_ACTION, agency_id=agency.pk, data__date=today.isoformat()).exists():
            return
        audit_record(actor=None, action=ALERT_ACTION, object_type="agencies.agency", object_id=str(agency.pk),
                     agency_id=agency.pk, data={"date": today.isoformat(), "ceiling": ceiling})
        message = _("%(agency)s 今日网上政府信息公开申请已达上限（%(n)d 件），此后的网上申请已被拒绝，"
                    "请核查是否为批量提交。") % {"agency": agency.name, "n": ceiling}
        recipients = []
        for user in _office_users(agency):
            try:
                with transaction.atomic():
                    Notification.objects.create(user=user, key=f"online_ceiling:{agency.pk}:{today}",
                                                message=message[:300], emailed=bool(user.email))
            except IntegrityError:
                continue
            if user.email:
                recipients.append(user.email)
    if recipients:
        link = settings.SITE_URL + reverse("foi_staff:cases")
        send_mail(subject=_("【依申请公开告警】网上申请已达每日上限"), message=f"{message}\n{link}", from_email=None,
                  recipient_list=recipients, fail_silently=True)
