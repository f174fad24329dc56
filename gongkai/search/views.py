from django.shortcuts import render

from .selectors import FACETS, answer_question, search_documents


def _int(value, default=1):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def search(request):
    """Show ranked results with facets for the query in ?q=."""
    query = (request.GET.get("q") or "").strip()
    filters = {k: request.GET.get(k) for k in FACETS}
    result = None
    if query:
        result = search_documents(query=query, filters=filters, sort=request.GET.get("sort", "relevance"),
                                  page=_int(request.GET.get("page")))
    return render(request, "search/search.html", {"query": query, "result": result})


def qa(request):
    """Show the passages that answer the question in ?q= (智能问答)."""
    question = (request.GET.get("q") or "").strip()
    result = answer_question(question=question) if question else None
    return render(request, "search/qa.html", {"question": question, "result": result})
