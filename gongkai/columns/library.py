"""Reads of the 规范性文件库: the public list with 统一登记号, dates, validity as of today and the
立改废 links (amended by, abolished by, amends, abolishes), and the published 清理 lists."""
import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Disclosure, DocumentRelation, RelationKind, Status, Validity
from gongkai.catalog.selectors import document_public_queryset

from .models import NormativeDirectory, NormativeEntry
from .normative import EXPIRING, NORMATIVE_CATEGORIES, in_force_q, validity_on

STATES = {
    "current": _("现行有效"),
    "pending": _("尚未施行"),
    "amended": _("已修改"),
    "expired": _("已失效"),
    "abolished": _("已废止"),
}


def _state_q(state: str, today: dt.date) -> Q | None:
    if state == "current":
        return in_force_q(today)
    if state == "pending":
        return Q(effective_date__gt=today, validity__in=EXPIRING)
    if state == "amended":
        return Q(validity=Validity.AMENDED)
    if state == "expired":
        return Q(validity=Validity.EXPIRED) | Q(validity__in=EXPIRING, expiry_date__lte=today)
    if state == "abolished":
        return Q(validity=Validity.ABOLISHED)
    return None


def library_public(*, today: dt.date, agency=None, state: str = "", q: str = ""):
    """Public 规章 and 行政规范性文件, newest first, narrowed by agency subtree, state and title words."""
    qs = document_public_queryset().filter(category__in=NORMATIVE_CATEGORIES)
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    condition = _state_q(state, today)
    if condition is not None:
        qs = qs.filter(condition)
    for word in (q or "").split()[:5]:
        qs = qs.filter(Q(title__contains=word) | Q(doc_no__contains=word)
                       | Q(normative_entry__registration_no__contains=word))
    return qs.order_by("-publish_date", "-id")


def library_rows(documents, *, today: dt.date) -> list:
    """Each document with its 统一登记号, its validity today and its public 立改废 links (one query each
    for the numbers and the links, whatever the page size)."""
    documents = list(documents)
    ids = [d.pk for d in documents]
    numbers = dict(NormativeEntry.objects.filter(document_id__in=ids).values_list("document_id", "registration_no"))
    visible = {"status": Status.PUBLISHED, "disclosure": Disclosure.ACTIVE}
    links = {pk: {"amended_by": [], "abolished_by": [], "amends": [], "abolishes": []} for pk in ids}
    relations = (DocumentRelation.objects.filter(kind__in=[RelationKind.AMENDS, RelationKind.ABOLISHES])
                 .filter(Q(target_id__in=ids, **{f"source__{k}": v for k, v in visible.items()})
                         | Q(source_id__in=ids, **{f"target__{k}": v for k, v in visible.items()}))
                 .select_related("source", "target"))
    for rel in relations:
        if rel.target_id in links:
            links[rel.target_id]["amended_by" if rel.kind == RelationKind.AMENDS else "abolished_by"].append(rel.source)
        if rel.source_id in links:
            links[rel.source_id]["amends" if rel.kind == RelationKind.AMENDS else "abolishes"].append(rel.target)
    return [{"document": d, "registration_no": numbers.get(d.pk) or "", "validity": validity_on(d, today),
             "links": links[d.pk]} for d in documents]


def directories_public():
    """The published 现行有效规范性文件目录 (清理结果), newest year first."""
    return (NormativeDirectory.objects.filter(document__status=Status.PUBLISHED,
                                              document__disclosure=Disclosure.ACTIVE)
            .select_related("agency", "document").order_by("-year", "agency__path"))
