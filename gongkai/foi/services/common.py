"""What every FOI service shares: today's date, the role check, the review of staff-written text,
the event row and integer parameters."""
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import user_has_role
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError

from ..models import CaseEvent


def today() -> dt.date:
    return timezone.localdate()


def _check_role(actor, agency, roles):
    if actor is None:
        return
    if not user_has_role(user=actor, agency=agency, roles=roles):
        raise PermissionDeniedError(_("您没有为“%(agency)s”执行此操作的权限。") % {"agency": agency.name})


def _review_service():
    """The review app's functions, or None while that app is absent."""
    try:
        from gongkai.review import services
    except ImportError:
        return None
    return services


def _review(text: str, *, context: str) -> dict:
    """Review staff-written text before a notice goes out; refuse when the review blocks it.

    Returns the report with personal values masked (what is stored on the notice).
    """
    review = _review_service()
    if review is None or not text.strip():
        return {}
    report = review.review_text(text=text, context=context)
    if report.verdict == "block":
        raise TransitionError(review.review_message(report))
    return review.masked_report(report)


def review_submitted_text(text: str) -> dict:
    """Review what the public submitted before staff see it: masked report plus a message."""
    review = _review_service()
    if review is None or not (text or "").strip():
        return {}
    report = review.review_text(text=text, context="foi_application")
    data = review.masked_report(report)
    data["message"] = review.review_message(report) if report.verdict != "pass" else ""
    return data


def _event(case, kind, date, actor, data=None, note=""):
    return CaseEvent.objects.create(case=case, kind=kind, date=date, data=data or {}, note=note or "",
                                    actor=actor if actor is not None and actor.pk else None)


def _int(value, default=None, *, what):
    if value in (None, ""):
        return default
    try:
        return int(str(value).strip())
    except ValueError:
        raise UserFacingError(_("%(what)s应为整数。") % {"what": what})
