"""Indicator functions for the 测评 engine (registered there by dotted path; this module imports
nothing of it). Each returns {"numerator", "denominator", "records": [(label, detail)]} for the
agencies given (all when None) over [start, end]."""
import datetime as dt

from .models import Dataset, DatasetStatus
from .quality import quality


def _published(agency_ids, end: dt.date):
    qs = Dataset.objects.filter(status=DatasetStatus.PUBLISHED, published_at__date__lte=end).select_related("agency")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs.prefetch_related("resources").order_by("agency__path", "id")


def datasets_on_schedule(*, agency_ids: list[int] | None, start: dt.date, end: dt.date) -> dict:
    """更新及时率: published datasets updated as their 更新频率 requires, judged on `end`; records
    name the datasets behind schedule."""
    from .quality import on_schedule

    rows = list(_published(agency_ids, end))
    behind = [d for d in rows if not on_schedule(d, end)]
    return {"numerator": len(rows) - len(behind), "denominator": len(rows),
            "records": [(f"{d.agency.name}·{d.title}", f"未按期更新（更新频率：{d.get_frequency_display()}，"
                                                      f"最近更新：{d.data_updated or '无'}）") for d in behind]}


def datasets_machine_readable(*, agency_ids: list[int] | None, start: dt.date, end: dt.date) -> dict:
    """机读率: published datasets with at least one machine-readable resource; records the PDF-only ones."""
    rows = list(_published(agency_ids, end))
    bad = [d for d in rows if not any(r.machine_readable for r in d.resources.all() if r.replaced_at is None)]
    return {"numerator": len(rows) - len(bad), "denominator": len(rows),
            "records": [(f"{d.agency.name}·{d.title}", "无可机器读取的资源") for d in bad]}


def datasets_quality(*, agency_ids: list[int] | None, start: dt.date, end: dt.date) -> dict:
    """Summed quality score over the maximum (100 per dataset); records each dataset below 100."""
    rows = list(_published(agency_ids, end))
    records, total = [], 0
    for d in rows:
        q = quality(d, [r for r in d.resources.all() if r.replaced_at is None], end)
        total += q["score"]
        if q["score"] < 100:
            missing = "、".join(str(label) for _k, label, met in q["criteria"] if not met)
            records.append((f"{d.agency.name}·{d.title}", f"{q['score']} 分，未达：{missing}"))
    return {"numerator": total, "denominator": 100 * len(rows), "records": records}
