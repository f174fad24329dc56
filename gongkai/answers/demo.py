"""Demo content of the 问答 (idempotent): the 条例 and the fee rules imported from the shared statute
folder when it is there, the 指南 and 制度 pages published as documents, and a handful of FAQ
entries written for the demo. The FAQ is created once; the office's later edits are kept."""
import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.portal.models import Page, PageColumn
from gongkai.portal.selectors import root_agency

from . import semantic
from .items import item_texts
from .models import AnswerSource, Faq
from .services import faq_create, faq_transition
from .sources import page_publish, statute_import

STATUTES = [
    # (file, key, 文号, 发布机关, date)
    ("tiaoli_2019.txt", "statute:tiaoli_2019", "国务院令第711号", "国务院", dt.date(2019, 4, 3)),
    ("fees_2020_109.txt", "statute:fees_2020_109", "国办函〔2020〕109号", "国务院办公厅", dt.date(2020, 11, 17)),
]

TIAOLI = "中华人民共和国政府信息公开条例"

FAQS = [
    ("怎样申请政府信息公开？\n申请政府信息公开有哪些方式？\n去哪里申请政府信息公开",
     "向掌握该信息的行政机关的政府信息公开工作机构提出申请，采用书面形式，包括信件、数据电文（条例第二十九条）；"
     "采用书面形式确有困难的，申请人可以口头提出，由受理该申请的政府信息公开工作机构代为填写政府信息公开申请。"
     "当面提交和邮政寄送是提交申请的基本渠道，"
     "行政机关不得以任何理由拒绝接收；本机关同时开通在线申请。具体方式：（1）当面申请：到受理地点填写申请表，"
     "并出示有效身份证明；（2）信函、传真申请：在信封左下角或传真首页注明“政府信息公开申请”字样；（3）互联网申请："
     "在本站“依申请公开”栏目在线填写提交。申请应写明申请人的姓名或者名称、身份证明、联系方式，所需信息的名称、"
     "文号或者便于查询的其他特征性描述，以及获取信息的方式、途径。",
     f"{TIAOLI} 第二十九条\n依申请公开在线申请 | /apply/\n政府信息公开指南 | /xxgk/guide/"),
    ("申请政府信息公开多久能得到答复？\n答复期限是多少个工作日？\n能延期答复吗，最长多久？",
     "能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，"
     "应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。行政机关征求第三方和"
     "其他机关意见所需时间不计算在前款规定的期限内。申请内容不明确的，答复期限自行政机关收到补正的申请之日起计算"
     "（条例第三十条、第三十三条）。",
     f"{TIAOLI} 第三十三条\n政府信息公开指南 | /xxgk/guide/"),
    ("申请政府信息公开要收费吗？\n信息处理费怎么收？\n政府信息公开的收费标准",
     "行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，"
     "行政机关可以收取信息处理费（条例第四十二条）。信息处理费按件计收或者按量计收，均按超额累进方式计算："
     "按件计收，同一申请人一个自然月内累计申请10件以下(含10件)的,不收费；11—30件(含30件)的部分:100元/件；"
     "31件以上的部分以10件为一档，每增加一档，收费标准提高100元/件。按量计收，30页以下(含30页)的,不收费；"
     "31—100页(含100页)的部分:10元/页；101—200页(含200页)的部分:20元/页；201页以上的部分:40元/页"
     "（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号）。",
     f"{TIAOLI} 第四十二条\n政府信息公开信息处理费管理办法（国办函〔2020〕109号）"),
    ("申请了政府信息公开，行政机关不答复怎么办？\n对政府信息公开答复不服怎么办？\n"
     "信息公开可以申请行政复议或者起诉吗？\n行政复议和行政诉讼的期限是多少？",
     "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼"
     "（条例第五十一条）。认为行政机关未按照要求主动公开政府信息或者对政府信息公开申请不依法答复处理的，可以向"
     "政府信息公开工作主管部门提出，主管部门查证属实的，应当予以督促整改或者通报批评（条例第四十七条）。"
     "认为行政机关在政府信息公开工作中侵犯其合法权益的，可以依照本法申请行政复议（行政复议法第十一条），"
     "应当自知道或者应当知道该行政行为之日起六十日内提出行政复议申请（行政复议法第二十条）。自2024年1月1日起，"
     "对不予公开的答复应当先申请行政复议。不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼"
     "（行政诉讼法第四十五条）。法律允许直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内"
     "提出；因不动产提起诉讼的案件自行政行为作出之日起超过二十年，其他案件自行政行为作出之日起超过五年提起诉讼的，"
     "人民法院不予受理（行政诉讼法第四十六条）。",
     f"{TIAOLI} 第四十七条、第五十一条\n中华人民共和国行政复议法 第十一条、第二十条\n"
     "中华人民共和国行政诉讼法 第四十五条、第四十六条"),
    ("哪些政府信息不予公开？\n行政机关可以拒绝公开哪些信息？\n涉及商业秘密、个人隐私的信息能公开吗？",
     "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、"
     "经济安全、社会稳定的政府信息，不予公开（条例第十四条）。涉及商业秘密、个人隐私等公开会对第三方合法权益"
     "造成损害的政府信息，行政机关不得公开。但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，"
     "予以公开（第十五条）。依申请公开时，行政机关应当书面征求第三方的意见，第三方应当自收到征求意见书之日起15个"
     "工作日内提出意见；第三方不同意公开且有合理理由的，行政机关不予公开（第三十二条）。内部事务信息，以及讨论记录、过程稿、磋商信函、请示报告等过程性信息可以不予公开，"
     "行政执法案卷信息也可以不予公开（第十六条）。",
     f"{TIAOLI} 第十四条、第十五条、第十六条、第三十二条"),
    ("申请政府信息公开可以匿名吗？\n申请时要提供身份证明吗？",
     "不可以匿名。政府信息公开申请应当包括申请人的姓名或者名称、身份证明、联系方式（条例第二十九条）；"
     "当面申请时应出示有效身份证明。",
     f"{TIAOLI} 第二十九条\n依申请公开在线申请 | /apply/"),
]


