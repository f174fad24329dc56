"""Reads of 数据开放. Public reads see published datasets only; staff reads are scoped to the
user's agencies."""
import datetime as dt

from django.db.models import Count, F, Q
from django.http import Http404
from django.utils import timezone

from gongkai.agencies.selectors import agency_ids_for_user

from .models import (TABULAR_FORMATS, AccessApplication, ApplicationStatus, DataRequest, DataRequestStatus, Dataset,
                     DatasetStatus, Resource, ScanStatus, Tier)
from .quality import on_schedule


def datasets_public(*, topic: str = "", agency_id: int | None = None, fmt: str = "", tier: str = "", text: str = ""):
    qs = (Dataset.objects.filter(status=DatasetStatus.PUBLISHED).select_related("agency")
          .prefetch_related("resources"))
    if topic:
        qs = qs.filter(topic=topic)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if fmt:
        qs = qs.filter(resources__format=fmt, resources__replaced_at__isnull=True).distinct()
    if tier:
        qs = qs.filter(tier=tier)
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(summary__icontains=text) | Q(keywords__icontains=text))
    return qs.order_by("-data_updated", "-id")


def dataset_public(*, pk) -> Dataset:
    dataset = Dataset.objects.filter(pk=pk, status=DatasetStatus.PUBLISHED).select_related("agency").first()
    if dataset is None:
        raise Http404
    return dataset


def public_resources(dataset) -> list:
    """The resources the public sees: in a 无条件开放 dataset, not one whose personal-data columns
    still wait for the reviewer (uploaded after publication)."""
    return [r for r in dataset.resources.all() if r.replaced_at is None
            and not (dataset.tier == Tier.OPEN and r.scan_status == ScanStatus.FLAGGED)
            and not (r.tabular and r.scan_status == ScanStatus.NONE)]


def resources_listed(dataset) -> list:
    """What the public catalog shows of a dataset's resources (its page, the /datasets API, DCAT): none
    for a 不予开放 dataset — its entry, 开放主体 and reason are public, its files and columns are not."""
    return [] if dataset.tier == Tier.CLOSED else public_resources(dataset)


def resource_public(*, pk) -> Resource:
    """A resource's public URL (preview, download, schema.json); a 不予开放 dataset's resources have none."""
    resource = (Resource.objects.filter(pk=pk, dataset__status=DatasetStatus.PUBLISHED, replaced_at__isnull=True)
                .exclude(dataset__tier=Tier.CLOSED)
                .exclude(dataset__tier=Tier.OPEN, scan_status=ScanStatus.FLAGGED)
                .exclude(format__in=TABULAR_FORMATS, scan_status=ScanStatus.NONE)
                .select_related("dataset", "dataset__agency").first())
    if resource is None:
        raise Http404
    return resource


def datasets_for_user(*, user):
    return (Dataset.objects.filter(agency_id__in=agency_ids_for_user(user=user)).select_related("agency")
            .prefetch_related("resources").order_by("status", "-updated_at"))


def datasets_linkable(*, user):
    """Datasets an answer to a 数据需求 may link: every published one and the user's agencies' drafts."""
    qs = Dataset.objects.filter(Q(status=DatasetStatus.PUBLISHED) | Q(agency_id__in=agency_ids_for_user(user=user)))
    return qs.exclude(status=DatasetStatus.WITHDRAWN).order_by("title", "id")


def dataset_for_user(*, user, pk) -> Dataset:
    dataset = datasets_for_user(user=user).filter(pk=pk).first()
    if dataset is None:
        raise Http404
    return dataset


def datasets_behind(*, agency_ids=None, today: dt.date | None = None) -> list:
    """Published datasets whose 更新频率 says an update is overdue."""
    today = today or timezone.localdate()
    qs = Dataset.objects.filter(status=DatasetStatus.PUBLISHED).exclude(frequency="irregular").select_related("agency")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return [d for d in qs.order_by("agency__path", "data_updated") if not on_schedule(d, today)]


def applications_for_user(*, user):
    return (AccessApplication.objects.filter(dataset__agency_id__in=agency_ids_for_user(user=user))
            .select_related("dataset", "dataset__agency").order_by("status", "due_date", "-id"))


def applications_overdue(*, agency_ids, today: dt.date | None = None):
    qs = AccessApplication.objects.filter(status=ApplicationStatus.SUBMITTED, due_date__lt=today or timezone.localdate())
    return qs if agency_ids is None else qs.filter(dataset__agency_id__in=agency_ids)


PUBLIC_REQUEST = (DataRequestStatus.PUBLISHED, DataRequestStatus.ANSWERED)


def data_requests_public():
    return DataRequest.objects.filter(status__in=PUBLIC_REQUEST).select_related("agency", "dataset")


def data_requests_public_grouped(limit: int = 200) -> list[tuple]:
    """(request, N of 同类需求N条: the public requests of its group, itself included; 0 when alone) for the
    public list: a member whose head is public is counted under the head, not listed; a member whose head
    is not public stands alone."""
    rows = list(data_requests_public()[:limit])
    public_ids = set(DataRequest.objects.filter(status__in=PUBLIC_REQUEST).values_list("pk", flat=True))
    counts = {}
    for head_id in DataRequest.objects.filter(status__in=PUBLIC_REQUEST, group_head__isnull=False) \
            .values_list("group_head_id", flat=True):
        counts[head_id] = counts.get(head_id, 0) + 1
    return [(r, counts[r.pk] + 1 if r.pk in counts else 0) for r in rows if r.group_head_id not in public_ids]


def data_requests_overdue(*, agency_ids=None, today: dt.date | None = None):
    """Requests still waiting for an answer after their reply deadline (agency_ids None: all)."""
    qs = DataRequest.objects.filter(status__in=[DataRequestStatus.REVIEW, DataRequestStatus.PUBLISHED],
                                    due_date__lt=today or timezone.localdate())
    return qs if agency_ids is None else qs.filter(Q(agency_id__in=agency_ids) | Q(agency__isnull=True))


def data_requests_for_user(*, user):
    ids = agency_ids_for_user(user=user)
    return (DataRequest.objects.filter(Q(agency_id__in=ids) | Q(agency__isnull=True)).select_related("agency", "dataset")
            .annotate(group_size=Count("group_members"))
            .order_by(F("answered_at").asc(nulls_first=True), "due_date", "-id"))


def applications_feedback_due(*, agency_ids=None, today: dt.date | None = None):
    """Approved applications whose period ends today or ended, no 使用反馈 and no reminder yet."""
    qs = AccessApplication.objects.filter(status=ApplicationStatus.APPROVED, feedback_reminded_at__isnull=True,
                                          period_end__lte=today or timezone.localdate())
    return qs if agency_ids is None else qs.filter(dataset__agency_id__in=agency_ids)
