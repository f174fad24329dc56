"""Compute the report's tables from the catalog, the manual figures and the 依申请公开 cases.

Counting conventions (docs/ANNUAL_REPORT.md):
- A case counts from its 条例 Art. 31 receipt date (`Case.received_date`); cases never received
  (submitted online but not confirmed) are not counted.
- 本年新收: received in the year. 上年结转: received before 1 January and not closed before it.
- Result rows: closed (`Case.closed_date`) in the year, counted in the row named by `Case.outcome`
  (the outcome values are the row keys), in the column named by `Case.applicant_kind`.
- 结转下年度: received by 31 December and not closed by then.
So every case counted in 一 or 二 lands in exactly one result row or in 四.
- Table C: appeals filed in the year; a result decided after 31 December counts as 尚未审结.
"""
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from . import template as t
from .data import ReportData

CLOSED_INVALID = ("abolished", "expired")


def _year_bounds(year):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def compute_active(*, agency_ids, year, sources, notes) -> dict:
    """Table A: 规章 and 行政规范性文件 from the catalog; the other rows from manual figures."""
    from gongkai.catalog.models import Category, Document, Status

    start, end = _year_bounds(year)
    table = {}
    docs = (Document.objects.filter(agency_id__in=agency_ids, status=Status.PUBLISHED,
                                    category__in=[Category.REGULATION, Category.NORMATIVE])
            .only("id", "category", "written_date", "publish_date", "validity", "expiry_date"))
    buckets = {key: {"issued": [], "abolished": [], "valid": []} for key in ("regulation", "normative")}
    for doc in docs:
        b = buckets[doc.category]
        issued = doc.written_date or doc.publish_date
        if issued is None:
            notes.append(_("文件#%(id)s没有成文日期或发布日期，未计入表二。") % {"id": doc.pk})
            continue
        if issued.year == year:
            b["issued"].append(doc.pk)
        invalid = doc.validity in CLOSED_INVALID
        if invalid and doc.expiry_date and start <= doc.expiry_date <= end:
            b["abolished"].append(doc.pk)
        if issued <= end and not (invalid and (doc.expiry_date is None or doc.expiry_date <= end)):
            b["valid"].append(doc.pk)
        if invalid and doc.expiry_date is None:
            notes.append(_("文件#%(id)s已废止或失效但没有废止日期，按不再有效处理，未计入本年废止件数。")
                         % {"id": doc.pk})
    for key, b in buckets.items():
        table[key] = {f: len(ids) for f, ids in b.items()}
        for f, ids in b.items():
            sources[f"a:{key}:{f}"] = {"documents": sorted(ids)}
    figures = manual_figures(agency_ids=agency_ids, year=year)
    for key, field in (("license", "decisions"), ("penalty", "decisions"), ("coercion", "decisions"),
                       ("fee", "amount")):
        rows = figures.get(key) or []
        for bad in [r for r in rows if r.value is None]:
            notes.append(_("“%(label)s”（%(agency)s）存有无效数值，未计入，请重新录入。")
                         % {"label": dict(t.MANUAL_FIGURES)[key], "agency": bad.agency.name})
        rows = [r for r in rows if r.value is not None]
        if not rows:
            table[key] = {field: None}
            notes.append(_("“%(label)s”尚未录入。") % {"label": dict(t.MANUAL_FIGURES)[key]})
            continue
        total = sum((r.value for r in rows), Decimal(0))
        table[key] = {field: float(total) if key == "fee" else int(total)}
        sources[f"a:{key}:{field}"] = {"figures": [r.pk for r in rows],
                                       "source": "；".join(sorted({r.source for r in rows}))}
    return table


def manual_figures(*, agency_ids, year) -> dict:
    from .models import ManualFigure

    out = defaultdict(list)
    for fig in ManualFigure.objects.filter(agency_id__in=agency_ids, year=year).order_by("id"):
        out[fig.key].append(fig)
    return out


