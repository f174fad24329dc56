"""Reads of the decisions app."""
from django.http import Http404

from gongkai.agencies.selectors import agency_ids_for_user

from .models import DecisionItem

PUBLIC_SELECT = ("agency", "undertaker", "consultation", "consultation__feedback", "decision_document")


def decision_years_public() -> list:
    return sorted(set(DecisionItem.objects.values_list("year", flat=True)), reverse=True)


def decision_items_public(*, year: int):
    return DecisionItem.objects.filter(year=year).select_related(*PUBLIC_SELECT).prefetch_related("records")


def decision_item_public(*, pk) -> DecisionItem:
    item = DecisionItem.objects.filter(pk=pk).select_related(*PUBLIC_SELECT).first()
    if item is None:
        raise Http404
    return item


def decision_items_for_user(*, user, year=None):
    ids = agency_ids_for_user(user=user)
    qs = DecisionItem.objects.filter(agency_id__in=ids) | DecisionItem.objects.filter(undertaker_id__in=ids)
    if year:
        qs = qs.filter(year=year)
    return qs.select_related(*PUBLIC_SELECT).distinct()
