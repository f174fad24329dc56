from urllib.parse import quote_plus, urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _

from .selectors import FILTERS, search_documents


def _int(value, default=1):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def search(request):
    """Show ranked results with facets for the query in ?q=."""
    query = (request.GET.get("q") or "").strip()
    filters = {k: request.GET.get(k) for k in FILTERS}
    result = None
    if query:
        result = search_documents(query=query, filters=filters, sort=request.GET.get("sort", "relevance"),
                                  page=_int(request.GET.get("page")))
        _facet_urls(request, result)
    return render(request, "search/search.html", {"query": query, "result": result, "about": _("约"),
                                                  "page_range": page_numbers(result.page, result.pages) if result else []})


def page_numbers(page: int, pages: int, *, around: int = 2) -> list:
    """Page numbers to link: the first, the last and `around` on each side of `page`; None marks a gap."""
    keep = {1, pages} | set(range(max(1, page - around), min(pages, page + around) + 1))
    out, last = [], 0
    for n in sorted(keep):
        if n - last == 2:
            out.append(n - 1)  # one hidden page: show it rather than "…"
        elif n - last > 2:
            out.append(None)
        out.append(n)
        last = n
    return out


def _facet_urls(request, result):
    """Give each facet value the URL that chooses it (as the search_url tag would, without a tag per value)."""
    params = {k: v for k, v in request.GET.items() if k != "page"}
    for name, values in result.facets.items():
        rest = {k: v for k, v in params.items() if k != name}
        prefix = "?" + (urlencode(rest) + "&" if rest else "") + name + "="
        for v in values:
            v.url = prefix + quote_plus(str(v.value))
