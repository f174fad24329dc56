"""Reads for the staff console. Every query is scoped to the agencies the user works for."""
import datetime as dt

from django.db.models import CharField, Count, DateField, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast

from gongkai.agencies.selectors import agencies_for_user, agency_ids_for_user, user_has_role
from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Disclosure, Document, Status
from gongkai.catalog.selectors import document_publication_lag
from gongkai.catalog.transitions import (EDIT_ROLES, EDITABLE_STATUSES, TRANSITIONS, VALIDITY_ROLES,
                                         transitions_from)

DOCUMENT_TYPE = Document._meta.label_lower


def console_filters_clean(*, user, params) -> dict:
    """Keep the list filters a user may apply: a known status, one of their agencies, a title text."""
    filters = {}
    status = params.get("status") or ""
    if status in Status.values:
        filters["status"] = status
    agency = params.get("agency") or ""
    if agency.isascii() and agency.isdigit() and len(agency) <= 12 and int(agency) in agency_ids_for_user(user=user):
        filters["agency"] = int(agency)
    q = (params.get("q") or "").strip()
    if q:
        filters["q"] = q[:100]
    return filters


def document_list_console(*, user, filters=None):
    """The user's agencies' documents, most recently changed first, narrowed by `filters`."""
    filters = filters or {}
    qs = (Document.objects.filter(agency_id__in=agency_ids_for_user(user=user))
          .select_related("agency", "subject", "subject__parent"))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("agency"):
        qs = qs.filter(agency_id=filters["agency"])
    if filters.get("q"):
        qs = qs.filter(title__icontains=filters["q"])
    return qs.order_by("-updated_at", "-id")


def status_counts_for_user(*, user) -> list:
    """[(status value, label, count)] for every status, over the user's agencies."""
    rows = dict(Document.objects.filter(agency_id__in=agency_ids_for_user(user=user))
                .values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return [(value, label, rows.get(value, 0)) for value, label in Status.choices]


def documents_pending_review(*, user):
    """Documents waiting for a decision in the agencies where the user may publish."""
    ids = agency_ids_for_user(user=user, roles=TRANSITIONS["publish"].roles)
    return (Document.objects.filter(agency_id__in=ids, status=Status.PENDING)
            .select_related("agency").order_by("updated_at", "id"))


def documents_returned(*, user):
    """Drafts whose last status change was a reviewer's 退回, with that reason."""
    last_action = (AuditEntry.objects
                   .filter(object_type=DOCUMENT_TYPE, object_id=Cast(OuterRef("pk"), CharField()),
                           action__in=["document.return", "document.reopen", "document.submit"])
                   .order_by("-id").values("action")[:1])
    return (Document.objects.filter(agency_id__in=agency_ids_for_user(user=user), status=Status.DRAFT)
            .exclude(status_reason="")
            .annotate(last_action=Subquery(last_action))
            .filter(last_action="document.return")
            .select_related("agency").order_by("-updated_at", "-id"))


def documents_overdue(*, user, limit=None) -> list:
    """Published documents of the user's agencies whose 发布日期 is past the 20-working-day limit.

    Each item is (document, lag) where lag is `document_publication_lag`'s dict. A span of 20
    calendar days or less can never hold 20 working days, so those rows are skipped in SQL.
    """
    qs = (Document.objects.filter(agency_id__in=agency_ids_for_user(user=user), status=Status.PUBLISHED,
                                  written_date__isnull=False, publish_date__isnull=False)
          .annotate(floor=ExpressionWrapper(F("written_date") + dt.timedelta(days=20), output_field=DateField()))
          .filter(publish_date__gt=F("floor"))
          .only("id", "title", "agency_id", "status", "written_date", "publish_date")
          .order_by("-publish_date", "-id"))
    found = []
    deadlines = {}  # written_date -> lag of the first document written that day
    for document in qs.iterator(chunk_size=500):
        known = deadlines.get(document.written_date)
        if known is None:
            known = deadlines[document.written_date] = document_publication_lag(document=document)
        lag = {**known, "overdue": document.publish_date > known["deadline"]}
        if lag["overdue"]:
            found.append((document, lag))
            if limit and len(found) >= limit:
                break
    return found


def agencies_for_editing(*, user):
    """Agencies in which the user may create and edit documents."""
    return agencies_for_user(user=user, roles=EDIT_ROLES).order_by("path", "sort_order", "id")


def document_permissions(*, user, document) -> dict:
    """What the user may do with `document` in the console, read from the transition table."""
    can_edit = (document.status in EDITABLE_STATUSES
                and user_has_role(user=user, agency=document.agency, roles=EDIT_ROLES))
    transitions = [t for t in transitions_from(document.status)
                   if user_has_role(user=user, agency=document.agency, roles=t.roles)]
    can_change_validity = (document.status == Status.PUBLISHED and user_has_role(
        user=user, agency=document.agency, roles=VALIDITY_ROLES))
    return {"can_edit": can_edit, "transitions": transitions, "can_change_validity": can_change_validity}


def relation_targets_for_user(*, user, query, exclude=None, limit=20):
    """Published documents a link may point to: public ones and the user's agencies' own."""
    query = (query or "").strip()
    if not query:
        return Document.objects.none()
    qs = (Document.objects.filter(status=Status.PUBLISHED)
          .filter(Q(disclosure=Disclosure.ACTIVE) | Q(agency_id__in=agency_ids_for_user(user=user)))
          .filter(Q(index_no__icontains=query) | Q(title__icontains=query) | Q(doc_no__icontains=query))
          .select_related("agency"))
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("-publish_date", "-id")[:limit]


def relation_target_get(*, user, pk):
    """The published document `pk` if the user may link to it, else None."""
    return (Document.objects.filter(pk=pk, status=Status.PUBLISHED)
            .filter(Q(disclosure=Disclosure.ACTIVE) | Q(agency_id__in=agency_ids_for_user(user=user)))
            .first())


def document_relations_console(*, document) -> dict:
    """Every link of a document in both directions, whatever the other side's status."""
    return {
        "outgoing": list(document.outgoing.select_related("target", "target__agency").order_by("id")),
        "incoming": list(document.incoming.select_related("source", "source__agency").order_by("id")),
    }
