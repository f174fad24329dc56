"""The public 回应关切 page: each concern with its responses (published documents only)."""
from django.db.models import Prefetch
from django.shortcuts import render

from gongkai.catalog.models import Document, Status

from .models import Concern


def concern_list(request):
    concerns = Concern.objects.select_related("agency").prefetch_related(
        Prefetch("responses", queryset=Document.objects.filter(status=Status.PUBLISHED).order_by("published_at"),
                 to_attr="public_responses"))[:200]
    return render(request, "concerns/list.html", {"concerns": concerns})
