"""A small 问答 world: a statute written for the tests, a guide page, an ordinary document, an
abolished one and an annual report with a statistics table, all published through the real services."""
import datetime as dt

import pytest

from gongkai.answers.services import faq_create, faq_transition
from gongkai.answers.sources import page_publish, statute_import
from gongkai.catalog.models import Category
from gongkai.catalog.services import document_create, document_transition, document_validity_change
from gongkai.portal.models import Page, PageColumn

STATUTE = """https://example.invalid/statute
# An annotation line the importer drops.
示范市政府信息公开办法

第一章 总则

第一条 为了规范政府信息公开工作，制定本办法。

第二条 公民申请获取政府信息的，应当向行政机关的政府信息公开工作机构提出，并采用书面形式；采用书面形式确有困难的，可以口头提出。

第三条 行政机关不能当场答复的，应当自收到申请之日起15个工作日内予以答复；延长的期限最长不得超过15个工作日。

第四条 行政机关依申请提供政府信息，不收取费用。申请数量明显超过合理范围的，可以收取信息处理费。
# ===== Part 2 (secondary: a newspaper report, not the official text) =====
据报道，本办法第九条规定答复期限为30日。
"""

GUIDE = ("<h2>一、依申请公开</h2><h3>（一）申请方式</h3><p>申请人可以通过本平台在线申请，也可以信函申请或者当面申请。</p>"
         "<h3>（二）办理时限</h3><p>不能当场答复的，自收到申请之日起15个工作日内予以答复。</p>")


def publish(agency, title, body, **fields):
    doc = document_create(agency=agency, actor=None, title=title, body_html=body, **fields)
    document_transition(document=doc, action="submit", actor=None)
    return document_transition(document=doc, action="publish", actor=None)


@pytest.fixture(autouse=True)
def _fresh_vectors():
    """The in-process vector cache mirrors TextVector rows, which each test rolls back."""
    from gongkai.answers import semantic

    semantic.forget()
    yield
    semantic.forget()


@pytest.fixture
def statute_file(tmp_path):
    path = tmp_path / "banfa.txt"
    path.write_text(STATUTE, encoding="utf-8")
    return path


@pytest.fixture
def qa_world(city, dept_a, statute_file, settings):
    statute = statute_import(path=statute_file, agency=city, key="statute:test", doc_no="示政令〔2024〕1号",
                             publisher="示范市人民政府", date=dt.date(2024, 1, 2))
    page = Page.objects.create(slug="guide", column=PageColumn.GUIDE, agency=city, title="示范市政府信息公开指南",
                               body_html=GUIDE)
    guide = page_publish(page=page, agency=city)
    ordinary = publish(dept_a, "示范市教育局关于做好招生工作的通知",
                       "<p>各学校要在规定时间内完成招生报名工作，报名时间为每年7月。</p>", validity="valid")
    old = publish(city, "示范市政府信息公开暂行规定",
                  "<p>第一条 为了推进政府信息公开，制定本规定。</p>"
                  "<p>第二条 行政机关收到政府信息公开申请，应当自收到申请之日起30个工作日内予以答复。</p>",
                  validity="valid")
    document_validity_change(document=old, validity="abolished", actor=None, reason="被新办法替代",
                             date=dt.date(2024, 1, 2))
    report = publish(city, "示范市2023年政府信息公开工作年度报告",
                     "<p>一、总体情况</p><p>本年度收到政府信息公开申请答复期限内办结，申请 12 件，答复 10 件，"
                     "结转 2 件，工作日 15 天。</p><p>收到申请数 | 12 | 10 | 2</p>",
                     category=Category.ANNUAL_REPORT, validity="valid")
    return {"statute": statute, "guide": guide, "page": page, "ordinary": ordinary, "old": old, "report": report}


@pytest.fixture
def faq(city, qa_world):
    item = faq_create(agency=city, actor=None, questions="申请政府信息公开可以匿名吗？\n申请时要提供身份证明吗？",
                      answer="不可以匿名。申请应当写明申请人的姓名或者名称、身份证明、联系方式。",
                      sources="示范市政府信息公开办法 第二条\n依申请公开 | /apply/")
    return faq_transition(faq=item, action="publish", actor=None)
