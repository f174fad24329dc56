"""The paper 政府信息公开申请表 (条例第二十九条) as .docx, and as PDF through LibreOffice.

Built with python-docx from the same field labels the online form uses; the PDF is converted once
per process and kept in memory (it depends only on the code and the site name).
"""
import io
import threading

from django.conf import settings
from django.utils.translation import gettext as _

_PDF_CACHE: dict = {}
_LOCK = threading.Lock()


def _rows():
    return [
        (_("申请人信息"), [
            (_("申请人类型"), _("□ 自然人　□ 法人或其他组织")),
            (_("姓名或名称"), ""), (_("证件类型及号码（自然人）"), ""),
            (_("统一社会信用代码（法人或其他组织）"), ""), (_("法定代表人或负责人"), ""),
            (_("联系人"), ""), (_("联系电话"), ""), (_("电子邮箱"), ""), (_("通信地址及邮政编码"), ""),
        ]),
        (_("所需信息"), [
            (_("所需信息的名称"), ""), (_("文件编号（文号）"), ""),
            (_("所需信息的内容描述"), "\n\n\n"),
            (_("信息的提供形式"), _("□ 纸质　□ 电子邮件　□ 光盘　□ 其他")),
            (_("获取信息的方式"), _("□ 邮寄　□ 电子邮件　□ 当面领取　□ 在线查阅")),
        ]),
    ]


def application_form_docx() -> bytes:
    """The blank application form as .docx bytes."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    style.font.name = "仿宋_GB2312"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(_("%(site)s政府信息公开申请表") % {"site": settings.SITE_NAME})
    run.bold = True
    run.font.size = Pt(18)
    run.font.name = "方正小标宋简体"
    run.element.rPr.rFonts.set(qn("w:eastAsia"), "方正小标宋简体")
    doc.add_paragraph(_("编号（由受理机关填写）："))

    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for group, fields in _rows():
        first = None
        for label, value in fields:
            cells = table.add_row().cells
            cells[1].text, cells[2].text = label, value
            first = first or cells[0]
            last = cells[0]
        merged = first.merge(last)
        merged.text = group
    cells = table.add_row().cells
    cells[0].text = _("受理机关")
    cells[1].merge(cells[2]).text = ""
    cells = table.add_row().cells
    cells[0].text = _("申请人签名或盖章")
    cells[1].merge(cells[2]).text = _("\n申请日期：　　年　　月　　日")
    for row in table.rows:
        row.cells[0].width, row.cells[1].width, row.cells[2].width = Cm(2.2), Cm(5.5), Cm(8.3)

    doc.add_paragraph()
    for line in (
        _("填表说明："),
        _("1. 根据《中华人民共和国政府信息公开条例》第二十九条，申请应包括申请人的姓名或者名称、身份证明、联系方式；"
          "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的形式要求。"),
        _("2. 自然人请附身份证件复印件；法人或其他组织请附营业执照等证明文件复印件。"),
        _("3. 申请表可以当面提交、邮寄或传真；也可在本网站“依申请公开”栏目在线提交。"),
        _("4. 行政机关收到申请之日起20个工作日内答复；需要延长的，经负责人同意后可延长不超过20个工作日（条例第三十三条）。"),
    ):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def application_form_pdf() -> bytes:
    """The form as PDF (LibreOffice); raises UserFacingError when LibreOffice is not installed."""
    from .notices import docx_to_pdf

    key = (settings.SITE_NAME,)
    with _LOCK:
        if key not in _PDF_CACHE:
            _PDF_CACHE[key] = docx_to_pdf(application_form_docx())
        return _PDF_CACHE[key]


def pdf_available() -> bool:
    from .notices import soffice_path

    return bool(soffice_path())
