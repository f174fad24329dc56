"""Turn the cells read for one Table B row into its seven values; settle run-together digits.

Digits printed without separators are split with the table's own arithmetic: first the row's
total (six applicant columns add up to 总计), then the columns of the whole table
(一 + 二 = （七） + 四, the result rows add up to （七）). Where more than one reading fits every
constraint the row is reported as ambiguous with its candidates and left unknown.
"""
import itertools

from django.utils.translation import gettext as _

from .. import template as t
from ..data import Finding, ReportData
from . import digits

N = len(t.COLUMN_KEYS)
BLANK = None
MAX_COMBOS = 5000


def _name(key):
    return t.ROW_BY_KEY[key].label


def _fmt(vals):
    return "、".join("空" if v is None else str(v) for v in vals)


def _resolve_run(read, s, findings):
    name = _name(read.key)
    if len(s) >= N:
        cands = digits.split_with_total(s, N)
        if len(cands) == 1:
            findings.append(Finding("parse", "info", read.key, None, _(
                "“%(row)s”一行的数字连写为“%(s)s”，按本行总计拆分为%(vals)s。")
                % {"row": name, "s": s, "vals": _fmt(cands[0])}))
            return cands[0], None
        if cands:
            return None, [(c, True) for c in cands]
        # No reading adds up: keep those where no applicant cell exceeds the row's 总计.
        loose = [c for c in digits.split_any(s, N) if max(c[:-1]) <= c[-1]]
        if len(loose) == 1:
            findings.append(Finding("parse", "warning", read.key, None, _(
                "“%(row)s”一行的数字连写为“%(s)s”，只能拆分为%(vals)s，而本行各列之和与总计不符。")
                % {"row": name, "s": s, "vals": _fmt(loose[0])}))
            return loose[0], None
        if not loose:
            findings.append(Finding("parse", "warning", read.key, None, _(
                "“%(row)s”一行的数字连写为“%(s)s”，无法拆分为%(n)s列。") % {"row": name, "s": s, "n": N}))
            return None, None
        return None, [(c, False) for c in loose]
    readings = digits.split_vanished(s, N)
    totals = sorted({r[-1] for r in readings})
    if len(totals) == 1:
        findings.append(Finding("parse", "info", read.key, None, _(
            "“%(row)s”一行的数字连写为“%(s)s”且空白单元格未印出，读作总计%(total)s"
            "（可能的读法：%(readings)s；各类申请人的分列无法确定）。")
            % {"row": name, "s": s, "total": totals[0], "readings": "；".join(_fmt(r) for r in readings[:6])}))
        return [None] * (N - 1) + [totals[0]], None
    findings.append(Finding("parse", "warning", read.key, None, _(
        "“%(row)s”一行的数字连写为“%(s)s”，空白单元格未印出，无法确定总计（%(readings)s），请人工核对。")
        % {"row": name, "s": s, "readings": "；".join(_fmt(r) for r in readings[:6]) or _("没有符合本行总计的读法")}))
    if readings:
        read.vanished = readings
    return None, None


