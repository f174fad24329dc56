"""Creating, editing and listing drafts through the console's forms."""
import datetime as dt

import pytest
from django.urls import reverse

from gongkai.audit.selectors import audit_entries_for
from gongkai.catalog.models import Document, Subject

pytestmark = pytest.mark.django_db


def _form(agency=None, **overrides):
    subject = Subject.objects.filter(parent__isnull=False).first()
    data = {
        "title": "示范市教育局关于印发《中小学课后服务管理办法》的通知",
        "doc_no": "示教发[2024]12号",
        "index_no": "",
        "subject": subject.pk,
        "category": "normative",
        "genre": "通知",
        "keywords": "教育 课后服务",
        "summary": "规范课后服务。",
        "written_date": "2024-06-03",
        "publish_date": "2024-06-05",
        "disclosure": "active",
        "validity": "valid",
        "effective_date": "2024-07-01",
        "expiry_date": "",
        "body_html": '<h2>一、总则</h2><p onclick="x()">为规范课后服务</p><script>alert(1)</script>',
    }
    if agency is not None:
        data["agency"] = agency.pk
    data.update(overrides)
    return data


def test_create_a_draft_with_every_field(editor_a, dept_a, login):
    client = login(editor_a)
    form_html = client.get(reverse("console:document_new")).content.decode()
    assert "<optgroup" in form_html  # subjects grouped under their top-level category
    assert "示范市财政局" not in form_html  # only the user's agencies
    response = client.post(reverse("console:document_new"), _form(dept_a))
    assert response.status_code == 302
    doc = Document.objects.get()
    assert response["Location"] == reverse("console:document", args=[doc.pk])
    assert doc.agency == dept_a and doc.status == "draft" and doc.created_by == editor_a
    assert doc.doc_no == "示教发〔2024〕12号"
    assert doc.category == "normative" and doc.genre == "通知" and doc.validity == "valid"
    assert doc.written_date == dt.date(2024, 6, 3) and doc.effective_date == dt.date(2024, 7, 1)
    assert doc.expiry_date is None and doc.index_no is None
    assert "<script" not in doc.body_html and "onclick" not in doc.body_html
    assert "为规范课后服务" in doc.body_text
    assert [e.action for e in audit_entries_for(obj=doc)] == ["document.create"]
    detail = client.get(response["Location"]).content.decode()
    assert "草稿已保存" in detail and "示教发〔2024〕12号" in detail


def test_create_in_another_agency_is_refused(editor_a, dept_b, login):
    response = login(editor_a).post(reverse("console:document_new"), _form(dept_b))
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not Document.objects.exists()


