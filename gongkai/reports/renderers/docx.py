"""The report as a Word document laid out like the template, merged header cells included."""
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .. import template as t
from ..data import ReportData
from .layout import grid_positions, grid_width, table_a_layout, table_b_layout, table_c_layout

FONT = "宋体"
HEADING_FONT = "黑体"


def _set_font(run, name=FONT, size=None, bold=None):
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def _table(doc, rows, widths_cm):
    width = grid_width(rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for tr in table._tbl.tr_lst:
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
    flat = table._cells  # taken once: Table.cell() walks the whole table on every call
    placed = []
    for r, c, cell in grid_positions(rows):
        target = flat[r * width + c]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(flat[(r + cell.rowspan - 1) * width + c + cell.colspan - 1])
        placed.append((c, cell, target))
        target.text = ""
        para = target.paragraphs[0]
        centered = not cell.label
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER if centered else WD_ALIGN_PARAGRAPH.LEFT
        _set_font(para.add_run(cell.text), size=9 if len(cell.text) > 12 else 10)
    widths = list(widths_cm[:width]) + [1.5] * (width - len(widths_cm))
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(int(w / 2.54 * 1440)))
    for c, cell, target in placed:
        target.width = Cm(sum(widths[c:c + cell.colspan]))
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table


def render_report_docx(*, data: ReportData, title: str, overview="", problems="", other_matters="") -> bytes:
    """Return the .docx bytes of the report."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(p.add_run(title), name="方正小标宋简体", size=18, bold=True)

    def heading(text):
        para = doc.add_paragraph()
        _set_font(para.add_run(text), name=HEADING_FONT, size=14, bold=True)

    def prose(text):
        for line in (text or "").splitlines():
            if line.strip():
                para = doc.add_paragraph()
                para.paragraph_format.first_line_indent = Pt(28)
                _set_font(para.add_run(line.strip()), size=14)

    labels = [label for _k, label in t.SECTIONS]
    heading(labels[0])
    prose(overview)
    heading(labels[1])
    _table(doc, table_a_layout(data.table_a, data.format), [5.0, 4.0, 4.0, 4.0])
    heading(labels[2])
    _table(doc, table_b_layout(data.applications, data.format),
           [1.5, 1.7, 5.2] + [1.23] * 7)
    heading(labels[3])
    _table(doc, table_c_layout(data.table_c), [1.13] * 15)
    heading(labels[4])
    prose(problems)
    heading(labels[5])
    prose(other_matters)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
