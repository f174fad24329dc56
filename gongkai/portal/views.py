from django.shortcuts import render

from gongkai.catalog.selectors import (document_get_public, document_list_public,
                                       document_relations_public)


def home(request):
    """Show the portal's front page with the latest published documents."""
    return render(request, "portal/home.html", {"latest": document_list_public()[:10]})


def xxgk(request):
    """Show the 政府信息公开 column index."""
    return render(request, "portal/xxgk.html", {})


def document_detail(request, pk):
    """Show one published document with its metadata table, body, attachments and relations."""
    document = document_get_public(pk=pk)
    return render(request, "portal/document.html",
                  {"document": document, "relations": document_relations_public(document=document)})
