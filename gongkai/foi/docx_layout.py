"""GB/T 9704-2012 page layout for the notice templates (党政机关公文格式).

- A4 (210 × 297 mm); margins top 37, bottom 35, left 28, right 26 mm (版心 156 × 225 mm);
- 22 lines per page, 28 characters per line: exact line pitch 225 mm / 22 = 28.95 pt on a line
  grid, and characters condensed by 0.25 pt (15.75 pt each: 28 fill the 156 mm line). A character
  grid (w:docGrid linesAndChars with a negative charSpace) is what Word's 公文 templates use, but
  LibreOffice lays it out at 18 characters a line, so the PDF would not match the .docx;
- body 仿宋 三号 (16 pt); title 小标宋 二号 (22 pt); level-1 headings 黑体, level-2 楷体 (三号);
- page numbers 四号 宋体 "— 1 —" below the 版心, odd pages right and even pages left, one character in;
- the 落款 (seal space, 署名, 成文日期) is kept with the last paragraph of the body (keep-with-next).

The .docx names the fonts that clerks' machines have (FONTS); the server's PDF maps them to free
fonts through `fonts/fonts.conf` (see `pdf_fonts.py` and docs/FOI.md).
"""
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# The 公文 fonts a clerk's Windows machine has (the names Word looks up).
FONTS = {"body": "仿宋_GB2312", "title": "方正小标宋简体", "level1": "黑体", "level2": "楷体_GB2312",
         "page": "宋体"}
BODY_PT, TITLE_PT, PAGE_PT = 16, 22, 14  # 三号, 二号, 四号
PAGE_W_MM, PAGE_H_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES, CHARS = 22, 28
TEXT_W_MM = PAGE_W_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
TEXT_H_MM = PAGE_H_MM - MARGINS_MM["top"] - MARGINS_MM["bottom"]  # 225
LINE_PITCH_TWIPS = round(TEXT_H_MM / LINES / 25.4 * 1440)  # 579
CHAR_PITCH_PT = TEXT_W_MM / CHARS / 25.4 * 72  # 15.79
CONDENSE_TWENTIETHS = -5  # w:spacing in rPr: -0.25 pt, so a 16 pt character takes 15.75 pt < 15.79
INDENT_2_CHARS = Pt(2 * BODY_PT)


def _rfonts(name: str) -> str:
    return (f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}" '
            f'w:hint="eastAsia"/>')


def _pstyle(style_id, name, font, size_pt, *, align="", indent=False, bold=False, based="Normal",
            keep_next=False, right_chars=0):
    ppr = []
    if keep_next:
        ppr.append("<w:keepNext/>")
    if align:
        ppr.append(f'<w:jc w:val="{align}"/>')
    if indent:
        ppr.append(f'<w:ind w:firstLineChars="200" w:firstLine="{2 * BODY_PT * 20}"/>')
    if right_chars:
        ppr.append(f'<w:ind w:rightChars="{right_chars * 100}" w:right="{right_chars * BODY_PT * 20}"/>')
    rpr = _rfonts(font) + ("<w:b/>" if bold else "") + f'<w:sz w:val="{size_pt * 2}"/><w:szCs w:val="{size_pt * 2}"/>'
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based}"/><w:qFormat/><w:pPr>{"".join(ppr)}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


STYLES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:docDefaults><w:rPrDefault><w:rPr>' + _rfonts(FONTS["body"])
    + f'<w:spacing w:val="{CONDENSE_TWENTIETHS}"/><w:sz w:val="{BODY_PT * 2}"/><w:szCs w:val="{BODY_PT * 2}"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:widowControl/><w:snapToGrid w:val="1"/>'
    f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH_TWIPS}" w:lineRule="exact"/>'
    '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    + _pstyle("GwBody", "公文正文", FONTS["body"], BODY_PT, indent=True)
    + _pstyle("GwTitle", "公文标题", FONTS["title"], TITLE_PT, align="center", keep_next=True)
    + _pstyle("GwDocNo", "发文字号", FONTS["body"], BODY_PT, align="center", keep_next=True)
    + _pstyle("GwAddressee", "主送机关", FONTS["body"], BODY_PT, keep_next=True)
    + _pstyle("GwLevel1", "一级标题", FONTS["level1"], BODY_PT, indent=True, keep_next=True)
    + _pstyle("GwLevel2", "二级标题", FONTS["level2"], BODY_PT, indent=True, keep_next=True)
    + _pstyle("GwSignature", "落款", FONTS["body"], BODY_PT, align="right", keep_next=True, right_chars=4)
    + _pstyle("GwNote", "附注", FONTS["body"], BODY_PT, indent=True)
    + _pstyle("GwPage", "页码", FONTS["page"], PAGE_PT)
    + '</w:styles>'
)


def page_setup(doc) -> None:
    """A4, the GB/T 9704 margins, the line grid, odd/even page-number footers."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(18)
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    sect.append(grid)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _field(paragraph, instr: str):
    for kind in ("begin", None, "separate", "end"):
        run = paragraph.add_run()
        if kind is None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
        if kind == "separate":
            paragraph.add_run("1")


def _page_number(paragraph, *, odd: bool):
    """— N — in 四号 宋体, one character in from the right (odd pages) or the left (even pages)."""
    paragraph._p.get_or_add_pPr().style = "GwPage"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    if odd:
        fmt.right_indent = Pt(PAGE_PT)
    else:
        fmt.left_indent = Pt(PAGE_PT)
    paragraph.add_run("— ")
    _field(paragraph, " PAGE ")
    paragraph.add_run(" —")


def add(doc, style: str, text: str = "", *, keep_next: bool = False):
    """Append a paragraph of `style` (a Gw* style id) holding `text` in one run (docxtpl fills it)."""
    p = doc.add_paragraph()
    p._p.get_or_add_pPr().style = style
    if text:
        p.add_run(text)
    if keep_next:
        p.paragraph_format.keep_with_next = True
    return p
