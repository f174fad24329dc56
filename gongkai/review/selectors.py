"""Reads for the review console, scoped to the user's agencies."""
from gongkai.agencies.selectors import agency_ids_for_user, user_roles
from gongkai.catalog.models import Document

from .models import IntegrityRun, ReviewRecord

CONSOLE_ROLES = {"reviewer", "office", "admin"}
INTEGRITY_RUN_ROLES = {"office", "admin"}


def review_console_allowed(*, user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user=user) & CONSOLE_ROLES))


def integrity_run_allowed(*, user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user=user) & INTEGRITY_RUN_ROLES))


def integrity_latest_for_user(*, user):
    """The latest integrity run, with only the problems this user may see: the audit chain and
    site-wide problems for everyone with console access, document problems within their agencies."""
    run = IntegrityRun.objects.first()
    if run is None:
        return None, []
    if user.is_superuser:
        return run, run.problems
    doc_ids = {p["document_id"] for p in run.problems if p.get("document_id")}
    allowed = set(Document.objects.filter(pk__in=doc_ids, agency_id__in=agency_ids_for_user(user=user))
                  .values_list("pk", flat=True))
    return run, [p for p in run.problems if not p.get("document_id") or p["document_id"] in allowed]


def review_records_for_user(*, user, limit: int = 20):
    """Recent publishing reviews (overrides first) of documents in the user's agencies."""
    qs = ReviewRecord.objects.select_related("document", "actor").filter(document__isnull=False)
    if not user.is_superuser:
        qs = qs.filter(document__agency_id__in=agency_ids_for_user(user=user))
    return list(qs.order_by("-overridden", "-created_at")[:limit])
