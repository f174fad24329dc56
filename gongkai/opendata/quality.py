"""Quality and timeliness (开放数林-style): five criteria of 20 points each — metadata complete,
machine-readable, data dictionary, licence, updated on schedule (更新频率 against the last update)."""
import calendar
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Frequency

CRITERIA = (
    ("metadata", _("元数据完整")),
    ("machine_readable", _("可机器读取")),
    ("dictionary", _("有数据字典")),
    ("licence", _("有使用协议")),
    ("on_schedule", _("按期更新")),
)
METADATA_FIELDS = ("summary", "keywords", "temporal_start", "spatial_code", "contact_name", "licence")


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(frequency: str, last: dt.date | None) -> dt.date | None:
    """The day by which the next update is due; None for 不定期 (never behind). A dataset never
    updated is due at once."""
    if frequency == Frequency.IRREGULAR:
        return None
    if last is None:
        return dt.date.min
    if frequency in (Frequency.REALTIME, Frequency.DAILY):
        return last + dt.timedelta(days=1)
    return _add_months(last, {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}[frequency])


def on_schedule(dataset, today: dt.date | None = None) -> bool:
    due = next_due(dataset.frequency, dataset.data_updated)
    return due is None or (today or timezone.localdate()) <= due


def quality(dataset, resources=None, today: dt.date | None = None) -> dict:
    """{"score": 0–100, "criteria": [(key, label, met)], "pdf_only": bool} for one dataset."""
    resources = list(dataset.resources.filter(replaced_at__isnull=True)) if resources is None else resources
    tabular = [r for r in resources if r.tabular]
    met = {
        "metadata": all(getattr(dataset, f) for f in METADATA_FIELDS) and bool(dataset.contact_phone or dataset.contact_email),
        "machine_readable": any(r.machine_readable for r in resources),
        "dictionary": bool(tabular) and all(r.schema and all(c.get("description") for c in r.schema) for r in tabular),
        "licence": bool(dataset.licence),
        "on_schedule": on_schedule(dataset, today),
    }
    return {"score": 20 * sum(met.values()), "criteria": [(k, label, met[k]) for k, label in CRITERIA],
            "pdf_only": bool(resources) and all(r.format == "pdf" for r in resources)}


def quality_by_agency(datasets, today: dt.date | None = None) -> list[dict]:
    """Per agency: dataset count, summed and mean score, datasets on schedule, machine-readable."""
    rows: dict = {}
    for d in datasets:
        q = quality(d, list(d.resources.all()), today)
        row = rows.setdefault(d.agency_id, {"agency": d.agency, "datasets": 0, "score_sum": 0, "on_schedule": 0,
                                            "machine_readable": 0})
        row["datasets"] += 1
        row["score_sum"] += q["score"]
        met = {k: m for k, _l, m in q["criteria"]}
        row["on_schedule"] += met["on_schedule"]
        row["machine_readable"] += met["machine_readable"]
    out = sorted(rows.values(), key=lambda r: r["agency"].path)
    for r in out:
        r["score_mean"] = round(r["score_sum"] / r["datasets"], 1)
    return out
