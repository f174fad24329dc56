"""JSON API of the 公报数据库 (public reads)."""
import datetime as dt
from typing import Optional

from django.http import Http404
from ninja import Query, Router, Schema

from .selectors import articles_of, articles_search, issue_public, issues_public, years_public

router = Router(tags=["政府公报"])


class YearOut(Schema):
    year: int
    issues: int


class IssueOut(Schema):
    id: int
    title: str
    year: int
    number: int
    total_number: int
    publish_date: dt.date
    imported: bool
    pdf: Optional[str]
    url: str


class ArticleOut(Schema):
    position: int
    section: str
    title: str
    doc_no: str
    index_no: Optional[str]
    is_standard_text: bool
    page: Optional[int]
    url: str


class IssueDetailOut(IssueOut):
    articles: list[ArticleOut]


class HitOut(ArticleOut):
    issue: IssueOut


def _issue(i) -> dict:
    from django.urls import reverse

    return {"id": i.pk, "title": i.title, "year": i.year, "number": i.number, "total_number": i.total_number,
            "publish_date": i.publish_date, "imported": i.imported,
            "pdf": reverse("gazette:pdf", args=[i.pk]) if i.pdf else None, "url": i.get_absolute_url()}


def _article(a) -> dict:
    return {"position": a.position, "section": a.section, "title": a.document.title, "doc_no": a.document.doc_no,
            "index_no": a.document.index_no, "is_standard_text": a.is_standard_text, "page": a.page,
            "url": a.document.get_absolute_url()}


@router.get("/years", response=list[YearOut], summary="有公报的年份及期数")
def years(request):
    return [{"year": y, "issues": n} for y, n in years_public()]


@router.get("/search", response=list[HitOut], summary="在公报数据库中检索")
def search(request, q: str = Query(..., min_length=1, max_length=100),
           year: Optional[int] = Query(None, ge=1900, le=2100)):
    return [{**_article(a), "issue": _issue(a.issue)} for a in articles_search(query=q, year=year)]


@router.get("/year/{year}", response=list[IssueOut], summary="某年各期公报")
def year_issues(request, year: int):
    if not 1900 <= year <= 2100:
        raise Http404
    return [_issue(i) for i in issues_public().filter(year=year).order_by("number")]


@router.get("/issue/{issue_id}", response=IssueDetailOut, summary="一期公报及其目录")
def issue_detail(request, issue_id: int):
    if not 1 <= issue_id <= 2**31 - 1:
        raise Http404
    obj = issue_public(pk=issue_id)
    return {**_issue(obj), "articles": [_article(a) for a in articles_of(obj)]}
