"""JSON API of the 建议提案办理结果 (public reads of the published replies)."""
import datetime as dt
from typing import Optional

from ninja import Router, Schema

from .selectors import proposals_public

router = Router(tags=["建议提案"])


class ProposalOut(Schema):
    id: int
    kind: str
    session: str
    number: str
    title: str
    lead: str
    assigned_date: dt.date
    category: str
    reply_date: Optional[dt.date]
    published_date: Optional[dt.date]
    publish_mode: str
    document_url: str


@router.get("/replies", response=list[ProposalOut], summary="已公开的建议提案办理复文")
def replies(request, year: Optional[int] = None, kind: str = ""):
    if year is not None and not 2000 <= year <= 2100:
        return []
    return [{"id": p.pk, "kind": p.get_kind_display(), "session": p.session, "number": p.number, "title": p.title,
             "lead": p.lead.name, "assigned_date": p.assigned_date, "category": p.category,
             "reply_date": p.reply_date, "published_date": p.published_date,
             "publish_mode": p.get_publish_mode_display(), "document_url": p.document.get_absolute_url()}
            for p in proposals_public(year=year, kind=kind)[:500]]
