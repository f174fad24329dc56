"""Demo data: the city's 2025 annual report, computed from the demo catalog and cases (idempotent)."""
from decimal import Decimal

DEMO_YEAR = 2025
DEMO_SOURCE = "演示数据：业务系统导出（生成）"
# Per agency: license, penalty, coercion decisions and fees (万元); generated, not real.
_FIGURES = {"license": 1240, "penalty": 318, "coercion": 27, "fee": Decimal("12.6500")}


def load(*, stdout):
    """Enter the Table A figures from "other systems", generate the city report and publish it."""
    from django.utils.translation import gettext as _

    from gongkai.agencies.models import Agency
    from gongkai.core.errors import UserFacingError

    from .models import AnnualReport, ReportStatus
    from .services import manual_figure_set, report_generate, report_transition

    city = Agency.objects.filter(slug="city").first()
    if city is None:
        stdout.write(_("年度报告：没有代号为 city 的机关，跳过演示数据。") + "\n")
        return
    for key, value in _FIGURES.items():
        if not city.report_figures.filter(year=DEMO_YEAR, key=key).exists():
            manual_figure_set(agency=city, year=DEMO_YEAR, key=key, value=value, source=DEMO_SOURCE, actor=None)
    report = AnnualReport.objects.filter(agency=city, year=DEMO_YEAR).first()
    if report is not None and report.status == ReportStatus.PUBLISHED:
        stdout.write(_("年度报告：%(title)s已发布，跳过。") % {"title": report.title} + "\n")
        return
    try:
        if report is None or report.status == ReportStatus.DRAFT:
            report = report_generate(agency=city, year=DEMO_YEAR, actor=None, include_departments=True)
            report = report_transition(report=report, action="submit", actor=None)
        if report.status == ReportStatus.SUBMITTED:
            report = report_transition(report=report, action="publish", actor=None)
    except UserFacingError as e:
        stdout.write(_("年度报告：%(title)s未能发布：%(error)s") % {
            "title": report.title if report else "", "error": e.message} + "\n")
        return
    totals = report.data["applications"]
    stdout.write(_("年度报告：%(title)s（%(status)s）：本年新收申请%(new)s件，上年结转%(carried)s件，"
                   "办结%(closed)s件，结转下年度%(next)s件。") % {
        "title": report.title, "status": report.get_status_display(), "new": totals["new"]["total"],
        "carried": totals["carried_over"]["total"], "closed": totals["total"]["total"],
        "next": totals["carry_next"]["total"]} + "\n")
