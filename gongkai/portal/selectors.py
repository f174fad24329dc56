"""Reads for the public portal: facet counts, agency and subject trees, section pages.

Every function here runs a fixed number of queries whatever the size of the catalog.
"""
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Attachment, Category, Genre
from gongkai.catalog.selectors import (PUBLIC_FILTERS, document_list_public,
                                       document_public_queryset, subject_tree)

from .models import Page, PageColumn

LIST_FILTERS = ("agency", "subject", "year", "genre", "category", "validity")


def filters_from_query(*, query, fixed=None) -> dict:
    """Keep only the known, non-empty catalog filters of a query dict (request.GET)."""
    filters = {}
    for key in LIST_FILTERS:
        value = "".join(ch for ch in (query.get(key) or "") if ch.isprintable()).strip()  # no NUL/controls
        if value and key in PUBLIC_FILTERS:
            filters[key] = value[:80]
    filters.update(fixed or {})
    return filters


@dataclass
class TreeNode:
    obj: object
    count: int = 0
    selected: bool = False
    children: list = field(default_factory=list)


def _without(filters, key):
    return {k: v for k, v in filters.items() if k != key}


def agency_tree_counts(*, filters) -> list[TreeNode]:
    """The agency tree with, on each node, the count of its subtree's documents (two queries).

    Counts honour every other active filter; nodes without documents are left out unless selected.
    """
    rows = (document_list_public(filters=_without(filters, "agency")).order_by()
            .values("agency_id").annotate(n=Count("id")))
    direct = {r["agency_id"]: r["n"] for r in rows}
    agencies = list(Agency.objects.only("id", "name", "short_name", "slug", "parent_id", "path")
                    .order_by("path", "sort_order", "id"))
    nodes = {a.id: TreeNode(obj=a, count=direct.get(a.id, 0), selected=filters.get("agency") == a.slug)
             for a in agencies}
    # Deepest first, so every child's subtree total is complete before it is added to its parent.
    for agency in sorted(agencies, key=lambda a: a.path.count("/"), reverse=True):
        if agency.parent_id in nodes:
            nodes[agency.parent_id].count += nodes[agency.id].count
    roots = []
    for agency in agencies:
        node = nodes[agency.id]
        if not (node.count or node.selected):
            continue
        parent = nodes.get(agency.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def subject_tree_counts(*, filters) -> list[TreeNode]:
    """The 22 top-level 主题分类 (and local additions) with subcategories and document counts."""
    rows = (document_list_public(filters=_without(filters, "subject")).order_by()
            .exclude(subject__isnull=True).values("subject_id").annotate(n=Count("id")))
    direct = {r["subject_id"]: r["n"] for r in rows}
    selected = str(filters.get("subject") or "")
    roots = []
    for top in subject_tree():
        children = [TreeNode(obj=c, count=direct.get(c.id, 0), selected=selected == str(c.id))
                    for c in top.children.all()]
        roots.append(TreeNode(obj=top, count=direct.get(top.id, 0) + sum(c.count for c in children),
                              selected=selected == str(top.id) or any(c.selected for c in children),
                              children=children))
    return roots


def catalog_facets(*, filters) -> dict:
    """Counts for the list's side panel. Each facet counts with the other facets' filters applied."""
    years = (document_list_public(filters=_without(filters, "year")).order_by()
             .annotate(y=ExtractYear("publish_date")).values("y").annotate(n=Count("id")).order_by("-y"))
    genres = (document_list_public(filters=_without(filters, "genre")).order_by()
              .values("genre").annotate(n=Count("id")))
    categories = (document_list_public(filters=_without(filters, "category")).order_by()
                  .values("category").annotate(n=Count("id")))
    genre_counts = {r["genre"]: r["n"] for r in genres}
    category_counts = {r["category"]: r["n"] for r in categories}
    return {
        "agencies": agency_tree_counts(filters=filters),
        "subjects": subject_tree_counts(filters=filters),
        "years": [(r["y"], r["n"]) for r in years if r["y"]],
        "genres": [(value, label, genre_counts[value]) for value, label in Genre.choices
                   if genre_counts.get(value)],
        "categories": [(value, label, category_counts[value]) for value, label in Category.choices
                       if category_counts.get(value)],
    }


def filter_labels(*, filters) -> list[tuple[str, str]]:
    """(filter key, human label) for each active filter, to show and remove them one by one."""
    labels = []
    for key, value in filters.items():
        label = value
        if key == "agency":
            agency = Agency.objects.filter(slug=value).only("name").first()
            label = agency.name if agency else value
        elif key == "subject":
            from gongkai.catalog.models import Subject

            subject = (Subject.objects.select_related("parent").filter(pk=int(value)).first()
                       if value.isdigit() else None)
            label = str(subject) if subject else value
        elif key == "genre":
            label = dict(Genre.choices).get(value, value)
        elif key == "category":
            label = dict(Category.choices).get(value, value)
        elif key == "year":
            label = f"{value}"
        elif key == "validity":
            from gongkai.catalog.models import Validity

            label = dict(Validity.choices).get(value, value)
        labels.append((key, str(label)))
    return labels


def category_counts() -> dict:
    """Published document count per 信息类别 (one query), for the column index."""
    rows = document_public_queryset().order_by().values("category").annotate(n=Count("id"))
    return {r["category"]: r["n"] for r in rows}


def root_agency():
    """The top of the agency tree: the government whose portal this is."""
    roots = Agency.objects.filter(parent__isnull=True).order_by("sort_order", "id")
    return roots.filter(kind=Agency.Kind.GOVERNMENT).first() or roots.first()


def guide_for_agency(*, agency):
    """The 公开指南 page for `agency`, falling back to the site-wide guide."""
    pages = Page.objects.filter(column=PageColumn.GUIDE).select_related("agency")
    if agency is not None:
        page = pages.filter(agency=agency).first()
        if page is not None:
            return page
    return pages.filter(agency__isnull=True).first() or (
        pages.filter(agency=root_agency()).first() if agency is None else None)


def page_list(*, column):
    return Page.objects.filter(column=column).select_related("agency")


def page_get(*, slug):
    try:
        return Page.objects.select_related("agency").get(slug=slug)
    except Page.DoesNotExist:
        raise Http404


def attachment_get_public(*, document_pk, attachment_pk):
    """An attachment of a published 主动公开 document; 404 for anything else."""
    try:
        return Attachment.objects.select_related("document").get(
            pk=attachment_pk, document_id=document_pk,
            document__in=document_public_queryset().values("pk"))
    except (Attachment.DoesNotExist, ValueError):
        raise Http404