def resolve_cells(read, findings: list, *, truncated: bool = False):
    """Return (values | None, candidates) for one row's cells; candidates when ambiguous."""
    cells = list(read.cells)
    name = _name(read.key)
    nums = [c for c in cells if c is not BLANK]
    if truncated:
        findings.append(Finding("parse", "warning", read.key, None, _(
            "报告文本在“%(row)s”一行的数字处中断（读到%(vals)s），最后的数字可能不完整，本行作为缺少数字处理。")
            % {"row": name, "vals": " ".join(c or "空" for c in cells)}))
        return None, None
    if len(nums) == 1 and nums[0].isdigit() and (len(nums[0]) >= N or getattr(read, "run", False)) \
            and len(cells) <= 2:
        return _resolve_run(read, nums[0], findings)
    while len(cells) > N and cells[-1] is BLANK:
        cells.pop()
    while len(cells) > N and cells[0] is BLANK:
        cells.pop(0)
    if not nums:
        findings.append(Finding("parse", "info", read.key, None, _(
            "“%(row)s”一行各栏都是空白，作为缺少数字处理（不视为0）。") % {"row": name}))
        return None, None
    if len(cells) > N:
        if any(c is not BLANK for c in cells[N:]):
            read.overflow = True
            findings.append(Finding("parse", "warning", read.key, None, _(
                "“%(row)s”一行读到%(count)s个数字（%(vals)s），多于%(n)s列，无法确定各栏，作为缺少数字处理。")
                % {"row": name, "count": len(cells), "n": N, "vals": " ".join(c or "空" for c in cells[:21])}))
            return None, None
        cells = cells[:N]
    bad = next((c for c in cells if c is not BLANK and not c.isdigit()), None)
    if bad is not None:
        findings.append(Finding("parse", "warning", read.key, None, _(
            "“%(row)s”一行含有非整数“%(v)s”。") % {"row": name, "v": bad}))
        return None, None
    if len(cells) == N:
        ints = [int(c) for c in nums]
        if cells[-1] is BLANK and len(ints) >= 2 and sum(ints[:-1]) == ints[-1] and cells[len(ints) - 1] is not BLANK:
            placed = ints[:-1] + [0] * (N - len(ints)) + [ints[-1]]
            findings.append(Finding("parse", "warning", read.key, None, _(
                "“%(row)s”一行只有%(count)s个数字，其余为空白，按“前几列＋总计”读作%(vals)s。")
                % {"row": name, "count": len(ints), "vals": _fmt(placed)}))
            return placed, None
        if cells[-1] is BLANK and ints == [0] and cells[0] is not BLANK:
            findings.append(Finding("parse", "info", read.key, None, _(
                "“%(row)s”一行只印了一个0，其余为空白，读作全为0。") % {"row": name}))
            return [0] * N, None
        if cells[-1] is BLANK:
            # Only the 总计 cell is left unknown: the blank applicant cells are zeros, as in the rows
            # whose 总计 is printed (some tables print no zeros and no 总计 on the result rows).
            values = [int(c) if c is not BLANK else 0 for c in cells[:-1]] + [None]
            findings.append(Finding("parse", "warning", read.key, "total", _(
                "“%(row)s”一行的总计栏为空，但其他栏有数字（%(vals)s）：空白栏读作0，总计作为缺少数字处理。")
                % {"row": name, "vals": _fmt(values)}))
            return values, None
        return [int(c) if c is not BLANK else 0 for c in cells], None
    ints = [int(c) for c in nums]
    if 1 < len(ints) < N and sum(ints[:-1]) == ints[-1]:
        placed = ints[:-1] + [0] * (N - len(ints)) + [ints[-1]]
        findings.append(Finding("parse", "warning", read.key, None, _(
            "“%(row)s”一行只有%(count)s个数字，按“前几列＋总计”读作%(vals)s，空缺计为0。")
            % {"row": name, "count": len(ints), "vals": _fmt(placed)}))
        return placed, None
    if BLANK not in cells and len(ints) > 1:
        # Digit runs with a space between some cells only (`230 000023` = 23|0|0|0|0|0|23).
        readings = digits.split_spaced(cells, N)
        if len(readings) == 1:
            findings.append(Finding("parse", "info", read.key, None, _(
                "“%(row)s”一行的数字部分连写、部分以空格分隔（%(s)s），按本行总计拆分为%(vals)s。")
                % {"row": name, "s": " ".join(cells), "vals": _fmt(readings[0])}))
            return readings[0], None
        if readings:
            return None, [(c, True) for c in readings]
    if len(cells) == N - 1 and BLANK in cells and len(ints) > 1:
        # Cells kept in place by their separators (`258 | 12 |  |  | 1 | 1`), one short: the six
        # applicant columns, with the 总计 cell left blank and cut off at the line's end.
        values = [int(c) if c is not BLANK else 0 for c in cells] + [None]
        findings.append(Finding("parse", "warning", read.key, "total", _(
            "“%(row)s”一行的总计栏为空，但其他栏有数字（%(vals)s）：空白栏读作0，总计作为缺少数字处理。")
            % {"row": name, "vals": _fmt(values)}))
        return values, None
    if len(ints) == 1 and len(cells) < N:
        placed = [ints[0]] + [0] * (N - 2) + [ints[0]]
        findings.append(Finding("parse", "warning", read.key, None, _(
            "“%(row)s”一行只有一个数字%(v)s，读作自然人与总计均为%(v)s。") % {"row": name, "v": ints[0]}))
        return placed, None
    findings.append(Finding("parse", "warning", read.key, None, _(
        "“%(row)s”一行只读到%(count)s个单元格（应为%(n)s个）。") % {"row": name, "count": len(cells), "n": N}))
    values = [int(c) if c is not BLANK else None for c in cells]
    return values + [None] * (N - len(values)), None


