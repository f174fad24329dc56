"""Public pages: the 26 areas with their sources, and each published 本级标准目录 with every 事项, its
latest item and its coverage this year."""
import datetime as dt

from django.shortcuts import render
from django.utils import timezone

from .areas import areas
from .coverage import catalog_coverage, summary
from .selectors import catalog_public, catalogs_public


def index(request):
    return render(request, "stdcatalog/index.html", {"catalogs": catalogs_public(), "areas": areas()})


def catalog(request, slug):
    obj = catalog_public(slug=slug)
    today = timezone.localdate()
    start = dt.date(today.year, 1, 1)
    rows = catalog_coverage(obj, start=start, end=today)
    groups = {}
    for row in rows:
        groups.setdefault(row.entry.area_name, []).append(row)
    return render(request, "stdcatalog/catalog.html", {"catalog": obj, "groups": groups, "summary": summary(rows),
                                                       "start": start, "end": today})
