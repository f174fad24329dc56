"""公报 issues: contents in order (add, insert, move, remove), 标准文本 by kind or by hand, the workflow
with audit rows, the printed PDF, the public database (years, issue, search, editions, feeds, API)."""
import pytest

from gongkai.audit.models import AuditEntry
from gongkai.catalog.services import document_create, document_transition
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.gazette.models import IssueStatus
from gongkai.gazette.services import (article_add, article_move, article_remove, article_update, issue_create,
                                      issue_pdf_attach, issue_transition)

from .conftest import PDF, D


@pytest.fixture
def issue(city, office):
    return issue_create(agency=city, actor=office, year=2026, number=3, total_number=403, publish_date=D(2026, 3, 1))


def _order(issue, docs):
    return [docs.index(a.document) for a in issue.articles.order_by("position")]


@pytest.mark.django_db
def test_contents_keep_their_order(issue, office, docs):
    a = [article_add(issue=issue, actor=office, document=d) for d in docs[:3]]
    assert [x.position for x in a] == [1, 2, 3]
    assert [x.is_standard_text for x in a] == [True, True, False]  # 规章 and 规范性文件 are 标准文本
    article_add(issue=issue, actor=office, document=docs[3], position=2)
    assert _order(issue, docs) == [0, 3, 1, 2]
    article_move(article=a[2], actor=office, direction="up")
    assert _order(issue, docs) == [0, 3, 2, 1]
    with pytest.raises(UserFacingError, match="最前或最后"):
        article_move(article=a[0], actor=office, direction="up")
    article_remove(article=a[0], actor=office)
    assert list(issue.articles.order_by("position").values_list("position", flat=True)) == [1, 2, 3]
    assert article_update(article=a[2], actor=office, is_standard_text=True).is_standard_text
    with pytest.raises(UserFacingError, match="已在本期目录中"):
        article_add(issue=issue, actor=office, document=docs[1])


@pytest.mark.django_db
def test_numbers_are_unique_and_checked(issue, city, office):
    with pytest.raises(UserFacingError, match="第3期已存在"):
        issue_create(agency=city, actor=office, year=2026, number=3, total_number=999, publish_date=D(2026, 5, 1))
    with pytest.raises(UserFacingError, match="总第403期已存在"):
        issue_create(agency=city, actor=office, year=2026, number=4, total_number=403, publish_date=D(2026, 5, 1))
    with pytest.raises(UserFacingError, match="不在2026年"):
        issue_create(agency=city, actor=office, year=2026, number=5, total_number=405, publish_date=D(2025, 12, 1))


@pytest.mark.django_db
def test_workflow_rules_roles_and_audit(issue, office, editor_a, docs, city, document_factory):
    with pytest.raises(TransitionError, match="既无目录文件也无印刷版PDF"):
        issue_transition(issue=issue, action="publish", actor=office)
    draft = document_factory(city, "pending", title="示范市待审核的文件")
    article_add(issue=issue, actor=office, document=docs[0])
    article_add(issue=issue, actor=office, document=draft)
    with pytest.raises(TransitionError, match="尚未发布.*示范市待审核的文件"):
        issue_transition(issue=issue, action="publish", actor=office)
    document_transition(document=draft, action="publish", actor=None)
    with pytest.raises(PermissionDeniedError):
        issue_transition(issue=issue, action="publish", actor=editor_a)
    issue = issue_transition(issue=issue, action="publish", actor=office)
    assert issue.status == IssueStatus.PUBLISHED and issue.published_at
    with pytest.raises(TransitionError, match="不能再修改目录"):
        article_add(issue=issue, actor=office, document=docs[2])
    with pytest.raises(UserFacingError, match="请填写理由"):
        issue_transition(issue=issue, action="withdraw", actor=office)
    issue = issue_transition(issue=issue, action="withdraw", actor=office, reason="目录有误")
    issue = issue_transition(issue=issue, action="restore", actor=office)
    assert issue.status == IssueStatus.DRAFT
    trail = list(AuditEntry.objects.filter(action__in=["gazette.publish", "gazette.withdraw", "gazette.restore"])
                 .order_by("id").values_list("action", "from_state", "to_state"))
    assert trail == [("gazette.publish", "draft", "published"), ("gazette.withdraw", "published", "withdrawn"),
                     ("gazette.restore", "withdrawn", "draft")]


