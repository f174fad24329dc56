"""Demo 办事指南 of the 示范市 departments (演示数据, written for the demo): three published, one kept as
a draft because elements are missing. Idempotent: nothing is created when guides exist."""
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency

from .completeness import guide_missing
from .models import ServiceGuide
from .services import guide_create, guide_material_add, guide_transition

HALL = "示范市政务服务中心二楼综合窗口（演示地址）"
HOURS = "周一至周五 上午9:00—12:00，下午13:30—17:00（法定节假日除外）"

GUIDES = [
    ("edu", {
        "name": "义务教育阶段学生转学（演示数据）", "kind": "public_service", "life_events": ["education"],
        "basis": "《中华人民共和国义务教育法》第十二条；《中小学生学籍管理办法》第十三条。",
        "conditions": "1.在本市义务教育学校就读并已建立学籍；2.因户籍迁移、监护人工作调动等原因需转学。",
        "process": "1.申请：监护人向转入学校提出申请；2.审核：转出、转入学校审核；3.办结：市教育局确认学籍变动。",
        "legal_days": 20, "promised_days": 5, "free": True, "location": "示范市教育局学籍管理科（演示地址）",
        "hours": HOURS, "phone": "0000-12345601", "complaint_phone": "0000-12345699"},
     [("转学申请表", 1, "paper", "required", True), ("监护人居民身份证", 1, "paper", "required", False),
      ("户口簿或居住证明", 1, "paper", "conditional", False)]),
    ("health", {
        "name": "出生医学证明首次签发（演示数据）", "kind": "confirmation", "life_events": ["birth", "health"],
        "basis": "《中华人民共和国母婴保健法》第二十三条。",
        "conditions": "在本市具有助产资质的医疗机构内出生的新生儿。",
        "process": "1.分娩后由助产机构登记出生信息；2.监护人核对信息；3.签发《出生医学证明》。",
        "legal_days": 10, "promised_days": 1, "free": True, "location": HALL, "hours": HOURS,
        "phone": "0000-12345602", "complaint_phone": "0000-12345699"},
     [("新生儿父母居民身份证", 1, "both", "required", False), ("出生医学证明首次签发登记表", 1, "paper", "required", True)]),
    ("nrp", {
        "name": "不动产登记资料查询（演示数据）", "kind": "public_service", "life_events": ["housing"],
        "basis": "《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》。",
        "conditions": "权利人、利害关系人依法查询、复制不动产登记资料。",
        "process": "1.提交查询申请；2.窗口审查；3.出具查询结果。",
        "legal_days": 5, "promised_days": 0, "free": False,
        "fee_standard": "查询不收费；复制资料按每页1元收取工本费（演示数据）。",
        "fee_basis": "示范市物价部门核定的收费标准（演示数据）。",
        "location": HALL, "hours": HOURS, "phone": "0000-12345603", "complaint_phone": "0000-12345699"},
     [("不动产登记资料查询申请书", 1, "paper", "required", True), ("查询人身份证明", 1, "paper", "required", False)]),
]
DRAFT = ("samr", {
    "name": "个体工商户设立登记（演示数据）", "kind": "license", "life_events": ["employment"],
    "basis": "《促进个体工商户发展条例》；《中华人民共和国市场主体登记管理条例》第二十一条。",
    "conditions": "有经营能力的自然人，经营场所符合规定。",
    "legal_days": 3, "promised_days": 5, "free": False, "location": HALL, "hours": HOURS,
    "phone": "0000-12345604"},
    [("个体工商户登记申请书", 1, "both", "required", False)])


def load(*, stdout):
    slugs = {slug for slug, _fields, _materials in GUIDES} | {DRAFT[0]}
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=slugs)}
    if len(agencies) < len(slugs) or ServiceGuide.objects.exists():
        return
    blank = "%PDF-1.4\n% 演示空表\n".encode() + b"1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with transaction.atomic():
        for slug, fields, materials in GUIDES + [DRAFT]:
            publish = fields is not DRAFT[1]
            guide = guide_create(agency=agencies[slug], actor=None, **fields)
            for name, copies, form, need, with_blank in materials:
                guide_material_add(guide=guide, actor=None, name=name, copies=copies, form=form, need=need,
                                   blank=(f"{name}.pdf", blank) if with_blank else None)
            if publish:
                guide_transition(guide=guide, action="submit", actor=None)
                guide_transition(guide=guide, action="publish", actor=None)
    stdout.write(_("办事指南演示：已发布 %(n)d 项，草稿 1 项（缺：%(m)s）")
                 % {"n": len(GUIDES), "m": "；".join(guide_missing(guide))})
