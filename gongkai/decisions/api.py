"""JSON API of the 重大行政决策事项目录 (public reads)."""
import datetime as dt
from typing import Optional

from ninja import Router, Schema

from .models import Procedure
from .selectors import decision_items_public, decision_years_public

router = Router(tags=["重大行政决策"])


class RecordOut(Schema):
    procedure: str
    date: dt.date
    summary: str


class ItemOut(Schema):
    id: int
    year: int
    position: int
    title: str
    agency: str
    undertaker: str
    planned: str
    status: str
    required: list[str]
    skipped: dict
    decided_date: Optional[dt.date]
    records: list[RecordOut]
    url: str


@router.get("/years", response=list[int], summary="有决策事项目录的年度")
def years(request):
    return decision_years_public()


@router.get("/{year}", response=list[ItemOut], summary="某年度重大行政决策事项目录")
def items(request, year: int):
    labels = dict(Procedure.choices)
    if not 2000 <= year <= 2100:
        return []
    return [{"id": i.pk, "year": i.year, "position": i.position, "title": i.title, "agency": i.agency.name,
             "undertaker": i.undertaker.name, "planned": i.planned, "status": i.get_status_display(),
             "required": [str(labels[p]) for p in i.required],
             "skipped": {str(labels[p]): r for p, r in i.skipped.items() if p in labels},
             "decided_date": i.decided_date, "url": i.get_absolute_url(),
             "records": [{"procedure": r.get_procedure_display(), "date": r.date, "summary": r.summary}
                         for r in i.records.all()]}
            for i in decision_items_public(year=year)]
