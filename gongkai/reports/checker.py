"""The consistency rules of the annual report (RULES.md §2.5), run on generated and uploaded reports.

Rule names are fixed: `balance`, `detail_sum`, `row_total`, `review_litigation_total`, `carry_over`,
`missing_data`. A cell that is None was not found in the report; the arithmetic rules skip it and
`missing_data` reports it, so that a missing table is never read as a table of zeros.
"""
from django.utils.translation import gettext as _

from . import template as t
from .data import Finding, ReportData

ERROR, WARNING, INFO = "error", "warning", "info"


def _col_label(col):
    return dict(t.COLUMNS).get(col, col)


def _row_label(row, fmt=t.FORMAT_2021):
    if fmt == t.FORMAT_2019 and row == "other_3":
        return t.OTHER_2019_LABEL
    return t.ROW_BY_KEY[row].label if row in t.ROW_BY_KEY else row


def _value(apps, row, col):
    v = (apps.get(row) or {}).get(col)
    return v


def _rows_present(data: ReportData):
    return t.rows_for_format(data.format)


def _detail_rows(data: ReportData):
    if data.format == t.FORMAT_2019:
        return [r for r in t.DETAIL_ROWS if r not in ("other_1", "other_2")]
    return t.DETAIL_ROWS


def check_missing_data(data: ReportData) -> list:
    """Report tables, rows and cells that carry no number at all."""
    findings = []
    apps = data.applications
    rows = _rows_present(data)
    if all(_value(apps, r, c) is None for r in rows for c in t.COLUMN_KEYS):
        findings.append(Finding("missing_data", ERROR, None, None,
                                _("未找到“三、收到和处理政府信息公开申请情况”表格中的数字；缺失的表格不能视为全部为0。")))
    else:
        for r in rows:
            missing = [c for c in t.COLUMN_KEYS if _value(apps, r, c) is None]
            if len(missing) == len(t.COLUMN_KEYS) and r in data.blank_rows and r in t.DETAIL_ROWS:
                findings.append(Finding("missing_data", WARNING, r, None,
                                        _("表三“%(row)s”一行没有数字（空白行，按没有此类情形处理）。")
                                        % {"row": _row_label(r, data.format)}))
            elif len(missing) == len(t.COLUMN_KEYS):
                findings.append(Finding("missing_data", ERROR, r, None,
                                        _("表三缺少“%(row)s”一行的数字。") % {"row": _row_label(r, data.format)}))
            else:
                for c in missing:
                    findings.append(Finding("missing_data", ERROR, r, c,
                                            _("表三“%(row)s”一行“%(col)s”列没有数字。")
                                            % {"row": _row_label(r, data.format), "col": _col_label(c)}))
    tc = data.table_c or {}
    if all(tc.get(c) is None for c in t.TABLE_C_COLUMNS):
        findings.append(Finding("missing_data", ERROR, "table_c", None,
                                _("未找到“四、政府信息公开行政复议、行政诉讼情况”表格中的数字；缺失的表格不能视为全部为0。")))
    else:
        for c in t.TABLE_C_COLUMNS:
            if tc.get(c) is None:
                findings.append(Finding("missing_data", ERROR, "table_c", c,
                                        _("表四“%(col)s”一栏没有数字。") % {"col": t.TABLE_C_LABELS[c]}))
    ta = data.table_a or {}
    if not any(v is not None for fields in ta.values() for v in (fields or {}).values()):
        findings.append(Finding("missing_data", WARNING, "table_a", None,
                                _("未找到“二、主动公开政府信息情况”表格中的数字。")))
    else:
        blocks = t.table_a_for_format(data.format)
        labels = {key: label for block in blocks for key, label in block.rows}
        headers = {(key, f): h for block in blocks for key, _l in block.rows for f, h in zip(block.fields, block.headers)}
        for key, fields in ta.items():
            for f, v in (fields or {}).items():
                if v is None:
                    findings.append(Finding("missing_data", WARNING, "table_a", key,
                                            _("表二“%(row)s”缺少数字（%(field)s）。")
                                            % {"row": labels.get(key, key), "field": headers.get((key, f), f)}))
    return findings


def check_balance(data: ReportData) -> list:
    """一 + 二 = 三(七) + 四, column by column (the template's own rule)."""
    findings = []
    apps = data.applications
    for c in t.COLUMN_KEYS:
        vals = [_value(apps, r, c) for r in ("new", "carried_over", "total", "carry_next")]
        if any(v is None for v in vals):
            continue
        new, carried, total, nxt = vals
        if new + carried != total + nxt:
            findings.append(Finding("balance", ERROR, None, c, _(
                "“%(col)s”列：本年新收（%(new)s）加上年结转（%(carried)s）= %(left)s，"
                "不等于办理结果总计（%(total)s）加结转下年度（%(next)s）= %(right)s。") % {
                "col": _col_label(c), "new": new, "carried": carried, "left": new + carried,
                "total": total, "next": nxt, "right": total + nxt}))
    return findings


def _blank_row(data, row) -> bool:
    return row in data.blank_rows and all(_value(data.applications, row, c) is None for c in t.COLUMN_KEYS)


