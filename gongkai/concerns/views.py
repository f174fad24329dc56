"""The public 回应关切 page: each concern with its responses and follow-ups (published documents only)."""
from django.shortcuts import render

from .selectors import concerns_public


def concern_list(request):
    return render(request, "concerns/list.html", {"concerns": concerns_public()})
