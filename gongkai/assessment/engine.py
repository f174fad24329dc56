"""The indicator engine: import a rule by its dotted path and run it over a period and a scope.

A rule is a plain function in the app that owns the data:
    fn(*, agency_ids: list[int] | None, start: date, end: date) -> {"numerator": int, "denominator": int,
                                                                    "records": [(label, url), ...]}
agency_ids None means the whole government. A dotted path that does not import (an app not installed
yet, a typo) gives the figure "规则不可用" instead of an error page."""
import datetime as dt
import importlib
import logging
from dataclasses import dataclass, field

from django.db import transaction

logger = logging.getLogger(__name__)

UNAVAILABLE = "规则不可用"
RECORDS_KEPT = 200  # records stored per snapshot (the count of all is kept too)


@dataclass
class Figure:
    numerator: int = 0
    denominator: int = 0
    records: list = field(default_factory=list)
    records_total: int = 0
    error: str = ""


def rule_load(dotted: str):
    """The rule function at `dotted`, or None when it does not import or is not callable."""
    module_name, _, name = (dotted or "").strip().rpartition(".")
    if not module_name or not name:
        return None
    try:
        fn = getattr(importlib.import_module(module_name), name, None)
    except ImportError:
        return None
    return fn if callable(fn) else None


def rule_run(*, rule: str, agency_ids, start: dt.date, end: dt.date) -> Figure:
    fn = rule_load(rule)
    if fn is None:
        return Figure(error=UNAVAILABLE)
    try:
        with transaction.atomic():  # a savepoint: a failing query must not abort the caller's transaction
            out = fn(agency_ids=None if agency_ids is None else list(agency_ids), start=start, end=end)
        numerator, denominator = int(out["numerator"]), int(out["denominator"])
        records = [(str(label), str(url)) for label, url in out.get("records", [])]
    except Exception as exc:  # a rule that fails must not stop the other indicators
        logger.exception("indicator rule %s failed", rule)
        return Figure(error=f"规则执行出错：{type(exc).__name__}")
    return Figure(numerator=numerator, denominator=denominator, records=records[:RECORDS_KEPT],
                  records_total=len(records))
