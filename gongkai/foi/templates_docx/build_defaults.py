"""Write the default notice templates (.docx with docxtpl/Jinja placeholders) shipped in this folder.

Run `python -m gongkai.foi.templates_docx.build_defaults` after changing the wording here.
Administrators replace a template in the console (文书模板); the shipped files stay the fallback.
Each placeholder sits in a run of its own so docxtpl can fill it.
"""
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

HEADER = ["{{ agency_name }}", "{{ title }}", "{{ notice_no }}"]
ADDRESS = "{{ applicant_name }}："
SIGN = ["{{ agency_name }}", "（印章）{{ seal }}", "{{ issue_date }}"]
CONTACT = "联系人：{{ office_name }}　电话：{{ office_phone }}　地址：{{ office_address }}"

BODIES = {
    "receipt": [
        "本机关于{{ received_date }}收到您（单位）通过{{ channel }}方式提出的政府信息公开申请，申请编号{{ tracking_no }}。",
        "所需信息：{{ info_summary }}",
        "根据《中华人民共和国政府信息公开条例》第三十三条，本机关将在收到申请之日起20个工作日内（即{{ due_date }}前）予以答复{{ provisional_note }}；如需延长答复期限，将另行告知。",
        "{% if query_code %}您可以凭申请编号和查询码（{{ query_code }}）在本机关门户网站“依申请公开”栏目查询办理进度。{% endif %}",
    ],
    "correction": [
        "本机关于{{ received_date }}收到您的政府信息公开申请（申请编号{{ tracking_no }}）。经审查，您的申请内容不够明确，根据《中华人民共和国政府信息公开条例》第三十条，请您对以下内容作出补正：",
        "{{ correction_items }}",
        "请于{{ correction_due }}前补正。答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        "{{ remedies }}",
    ],
    "extension": [
        "本机关于{{ received_date }}收到您的政府信息公开申请（申请编号{{ tracking_no }}）。{% if art35 %}您申请公开政府信息的数量、频次明显超过合理范围，本机关要求您说明理由，经审核，{{ reason }}。{% else %}因{{ reason }}，本机关无法在20个工作日内作出答复。{% endif %}",
        "{% if art35 %}根据《中华人民共和国政府信息公开条例》第三十五条，本机关确定延迟答复期限，将于{{ due_date }}前作出答复{{ provisional_note }}。{% else %}根据《中华人民共和国政府信息公开条例》第三十三条第二款，经政府信息公开工作机构负责人同意，答复期限延长{{ extension_days }}个工作日，本机关将于{{ due_date }}前作出答复{{ provisional_note }}。{% endif %}",
        "{{ remedies }}",
    ],
    "consultation": [
        "{{ consultee }}：",
        "本机关收到政府信息公开申请（申请编号{{ tracking_no }}），申请获取：{{ info_summary }}。",
        "{{ consultation_reason }}",
        "根据《中华人民共和国政府信息公开条例》{{ consultation_article }}，现书面征求您的意见。请自收到本意见书之日起15个工作日内（{{ consultation_due }}前）提出意见。{{ silence_rule }}",
    ],
    "fee": [
        "本机关于{{ received_date }}收到您的政府信息公开申请（申请编号{{ tracking_no }}）。",
        "根据{{ fee_basis }}，本次申请收取信息处理费{{ fee_amount }}元。计算方法：{{ fee_detail }}",
        "请自收到本通知次日起20个工作日内（{{ fee_due }}前）按以下方式缴纳：{{ payment_method }}。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        "{{ fee_pause_note }}",
        "{{ remedies }}",
    ],
    "reply": [
        "本机关于{{ received_date }}收到您的政府信息公开申请（申请编号{{ tracking_no }}），申请获取：{{ info_summary }}。现答复如下：",
        "{{ outcome_wording }}",
        "{% if reply_text %}{{ reply_text }}{% endif %}",
        "{% if withheld_note %}不予公开部分及理由：{{ withheld_note }}{% endif %}",
        "办理结果：{{ outcome_label }}。法律依据：{{ legal_basis }}。",
        "{{ remedies }}",
    ],
}
TITLES = {
    "receipt": "政府信息公开申请登记回执",
    "correction": "政府信息公开申请补正告知书",
    "extension": "政府信息公开申请延期答复告知书",
    "consultation": "政府信息公开征求意见书",
    "fee": "政府信息公开信息处理费收费通知书",
    "reply": "政府信息公开申请答复书",
}


def _font(run, size=14, bold=False):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Noto Serif CJK SC"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")


def build(kind: str) -> Path:
    doc = Document()
    for i, text in enumerate(HEADER):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(text), size=18 if i < 2 else 12, bold=i < 2)
    if kind != "consultation":
        _font(doc.add_paragraph().add_run(ADDRESS))
    for text in BODIES[kind]:
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(28)
        _font(p.add_run(text))
    for text in SIGN:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(text))
    _font(doc.add_paragraph().add_run(CONTACT), size=10)
    path = HERE / f"{kind}.docx"
    doc.core_properties.title = TITLES[kind]
    doc.core_properties.author = "gongkai"
    doc.save(path)
    slim(path)
    return path


# python-docx's stock package carries ~800 KB of styles; a notice needs one. Rendering parses every
# part, so slim templates render several times faster.
DROP = ("word/stylesWithEffects.xml", "word/webSettings.xml", "customXml/", "docProps/thumbnail.jpeg")
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Serif CJK SC" w:hAnsi="Noto Serif CJK SC" '
    'w:eastAsia="Noto Serif CJK SC" w:cs="Noto Serif CJK SC"/><w:sz w:val="28"/><w:lang w:val="en-US" '
    'w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" '
    'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>'
    '<w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '</w:styles>'
)


def slim(path: Path) -> None:
    """Rewrite the package without the parts a notice does not use, and with a minimal styles.xml."""
    with zipfile.ZipFile(path) as src:
        items = {name: src.read(name) for name in src.namelist()}
    keep = {n: d for n, d in items.items() if not n.startswith(DROP)}
    keep["word/styles.xml"] = STYLES.encode()
    rels = keep["word/_rels/document.xml.rels"].decode()
    rels = re.sub(r'<Relationship [^>]*Target="(?:stylesWithEffects|webSettings)\.xml"/>', "", rels)
    rels = re.sub(r'<Relationship [^>]*Target="\.\./customXml/[^"]*"/>', "", rels)
    keep["word/_rels/document.xml.rels"] = rels.encode()
    root_rels = re.sub(r'<Relationship [^>]*Target="docProps/thumbnail\.jpeg"/>', "", keep["_rels/.rels"].decode())
    keep["_rels/.rels"] = root_rels.encode()
    types = keep["[Content_Types].xml"].decode()
    types = re.sub(r'<Override PartName="/(?:word/stylesWithEffects|word/webSettings|customXml/[^"]*)[^"]*"[^>]*/>',
                   "", types)
    keep["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in keep.items():
            out.writestr(name, data)


if __name__ == "__main__":
    for kind in BODIES:
        print(build(kind))
