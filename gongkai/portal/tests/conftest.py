"""A small public catalog for the portal tests, built through the catalog's own services."""
import datetime as dt

import pytest
from django.core.cache import cache

from gongkai.catalog.models import Category, Disclosure, Document, Status, Subject
from gongkai.catalog.services import (attachment_add, document_create, document_transition,
                                      relation_add)


def publish(agency, **fields):
    doc = document_create(agency=agency, actor=None, **fields)
    document_transition(document=doc, action="submit", actor=None)
    return document_transition(document=doc, action="publish", actor=None)


@pytest.fixture
def subjects(db):
    top = Subject.objects.get(parent__isnull=True, name="综合政务")
    return {"top": top, "child": top.children.get(name="政务公开"),
            "edu_top": Subject.objects.get(parent__isnull=True, name="科技、教育")}


@pytest.fixture
def catalog(city, dept_a, dept_b, subjects):
    """Policy + its 解读 + an amending and an abolishing document, a draft, a withdrawn item,
    an 依申请公开 item, an annual report and a generated demo document."""
    policy = publish(dept_a, title="示范市教育局关于规范校外培训的办法", doc_no="示教发[2023]7号",
                     written_date=dt.date(2023, 5, 4), publish_date=dt.date(2023, 5, 10),
                     validity="valid", genre="办法", category=Category.NORMATIVE,
                     subject=subjects["edu_top"], keywords="教育 培训",
                     body_html="<p>第一条　为规范校外培训，制定本办法。</p>")
    attachment_id = None
    old = document_create(agency=dept_a, actor=None, title="示范市教育局关于印发旧规定的通知",
                          doc_no="示教发〔2019〕2号", written_date=dt.date(2019, 1, 2),
                          publish_date=dt.date(2019, 1, 8), validity="valid", genre="通知",
                          category=Category.POLICY, subject=subjects["child"],
                          body_html="<p>旧规定正文。</p>")
    attachment = attachment_add(document=old, actor=None, name="附件1 申请表.docx",
                                content=b"PK\x03\x04 fake docx bytes",
                                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    attachment_id = attachment.pk
    document_transition(document=old, action="submit", actor=None)
    # The attachment is not a real .docx: the review cannot read it, so publishing needs an override.
    old = document_transition(document=old, action="publish", actor=None, override_reason="附件已人工审查")
    amended = publish(dept_b, title="示范市财政局资金管理规定", written_date=dt.date(2020, 3, 1),
                      publish_date=dt.date(2020, 3, 5), validity="valid", genre="规定",
                      category=Category.NORMATIVE, subject=subjects["top"], body_html="<p>资金管理。</p>")

    interp = document_create(agency=dept_a, actor=None, title="《示范市教育局关于规范校外培训的办法》政策解读",
                             publish_date=dt.date(2023, 5, 11), genre="解读",
                             category=Category.INTERPRETATION, subject=subjects["edu_top"],
                             body_html="<p>一、出台背景。</p>")
    relation_add(source=interp, target=policy, kind="interprets", actor=None)
    document_transition(document=interp, action="submit", actor=None)
    interp = document_transition(document=interp, action="publish", actor=None)

    abolisher = document_create(agency=dept_a, actor=None, title="示范市教育局关于废止旧规定的决定",
                                doc_no="示教发〔2024〕1号", publish_date=dt.date(2024, 1, 15),
                                validity="valid", genre="决定", category=Category.NORMATIVE,
                                body_html="<p>决定废止。</p>")
    relation_add(source=abolisher, target=old, kind="abolishes", actor=None)
    document_transition(document=abolisher, action="submit", actor=None)
    abolisher = document_transition(document=abolisher, action="publish", actor=None)

    amender = document_create(agency=dept_b, actor=None, title="示范市财政局关于修改资金管理规定的决定",
                              publish_date=dt.date(2024, 2, 1), validity="valid", genre="决定",
                              category=Category.NORMATIVE, body_html="<p>修改如下。</p>")
    relation_add(source=amender, target=amended, kind="amends", actor=None)
    document_transition(document=amender, action="submit", actor=None)
    amender = document_transition(document=amender, action="publish", actor=None)

    report = publish(city, title="示范市人民政府2023年政府信息公开工作年度报告",
                     publish_date=dt.date(2024, 1, 30), category=Category.ANNUAL_REPORT, genre="报告",
                     body_html="<h2>一、总体情况</h2><p>2023年……</p>")
    generated = publish(city, title="示范市人民政府关于演示事项的通知（生成）", publish_date=dt.date(2022, 6, 1),
                        genre="通知", category=Category.NOTICE, is_generated=True,
                        body_html="<p>演示正文。</p>")
    draft = document_create(agency=dept_a, actor=None, title="草稿文件", body_html="<p>草稿</p>")
    withdrawn = publish(dept_a, title="已撤回文件", publish_date=dt.date(2023, 1, 1), body_html="<p>x</p>")
    withdrawn = document_transition(document=withdrawn, action="withdraw", actor=None, reason="内容有误")
    on_request = publish(dept_a, title="依申请公开文件", publish_date=dt.date(2023, 1, 2),
                         disclosure=Disclosure.ON_REQUEST, body_html="<p>y</p>")
    old.refresh_from_db()
    amended.refresh_from_db()
    return {"policy": policy, "interp": interp, "old": old, "abolisher": abolisher, "amended": amended,
            "amender": amender, "report": report, "generated": generated, "draft": draft,
            "withdrawn": withdrawn, "on_request": on_request, "attachment_id": attachment_id}


@pytest.fixture
def many_docs(city, dept_a):
    """45 published generated notices of 2021 in dept_a, written directly for speed."""
    Document.objects.bulk_create([
        Document(agency=dept_a, title=f"生成的通知第{i:02d}号", index_no=f"000014349/2021-{i:05d}",
                 status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE, genre="通知",
                 category=Category.NOTICE, publish_date=dt.date(2021, 1, 1) + dt.timedelta(days=i),
                 is_generated=True, body_html="<p>生成</p>", body_text="生成")
        for i in range(1, 46)
    ])
    return 45


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached facet counts and pages must not leak between tests: a test's rolled-back documents
    (or ones written with bulk_create, which sends no document_changed) would otherwise be counted
    under a version another test sees."""
    cache.clear()
    yield
    cache.clear()
