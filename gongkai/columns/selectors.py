"""Reads of the columns: which public documents a column holds, the counts of every column, the
published 机构概况. Staff reads are scoped with `agency_ids_for_user`."""
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.catalog.selectors import document_public_queryset
from gongkai.ops.pagecache import page_cache_version

from .models import AgencyProfile, Column, ColumnLevel

COUNT_CACHE_SECONDS = 600
COLUMNS_VERSION_KEY = "columns:version"
LEVEL_AGENCY_LEVELS = {ColumnLevel.COUNTY: ("city", "county"), ColumnLevel.TOWNSHIP: ("township",)}


def column_q(column) -> Q | None:
    """The catalog condition of `column`: any inclusive criterion, narrowed by 文种 and by level.
    None when the column has no document criterion (a column of 机构概况 or 办事指南 only)."""
    parts = []
    if column.categories:
        parts.append(Q(category__in=list(column.categories)))
    subject_ids = [s.pk for s in column.subjects.all()]
    if subject_ids:
        parts.append(Q(subject_id__in=subject_ids) | Q(subject__parent_id__in=subject_ids))
    for word in column.keywords or []:
        word = str(word).strip()
        if word:
            parts.append(Q(title__contains=word) | Q(keywords__contains=word))
    if not parts:
        return None
    q = reduce(or_, parts)
    if column.genres:
        q &= Q(genre__in=list(column.genres))
    levels = LEVEL_AGENCY_LEVELS.get(column.level)
    if levels:
        q &= Q(agency__level__in=levels)
    return q


def _agency_narrow(qs, agency, field="agency"):
    if agency is None:
        return qs
    return qs.filter(**{f"{field}__path__startswith": agency.path})


def column_documents(*, column, agency=None):
    """The public documents of `column` (optionally of one agency's subtree), newest first."""
    q = column_q(column)
    qs = document_public_queryset()
    if q is None:
        return qs.none()
    return _agency_narrow(qs.filter(q), agency).order_by("-publish_date", "-id")


def column_guides(*, column, agency=None):
    """The published 办事指南 a column lists (条例第二十条第（五）项)."""
    from gongkai.guides.models import GuideStatus, ServiceGuide

    if not column.include_guides:
        return ServiceGuide.objects.none()
    qs = ServiceGuide.objects.filter(status=GuideStatus.PUBLISHED).select_related("agency")
    return _agency_narrow(qs, agency).order_by("agency__path", "name")


def profiles_public(*, agency=None):
    qs = AgencyProfile.objects.filter(published__isnull=False).select_related("agency")
    return _agency_narrow(qs, agency).order_by("agency__path", "agency__sort_order")


def profile_public(*, slug) -> AgencyProfile:
    profile = profiles_public().filter(agency__slug=slug).first()
    if profile is None:
        raise Http404
    return profile


def levels_present() -> set:
    """The column levels that apply on this site: 第二十一条 columns only where such governments exist."""
    levels = {ColumnLevel.ALL}
    present = set(Agency.objects.filter(kind=Agency.Kind.GOVERNMENT).values_list("level", flat=True))
    for level, agency_levels in LEVEL_AGENCY_LEVELS.items():
        if present & set(agency_levels):
            levels.add(level)
    return levels


def columns_public():
    return list(Column.objects.filter(active=True, level__in=levels_present()).prefetch_related("subjects"))


def column_public(*, slug) -> Column:
    column = Column.objects.filter(slug=slug, active=True).prefetch_related("subjects").first()
    if column is None:
        raise Http404
    return column


def column_count(*, column, agency=None) -> int:
    """Documents, plus 办事指南 and 机构概况 where the column lists them."""
    return _counts([column], agency)[column.pk]


def _counts(columns, agency) -> dict:
    """{column id: count} in a fixed number of queries: one conditional count over the public catalog
    for every column's documents, one for the guides and one for the profiles when any column lists them."""
    conditions = {c.pk: column_q(c) for c in columns}
    aggregates = {f"c{pk}": Count("pk", filter=q) for pk, q in conditions.items() if q is not None}
    found = (_agency_narrow(document_public_queryset().select_related(None), agency).aggregate(**aggregates)
             if aggregates else {})
    guides = profiles = 0
    if any(c.include_guides for c in columns):
        guides = column_guides(column=next(c for c in columns if c.include_guides), agency=agency).count()
    if any(c.include_profiles for c in columns):
        profiles = profiles_public(agency=agency).count()
    return {c.pk: (found.get(f"c{c.pk}") or 0) + (guides if c.include_guides else 0)
            + (profiles if c.include_profiles else 0) for c in columns}


def columns_version() -> int:
    """Bumped whenever a column changes (`services.column_update`, `columns_defaults_ensure`)."""
    return cache.get_or_set(COLUMNS_VERSION_KEY, 1, None)


def columns_version_bump() -> None:
    try:
        cache.incr(COLUMNS_VERSION_KEY)
    except ValueError:
        cache.set(COLUMNS_VERSION_KEY, 2, None)


def columns_with_counts(*, agency=None) -> list:
    """[(column, count)] of the active columns that apply on this site; the whole answer is cached for
    one catalog version (the page-cache version every publish, withdrawal and validity change bumps)
    and one columns version, so a public page reading it makes no query once it is cached."""
    key = f"columns:counts:{page_cache_version()}:{columns_version()}:{agency.pk if agency else 0}"
    rows = cache.get(key)
    if rows is None:
        columns = columns_public()
        counts = _counts(columns, agency)
        rows = [(c, counts[c.pk]) for c in columns]
        cache.set(key, rows, COUNT_CACHE_SECONDS)
    return rows


def columns_grouped(*, agency=None) -> list:
    """[(heading, [(column, count)])]: 第二十条, then the 第二十一条 groups that apply."""
    groups = {}
    for column, n in columns_with_counts(agency=agency):
        groups.setdefault(column.level, []).append((column, n))
    return [(ColumnLevel(level).label, groups[level]) for level in ColumnLevel.values if level in groups]


def profiles_for_user(*, user):
    return (AgencyProfile.objects.filter(agency_id__in=agency_ids_for_user(user=user))
            .select_related("agency").prefetch_related("leaders").order_by("agency__path"))


def profile_review_days() -> int:
    """How long a 机构概况 may go unreviewed before the console reminds (setting COLUMNS_PROFILE_REVIEW_DAYS)."""
    return int(getattr(settings, "COLUMNS_PROFILE_REVIEW_DAYS", 180))


def profile_stale(profile, *, today, days) -> bool:
    """Not reviewed (published or confirmed) within `days`: the reminder's condition."""
    return profile.reviewed_on is None or (today - profile.reviewed_on).days > days


def profiles_stale(*, agency_ids=None, today, days) -> list:
    # A profile withdrawn from the site (agency merged or abolished) asks for no review.
    qs = AgencyProfile.objects.select_related("agency").exclude(published__isnull=True, version__gt=0)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return [p for p in qs.order_by("agency__path") if profile_stale(p, today=today, days=days)]
