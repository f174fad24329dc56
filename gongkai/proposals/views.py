"""Public list of the published 建议提案 replies (each links to its catalog document)."""
from django.shortcuts import render

from gongkai.core.params import int_param

from .models import ProposalKind
from .selectors import proposal_years_public, proposals_public

PAGE = 100


def index(request):
    year = int_param(request.GET.get("year"), name="year", default=None, minimum=2000, maximum=2100)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ProposalKind.values else ""
    return render(request, "proposals/index.html", {
        "items": proposals_public(year=year, kind=kind)[:PAGE], "years": proposal_years_public(), "year": year,
        "kind": kind, "kinds": ProposalKind.choices})
