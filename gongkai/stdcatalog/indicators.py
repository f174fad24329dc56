"""Figures for the 测评 indicators: the share of required 标准目录 事项 published on time."""
import datetime as dt

from .coverage import LATE, MISSING, NOT_REQUIRED, OK, catalog_coverage, published_catalogs


def stdcatalog_coverage(*, agency_ids: list[int] | None, start: dt.date, end: dt.date) -> dict:
    """Over the published 本级标准目录 of `agency_ids` (None: every agency): numerator = 事项 published on
    time in [start, end], denominator = 事项 that must be published (主动); records = (agency·领域·事项,
    finding) for each late or missing 事项."""
    if start > end:
        raise ValueError("start must not be after end")
    numerator = denominator = 0
    records = []
    cache = {}
    for catalog in published_catalogs(agency_ids):
        for row in catalog_coverage(catalog, start=start, end=end, cache=cache):
            if row.status == NOT_REQUIRED:
                continue
            denominator += 1
            if row.status == OK:
                numerator += 1
            elif row.status in (LATE, MISSING):
                records.append((f"{catalog.agency.name}·{row.entry.area_name}·{row.entry}",
                                f"{row.label}：{row.detail()}"))
    return {"numerator": numerator, "denominator": denominator, "records": records}
