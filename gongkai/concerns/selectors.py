"""Reads of the concerns register. Staff reads are scoped to the agencies where the user may register
concerns (and the subtrees of their 公开办/admin roles); the public sees published responses only."""
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.models import Document, Status

from .models import Concern, ConcernResponse, ConcernStatus, overdue_q
from .transitions import ROLES

PUBLIC_LIMIT = 200


def _public_links():
    return Prefetch("links", queryset=ConcernResponse.objects.filter(document__status=Status.PUBLISHED)
                    .select_related("document").order_by("document__published_at", "id"), to_attr="public_links")


def concerns_public(*, limit: int = PUBLIC_LIMIT):
    """The register as the public sees it, newest first, each with `public_links` (published documents)."""
    return Concern.objects.select_related("agency").prefetch_related(_public_links())[:limit]


def concerns_for_user(*, user, state: str = "", now=None):
    """The concerns of the user's agencies; `state` narrows to waiting / overdue / responded / closed."""
    qs = Concern.objects.filter(agency_id__in=agency_ids_for_user(user=user, roles=ROLES)).select_related("agency")
    if state == "overdue":
        qs = qs.filter(overdue_q(now or timezone.now()))
    elif state in ConcernStatus.values:
        qs = qs.filter(status=state)
    return qs


def concerns_overdue_for_user(*, user, now=None):
    """The user's concerns still without a first response past their deadline (for the 工作台)."""
    return concerns_for_user(user=user, state="overdue", now=now)


def concern_get_for_user(*, user, pk) -> Concern:
    concern = concerns_for_user(user=user).filter(pk=pk).first()
    if concern is None:
        raise Http404
    return concern


def concern_links(*, concern):
    return concern.links.select_related("document", "document__agency").order_by("document__published_at", "id")


def response_document_for_user(*, user, concern, index_no: str):
    """A published document by its 索引号, of the concern's agency (and below) or of the user's agencies."""
    index_no = (index_no or "").strip()
    if not index_no:
        return None
    return (Document.objects.filter(index_no=index_no, status=Status.PUBLISHED)
            .filter(Q(agency_id__in=agency_ids_for_user(user=user)) | Q(agency__path__startswith=concern.agency.path))
            .first())