def compute_applications(*, agency_ids, year, sources, notes):
    """Table B from the cases; return (applications, facts)."""
    from gongkai.foi.models import Case, OPEN_STATUSES

    start, end = _year_bounds(year)
    apps = t.zero_applications()
    cells = defaultdict(list)
    cases = (Case.objects.filter(agency_id__in=agency_ids, received_date__isnull=False,
                                 received_date__lte=end)
             .exclude(closed_date__lt=start)
             .only("id", "tracking_no", "received_date", "closed_date", "outcome", "applicant_kind", "status",
                   "due_date", "fee_amount", "fee_paid_date"))
    facts = {"late": 0, "cases": 0}
    for case in cases:
        col = case.applicant_kind if case.applicant_kind in t.APPLICANT_COLUMNS else "other_org"
        if case.applicant_kind not in t.APPLICANT_COLUMNS:
            notes.append(_("申请%(no)s的申请人类型无法识别，计入“其他”列。") % {"no": case.tracking_no})
        first = "new" if case.received_date >= start else "carried_over"
        closed = case.closed_date
        if closed is not None and closed <= end:
            row = case.outcome if case.outcome in t.RESULT_ROWS else "other_3"
            if case.outcome not in t.RESULT_ROWS:
                notes.append(_("申请%(no)s已办结但没有办理结果，计入“（六）其他处理 3.其他”。") % {"no": case.tracking_no})
            if case.due_date and closed > case.due_date:
                facts["late"] += 1
        else:
            row = "carry_next"
            if closed is None and case.status not in OPEN_STATUSES:
                notes.append(_("申请%(no)s状态为已办结但没有办结日期，计入结转下年度。") % {"no": case.tracking_no})
        facts["cases"] += 1
        for r in (first, row) + (("total",) if row in t.RESULT_ROWS else ()):
            apps[r][col] += 1
            apps[r]["total"] += 1
            cells[(r, col)].append(case.pk)
            cells[(r, "total")].append(case.pk)
    for (r, c), ids in cells.items():
        sources[f"b:{r}:{c}"] = {"cases": ids}
    fees = (Case.objects.filter(agency_id__in=agency_ids, fee_paid_date__gte=start, fee_paid_date__lte=end)
            .exclude(fee_amount__isnull=True).values_list("id", "fee_amount"))
    fee_ids = [i for i, _a in fees]
    facts["fees"] = sum((a for _i, a in fees), Decimal(0))
    facts["fee_cases"] = len(fee_ids)
    sources["fees"] = {"cases": fee_ids}
    return apps, facts


def compute_appeals(*, agency_ids, year, sources, notes):
    """Table C from the appeal records; return (table_c, facts)."""
    from gongkai.foi.models import Appeal, AppealResult

    start, end = _year_bounds(year)
    table = t.zero_table_c()
    cells = defaultdict(list)
    corrected = 0
    appeals = Appeal.objects.filter(case__agency_id__in=agency_ids, filed_date__gte=start,
                                    filed_date__lte=end).only("id", "case_id", "kind", "result", "decided_date")
    for appeal in appeals:
        result = appeal.result
        if result != AppealResult.PENDING and appeal.decided_date and appeal.decided_date > end:
            result = AppealResult.PENDING
        if result == AppealResult.CORRECTED:
            corrected += 1
        for col in (f"{appeal.kind}_{result}", f"{appeal.kind}_total"):
            if col not in table:
                notes.append(_("复议诉讼记录#%(id)s的类型或结果无法识别，未计入表四。") % {"id": appeal.pk})
                break
            table[col] += 1
            cells[col].append(appeal.case_id)
    for col, ids in cells.items():
        sources[f"c:{col}"] = {"cases": ids}
    return table, {"corrected": corrected}


def report_compute(*, agency_ids, year) -> tuple:
    """Return (ReportData, sources, notes, facts) for the agencies `agency_ids` and `year`."""
    sources, notes = {}, []
    data = ReportData(year=year, format=t.FORMAT_2021)
    data.table_a = compute_active(agency_ids=agency_ids, year=year, sources=sources, notes=notes)
    data.applications, facts = compute_applications(agency_ids=agency_ids, year=year, sources=sources,
                                                    notes=notes)
    data.table_c, appeal_facts = compute_appeals(agency_ids=agency_ids, year=year, sources=sources,
                                                 notes=notes)
    facts.update(appeal_facts)
    facts["published_documents"] = _published_count(agency_ids, year)
    return data, sources, notes, facts


def _published_count(agency_ids, year):
    from gongkai.catalog.models import Disclosure, Document, Status

    return Document.objects.filter(agency_id__in=agency_ids, status=Status.PUBLISHED,
                                   disclosure=Disclosure.ACTIVE, publish_date__year=year).count()


# The 工作要点落实 paragraph of section 一 comes from the 督办 app when it is installed (a dotted path:
# reports sits below oversight and never imports it).
PLAN_SUMMARY = "gongkai.oversight.selectors.plan_progress_summary"


def _plan_summary(*, year: int, agency) -> str:
    from django.apps import apps
    from django.utils.module_loading import import_string

    if agency is None or not apps.is_installed("gongkai.oversight"):
        return ""
    summary = import_string(PLAN_SUMMARY)(year=year, agency=agency)
    return summary["text"] if summary["counts"]["total"] else ""


