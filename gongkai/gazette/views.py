"""The public 公报数据库: issues by year, each issue's contents (标准文本 marked), its HTML/mobile
edition and printed PDF, search within an issue or over all issues, feeds."""
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.core.params import int_param

from .edition import edition_html
from .selectors import articles_of, articles_search, issue_public, issues_public, years_public


def index(request):
    query = (request.GET.get("q") or "").strip()[:100]
    year = int_param(request.GET.get("year"), name="year", minimum=1900, maximum=2100)
    return render(request, "gazette/index.html", {
        "years": years_public(), "latest": issues_public()[:6], "query": query, "year": year,
        "results": articles_search(query=query, year=year) if query else None})


def year(request, year):
    issues = issues_public().filter(year=year).order_by("number")
    if not issues.exists():
        raise Http404
    return render(request, "gazette/year.html", {"year": year, "issues": issues, "years": years_public()})


def issue(request, pk):
    obj = issue_public(pk=pk)
    query = (request.GET.get("q") or "").strip()[:100]
    return render(request, "gazette/issue.html", {
        "issue": obj, "articles": articles_of(obj), "query": query,
        "results": articles_search(query=query, issue=obj) if query else None})


def edition(request, pk):
    obj = issue_public(pk=pk)
    return render(request, "gazette/edition.html", {"issue": obj, "body": edition_html(obj)})


def pdf(request, pk):
    obj = issue_public(pk=pk)
    if not obj.pdf:
        raise Http404(_("本期没有PDF版。"))
    return FileResponse(obj.pdf.open("rb"), content_type="application/pdf", as_attachment=False,
                        filename=f"gazette-{obj.year}-{obj.number}.pdf")
