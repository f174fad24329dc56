"""Reads of the 公报 app: the public 公报数据库 (published issues only) and scoped staff reads."""
from django.db.models import Count, Q
from django.http import Http404

from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.models import Status
from gongkai.core.text import normalize

from .models import Article, Issue, IssueStatus

MAX_RESULTS = 200


def issues_public():
    return Issue.objects.filter(status=IssueStatus.PUBLISHED).select_related("agency")


def years_public() -> list:
    """[(year, number of issues)] newest first."""
    return list(issues_public().values_list("year").annotate(n=Count("id")).order_by("-year"))


def issue_public(*, pk) -> Issue:
    issue = issues_public().filter(pk=pk).first()
    if issue is None:
        raise Http404
    return issue


def articles_of(issue):
    """The issue's contents in order; only published documents are shown to the public."""
    return issue.articles.filter(document__status=Status.PUBLISHED).select_related("document").order_by(
        "position", "id")


def _terms(query: str) -> list:
    return [t for t in normalize(query or "").split() if t][:8]


def articles_search(*, query: str, issue=None, year=None):
    """Articles of published issues whose document title, 文号 or text contains every term."""
    terms = _terms(query)
    if not terms:
        return Article.objects.none()
    qs = Article.objects.filter(issue__status=IssueStatus.PUBLISHED, document__status=Status.PUBLISHED)
    if issue is not None:
        qs = qs.filter(issue=issue)
    if year:
        qs = qs.filter(issue__year=year)
    for term in terms:
        qs = qs.filter(Q(document__title__icontains=term) | Q(document__doc_no__icontains=term)
                       | Q(document__body_text__icontains=term))
    return qs.select_related("issue", "issue__agency", "document").order_by("-issue__year", "-issue__number",
                                                                          "position")[:MAX_RESULTS]


def issues_for_user(*, user):
    return Issue.objects.filter(agency_id__in=agency_ids_for_user(user=user)).select_related("agency")


def issue_for_user(*, user, pk) -> Issue:
    issue = issues_for_user(user=user).filter(pk=pk).first()
    if issue is None:
        raise Http404
    return issue