def _adds_up(row) -> bool:
    return sum(row[:-1]) == row[-1]


def split_block(read):
    """Rows held by one run of values printed one per line, several rows long (PDF content-stream
    order): each stretch is either one row in order or a block of r rows printed column by column.
    Every row must add up to its 总计; return the rows, or None when no reading or more than one
    (with different rows) fits."""
    cells = read.cells
    if read.widest > 2 or len(cells) < 2 * N or len(cells) % N or any(c is BLANK or not c.isdigit() for c in cells):
        return None
    vals = [int(c) for c in cells]
    k = len(vals) // N
    suffix = {k: {()}}  # suffix[i]: the distinct readings of rows i.. (at most two kept)
    for i in range(k - 1, -1, -1):
        found = set()
        for r in range(1, k - i + 1):
            block = vals[i * N:(i + r) * N]
            rows = (tuple(block),) if r == 1 else tuple(tuple(block[c * r + j] for c in range(N)) for j in range(r))
            if all(_adds_up(row) for row in rows):
                found |= {rows + rest for rest in suffix[i + r]}
            if len(found) > 1:
                break
        suffix[i] = found
    if len(suffix[0]) != 1:
        return None
    return [list(row) for row in next(iter(suffix[0]))]


def _violations(data, fmt, keys, combo):
    from ..checker import check_balance, check_detail_sum, check_row_total

    trial = ReportData(year=data.year, format=fmt, blank_rows=data.blank_rows,
                       applications={r: dict(v) for r, v in data.applications.items()})
    for k, (vals, _ok) in zip(keys, combo):
        trial.applications[k] = dict(zip(t.COLUMN_KEYS, vals))
    return len(check_balance(trial)) + len(check_detail_sum(trial)) + len(check_row_total(trial))


def disambiguate(data: ReportData, ambiguous: dict, fmt: str):
    """Choose among several readings of run-together rows with the column sums of the whole table."""
    keys = list(ambiguous)
    combos = list(itertools.islice(itertools.product(*(ambiguous[k][1] for k in keys)), MAX_COMBOS))
    scored = [(_violations(data, fmt, keys, combo), combo) for combo in combos]
    best = min(s for s, _c in scored)
    fitting = [c for s, c in scored if s == best]
    for i, k in enumerate(keys):
        read, cands = ambiguous[k]
        choices = {tuple(c[i][0]) for c in fitting}
        readings = "；".join(_fmt(c) for c, _ok in cands[:6])
        s = " ".join(c for c in read.cells if c is not BLANK)
        entry = {"row": k, "label": _name(k), "digits": s, "candidates": [list(c) for c, _ok in cands[:12]]}
        if len(choices) == 1:
            vals = list(next(iter(choices)))
            data.applications[k] = dict(zip(t.COLUMN_KEYS, vals))
            data.ambiguous.append(dict(entry, settled=True, chosen=vals))
            if best == 0:
                msg = _("“%(row)s”一行的连写数字“%(s)s”有多种符合本行总计的读法（%(readings)s），按各列合计选定%(vals)s。")
            else:
                msg = _("“%(row)s”一行的连写数字“%(s)s”有多种读法（%(readings)s），没有一种能使全表勾稽关系成立；"
                        "按矛盾最少的读法选定%(vals)s，请人工核对。")
            data.findings.append(Finding("parse", "warning", k, None, msg % {
                "row": _name(k), "s": s, "readings": readings, "vals": _fmt(vals)}))
        else:
            data.ambiguous.append(dict(entry, settled=False, chosen=None,
                                       fitting=[list(c) for c in sorted(choices)]))
            totals = {c[-1] for c in choices}
            if len(totals) == 1:  # every reading gives the same 总计: that figure is certain
                data.applications[k]["total"] = totals.pop()
            data.findings.append(Finding("parse", "warning", k, None, _(
                "“%(row)s”一行的连写数字“%(s)s”有多种读法（%(readings)s），无法确定，请人工核对。")
                % {"row": _name(k), "s": s, "readings": readings}))
