"""Reads of the 标准目录 app; staff reads are scoped to the user's agencies."""
from django.http import Http404

from gongkai.agencies.selectors import agency_ids_for_user

from .models import CatalogStatus, Entry, LocalCatalog


def catalogs_public():
    return LocalCatalog.objects.filter(status=CatalogStatus.PUBLISHED).select_related("agency", "document")


def catalog_public(*, slug: str) -> LocalCatalog:
    catalog = catalogs_public().filter(agency__slug=slug).first()
    if catalog is None:
        raise Http404
    return catalog


def catalogs_for_user(*, user):
    return LocalCatalog.objects.filter(agency_id__in=agency_ids_for_user(user=user)).select_related("agency",
                                                                                                   "document")


def catalog_for_user(*, user, pk) -> LocalCatalog:
    catalog = catalogs_for_user(user=user).filter(pk=pk).first()
    if catalog is None:
        raise Http404
    return catalog


def entry_for_user(*, user, pk) -> Entry:
    entry = Entry.objects.filter(pk=pk, catalog__agency_id__in=agency_ids_for_user(user=user)).select_related(
        "catalog", "catalog__agency").first()
    if entry is None:
        raise Http404
    return entry
