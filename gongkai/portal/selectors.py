"""Reads for the public portal: facet counts, agency and subject trees, section pages.

Every function here runs a fixed number of queries whatever the size of the catalog. The facet
counts of the 法定主动公开内容 list are cached for one catalog version (`catalog_counts`), so the
scans behind them run once per publication, not once per list page.
"""
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Func
from django.db.models.functions import ExtractYear
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Attachment, Category, Genre, Subject
from gongkai.catalog.selectors import PUBLIC_FILTERS, document_page_public, document_public_queryset
from gongkai.ops.pagecache import page_cache_version

from .models import Page, PageColumn

LIST_FILTERS = ("agency", "subject", "year", "genre", "category", "validity")
FACETS = ("agency", "subject", "year", "genre", "category")
_SMALL_FACETS = ("year", "genre", "category")  # few values each: counted together when filters allow
# A cached count is exact for its catalog version: the page-cache version, which every publish,
# withdraw and validity change bumps (ops.receivers, on the catalog's document_changed signal).
# The timeout only bounds how long a count outlives a change made around the catalog's services
# (a 主题分类 deleted in the admin, a bulk load).
FACET_CACHE_SECONDS = 600
_COLUMNS = {"agency": "agency_id", "subject": "subject_id"}


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
    url: str = ""


def _without(filters, key):
    return {k: v for k, v in filters.items() if k != key}


class _PublishYear(ExtractYear):
    """The year of publish_date; on SQLite read from the stored ISO text (the default calls a
    Python function for every row)."""

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(SUBSTR({sql}, 1, 4) AS INTEGER)", params