def test_form_errors_are_shown_in_chinese_and_nothing_is_saved(editor_a, dept_a, login):
    client = login(editor_a)
    response = client.post(reverse("console:document_new"),
                           _form(dept_a, title="", publish_date="2024-06-01"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in html
    assert "发布日期不能早于成文日期" in html
    response = client.post(reverse("console:document_new"), _form(dept_a, written_date="2024-13-45"))
    assert "输入一个有效的日期" in response.content.decode()
    assert not Document.objects.exists()


def test_duplicate_index_no_is_a_form_error(editor_a, dept_a, make_doc, login):
    make_doc(dept_a, "published", index_no="000014349/2024-00001")
    response = login(editor_a).post(reverse("console:document_new"),
                                    _form(dept_a, index_no="000014349/2024-00001"))
    assert response.status_code == 200
    assert "索引号" in response.content.decode() and "已存在" in response.content.decode()
    assert Document.objects.count() == 1


def test_edit_a_draft(editor_a, dept_a, make_doc, login):
    doc = make_doc(dept_a)
    client = login(editor_a)
    form_html = client.get(reverse("console:document_edit", args=[doc.pk])).content.decode()
    assert 'value="2024-05-06"' in form_html  # dates rendered for <input type="date">
    response = client.post(reverse("console:document_edit", args=[doc.pk]),
                           _form(title="关于调整中小学课后服务收费标准的通知", keywords="收费"))
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.title == "关于调整中小学课后服务收费标准的通知" and doc.keywords == "收费"
    edit = [e for e in audit_entries_for(obj=doc) if e.action == "document.edit"]
    assert len(edit) == 1 and "title" in edit[0].data["fields"]
    detail = client.get(reverse("console:document", args=[doc.pk])).content.decode()
    assert "修改" in detail and "editor_a" in detail


def test_pending_and_published_documents_cannot_be_edited(editor_a, dept_a, make_doc, login):
    client = login(editor_a)
    for status in ("pending", "published"):
        doc = make_doc(dept_a, status)
        response = client.get(reverse("console:document_edit", args=[doc.pk]))
        assert response.status_code == 403
        response = client.post(reverse("console:document_edit", args=[doc.pk]), _form(title="改"))
        assert response.status_code == 403
        doc.refresh_from_db()
        assert doc.title != "改"


def test_list_filters_by_status_agency_and_title(make_user, city, dept_a, dept_b, make_doc, login):
    from gongkai.agencies.models import Role

    both = make_user("both", dept_a, Role.EDITOR)
    from gongkai.agencies.models import Membership

    Membership.objects.create(user=both, agency=dept_b, role=Role.EDITOR)
    make_doc(dept_a, title="教育草稿一号")
    make_doc(dept_a, "published", title="教育已发布二号")
    make_doc(dept_b, title="财政草稿三号")
    make_doc(city, title="市政府草稿四号")  # not one of the user's agencies
    client = login(both)

    def titles(**params):
        html = client.get(reverse("console:documents"), params).content.decode()
        return {t for t in ("教育草稿一号", "教育已发布二号", "财政草稿三号", "市政府草稿四号") if t in html}

    assert titles() == {"教育草稿一号", "教育已发布二号", "财政草稿三号"}
    assert titles(status="published") == {"教育已发布二号"}
    assert titles(agency=dept_b.pk) == {"财政草稿三号"}
    assert titles(q="草稿") == {"教育草稿一号", "财政草稿三号"}
    assert titles(agency=city.pk) == {"教育草稿一号", "教育已发布二号", "财政草稿三号"}  # ignored
    # htmx asks for the rows only
    partial = client.get(reverse("console:documents"), {"q": "三号"}, HTTP_HX_REQUEST="true").content.decode()
    assert "财政草稿三号" in partial and "<h1" not in partial


def test_list_paginates(editor_a, dept_a, make_doc, login):
    for i in range(32):
        make_doc(dept_a, title=f"分页测试文件{i:02d}")
    client = login(editor_a)
    first = client.get(reverse("console:documents")).content.decode()
    second = client.get(reverse("console:documents"), {"page": 2}).content.decode()
    assert "共 32 件" in first and "第 1 / 2 页" in first and "第 2 / 2 页" in second
    assert first.count("分页测试文件") == 30 and second.count("分页测试文件") == 2


def test_htmx_history_restore_gets_the_whole_page(editor_a, login):
    html = login(editor_a).get(reverse("console:documents"), HTTP_HX_REQUEST="true",
                               HTTP_HX_HISTORY_RESTORE_REQUEST="true").content.decode()
    assert "<h1>" in html


def test_title_pending_is_flagged_and_cleared_when_a_person_saves_the_title(editor_a, reviewer_a, dept_a,
                                                                          make_doc, login):
    """An imported file without a title: 标题待确认 in the list and on the page; publishing is refused
    until a person saves the title in the edit form."""
    doc = make_doc(dept_a, title="abc123", title_pending=True)
    client = login(editor_a)
    listing = client.get(reverse("console:documents")).content.decode()
    assert "abc123" in listing and "标题待确认" in listing
    detail = client.get(reverse("console:document", args=[doc.pk])).content.decode()
    assert "标题待确认" in detail and 'id="title-pending"' in detail
    form_html = client.get(reverse("console:document_edit", args=[doc.pk])).content.decode()
    assert "保存即视为已确认标题" in form_html
    client.post(reverse("console:document_transition", args=[doc.pk]), {"action": "submit"})
    reviewer = login(reviewer_a)
    refused = reviewer.post(reverse("console:document_transition", args=[doc.pk]), {"action": "publish"})
    assert refused.status_code == 400 and "标题待确认" in refused.content.decode()
    reviewer.post(reverse("console:document_transition", args=[doc.pk]), {"action": "return", "reason": "请核对标题"})
    client = login(editor_a)
    response = client.post(reverse("console:document_edit", args=[doc.pk]),
                           _form(title="关于做好全市中小学校园安全工作的通知"))
    assert response.status_code == 302
    doc.refresh_from_db()
    assert not doc.title_pending
    assert "标题待确认" not in client.get(reverse("console:documents")).content.decode()
