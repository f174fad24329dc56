"""JSON API of the 基层政务公开标准目录 (public reads)."""
import datetime as dt
from typing import Optional

from django.utils import timezone
from ninja import Router, Schema

from .areas import areas
from .coverage import catalog_coverage, summary
from .selectors import catalog_public, catalogs_public

router = Router(tags=["基层政务公开标准目录"])


class AreaItemOut(Schema):
    code: str
    level1: str
    level2: Optional[str]
    content: str
    basis: Optional[str]
    time_limit: Optional[str]
    subject: Optional[str]
    channels: list[str]
    audience: Optional[str]
    mode: Optional[str]
    levels: list[str]
    source: Optional[str] = None


class AreaOut(Schema):
    slug: str
    name: str
    document: str
    issuer: str
    date: str
    completeness: str
    source: str
    note: str
    items: list[AreaItemOut]


class CatalogOut(Schema):
    agency: str
    slug: str
    title: str
    entries: int
    url: str


class EntryOut(Schema):
    position: int
    area: str
    level1: str
    level2: str
    content: str
    time_limit: str
    subject: str
    mode: str
    status: str
    latest_title: Optional[str]
    latest_url: Optional[str]
    latest_date: Optional[dt.date]


class CatalogDetailOut(Schema):
    title: str
    start: dt.date
    end: dt.date
    summary: dict
    entries: list[EntryOut]


@router.get("/areas", response=list[AreaOut], summary="26个试点领域标准指引（含来源）")
def area_list(request):
    return [{"slug": a.slug, "name": a.name, "document": a.document, "issuer": a.issuer, "date": a.date,
             "completeness": a.completeness, "source": a.source, "note": a.note, "items": list(a.items)}
            for a in areas()]


@router.get("/catalogs", response=list[CatalogOut], summary="已发布的本级标准目录")
def catalog_list(request):
    from django.urls import reverse

    return [{"agency": c.agency.name, "slug": c.agency.slug, "title": c.title, "entries": c.entries.count(),
             "url": reverse("stdcatalog:catalog", args=[c.agency.slug])} for c in catalogs_public()]


@router.get("/catalogs/{slug}", response=CatalogDetailOut, summary="本级标准目录及本年度公开情况")
def catalog_detail(request, slug: str):
    catalog = catalog_public(slug=slug)
    end = timezone.localdate()
    start = end.replace(month=1, day=1)
    rows = catalog_coverage(catalog, start=start, end=end)
    return {"title": catalog.title, "start": start, "end": end, "summary": summary(rows), "entries": [
        {"position": r.entry.position, "area": r.entry.area_name, "level1": r.entry.level1, "level2": r.entry.level2,
         "content": r.entry.content, "time_limit": r.entry.time_limit, "subject": r.entry.subject_text,
         "mode": r.entry.get_mode_display() if r.entry.mode else "", "status": r.label,
         "latest_title": r.latest.title if r.latest else None,
         "latest_url": r.latest.get_absolute_url() if r.latest else None,
         "latest_date": r.latest.publish_date if r.latest else None} for r in rows]}
