"""Reads of the guides app."""
from django.db.models import Q
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.core.text import normalize

from .models import GuideMaterial, GuideStatus, GuideVersion, ServiceGuide


def guides_public(*, agency_id=None, event: str = "", q: str = ""):
    """Published guides, optionally of one agency, one 生活事件, and matching a query in the name or
    the 受理条件 (normalised: full-width, traditional characters and spaces do not matter)."""
    qs = ServiceGuide.objects.filter(status=GuideStatus.PUBLISHED).select_related("agency")
    if agency_id:
        if not 0 < agency_id < 2**31:  # beyond any id; would overflow the database integer
            return []
        qs = qs.filter(agency_id=agency_id)
    guides = list(qs.order_by("agency__name", "name"))
    if event:
        guides = [g for g in guides if event in g.life_events]
    words = normalize(q or "").split()
    if words:
        guides = [g for g in guides
                  if all(w in normalize(g.name) or w in normalize(g.conditions) for w in words)]
    return guides


def guide_agencies_public():
    return Agency.objects.filter(service_guides__status=GuideStatus.PUBLISHED).distinct().order_by("name")


def guide_public(*, pk) -> ServiceGuide:
    guide = ServiceGuide.objects.filter(pk=pk, status=GuideStatus.PUBLISHED).select_related("agency").first()
    if guide is None:
        raise Http404
    return guide


def guide_version_public(*, pk, number) -> GuideVersion:
    version = GuideVersion.objects.filter(guide_id=pk, number=number).select_related("guide").first()
    if version is None:
        raise Http404
    return version


def guide_material_public(*, pk, material_id) -> GuideMaterial:
    material = GuideMaterial.objects.filter(pk=material_id, guide_id=pk,
                                            guide__status=GuideStatus.PUBLISHED).first()
    if material is None:
        raise Http404
    return material


def guides_for_user(*, user):
    return ServiceGuide.objects.filter(agency_id__in=agency_ids_for_user(user=user)).select_related("agency")
