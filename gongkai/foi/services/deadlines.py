"""A case's deadlines, derived from its events by the clock (foi/clock.py); never written by hand."""
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record
from gongkai.core.errors import TransitionError

from ..clock import ClockError, ClockEvent, clock_compute
from ..models import CLOCK_STATUSES, Case


def case_clock(*, case):
    """Run the clock over the case's events (pure; nothing saved)."""
    events = [ClockEvent(e.kind, e.date, e.data) for e in case.events.all()]
    return clock_compute(received=case.received_date, events=events,
                         fee_pauses=settings.GONGKAI.get("FEE_WINDOW_PAUSES_CLOCK", True))


DERIVED = ("due_date", "correction_notice_due", "correction_due", "fee_due", "paused_workdays",
           "extension_workdays", "provisional", "clock_explained")


def case_recompute(*, case, save=True) -> list:
    """Derive the case's deadlines from its events; return the names of fields that changed."""
    if case.received_date is None:
        values = dict.fromkeys(DERIVED[:4]) | {"paused_workdays": 0, "extension_workdays": 0,
                                                "provisional": False, "clock_explained": []}
    else:
        try:
            result = case_clock(case=case)
        except ClockError as exc:
            raise TransitionError(str(exc))
        values = {"due_date": result.due, "correction_notice_due": result.correction_notice_due,
                  "correction_due": result.correction_due, "fee_due": result.fee_due,
                  "paused_workdays": result.paused_workdays, "extension_workdays": result.extension_workdays,
                  "provisional": result.provisional, "clock_explained": result.steps}
    changed = [k for k, v in values.items() if getattr(case, k) != v]
    for k, v in values.items():
        setattr(case, k, v)
    if save and changed:
        case.save(update_fields=[*changed, "updated_at"])
    return changed


def cases_recompute(*, case_ids=None) -> int:
    """Recompute every open case (after a calendar change); return how many changed."""
    qs = Case.objects.filter(status__in=CLOCK_STATUSES)
    if case_ids is not None:
        qs = qs.filter(pk__in=case_ids)
    changed = 0
    for pk in qs.values_list("pk", flat=True):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=pk)
            before = (case.due_date, case.provisional)
            if case_recompute(case=case) and (case.due_date, case.provisional) != before:
                changed += 1
                audit_record(actor=None, action="foi.recompute", obj=case,
                             reason=_("工作日历变更，重新计算期限"),
                             data={"due_before": before[0], "due": case.due_date,
                                   "provisional": case.provisional})
    return changed