@pytest.mark.django_db
def test_only_own_documents_and_pdf_only(issue, office, make_user, document_factory):
    from gongkai.agencies.models import Agency

    other = Agency.objects.create(name="邻市人民政府", slug="other", kind=Agency.Kind.GOVERNMENT,
                                  level=Agency.Level.CITY)
    foreign = document_factory(other, "published", title="邻市的文件")
    with pytest.raises(UserFacingError, match="本机关及其所属部门"):
        article_add(issue=issue, actor=office, document=foreign)
    with pytest.raises(UserFacingError, match="不支持的文件类型"):
        issue_pdf_attach(issue=issue, actor=office, name="a.pdf", data=b"not a pdf at all")
    issue = issue_pdf_attach(issue=issue, actor=office, name="第3期.pdf", data=PDF)
    assert issue.pdf.name.endswith(".pdf") and not issue.pdf_generated
    issue = issue_transition(issue=issue, action="publish", actor=office)  # a printed-only issue may be published
    with pytest.raises(TransitionError, match="不能替换PDF"):
        issue_pdf_attach(issue=issue, actor=office, name="b.pdf", data=PDF)


@pytest.mark.django_db
def test_public_database(issue, office, docs, city, client_for):
    for d in docs[:3]:
        article_add(issue=issue, actor=office, document=d, section="市政府文件")
    issue_transition(issue=issue, action="publish", actor=office)
    hidden = issue_create(agency=city, actor=office, year=2025, number=1, total_number=380, publish_date=D(2025, 1, 5))
    article_add(issue=hidden, actor=office, document=docs[3])  # a draft issue is not in the database
    client = client_for()
    index = client.get("/zwgk/gb/").content.decode()
    assert "2026年（1期）" in index and "2025年" not in index
    assert client.get("/zwgk/gb/2025/").status_code == 404
    year = client.get("/zwgk/gb/2026/").content.decode()
    assert "第3期" in year and "403" in year
    page = client.get(f"/zwgk/gb/issue/{issue.pk}/").content.decode()
    assert page.index("示范市公共数据管理办法") < page.index("示范市教育局关于规范校外培训收费的通知")
    assert page.count("〔标准文本〕") == 2
    found = client.get(f"/zwgk/gb/issue/{issue.pk}/", {"q": "收费 公示"}).content.decode()
    assert "检索结果（1条）" in found
    assert "检索结果（0条）" in client.get("/zwgk/gb/", {"q": "道路名称"}).content.decode()  # only in the draft issue
    assert "检索结果（1条）" in client.get("/zwgk/gb/", {"q": "公共数据", "year": "2026"}).content.decode()
    assert client.get("/zwgk/gb/", {"year": "abc"}).status_code == 400
    edition = client.get(f"/zwgk/gb/issue/{issue.pk}/html/").content.decode()
    assert "第一条 为了规范公共数据管理" in edition and "示范市人民政府令第12号" in edition
    assert client.get(f"/zwgk/gb/issue/{issue.pk}/pdf/").status_code == 404
    assert client.get(f"/zwgk/gb/issue/{hidden.pk}/").status_code == 404
    atom = client.get("/zwgk/gb/atom.xml")
    assert atom.status_code == 200 and "2026年第3期（总第403期）" in atom.content.decode()
    assert "示范市公共数据管理办法" in client.get("/zwgk/gb/rss.xml").content.decode()
    api = client.get(f"/api/gazette/issue/{issue.pk}").json()
    assert [a["is_standard_text"] for a in api["articles"]] == [True, True, False]
    assert client.get("/api/gazette/years").json() == [{"year": 2026, "issues": 1}]
    assert len(client.get("/api/gazette/search", {"q": "校外培训"}).json()) == 1
    assert client.get(f"/api/gazette/issue/{hidden.pk}").status_code == 404
    site_map = client.get("/sitemap/").content.decode()
    assert 'href="/zwgk/gb/"' in site_map and 'href="/zwgk/bzml/"' in site_map


@pytest.mark.django_db
def test_staff_pages(issue, office, docs, editor_b, client_for):
    client = client_for(office)
    url = f"/console/gazette/{issue.pk}/action/"
    assert client.post(url, {"what": "add", "document": docs[0].index_no, "standard": ""}).status_code == 302
    assert client.post(url, {"what": "add", "document": str(docs[2].pk), "standard": "1"}).status_code == 302
    assert [a.is_standard_text for a in issue.articles.order_by("position")] == [True, True]
    bad = client.post(url, {"what": "add", "document": "无此索引号"})
    assert bad.status_code == 400 and "未找到该索引号的文件" in bad.content.decode()
    second = issue.articles.get(position=2)
    assert client.post(url, {"what": "up", "article": second.pk}).status_code == 302
    assert issue.articles.get(position=1).pk == second.pk
    assert client.post(url, {"action": "publish"}).status_code == 302
    assert client_for(editor_b).get(f"/console/gazette/{issue.pk}/").status_code == 404
    assert "2026年第3期" in client.get("/console/gazette/").content.decode()
