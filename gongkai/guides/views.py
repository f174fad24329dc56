"""Public pages of the 办事指南: list by department and by 生活事件 with search, the guide, earlier
versions, and the downloads of 样表 / 空表."""
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render

from .models import LifeEvent
from .selectors import (guide_facets_public, guide_material_public, guide_public, guide_version_public,
                        guides_public)
from .snapshot import guide_snapshot


def guide_list(request):
    agency = request.GET.get("agency", "")
    agency_id = int(agency) if agency.isdigit() and len(agency) <= 9 else None
    event = request.GET.get("event", "")
    event = event if event in LifeEvent.values else ""
    q = request.GET.get("q", "")[:100]
    facets = guide_facets_public(agency_id=agency_id, event=event)
    return render(request, "guides/list.html", {
        "guides": guides_public(agency_id=agency_id, event=event, q=q), "agencies": facets["agencies"],
        "events": facets["events"], "agency_id": agency_id, "event": event, "q": q})


def guide(request, pk):
    obj = guide_public(pk=pk)
    return render(request, "guides/guide.html", {"guide": obj, "s": guide_snapshot(obj), "current": True,
                                                 "versions": obj.versions.all()})


def version(request, pk, number):
    v = guide_version_public(pk=pk, number=number)
    return render(request, "guides/guide.html", {"guide": v.guide, "s": v.snapshot, "current": False,
                                                 "shown": v, "versions": v.guide.versions.all()})


def material_file(request, pk, material_id, which):
    material = guide_material_public(pk=pk, material_id=material_id)
    if which not in ("sample", "blank"):
        raise Http404
    path = getattr(material, f"{which}_path")
    if not path or not default_storage.exists(path):
        raise Http404
    return FileResponse(default_storage.open(path, "rb"), as_attachment=True,
                        filename=getattr(material, f"{which}_name"), content_type=getattr(material, f"{which}_type"))