def summed_detail_rows(data: ReportData) -> list:
    """The result rows that (七)总计 adds up: all of them except rows printed entirely blank."""
    return [r for r in _detail_rows(data) if not _blank_row(data, r)]


def check_detail_sum(data: ReportData) -> list:
    """The result rows (一)…(六) add up to (七)总计, column by column.

    A result row printed entirely blank holds no case and is left out of the sum; a row missing
    from the text, or with some cells and not others, makes the column uncheckable.
    """
    findings = []
    apps = data.applications
    details = summed_detail_rows(data)
    for c in t.COLUMN_KEYS:
        total = _value(apps, "total", c)
        vals = [_value(apps, r, c) for r in details]
        if total is None or not vals or any(v is None for v in vals):
            continue
        s = sum(vals)
        if s != total:
            findings.append(Finding("detail_sum", ERROR, "total", c, _(
                "“%(col)s”列：各项办理结果之和为%(sum)s，与（七）总计%(total)s不符。")
                % {"col": _col_label(c), "sum": s, "total": total}))
    return findings


def check_row_total(data: ReportData) -> list:
    """Each row's 总计 is the sum of its six applicant columns."""
    findings = []
    apps = data.applications
    for r in _rows_present(data):
        vals = [_value(apps, r, c) for c in t.APPLICANT_COLUMNS]
        total = _value(apps, r, "total")
        if total is None or any(v is None for v in vals):
            continue
        if sum(vals) != total:
            findings.append(Finding("row_total", ERROR, r, "total", _(
                "“%(row)s”一行：各类申请人之和为%(sum)s，与总计%(total)s不符。")
                % {"row": _row_label(r, data.format), "sum": sum(vals), "total": total}))
    return findings


def check_review_litigation_total(data: ReportData) -> list:
    """In Table C each group's 总计 is 维持 + 纠正 + 其他 + 尚未审结."""
    findings = []
    tc = data.table_c or {}
    for g, label in t.APPEAL_GROUPS:
        parts = [tc.get(f"{g}_{r}") for r in ("upheld", "corrected", "other", "pending")]
        total = tc.get(f"{g}_total")
        if total is None or any(v is None for v in parts):
            continue
        if sum(parts) != total:
            findings.append(Finding("review_litigation_total", ERROR, "table_c", f"{g}_total", _(
                "“%(group)s”：结果维持、结果纠正、其他结果、尚未审结之和为%(sum)s，与总计%(total)s不符。")
                % {"group": label, "sum": sum(parts), "total": total}))
    return findings


def check_carry_over(data: ReportData, previous: ReportData | None) -> list:
    """This year's 二、上年结转 equals last year's 四、结转下年度, column by column."""
    if previous is None:
        return []
    findings = []
    if data.year and previous.year and previous.year != data.year - 1:
        findings.append(Finding("carry_over", WARNING, None, None, _(
            "对比的上年报告是%(prev)s年度，本报告是%(year)s年度，两者不是相邻年度。")
            % {"prev": previous.year, "year": data.year}))
    for c in t.COLUMN_KEYS:
        now = _value(data.applications, "carried_over", c)
        before = _value(previous.applications, "carry_next", c)
        if now is None or before is None:
            continue
        if now != before:
            findings.append(Finding("carry_over", ERROR, "carried_over", c, _(
                "“%(col)s”列：本年上年结转%(now)s件，上年报告结转下年度%(before)s件，两者应当相等。")
                % {"col": _col_label(c), "now": now, "before": before}))
    # Table A heuristic (RULES.md §2.5 rule 7): a warning only.
    if data.format == previous.format == t.FORMAT_2021:
        for key, label in (("regulation", "规章"), ("normative", "行政规范性文件")):
            cur = (data.table_a or {}).get(key) or {}
            prev = (previous.table_a or {}).get(key) or {}
            vals = [cur.get("valid"), cur.get("issued"), cur.get("abolished"), prev.get("valid")]
            if any(v is None for v in vals):
                continue
            valid, issued, abolished, prev_valid = (int(v) for v in vals)
            expected = prev_valid + issued - abolished
            if valid != expected:
                findings.append(Finding("carry_over", WARNING, "table_a", key, _(
                    "%(label)s现行有效件数为%(valid)s，按上年%(prev)s件加本年制发%(issued)s件减废止%(abolished)s件"
                    "应为%(expected)s件（修改、失效等也会造成差异，请核对）。") % {
                    "label": label, "valid": valid, "prev": prev_valid, "issued": issued,
                    "abolished": abolished, "expected": expected}))
    return findings


RULES = ["balance", "detail_sum", "row_total", "review_litigation_total", "carry_over", "missing_data"]


def report_check(*, data: ReportData, previous: ReportData | None = None) -> list:
    """Run every rule on `data` (and `previous`, for carry_over); return the findings."""
    findings = []
    findings += check_missing_data(data)
    findings += check_balance(data)
    findings += check_detail_sum(data)
    findings += check_row_total(data)
    findings += check_review_litigation_total(data)
    findings += check_carry_over(data, previous)
    return findings


def findings_ok(findings) -> bool:
    return not any(f.severity == ERROR for f in findings)
