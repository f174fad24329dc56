"""Demo content of the 政府信息公开 column: the 公开指南 and the 公开制度 pages (idempotent).

Pages are created once; an administrator's later edits are never overwritten. The government's
disclosure-office contact fields are filled in only where they are still empty.
"""
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Page, PageColumn
from .selectors import root_agency

OFFICE_DEFAULTS = {
    "office_name": "示范市人民政府办公室（政务公开办公室）",
    "office_address": "示范市人民路1号市行政中心2号楼301室",
    "postal_code": "312000",
    "office_hours": "工作日上午8:30—12:00，下午14:00—17:30（法定节假日除外）",
    "office_phone": "0575-80000000",
    "office_fax": "0575-80000001",
    "office_email": "zwgk@example.gov.cn",
}

GUIDE_BODY = """
<p>为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条，编制本指南。本指南每年更新一次，申请人可在本平台查阅。</p>
<h2>一、主动公开</h2>
<h3>（一）公开范围</h3>
<p>本机关依照《条例》第十九条、第二十条、第二十一条规定，主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，包括行政法规、规章和规范性文件，机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名，国民经济和社会发展规划、专项规划、区域规划及相关政策，财政预算、决算信息，行政事业性收费项目及其依据、标准等。</p>
<h3>（二）公开形式</h3>
<p>主动公开的政府信息以本平台“法定主动公开内容”栏目为第一公开平台，同时通过政府公报、新闻发布会以及报刊、广播、电视等途径公开，并在国家档案馆、公共图书馆、政务服务场所设置政府信息查阅场所。</p>
<h3>（三）公开时限</h3>
<p>属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。法律、法规对政府信息公开的期限另有规定的，从其规定。</p>
<h3>（四）信息分类与编排</h3>
<p>主动公开目录按发布机构、主题分类（22个一级类）、发布年份、文种和信息类别编排。每条信息具有唯一的索引号，格式为“机构代码/年份-流水号”，索引号一经赋予不再改变。</p>
<h2>二、依申请公开</h2>
<h3>（一）受理机构</h3>
<p>本机关政府信息公开工作机构负责受理向本机关提出的政府信息公开申请，联系方式见本页下方。</p>
<h3>（二）申请方式</h3>
<ol>
<li>在线申请：通过本平台“依申请公开”栏目在线填写并提交申请。</li>
<li>信函申请：填写《政府信息公开申请表》后邮寄至本机关政府信息公开工作机构，并在信封左下角注明“政府信息公开申请”字样。</li>
<li>当面申请：在办公时间内到受理地点当面提交书面申请；书面申请确有困难的，可以口头提出，由受理机构代为填写。</li>
</ol>
<h3>（三）申请内容</h3>
<p>申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。</p>
<h3>（四）办理时限</h3>
<p>能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。申请内容不明确的，在收到申请之日起7个工作日内一次性告知申请人作出补正。</p>
<h3>（五）收费</h3>
<p>行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以依照《政府信息公开信息处理费管理办法》收取信息处理费。</p>
<h2>三、监督和救济</h2>
<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>
"""

SYSTEM_PAGES = [
    ("system-active", "政府信息主动公开制度", """
<p>第一条　为规范本机关政府信息主动公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。</p>
<p>第二条　本机关坚持以公开为常态、不公开为例外，遵循公正、公平、合法、便民的原则。</p>
<p>第三条　属于主动公开范围的政府信息，由信息形成部门在信息形成或者变更之日起20个工作日内，经保密审查后在政府信息公开平台发布。</p>
<p>第四条　主动公开的政府信息应当标注索引号、名称、发布机构、成文日期、发布日期、发文字号、主题分类、有效性等元数据。</p>
<p>第五条　政策文件与解读材料同步组织、同步审签、同步部署。</p>
"""),
    ("system-request", "政府信息依申请公开工作制度", """
<p>第一条　本机关政府信息公开工作机构统一受理、登记政府信息公开申请，并出具收到申请的回执。</p>
<p>第二条　收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。</p>
<p>第三条　申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人补正，答复期限自收到补正的申请之日起计算。</p>
<p>第四条　依申请公开的政府信息公开会损害第三方合法权益的，书面征求第三方意见，征求意见所需时间不计算在答复期限内。</p>
"""),
    ("system-review", "政府信息公开保密审查制度", """
<p>第一条　本机关公开政府信息前，依照《中华人民共和国保守国家秘密法》以及其他法律、法规和国家有关规定进行审查，坚持“先审查、后公开”和“一事一审”。</p>
<p>第二条　拟公开的政府信息由承办人员初审、部门负责人复审、政府信息公开工作机构终审。</p>
<p>第三条　不能确定是否可以公开的，依照法律、法规和国家有关规定报有关主管部门或者保密行政管理部门确定。</p>
"""),
    ("system-coordination", "政府信息发布协调制度", """
<p>第一条　本机关发布政府信息涉及其他机关的，应当与有关机关进行沟通、协商、确认，保证发布的政府信息准确一致。</p>
<p>第二条　依照法律、行政法规和国家有关规定需要批准的，经批准后予以公开。</p>
<p>第三条　发现影响或者可能影响社会稳定、扰乱社会和经济管理秩序的虚假或者不完整信息的，在职责范围内发布准确的政府信息予以澄清。</p>
"""),
    ("system-assessment", "政府信息公开工作考核和责任追究制度", """
<p>第一条　政府信息公开工作纳入本机关年度绩效考核，考核结果向社会公布。</p>
<p>第二条　本机关于每年1月31日前公布上一年度政府信息公开工作年度报告。</p>
<p>第三条　不依法履行政府信息公开职能、不及时更新公开内容或者违反规定公开不应公开的信息的，依法追究责任。</p>
"""),
]


@transaction.atomic
def load(*, stdout):
    """Create the demo 公开指南 and 公开制度 pages once; fill the government's office contacts."""
    government = root_agency()
    if government is not None:
        changed = [f for f, v in OFFICE_DEFAULTS.items() if not getattr(government, f)]
        for name in changed:
            setattr(government, name, OFFICE_DEFAULTS[name])
        if changed:
            government.save(update_fields=changed)
    created = 0
    _page, made = Page.objects.get_or_create(
        slug="guide",
        defaults={"column": PageColumn.GUIDE, "agency": government, "sort_order": 0,
                  "title": f"{government.name if government else ''}政府信息公开指南",
                  "body_html": GUIDE_BODY.strip()})
    created += made
    for order, (slug, title, body) in enumerate(SYSTEM_PAGES, start=1):
        _page, made = Page.objects.get_or_create(
            slug=slug, defaults={"column": PageColumn.SYSTEM, "agency": government, "sort_order": order,
                                 "title": title, "body_html": body.strip()})
        created += made
    stdout.write(_("公开指南和公开制度页面：新建 %(n)d 个。") % {"n": created} + "\n")
