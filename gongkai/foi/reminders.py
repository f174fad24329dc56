"""Deadline reminders: one Notification per user and fact, e-mailed once. Safe to run repeatedly."""
import datetime as dt

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import members_active
from gongkai.core.reminders import reminder_send
from gongkai.workdays.calendar import add_workdays

from .clock import CONSULTATION_WORKDAYS
from .models import Case, Notification, OPEN_STATUSES, Status
from .selectors import DUE_SOON_WORKDAYS
from .transitions import OFFICE_ROLES


def _recipients(case):
    if case.handler_id:
        return [case.handler]
    return members_active(agency_ids=[case.agency_id], roles=OFFICE_ROLES)


def reminder_facts(*, case, today: dt.date) -> list[tuple[str, str]]:
    """Return (key, message) pairs for what needs attention on `case` today."""
    facts = []
    no = case.tracking_no
    soon = add_workdays(today, DUE_SOON_WORKDAYS).date
    if case.status == Status.SUBMITTED:
        facts.append((f"confirm:{case.pk}", _("网上申请 %(no)s 尚未确认收到。") % {"no": no}))
    if case.status == Status.PROCESSING and case.due_date:
        if case.due_date < today:
            facts.append((f"overdue:{case.pk}:{case.due_date}",
                          _("申请 %(no)s 已超过答复期限（%(due)s）。") % {"no": no, "due": case.due_date}))
        elif case.due_date <= soon:
            facts.append((f"due:{case.pk}:{case.due_date}",
                          _("申请 %(no)s 将于 %(due)s 到期，请按时答复。") % {"no": no, "due": case.due_date}))
    if case.status == Status.PROCESSING and case.correction_notice_due and case.received_date:
        if not case.events.filter(kind="correction_requested").exists() and today <= case.correction_notice_due \
                and case.correction_notice_due <= soon and not case.events.filter(kind="answered").exists():
            facts.append((f"correction_notice:{case.pk}:{case.correction_notice_due}",
                          _("申请 %(no)s 如需补正，须于 %(due)s 前告知。") % {"no": no, "due": case.correction_notice_due}))
    if case.status == Status.CORRECTION and case.correction_due and case.correction_due < today:
        facts.append((f"correction_lapsed:{case.pk}:{case.correction_due}",
                      _("申请 %(no)s 补正期限（%(due)s）已过，请确认是否逾期不补正。") % {"no": no, "due": case.correction_due}))
    if case.status == Status.FEE_PENDING and case.fee_due and case.fee_due < today:
        facts.append((f"fee_lapsed:{case.pk}:{case.fee_due}",
                      _("申请 %(no)s 缴费期限（%(due)s）已过，请确认是否逾期未缴费。") % {"no": no, "due": case.fee_due}))
    if case.status == Status.CONSULTATION:
        started = case.events.filter(kind="consultation_started").order_by("-date", "-id").first()
        if started:
            limit = add_workdays(started.date, CONSULTATION_WORKDAYS).date
            if limit < today:
                facts.append((f"consultation:{case.pk}:{limit}",
                              _("申请 %(no)s 征求意见期限（%(due)s）已满，请记录意见或按未答复处理。")
                              % {"no": no, "due": limit}))
    return facts


def _remind(case, today) -> int:
    """Create the notifications of `case` for today (one per user and fact); e-mail each new one."""
    created = 0
    for key, message in reminder_facts(case=case, today=today):
        for user in _recipients(case):
            created += reminder_send(Notification, user=user, key=key, message=message, case=case,
                                     subject=_("【依申请公开提醒】%(no)s") % {"no": case.tracking_no},
                                     path=reverse("foi_staff:case", args=[case.pk]))
    return created


def reminders_send(*, today: dt.date) -> int:
    """Create today's reminders and e-mail each new one; return how many were created."""
    cases = Case.objects.filter(status__in=OPEN_STATUSES).select_related("agency", "handler")
    return sum(_remind(case, today) for case in cases.iterator(chunk_size=200))


REFRESH_SECONDS = 300


def reminders_refresh(*, user, today: dt.date) -> int:
    """Compute the reminders of the user's cases now (the console calls this on its pages), so the
    embedded default, which runs no scheduler, has them too. At most once per user every few minutes;
    idempotent like the daily job."""
    from .selectors import foi_agency_ids

    ids = foi_agency_ids(user=user)
    if not ids:
        return 0
    key = f"foi-reminders:{user.pk}:{user.date_joined.timestamp()}:{today.isoformat()}"
    if not cache.add(key, 1, REFRESH_SECONDS):
        return 0
    cases = Case.objects.filter(agency_id__in=ids, status__in=OPEN_STATUSES).select_related("agency", "handler")
    return sum(_remind(case, today) for case in cases)


def notifications_for_user(*, user, unread_only=False):
    qs = Notification.objects.filter(user=user).select_related("case")
    return qs.filter(read_at__isnull=True) if unread_only else qs
