"""Write the default notice templates (.docx with docxtpl/Jinja placeholders) shipped in this folder.

Run `python -m gongkai.foi.templates_docx.build_defaults` after changing the wording here.
Administrators replace a template in the console (文书模板); the shipped files stay the fallback.
Each placeholder sits in a run of its own so docxtpl can fill it.
"""
import re
import zipfile
from pathlib import Path

from docx import Document

from gongkai.foi import docx_layout as layout

HERE = Path(__file__).resolve().parent

# Each notice: title lines, 发文字号, 主送, body paragraphs, then the 落款 (kept with the last body
# paragraph). "{%p if x %}" / "{%p endif %}" paragraphs make the paragraphs between them conditional.
# {{ you }} is 您 for a natural person and 贵单位 for a 法人或其他组织.
ADDRESS = "{{ addressee }}："
SIGN = ["{{ agency_name }}", "{{ issue_date }}"]
CONTACT = ["{%p if office_phone or office_address %}",
           "（联系单位：{{ office_name }}{% if office_phone %}，联系电话：{{ office_phone }}{% endif %}"
           "{% if office_address %}，地址：{{ office_address }}{% endif %}）",
           "{%p endif %}"]

BODIES = {
    "receipt": [
        "本机关于{{ received_date }}收到{{ you }}通过{{ channel }}方式提出的政府信息公开申请，申请编号为{{ tracking_no }}。申请获取的信息：{{ info_summary }}。",
        "根据《中华人民共和国政府信息公开条例》第三十三条，本机关将自收到申请之日起20个工作日内（{{ due_date }}前）予以答复{{ provisional_note }}；需要延长答复期限的，将另行告知。",
        "{%p if query_code %}",
        "{{ you }}可以凭申请编号和查询码（{{ query_code }}）在本机关门户网站“依申请公开”栏目查询办理进度。",
        "{%p endif %}",
    ],
    "correction": [
        "本机关于{{ received_date }}收到{{ you }}的政府信息公开申请（申请编号{{ tracking_no }}）。经审查，该申请内容不够明确。根据《中华人民共和国政府信息公开条例》第三十条，请{{ you }}对下列事项作出补正：",
        "{{ correction_items }}",
        "请于{{ correction_due }}前补正。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        "{{ remedies }}",
    ],
    "extension": [
        "本机关于{{ received_date }}收到{{ you }}的政府信息公开申请（申请编号{{ tracking_no }}）。{% if art35 %}{{ you }}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求{{ you }}说明理由。经审核，{{ reason }}。{% else %}因{{ reason }}，本机关无法在20个工作日内作出答复。{% endif %}",
        "{% if art35 %}根据《中华人民共和国政府信息公开条例》第三十五条，本机关确定延迟答复期限，将于{{ due_date }}前作出答复{{ provisional_note }}。{% else %}根据《中华人民共和国政府信息公开条例》第三十三条第二款，经政府信息公开工作机构负责人同意，答复期限延长{{ extension_days }}个工作日，本机关将于{{ due_date }}前作出答复{{ provisional_note }}。{% endif %}",
        "{{ remedies }}",
    ],
    "consultation": [
        "本机关收到政府信息公开申请（申请编号{{ tracking_no }}），申请获取的信息：{{ info_summary }}。",
        "{{ consultation_reason }}",
        "根据《中华人民共和国政府信息公开条例》{{ consultation_article }}，现书面征求意见。请自收到本意见书之日起15个工作日内（{{ consultation_due }}前）提出意见。{{ silence_rule }}",
    ],
    "fee": [
        "本机关于{{ received_date }}收到{{ you }}的政府信息公开申请（申请编号{{ tracking_no }}）。",
        "根据{{ fee_basis }}，本次申请收取信息处理费{{ fee_amount }}元。计算方法：{{ fee_detail }}。",
        "请自收到本通知次日起20个工作日内（{{ fee_due }}前）按以下方式缴纳：{{ payment_method }}。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。{{ fee_pause_note }}",
        "{{ remedies }}",
    ],
    "reply": [
        "本机关于{{ received_date }}收到{{ you }}的政府信息公开申请（申请编号{{ tracking_no }}），申请获取的信息：{{ info_summary }}。现答复如下：",
        "{{ outcome_wording }}",
        "{%p if reply_text %}",
        "{{ reply_text }}",
        "{%p endif %}",
        "{%p if withheld_note %}",
        "不予公开的部分及理由：{{ withheld_note }}",
        "{%p endif %}",
        "{%p if delivery_text %}",
        "{{ delivery_text }}",
        "{%p endif %}",
        "办理结果：{{ outcome_label }}。法律依据：{{ legal_basis }}。",
        "{{ remedies }}",
        "{%p if attachments %}",
        "附件：{{ attachments }}",
        "{%p endif %}",
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


def build(kind: str) -> Path:
    doc = Document()
    layout.page_setup(doc)
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:  # python-docx's stock document starts empty; keep it so
        body._p.getparent().remove(body._p)
    layout.add(doc, "GwTitle", "{{ agency_name }}")
    layout.add(doc, "GwTitle", "{{ title }}")
    layout.add(doc, "GwDocNo", "{{ notice_no }}")
    layout.add(doc, "GwDocNo")
    layout.add(doc, "GwAddressee", "{{ consultee }}：" if kind == "consultation" else ADDRESS)
    lines = BODIES[kind]
    # The 落款 stays with the body: its last two unconditional paragraphs keep with the next, and
    # so do the seal space, the 署名 and the date.
    keep_from = [i for i, t in enumerate(lines) if not t.startswith("{%p")][-2]
    for i, text in enumerate(lines):
        if text.startswith("{%p"):
            layout.add(doc, "GwBody", text)
        else:
            layout.add(doc, "GwBody", text, keep_next=i >= keep_from)
    layout.add(doc, "GwBody", keep_next=True)  # room for the seal over the 署名 and date
    layout.add(doc, "GwSignature", SIGN[0], keep_next=True)
    layout.add(doc, "GwSignature", SIGN[1], keep_next=True)
    for text in CONTACT:
        layout.add(doc, "GwNote", text)
    path = HERE / f"{kind}.docx"
    doc.core_properties.title = TITLES[kind]
    doc.core_properties.author = "gongkai"
    doc.save(path)
    slim(path)
    return path


# python-docx's stock package carries ~800 KB of styles; a notice needs one. Rendering parses every
# part, so slim templates render several times faster.
DROP = ("word/stylesWithEffects.xml", "word/webSettings.xml", "customXml/", "docProps/thumbnail.jpeg")
STYLES = layout.STYLES_XML


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
