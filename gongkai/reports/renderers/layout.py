"""The printed layout of Tables A, B and C (merged cells included), shared by every renderer."""
from dataclasses import dataclass

from .. import template as t


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    ref: str = ""          # the figure's source key ("b:granted:total"), for links
    numeric: bool = False
    label: bool = False    # a data row's label (left-aligned in print)


def fmt_value(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))
    return str(v)


def table_a_layout(table_a: dict, fmt: str = t.FORMAT_2021) -> list:
    """Rows of Table A: four stacked blocks, each with a full-width caption."""
    width = 4
    rows = []
    for block in t.table_a_for_format(fmt):
        rows.append([Cell(block.caption, colspan=width, header=True)])
        n = len(block.headers)
        span = (width - 1) // n if n else 1
        last = (width - 1) - span * (n - 1)
        rows.append([Cell("信息内容", header=True)]
                    + [Cell(h, header=True, colspan=span if i < n - 1 else last) for i, h in enumerate(block.headers)])
        for key, label in block.rows:
            values = (table_a or {}).get(key) or {}
            cells = [Cell(label, header=True, label=True)]
            for i, f in enumerate(block.fields):
                cells.append(Cell(fmt_value(values.get(f)), colspan=span if i < n - 1 else last,
                                  ref=f"a:{key}:{f}", numeric=True))
            rows.append(cells)
    return rows


_GROUP_FIRST = {g.rows[0]: g for g in t.GROUPS}


def table_b_layout(applications: dict, fmt: str = t.FORMAT_2021) -> list:
    """Rows of Table B: three header rows and the 25 (2019: 23) data rows, 10 grid columns."""
    rows = [
        [Cell(t.BALANCE_RULE_TEXT, rowspan=3, colspan=3, header=True), Cell("申请人情况", colspan=7, header=True)],
        [Cell("自然人", rowspan=2, header=True), Cell("法人或其他组织", colspan=5, header=True),
         Cell("总计", rowspan=2, header=True)],
        [Cell(label, header=True) for _k, label in t.COLUMNS[1:6]],
    ]
    keys = t.rows_for_format(fmt)
    results_span = sum(1 for k in keys if t.ROW_BY_KEY[k].group in ("result",) or t.ROW_BY_KEY[k].group in t.GROUP_BY_KEY)
    for key in keys:
        row = t.ROW_BY_KEY[key]
        cells = []
        if key == "granted":
            cells.append(Cell(t.RESULTS_LABEL, rowspan=results_span, header=True))
        if fmt == t.FORMAT_2019 and key == "other_3":
            cells.append(Cell(t.OTHER_2019_LABEL, colspan=2, header=True, label=True))
        elif row.group in t.GROUP_BY_KEY:
            if key in _GROUP_FIRST:
                g = _GROUP_FIRST[key]
                cells.append(Cell(g.label, rowspan=len(g.rows), header=True))
            cells.append(Cell(row.label, header=True, label=True))
        elif row.group == "result":
            cells.append(Cell(row.label, colspan=2, header=True, label=True))
        else:
            cells.append(Cell(row.label, colspan=3, header=True, label=True))
        values = (applications or {}).get(key) or {}
        for c in t.COLUMN_KEYS:
            cells.append(Cell(fmt_value(values.get(c)), ref=f"b:{key}:{c}", numeric=True))
        rows.append(cells)
    return rows


def table_c_layout(table_c: dict) -> list:
    """Rows of Table C: three header rows and one row of 15 numbers."""
    results = [label for _k, label in t.APPEAL_RESULTS]
    return [
        [Cell("行政复议", colspan=5, header=True), Cell(t.LITIGATION_LABEL, colspan=10, header=True)],
        [Cell(r, rowspan=2, header=True) for r in results]
        + [Cell("未经复议直接起诉", colspan=5, header=True), Cell("复议后起诉", colspan=5, header=True)],
        [Cell(r, header=True) for r in results] * 2,
        [Cell(fmt_value((table_c or {}).get(c)), ref=f"c:{c}", numeric=True) for c in t.TABLE_C_COLUMNS],
    ]


def grid_positions(rows) -> list:
    """Yield (row index, column index, cell) with the column each cell starts in, honouring spans."""
    taken = set()
    out = []
    for r, cells in enumerate(rows):
        col = 0
        for cell in cells:
            while (r, col) in taken:
                col += 1
            out.append((r, col, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, col + dc))
            col += cell.colspan
    return out


def grid_width(rows) -> int:
    return max(c + cell.colspan for _r, c, cell in grid_positions(rows))
