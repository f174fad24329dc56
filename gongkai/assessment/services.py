"""Writes of the assessment app: computing the monthly snapshots (system, command, beat or the
dashboard's button) and editing an indicator (administrators only). Audited."""
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.audit.services import audit_record
from gongkai.core.errors import PermissionDeniedError, UserFacingError

from .engine import rule_load, rule_run
from .models import Direction, Display, Indicator, Snapshot
from .periods import month_start, month_window

COMPUTE_ROLES = frozenset({Role.OFFICE, Role.ADMIN})


def _scopes():
    """(agency or None, agency_ids or None): the whole government first, then each agency by itself."""
    yield None, None
    for agency in Agency.objects.filter(is_catch_all=False).order_by("path"):
        yield agency, [agency.pk]


@transaction.atomic
def snapshot_compute(*, month: dt.date | None = None, actor=None, codes=None) -> int:
    """Compute every enabled indicator for `month` (default: this month) for the whole government and
    each agency, replacing that month's snapshots; return how many were written."""
    if actor is not None and not agency_ids_for_user(user=actor, roles=COMPUTE_ROLES):
        raise PermissionDeniedError(_("只有公开办或管理员可以重新计算测评指标。"))
    today = timezone.localdate()
    month = month_start(month or today)
    if month > today:
        raise UserFacingError(_("不能计算未来月份的指标。"))
    start, end = month_window(month, today)
    indicators = Indicator.objects.filter(enabled=True)
    if codes:
        indicators = indicators.filter(code__in=codes)
    written = 0
    scopes = list(_scopes())
    for indicator in indicators:
        for agency, ids in scopes:
            figure = rule_run(rule=indicator.rule, agency_ids=ids, start=start, end=end)
            value = None if figure.error else indicator.value_of(figure.numerator, figure.denominator)
            values = {"start": start, "end": end, "numerator": figure.numerator, "denominator": figure.denominator,
                      "value": value, "passed": indicator.passes(value), "error": figure.error,
                      "records": [list(r) for r in figure.records], "records_total": figure.records_total}
            Snapshot.objects.update_or_create(indicator=indicator, agency=agency, month=month, defaults=values)
            written += 1
    audit_record(actor=actor, action="assessment.compute", object_type="assessment.snapshot",
                 object_id=month.isoformat(), data={"month": month.isoformat(), "snapshots": written,
                                                    "start": start.isoformat(), "end": end.isoformat()})
    return written


def _admin_check(actor):
    if actor is None:
        return
    if not (actor.is_superuser or agency_ids_for_user(user=actor, roles={Role.ADMIN})):
        raise PermissionDeniedError(_("只有管理员可以修改测评指标。"))


@transaction.atomic
def indicator_update(*, indicator, actor, **fields) -> Indicator:
    """Change an indicator's name, weight, rule, threshold, direction, display or enabled flag."""
    _admin_check(actor)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    allowed = {"name", "description", "weight", "rule", "display", "unit", "threshold", "direction", "enabled",
               "sort_order"}
    unknown = set(fields) - allowed
    if unknown:
        raise UserFacingError(_("不能修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    if "name" in fields and not str(fields["name"]).strip():
        raise UserFacingError(_("指标名称不能为空。"))
    if "weight" in fields:
        try:
            fields["weight"] = Decimal(str(fields["weight"]))
        except InvalidOperation:
            raise UserFacingError(_("权重须为数字。"))
        if not Decimal(0) <= fields["weight"] <= Decimal(100):
            raise UserFacingError(_("权重须在0到100之间。"))
    if "display" in fields and fields["display"] not in Display.values:
        raise UserFacingError(_("取值方式无效。"))
    if "direction" in fields and fields["direction"] not in Direction.values:
        raise UserFacingError(_("达标方向无效。"))
    if "rule" in fields:
        rule = str(fields["rule"]).strip()
        parts = rule.split(".")
        if len(parts) < 2 or not all(p.isidentifier() for p in parts):
            raise UserFacingError(_("计算规则须为函数的完整路径，如 gongkai.catalog.indicators.publish_late。"))
        fields["rule"] = rule
    before = {k: str(getattr(indicator, k)) for k in fields}
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.save()
    audit_record(actor=actor, action="assessment.indicator_update", obj=indicator,
                 data={"before": before, "after": {k: str(v) for k, v in fields.items()},
                       "rule_available": rule_load(indicator.rule) is not None})
    return indicator
