"""The report's tables as an Excel workbook, one sheet per table, merged cells as in the template."""
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..data import ReportData
from .layout import grid_positions, table_a_layout, table_b_layout, table_c_layout

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _sheet(ws, title, rows, widths):
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=12)
    top = 2
    for r, c, cell in grid_positions(rows):
        row, col = top + r, 1 + c
        value = cell.text
        if cell.numeric and value not in ("—", ""):
            try:
                value = int(value)
            except ValueError:
                value = float(value)
        target = ws.cell(row=row, column=col, value=value)
        target.alignment = Alignment(horizontal="left" if cell.label else "center",
                                     vertical="center", wrap_text=True)
        if cell.header:
            target.font = Font(bold=len(cell.text) < 12)
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + cell.rowspan - 1,
                           end_column=col + cell.colspan - 1)
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                ws.cell(row=row + dr, column=col + dc).border = _BORDER
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def render_report_xlsx(*, data: ReportData, title: str) -> bytes:
    """Return the .xlsx bytes: sheets 表二, 表三, 表四."""
    wb = Workbook()
    ws = wb.active
    ws.title = "二、主动公开"
    _sheet(ws, title + " 二、主动公开政府信息情况", table_a_layout(data.table_a, data.format), [22, 18, 18, 18])
    _sheet(wb.create_sheet("三、申请情况"), "三、收到和处理政府信息公开申请情况",
           table_b_layout(data.applications, data.format), [8, 10, 40] + [11] * 7)
    _sheet(wb.create_sheet("四、复议诉讼"), "四、政府信息公开行政复议、行政诉讼情况",
           table_c_layout(data.table_c), [9] * 15)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