class _Unindexed(Func):
    """A column to group by without its own index. On SQLite the unary plus keeps the planner on
    the covering indexes of public documents: grouping by the bare genre or category it walks
    that column's single-column index instead, to skip a sort, reading every row from the table."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)


def _group_expression(facet):
    if facet == "year":
        return _PublishYear("publish_date")
    if facet in ("agency", "subject"):
        return F(_COLUMNS[facet])  # the covering index led by this column gives the groups in order
    return _Unindexed(facet)


def _constraints(filters, agencies) -> dict:
    """The filters as {facet: frozenset of allowed column values}, applied exactly as
    `document_list_public` applies them: agency and subject include their subtree (from the
    agencies given), a malformed or unknown value matches nothing (an empty set)."""
    where = {}
    if filters.get("agency"):
        value = str(filters["agency"])
        if value.isdigit():
            agency = next((a for a in agencies if a.pk == int(value)), None)
        else:
            agency = next((a for a in agencies if a.slug == value), None)
        where["agency"] = frozenset(a.pk for a in agencies if agency and a.path.startswith(agency.path))
    if filters.get("subject"):
        try:
            sid = int(filters["subject"])
        except (TypeError, ValueError):
            sid = 0
        where["subject"] = (frozenset([sid, *Subject.objects.filter(parent_id=sid).values_list("pk", flat=True)])
                            if 0 < sid < 2**63 else frozenset())
    if filters.get("year"):
        try:
            year = int(filters["year"])
        except (TypeError, ValueError):
            year = 0
        where["year"] = frozenset([year]) if 1 <= year <= 9999 else frozenset()
    for key in ("genre", "category", "validity"):
        if filters.get(key):
            where[key] = frozenset([filters[key]])
    return where


def _count_by(facets, where) -> dict:
    """Public documents matching `where`, counted per value of each of `facets`: {facet: {value: n}}.

    One GROUP BY query over all of `facets` together (callers pass several only when each has few
    values, so the combinations stay few).
    """
    if any(not values for values in where.values()):
        return {facet: {} for facet in facets}
    qs = document_public_queryset().order_by()
    for key, values in where.items():
        if key == "year":
            qs = qs.filter(publish_date__year=next(iter(values)))
        elif len(values) == 1:
            qs = qs.filter(**{_COLUMNS.get(key, key): next(iter(values))})
        else:
            qs = qs.filter(**{f"{_COLUMNS.get(key, key)}__in": sorted(values)})
    groups = {f"f_{facet}": _group_expression(facet) for facet in facets}
    counts = {facet: {} for facet in facets}
    for row in qs.annotate(**groups).values(*groups).annotate(n=Count("*")):
        for facet in facets:
            value = row[f"f_{facet}"]
            if facet == "year" and value is not None:
                value = int(value)  # PostgreSQL's EXTRACT gives a numeric
            counts[facet][value] = counts[facet].get(value, 0) + row["n"]
    return counts


def _spec(where) -> str:
    return repr(sorted((key, sorted(values)) for key, values in where.items()))


def _cache_key(version, facet, where) -> str:
    return f"portal:facet:{version}:{facet}:{hashlib.sha256(_spec(where).encode()).hexdigest()[:32]}"


def catalog_counts(*, filters, agencies) -> dict:
    """Per facet, {value: document count} with the other facets' filters applied; and "total", the
    number of documents matching all filters (the list's length).

    Each facet's counts depend only on the other filters, so they are cached under the catalog
    version and that part of the filters: the first list page after a publication computes the
    unfiltered counts, which every other list page shares (a page filtered by agency reuses the
    agency counts and computes the rest, narrowed to the agency's documents). Counts still to be
    made with the same filters are made together where few values are involved (year, genre,
    category), so the unfiltered counts take three scans.
    """
    where = _constraints(filters, agencies)
    version = page_cache_version()  # read before the counts: a change committed later bumps it
    keys = {facet: _cache_key(version, facet, _without(where, facet)) for facet in FACETS}
    cached = {}
    if version:
        try:
            cached = cache.get_many(list(keys.values()))
        except Exception:  # cache down: count from the database
            cached = {}
    todo = {}
    for facet, key in keys.items():
        if key not in cached:
            narrowed = _without(where, facet)
            group = (_spec(narrowed), "small" if facet in _SMALL_FACETS else facet)
            todo.setdefault(group, (narrowed, []))[1].append(facet)
    fresh = {}
    for narrowed, facets in todo.values():
        for facet, counts in _count_by(facets, narrowed).items():
            cached[keys[facet]] = fresh[keys[facet]] = counts
    if version and fresh:
        try:
            cache.set_many(fresh, FACET_CACHE_SECONDS)
        except Exception:
            pass
    counts = {facet: cached[key] for facet, key in keys.items()}
    # Every document has an agency, so the agency counts (made with every other filter) hold the total.
    agency_ids = where.get("agency")
    counts["total"] = sum(n for pk, n in counts["agency"].items() if agency_ids is None or pk in agency_ids)
    return counts


def _agency_tree(agencies, direct, selected_slug) -> list[TreeNode]:
    """The agency tree with, on each node, the count of its subtree's documents.

    Nodes without documents are left out unless selected.
    """
    nodes = {a.id: TreeNode(obj=a, count=direct.get(a.id, 0), selected=selected_slug == a.slug)
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


def _subject_tree(direct, selected) -> list[TreeNode]:
    """The 22 top-level 主题分类 (and local additions) with subcategories and document counts."""
    subjects = list(Subject.objects.only("id", "name", "parent_id").order_by("sort_order", "id"))
    below = {}
    for subject in subjects:
        below.setdefault(subject.parent_id, []).append(subject)
    roots = []
    for top in below.get(None, []):
        children = [TreeNode(obj=c, count=direct.get(c.id, 0), selected=selected == str(c.id))
                    for c in below.get(top.id, [])]
        roots.append(TreeNode(obj=top, count=direct.get(top.id, 0) + sum(c.count for c in children),
                              selected=selected == str(top.id) or any(c.selected for c in children),
                              children=children))
    return roots


def catalog_facets(*, filters) -> dict:
    """Counts for the list's side panel (each facet counts with the other facets' filters applied)
    and "total", the list's length."""
    agencies = list(Agency.objects.only("id", "name", "short_name", "slug", "parent_id", "path")
                    .order_by("path", "sort_order", "id"))
    counts = catalog_counts(filters=filters, agencies=agencies)
    genres, categories = counts["genre"], counts["category"]
    return {
        "agencies": _agency_tree(agencies, counts["agency"], filters.get("agency")),
        "subjects": _subject_tree(counts["subject"], str(filters.get("subject") or "")),
        "years": sorted(((year, n) for year, n in counts["year"].items() if year), reverse=True),
        "genres": [(value, label, genres[value]) for value, label in Genre.choices if genres.get(value)],
        "categories": [(value, label, categories[value]) for value, label in Category.choices
                       if categories.get(value)],
        "total": counts["total"],
    }


class CatalogListing:
    """The filtered public list as Django's Paginator uses it: its length, known from the facet
    counts (no COUNT query), and a slice, read by `document_page_public`."""

    def __init__(self, *, filters, count):
        self.filters = filters
        self._count = count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, window):
        start = window.start or 0
        stop = self._count if window.stop is None else window.stop
        if stop <= start:
            return []
        return document_page_public(filters=self.filters, offset=start, limit=stop - start)


def filter_labels(*, filters) -> list[tuple[str, str]]:
    """(filter key, human label) for each active filter, to show and remove them one by one."""
    labels = []
    for key, value in filters.items():
        label = value
        if key == "agency":
            agency = Agency.objects.filter(slug=value).only("name").first()
            label = agency.name if agency else value
        elif key == "subject":
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


ORIGINAL_EXTENSIONS = (".docx", ".doc", ".pdf", ".wps", ".ofd")


def original_files(*, document, attachments) -> list:
    """The document's original file(s): the attachment saved under the name it was imported from,
    else an attachment in a document format whose name is the title (e.g. 《title》.pdf)."""
    def stem(name):
        return name.rsplit(".", 1)[0].strip() if "." in name else name.strip()

    documents = [a for a in attachments if a.original_name.lower().endswith(ORIGINAL_EXTENSIONS)]
    source = stem(document.source_name or "")
    title = (document.title or "").strip()
    return [a for a in documents if (source and stem(a.original_name) == source)
            or stem(a.original_name).strip("《》") == title]