def _statute_dir() -> Path:
    return Path(settings.GONGKAI.get("QA_STATUTE_DIR") or "")


@transaction.atomic
def load(*, stdout, statute_dir=None):
    """Import the statutes found in `statute_dir` (default: GONGKAI["QA_STATUTE_DIR"]; absent files are
    skipped), publish the 指南 and 制度 pages as documents and seed the FAQ once."""
    government = root_agency()
    if government is None:
        return
    folder = Path(statute_dir) if statute_dir else _statute_dir()
    imported = 0
    for name, key, doc_no, publisher, date in STATUTES:
        if statute_import(path=folder / name, agency=government, key=key, doc_no=doc_no,
                          publisher=publisher, date=date) is not None:
            imported += 1
    pages = 0
    for page in Page.objects.filter(column__in=(PageColumn.GUIDE, PageColumn.SYSTEM)).select_related("agency"):
        if page_publish(page=page, agency=government) is not None:
            pages += 1
    faqs = 0
    if not Faq.objects.exists():
        for questions, answer, sources in FAQS:
            faq = faq_create(agency=government, actor=None, questions=questions, answer=answer, sources=sources)
            faq_transition(faq=faq, action="publish", actor=None)
            faqs += 1
    stdout.write(_("智能问答：导入法规 %(s)d 件，指南和制度文件 %(p)d 件，新建常见问题 %(f)d 条。")
                 % {"s": imported, "p": pages, "f": faqs} + "\n")
    if semantic.enabled():
        warm_vectors()


def warm_vectors():
    """Embed every passage of the sources and every FAQ question now, so questions are quick."""
    from gongkai.search.models import Passage

    passages = list(Passage.objects.filter(entry__document__in=AnswerSource.objects.values("document")))
    texts = [f"{p.heading} {p.text}" if p.heading else p.text for p in passages]
    texts += [t for p in passages for t in item_texts(p.text, p.heading)]  # the items of a list (items.py)
    texts += [v for faq in Faq.objects.all() for v in faq.variants()]
    semantic.vectors(texts)
