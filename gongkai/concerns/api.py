"""JSON API of the 回应关切 register (public reads: no personal data is kept in it)."""
import datetime as dt
from typing import Optional

from django.utils import timezone
from ninja import Router, Schema

from .selectors import concerns_public

router = Router(tags=["回应关切"])


class LinkOut(Schema):
    kind: str
    title: str
    index_no: Optional[str]
    published_at: Optional[dt.datetime]
    url: str


class ConcernOut(Schema):
    id: int
    title: str
    summary: str
    agency: str
    level: str
    status: str
    channels: str
    noticed_at: dt.datetime
    response_due: dt.datetime
    first_response_at: Optional[dt.datetime]
    deadline: str
    press_due: Optional[dt.datetime]
    press_conference_at: Optional[dt.datetime]
    press_deadline: Optional[str]
    responses: list[LinkOut]


@router.get("/", response=list[ConcernOut], summary="回应关切登记（最近200项）")
def concerns(request):
    now = timezone.now()
    return [{"id": c.pk, "title": c.title, "summary": c.summary, "agency": c.agency.name,
             "level": c.get_level_display(), "status": c.get_status_display(), "channels": c.channels,
             "noticed_at": c.noticed_at, "response_due": c.response_due, "first_response_at": c.first_response_at,
             "deadline": c.deadline_state(now), "press_due": c.press_due,
             "press_conference_at": c.press_conference_at, "press_deadline": c.press_state(now),
             "responses": [{"kind": link.kind, "title": link.document.title, "index_no": link.document.index_no,
                            "published_at": link.document.published_at, "url": link.document.get_absolute_url()}
                           for link in c.public_links]}
            for c in concerns_public()]
