"""JSON API of the 办事指南 (public reads of published guides)."""
from typing import Optional

from ninja import Router, Schema
from django.shortcuts import get_object_or_404

from .models import GuideStatus, ServiceGuide
from .selectors import guide_facets_public, guides_public
from .snapshot import guide_snapshot

router = Router(tags=["办事指南"])


class GuideRow(Schema):
    id: int
    name: str
    agency: str
    kind: str
    life_events: list[str]
    promised_days: Optional[int]
    version: int
    url: str


class MaterialOut(Schema):
    position: int
    name: str
    copies: int
    form: str
    need: str
    note: str
    sample_url: str
    blank_url: str


class GuideOut(Schema):
    id: int
    version: int
    name: str
    agency: str
    kind: str
    basis: str
    conditions: str
    process: str
    legal_days: Optional[int]
    promised_days: Optional[int]
    free: bool
    fee_standard: str
    fee_basis: str
    location: str
    hours: str
    phone: str
    complaint_phone: str
    life_events: list[str]
    materials: list[MaterialOut]
    url: str


@router.get("/", response=list[GuideRow], summary="已发布的办事指南（可按部门、生活事件、关键词筛选）")
def guide_list(request, agency: Optional[int] = None, event: str = "", q: str = ""):
    return [{"id": g.pk, "name": g.name, "agency": g.agency.name, "kind": g.get_kind_display(),
             "life_events": g.life_event_labels(), "promised_days": g.promised_days, "version": g.version,
             "url": g.get_absolute_url()}
            for g in guides_public(agency_id=agency, event=event, q=q[:100])]


class AgencyCount(Schema):
    id: int
    name: str
    count: int


class EventCount(Schema):
    value: str
    label: str
    count: int


class FacetsOut(Schema):
    agencies: list[AgencyCount]
    life_events: list[EventCount]


@router.get("/facets", response=FacetsOut, summary="按部门、按生活事件的已发布办事指南数（可互相限定）")
def guide_facets(request, agency: Optional[int] = None, event: str = ""):
    agency_id = agency if agency and 0 < agency < 2**31 else None
    facets = guide_facets_public(agency_id=agency_id, event=event[:40])
    return {"agencies": [{"id": a.pk, "name": a.name, "count": n} for a, n in facets["agencies"]],
            "life_events": [{"value": v, "label": str(label), "count": n} for v, label, n in facets["events"]]}


@router.get("/{guide_id}", response=GuideOut, summary="一项办事指南的全部要素")
def guide_detail(request, guide_id: int):
    g = get_object_or_404(ServiceGuide.objects.select_related("agency"), pk=guide_id, status=GuideStatus.PUBLISHED)
    s = guide_snapshot(g)
    url = g.get_absolute_url()
    return {**{k: s[k] for k in GuideOut.model_fields if k in s and k not in ("materials", "life_events", "kind")},
            "id": g.pk, "version": g.version, "kind": s["kind_label"], "life_events": s["life_event_labels"],
            "url": url,
            "materials": [{"position": m["position"], "name": m["name"], "copies": m["copies"], "form": m["form_label"],
                           "need": m["need_label"], "note": m["note"],
                           "sample_url": f"{url}m/{m['id']}/sample/" if m["sample"] else "",
                           "blank_url": f"{url}m/{m['id']}/blank/" if m["blank"] else ""}
                          for m in s["materials"]]}
