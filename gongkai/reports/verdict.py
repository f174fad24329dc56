"""The consistency verdict on Table B (三): consistent, inconsistent, or cannot be checked (and why).

Consistent means both template identities were checked and hold: 一 + 二 = （七） + 四, and the
result rows add up to （七）. Inconsistent means a check on Table B failed (either identity, or a
row whose applicant columns do not add up to its 总计). Otherwise the verdict is "cannot check",
with the missing figures named. Tables A and C and the prose do not change the verdict; their
findings are reported beside it. `check_result` is the whole answer of a check (the checker's
findings with the verdict).
"""
from django.utils.translation import gettext as _

from . import template as t
from .checker import findings_ok, report_check, summed_detail_rows
from .data import ReportData

TABLE_B_RULES = ("balance", "detail_sum", "row_total")
FIGURES = [("new", "一、本年新收"), ("carried_over", "二、上年结转"), ("total", "（七）总计"), ("carry_next", "四、结转下年度")]


def consistency_verdict(data: ReportData, findings: list) -> dict:
    """Return {"consistent": True | False | None, "label": 一致/不一致/无法核对, "reason": str}."""
    failed = [f for f in findings if f.rule in TABLE_B_RULES and f.severity == "error"]
    if failed:
        reason = "；".join(f.message for f in failed[:3]) + ("等" if len(failed) > 3 else "")
        return {"consistent": False, "label": _("不一致"), "reason": reason}
    apps = data.applications
    missing = [label for key, label in FIGURES if (apps.get(key) or {}).get("total") is None]
    details = [(apps.get(r) or {}).get("total") for r in summed_detail_rows(data)]
    detail_done = (apps.get("total") or {}).get("total") is not None and (
        (details and all(v is not None for v in details)) or data.prose.get("total_from_breakdown")
        or _columns_checked(data))
    if not missing and detail_done:
        return {"consistent": True, "label": _("一致"), "reason": _(
            "本年新收加上年结转等于办理结果总计加结转下年度，各项办理结果之和等于（七）总计。")}
    reasons = []
    if missing:
        reasons.append(_("缺少%(rows)s的总计数") % {"rows": "、".join(f"“{m}”" for m in missing)})
    if not detail_done:
        reasons.append(_("办理结果各行的总计数不全"))
    return {"consistent": None, "label": _("无法核对"), "reason": _("无法核对勾稽关系：") + "；".join(reasons) + "。"}


def _columns_checked(data: ReportData) -> bool:
    """True when the result rows were added up column by column instead of by their 总计 cells
    (tables that leave the 总计 of the result rows blank): every applicant cell of every result row
    and of （七） is known, and （七）'s own cells add up to its 总计, so the 总计 column holds too."""
    apps = data.applications
    total_row = apps.get("total") or {}
    cells = [total_row.get(c) for c in t.APPLICANT_COLUMNS]
    if total_row.get("total") is None or any(v is None for v in cells) or sum(cells) != total_row["total"]:
        return False
    rows = summed_detail_rows(data)
    return bool(rows) and all((apps.get(r) or {}).get(c) is not None for r in rows for c in t.APPLICANT_COLUMNS)


def check_result(*, data: ReportData, previous: ReportData | None = None) -> dict:
    """The JSON document of `gongkai report check`: year, format, applications, findings, ok."""
    findings = list(data.findings) + report_check(data=data, previous=previous)
    return {
        "year": data.year,
        "format": data.format,
        "applications": data.applications,
        "verdict": consistency_verdict(data, findings),
        "ambiguous": list(data.ambiguous),
        "findings": [f.to_dict() for f in findings],
        "ok": findings_ok(findings),
    }
