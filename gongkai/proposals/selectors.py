"""Reads of the proposals app: staff reads scoped to the user's agencies (主办 or 协办); public reads
only the published replies."""
import datetime as dt

from django.db.models import Q
from django.http import Http404

from gongkai.agencies.selectors import agency_ids_for_user

from .models import Proposal, ProposalStatus


def proposals_for_user(*, user):
    """The proposals the user's agencies lead or assist (no join on 协办, so no DISTINCT)."""
    ids = agency_ids_for_user(user=user)
    assisted = Proposal.assist.through.objects.filter(agency_id__in=ids).values("proposal_id")
    return (Proposal.objects.filter(Q(lead_id__in=ids) | Q(pk__in=assisted)).select_related("lead", "document"))


def proposal_for_user(*, user, pk) -> Proposal:
    proposal = proposals_for_user(user=user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def proposals_public(*, year: int | None = None, kind: str = ""):
    """Replies published in the catalog (their documents public), newest first."""
    qs = (Proposal.objects.filter(status=ProposalStatus.PUBLISHED, document__status="published",
                                  document__disclosure="active")
          .select_related("lead", "document").order_by("-published_date", "-id"))
    if year:
        qs = qs.filter(assigned_date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def proposal_years_public() -> list[int]:
    return sorted({d.year for d in proposals_public().values_list("assigned_date", flat=True)}, reverse=True)


def proposals_overdue(*, agency_ids, today: dt.date):
    """Not replied by the 办理期限, or replied but not published by the 公开期限."""
    return Proposal.objects.filter(lead_id__in=agency_ids).filter(
        Q(status=ProposalStatus.ASSIGNED, due_date__lt=today)
        | Q(status__in=[ProposalStatus.REPLIED, ProposalStatus.SUBMITTED], publish_due__lt=today))
