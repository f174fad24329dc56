"""JSON API of the 测评 figures (staff: 公开办, 管理员, 评估), read from the stored snapshots."""
import datetime as dt
from typing import Optional

from ninja import Router, Schema
from ninja.security import django_auth

from .selectors import dashboard

router = Router(tags=["测评"], auth=django_auth)


class FigureOut(Schema):
    indicator: str
    name: str
    agency_id: Optional[int]
    numerator: int
    denominator: int
    value: Optional[float]
    passed: Optional[bool]
    error: str
    records_total: int


class MonthOut(Schema):
    month: Optional[dt.date]
    figures: list[FigureOut]
    scores: dict


@router.get("/snapshots", response=MonthOut, summary="某月测评指标（默认最近一次计算的月份）")
def snapshots(request, month: Optional[dt.date] = None):
    data = dashboard(user=request.user, month=month, agency_id=None)
    figures = [{"indicator": ind.code, "name": ind.name, "agency_id": s.agency_id, "numerator": s.numerator,
                "denominator": s.denominator, "value": s.value, "passed": s.passed, "error": s.error,
                "records_total": s.records_total}
               for ind in data["indicators"] for s in data["cells"][ind.pk].values()]
    return {"month": data["month"], "figures": figures,
            "scores": {("all" if k is None else str(k)): v for k, v in data["scores"].items()}}
