"""Reads of the guides app."""
from django.db.models import Q
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.core.text import normalize

from .models import GuideMaterial, GuideStatus, GuideVersion, LifeEvent, ServiceGuide


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


def guide_facets_public(*, agency_id=None, event: str = "") -> dict:
    """Counts for the list's two ways in: per department (within the chosen 生活事件) and per 生活事件
    (within the chosen department), over published guides: {"agencies": [(agency, n)], "events":
    [(value, label, n)]}; entries with no guide are left out."""
    rows = list(ServiceGuide.objects.filter(status=GuideStatus.PUBLISHED)
                .values_list("agency_id", "life_events"))
    by_agency, by_event = {}, {}
    for aid, events in rows:
        if not event or event in (events or []):
            by_agency[aid] = by_agency.get(aid, 0) + 1
        if not agency_id or aid == agency_id:
            for e in events or []:
                by_event[e] = by_event.get(e, 0) + 1
    agencies = Agency.objects.filter(pk__in=by_agency).order_by("path", "sort_order")
    return {"agencies": [(a, by_agency[a.pk]) for a in agencies],
            "events": [(value, label, by_event[value]) for value, label in LifeEvent.choices if value in by_event]}


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