def prose_defaults(*, data: ReportData, facts: dict, agency_name: str, year: int, agency=None) -> dict:
    """Pre-fill sections 一, 五 and 六 with the facts the data gives (and, in 一, the year's 工作要点
    落实 from the 督办 tasks); staff edit them afterwards."""
    b = data.applications
    c = data.table_c
    a = data.table_a
    overview = _(
        "本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室关于政府信息公开工作"
        "年度报告格式的要求编制，所列数据的统计期限为%(year)s年1月1日至12月31日。\n"
        "%(year)s年，%(agency)s主动公开政府信息%(docs)s条，其中制发规章%(reg)s件、行政规范性文件%(norm)s件。"
        "本年新收政府信息公开申请%(new)s件，上年结转%(carried)s件，办结%(closed)s件，结转下年度继续办理%(next)s件。"
        "因政府信息公开工作被申请行政复议%(rec)s件，被提起行政诉讼%(lit)s件。") % {
        "year": year, "agency": agency_name, "docs": facts.get("published_documents", 0),
        "reg": (a.get("regulation") or {}).get("issued", 0), "norm": (a.get("normative") or {}).get("issued", 0),
        "new": b["new"]["total"], "carried": b["carried_over"]["total"], "closed": b["total"]["total"],
        "next": b["carry_next"]["total"], "rec": c.get("reconsideration_total", 0),
        "lit": (c.get("litigation_direct_total") or 0) + (c.get("litigation_after_total") or 0)}
    plan = _plan_summary(year=year, agency=agency)
    if plan:
        overview += "\n" + plan
    problems = []
    if facts.get("late"):
        problems.append(_("有%(n)s件政府信息公开申请超过法定期限答复。") % {"n": facts["late"]})
    if facts.get("corrected"):
        problems.append(_("有%(n)s件行政复议或行政诉讼的结果为纠正。") % {"n": facts["corrected"]})
    if problems:
        problems_text = _("本年度存在的主要问题：") + "".join(problems) + _("下一步将针对上述问题加强培训和督办，规范答复流程。")
    else:
        problems_text = _("本年度未记录到超期答复或被纠正的案件。")
    fee = facts.get("fees") or Decimal(0)
    if fee:
        other = _("本年度依据《政府信息公开信息处理费管理办法》收取信息处理费%(fee)s元（%(n)s件）。") % {
            "fee": f"{fee:.2f}", "n": facts.get("fee_cases", 0)}
    else:
        other = _("本年度未收取信息处理费。")
    return {"overview": overview, "problems": problems_text, "other_matters": other}


def data_differences(*, a: ReportData, b: ReportData) -> list:
    """List the cells where `a` and `b` differ: (table, row, column, a value, b value)."""
    out = []
    for r in t.ROW_KEYS:
        for c in t.COLUMN_KEYS:
            va, vb = a.applications[r][c], b.applications[r][c]
            if va != vb:
                out.append(("b", r, c, va, vb))
    for col in t.TABLE_C_COLUMNS:
        if (a.table_c or {}).get(col) != (b.table_c or {}).get(col):
            out.append(("c", "", col, a.table_c.get(col), b.table_c.get(col)))
    for key, fields in (a.table_a or {}).items():
        for f, va in fields.items():
            vb = ((b.table_a or {}).get(key) or {}).get(f)
            if va != vb:
                out.append(("a", key, f, va, vb))
    return out


def data_sum(parts) -> ReportData:
    """Add several reports' tables (None counts as missing and stays None)."""
    total = ReportData(format=t.FORMAT_2021)
    total.applications = t.zero_applications()
    total.table_c = t.zero_table_c()
    total.table_a = {}
    for part in parts:
        for r in t.ROW_KEYS:
            for c in t.COLUMN_KEYS:
                v = part.applications[r][c]
                cur = total.applications[r][c]
                total.applications[r][c] = None if (v is None or cur is None) else cur + v
        for col in t.TABLE_C_COLUMNS:
            v, cur = part.table_c.get(col), total.table_c.get(col)
            total.table_c[col] = None if (v is None or cur is None) else cur + v
        for key, fields in (part.table_a or {}).items():
            dest = total.table_a.setdefault(key, {f: None for f in fields})
            for f, v in fields.items():
                if v is not None:  # figures not entered for one agency do not void the others'
                    dest[f] = (dest.get(f) or 0) + v
    return total
