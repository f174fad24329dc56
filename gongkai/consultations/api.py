"""JSON API of 意见征集: public reads (no personal data; selected comments as published, names masked)
and staff reads of the ledger, scoped to the user's agencies."""
import datetime as dt
from typing import Optional

from ninja import Path, Query, Router, Schema
from ninja.security import django_auth

from .feedback import figures_compute
from .models import Phase
from .selectors import (comments_public, consultation_get_for_user, consultation_get_public,
                        consultation_list_for_user, consultation_list_public, ledger_for_user, ledger_rows)

router = Router(tags=["意见征集"])
MAX_LIMIT = 100
LEDGER_MAX = 5000  # rows of one ledger answer; larger consultations are read page by page in the console
MAX_ID = 2**62  # larger ids are invalid input (422), never sent to SQL


class ArticleOut(Schema):
    id: int
    label: str
    text: str


class PublicCommentOut(Schema):
    receipt_no: str
    name: str
    article: Optional[str]
    text: str
    disposition: str
    reason: str


class ConsultationOut(Schema):
    id: int
    title: str
    agency: str
    kind: str
    start_date: dt.date
    end_date: dt.date
    phase: str
    phase_label: str
    url: str
    notice_url: Optional[str]
    feedback_url: Optional[str]


class ConsultationDetail(ConsultationOut):
    shortened_reason: str
    channels: list[str]
    contact: dict
    articles: list[ArticleOut]
    comments: list[PublicCommentOut]


class LedgerRow(Schema):
    id: int
    receipt_no: str
    channel: str
    article: Optional[str]
    name: str
    phone: str
    email: str
    body: str
    group_key: str
    group_size: int
    disposition: str
    reason: str
    is_public: bool


class LedgerOut(Schema):
    consultation: ConsultationOut
    figures: dict
    rows: list[LedgerRow]


def _out(c) -> dict:
    published = lambda d: d.get_absolute_url() if d is not None and d.status == "published" else None  # noqa: E731
    return {"id": c.pk, "title": c.title, "agency": c.agency.name, "kind": c.kind, "start_date": c.start_date,
            "end_date": c.end_date, "phase": c.phase(), "phase_label": str(c.phase_label),
            "url": c.get_absolute_url(), "notice_url": published(c.notice), "feedback_url": published(c.feedback)}


@router.get("/", response=list[ConsultationOut], summary="意见征集列表")
def consultations_list(request, phase: Optional[Phase] = Query(None, description="open、closed、feedback"),
                       limit: int = Query(20, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=1_000_000)):
    return [_out(c) for c in consultation_list_public(phase=phase.value if phase else "")[offset:offset + limit]]


@router.get("/{consultation_id}", response=ConsultationDetail, summary="意见征集详情（含条目与选登意见）")
def consultation_detail(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    c = consultation_get_public(pk=consultation_id)
    contact = {k: getattr(c, f"contact_{k}") for k in ("unit", "address", "postcode", "phone", "fax", "email")}
    comments = [{"receipt_no": m.receipt_no, "name": m.display_name, "article": m.article.label if m.article else None,
                 "text": m.public_body, "disposition": m.get_disposition_display() if m.disposition else "",
                 "reason": m.reason} for m in comments_public(consultation=c)]
    return {**_out(c), "shortened_reason": c.shortened_reason, "channels": [str(x) for x in c.channel_labels],
            "contact": contact, "articles": list(c.articles.all()), "comments": comments}


@router.get("/staff/list", auth=django_auth, response=list[ConsultationOut], summary="本机关意见征集")
def staff_list(request):
    return [_out(c) for c in consultation_list_for_user(user=request.auth)[:500]]


@router.get("/staff/{consultation_id}/ledger", auth=django_auth, response=LedgerOut, summary="意见台账")
def staff_ledger(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    c = consultation_get_for_user(user=request.auth, pk=consultation_id)
    fig = figures_compute(consultation=c)
    rows = [{"id": m.pk, "receipt_no": m.receipt_no, "channel": m.channel, "article": m.article.label if m.article else None,
             "name": m.name, "phone": m.phone, "email": m.email, "body": m.body, "group_key": m.group_key,
             "group_size": m.group_size, "disposition": m.disposition, "reason": m.reason, "is_public": m.is_public}
            for m in ledger_rows(consultation=c, rows=ledger_for_user(user=request.auth, consultation=c)[:LEDGER_MAX])]
    figures = {"received": fig.received, "groups": fig.groups, "adopted": fig.adopted, "partly": fig.partly,
               "not_adopted": fig.not_adopted, "pending": fig.pending}
    return {"consultation": _out(c), "figures": figures, "rows": rows}
