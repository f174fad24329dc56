"""Reads of the catalog: the public view (published, 主动公开 only) and the staff view (scoped)."""
from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.workdays.calendar import add_workdays

from .models import Disclosure, Document, ImportJob, RelationKind, Status

PUBLIC_FILTERS = ("agency", "subject", "year", "genre", "category", "validity")


def document_public_queryset():
    return (Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE)
            .select_related("agency", "subject", "subject__parent"))


def _apply_filters(qs, filters):
    if not filters:
        return qs
    if filters.get("agency"):
        from gongkai.agencies.models import Agency

        agency = Agency.objects.filter(pk=filters["agency"]).first() if str(filters["agency"]).isdigit() \
            else Agency.objects.filter(slug=filters["agency"]).first()
        if agency is None:
            return qs.none()
        qs = qs.filter(agency__path__startswith=agency.path)
    if filters.get("subject"):
        try:
            sid = int(filters["subject"])
        except (TypeError, ValueError):
            return qs.none()
        if not 0 < sid < 2**63:
            return qs.none()
        qs = qs.filter(Q(subject_id=sid) | Q(subject__parent_id=sid))
    if filters.get("year"):
        try:
            year = int(filters["year"])
        except (TypeError, ValueError):
            return qs.none()
        if not 1 <= year <= 9999:  # the lookup itself fails only when the query runs
            return qs.none()
        qs = qs.filter(publish_date__year=year)
    for key in ("genre", "category", "validity"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    return qs


def document_list_public(*, filters=None):
    """Published 主动公开 documents, newest first, narrowed by agency/subject/year/genre/category."""
    return _apply_filters(document_public_queryset(), filters).order_by("-publish_date", "-id")


# What a public list shows of each document (portal/_doc_list.html): nothing else is read.
LIST_COLUMNS = ("id", "title", "doc_no", "publish_date", "is_generated", "agency__name", "agency__short_name")


def document_page_public(*, filters=None, offset: int, limit: int) -> list:
    """One page of `document_list_public(filters)`, with only the list's columns.

    The page's ids are found first by a subquery that the covering index of public documents
    answers (a deep OFFSET skips index entries, not table rows); only those rows are then read.
    """
    ids = document_list_public(filters=filters).values("pk")[offset:offset + limit]
    return list(Document.objects.filter(pk__in=ids).select_related("agency").only(*LIST_COLUMNS)
                .order_by("-publish_date", "-id"))


def document_get_public(*, pk):
    try:
        return document_public_queryset().get(pk=pk)
    except (Document.DoesNotExist, ValueError):
        raise Http404


def document_get_public_by_index_no(*, index_no):
    try:
        return document_public_queryset().get(index_no=index_no)
    except Document.DoesNotExist:
        raise Http404


def document_public_facets(*, filters=None):
    """Counts per year, genre, category and top subject for the public catalog's side panel."""
    qs = _apply_filters(document_public_queryset(), filters)
    years = (qs.annotate(y=ExtractYear("publish_date")).values("y").annotate(n=Count("id")).order_by("-y"))
    genres = qs.values("genre").annotate(n=Count("id")).order_by("-n")
    categories = qs.values("category").annotate(n=Count("id")).order_by("-n")
    return {"years": [(r["y"], r["n"]) for r in years if r["y"]],
            "genres": [(r["genre"], r["n"]) for r in genres],
            "categories": [(r["category"], r["n"]) for r in categories]}


def document_relations_public(*, document):
    """What a reader needs around a document: its 解读, what it interprets, what changed it."""
    incoming = document.incoming.filter(source__status=Status.PUBLISHED,
                                        source__disclosure=Disclosure.ACTIVE).select_related("source")
    outgoing = document.outgoing.filter(target__status=Status.PUBLISHED,
                                        target__disclosure=Disclosure.ACTIVE).select_related("target")
    return {
        "interpretations": [r.source for r in incoming if r.kind == RelationKind.INTERPRETS],
        "amended_by": [r.source for r in incoming if r.kind == RelationKind.AMENDS],
        "abolished_by": [r.source for r in incoming if r.kind == RelationKind.ABOLISHES],
        "interprets": [r.target for r in outgoing if r.kind == RelationKind.INTERPRETS],
        "amends": [r.target for r in outgoing if r.kind == RelationKind.AMENDS],
        "abolishes": [r.target for r in outgoing if r.kind == RelationKind.ABOLISHES],
    }


def document_list_for_user(*, user, filters=None, status=None):
    """Documents of the agencies `user` works for (any status)."""
    qs = Document.objects.filter(agency_id__in=agency_ids_for_user(user=user)).select_related("agency", "subject")
    if status:
        qs = qs.filter(status=status)
    return _apply_filters(qs, filters).order_by("-updated_at", "-id")


def document_get_for_user(*, user, pk):
    """A document the user may see in the console; 404 for anything outside their agencies."""
    try:
        return Document.objects.select_related("agency", "subject").get(
            pk=pk, agency_id__in=agency_ids_for_user(user=user))
    except (Document.DoesNotExist, ValueError):
        raise Http404


def document_publication_lag(*, document):
    """(deadline, overdue) for 条例 Art. 26: 发布日期 within 20 working days of 成文日期.

    Returns None when either date is missing.
    """
    if not document.written_date or not document.publish_date:
        return None
    limit = settings.GONGKAI["PUBLICATION_LIMIT_WORKDAYS"]
    deadline = add_workdays(document.written_date, limit)
    return {"deadline": deadline.date, "provisional": deadline.provisional,
            "overdue": document.publish_date > deadline.date}


def import_job_get_for_user(*, user, pk) -> ImportJob:
    """An import job of one of the user's agencies (Http404 otherwise), with its items."""
    job = (ImportJob.objects.filter(pk=pk, agency_id__in=agency_ids_for_user(user=user))
           .select_related("agency", "actor").first())
    if job is None:
        raise Http404
    return job


def import_jobs_for_user(*, user, limit: int = 10):
    """The latest import jobs of the user's agencies."""
    return (ImportJob.objects.filter(agency_id__in=agency_ids_for_user(user=user))
            .select_related("agency", "actor").order_by("-created_at", "-id")[:limit])
