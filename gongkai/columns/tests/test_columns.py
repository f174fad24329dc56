"""Column queries: counts on hand-made documents, agency and level narrowing, the administrator's
edits (audited), the public pages, feeds and API."""

import pytest

from gongkai.agencies.models import Agency, Role
from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Subject
from gongkai.columns.models import Column, ColumnLevel
from gongkai.columns.selectors import column_count, column_documents, columns_grouped
from gongkai.columns.services import column_update, columns_defaults_ensure
from gongkai.columns.statute import DEFAULT_COLUMNS
from gongkai.core.errors import UserFacingError
from gongkai.portal.tests.a11y import check_page


@pytest.fixture
def subjects(db):
    top = Subject.objects.create(name="科技、教育测试", sort_order=900)
    edu = Subject.objects.create(name="教育测试", parent=top, sort_order=901)
    other = Subject.objects.create(name="其他测试", sort_order=902)
    return top, edu, other


@pytest.fixture
def township(city):
    county = Agency.objects.create(name="示范县人民政府", slug="county", kind=Agency.Kind.GOVERNMENT,
                                   level=Agency.Level.COUNTY, parent=city)
    return Agency.objects.create(name="青石镇人民政府", slug="qingshi", kind=Agency.Kind.GOVERNMENT,
                                 level=Agency.Level.TOWNSHIP, parent=county)


@pytest.fixture
def docs(document_factory, dept_a, dept_b, subjects, township):
    top, edu, other = subjects
    return {
        "normative": document_factory(dept_a, "published", title="示范市学生资助管理办法", category="normative",
                                      genre="办法"),
        "edu_subject": document_factory(dept_a, "published", title="关于做好秋季开学工作的通知", subject=edu,
                                        category="policy", genre="通知"),
        "top_subject": document_factory(dept_b, "published", title="年度工作安排", subject=top, category="work"),
        "keyword_title": document_factory(dept_b, "published", title="2025年部门预算公开说明", category="notice"),
        "keyword_kw": document_factory(dept_b, "published", title="有关事项的说明", keywords="决算", category="notice"),
        "draft": document_factory(dept_a, "draft", title="示范市学籍管理办法", category="normative"),
        "on_request": document_factory(dept_a, "published", title="内部办法", category="normative",
                                       disclosure="on_request"),
        "withdrawn": document_factory(dept_a, "withdrawn", title="已撤回的办法", category="normative"),
        "town": document_factory(township, "published", title="青石镇宅基地审批公示", category="notice"),
        "other": document_factory(dept_b, "published", title="无关信息", subject=other, category="work"),
    }


def make_column(slug, **fields):
    subjects = fields.pop("subjects", [])
    column = Column.objects.create(slug=slug, name=fields.pop("name", slug), **fields)
    column.subjects.set(subjects)
    return column


def test_counts_follow_each_criterion(docs, subjects, dept_a, dept_b):
    top, edu, _other = subjects
    by_category = make_column("t-cat", categories=["normative", "regulation"])
    by_subject = make_column("t-subj", subjects=[top])  # the top category counts its children too
    by_child = make_column("t-child", subjects=[edu])
    by_word = make_column("t-word", keywords=["预算", "决算"])  # title or 主题词
    mixed = make_column("t-mix", categories=["normative"], keywords=["预算"])
    narrowed = make_column("t-genre", categories=["normative", "policy"], subjects=[edu], genres=["通知"])
    empty = make_column("t-empty")
    # draft, 依申请公开 and withdrawn documents never count.
    assert column_count(column=by_category) == 1
    assert [d.pk for d in column_documents(column=by_subject)] == sorted(
        [docs["edu_subject"].pk, docs["top_subject"].pk], reverse=True)
    assert column_count(column=by_child) == 1
    assert {d.pk for d in column_documents(column=by_word)} == {docs["keyword_title"].pk, docs["keyword_kw"].pk}
    assert column_count(column=mixed) == 2
    assert [d.pk for d in column_documents(column=narrowed)] == [docs["edu_subject"].pk]
    assert column_count(column=empty) == 0
    # Narrowed to one agency's subtree.
    assert column_count(column=by_word, agency=dept_a) == 0
    assert column_count(column=by_subject, agency=dept_b) == 1


def test_level_columns_take_only_that_level(docs, township):
    town_col = make_column("t-town", keywords=["宅基地", "预算"], level=ColumnLevel.TOWNSHIP)
    county_col = make_column("t-county", keywords=["宅基地", "预算"], level=ColumnLevel.COUNTY)
    assert [d.pk for d in column_documents(column=town_col)] == [docs["town"].pk]
    assert column_count(column=county_col) == 1  # the city department's 预算, not the township's 宅基地


def test_guides_and_profiles_count_in_their_columns(db, dept_a):
    from gongkai.columns.services import leader_add, profile_get_or_create, profile_transition, profile_update
    from gongkai.guides.models import GuideStatus, ServiceGuide

    ServiceGuide.objects.create(agency=dept_a, name="学生转学", status=GuideStatus.PUBLISHED)
    ServiceGuide.objects.create(agency=dept_a, name="草稿事项", status=GuideStatus.DRAFT)
    guides = make_column("t-guides", keywords=["行政许可"], include_guides=True)
    profiles = make_column("t-profiles", include_profiles=True)
    assert column_count(column=guides) == 1
    assert column_count(column=profiles) == 0
    profile = profile_get_or_create(agency=dept_a, actor=None)
    profile_update(profile=profile, actor=None, functions="职能", structure="办公室", address="地址", hours="工作日",
                   phone="0000-1")
    leader_add(profile=profile, actor=None, name="张某", post="局长")
    profile_transition(profile=profile, action="submit", actor=None)
    profile_transition(profile=profile, action="publish", actor=None)
    assert column_count(column=profiles) == 1


def test_statute_columns_exist_after_migrate_and_third_level_shows_where_governments_exist(db, city, township):
    assert Column.objects.count() == len(DEFAULT_COLUMNS)  # the data migration (conftest runs it again after a flush)
    assert columns_defaults_ensure() == 0
    Column.objects.filter(slug="qtxx").delete()
    assert columns_defaults_ensure() == 1 and Column.objects.get(slug="qtxx").categories == ["other"]
    assert Column.objects.get(slug="fgwj").basis == "条例第二十条第（一）项"
    headings = [h for h, _cols in columns_grouped()]
    assert headings == ["各级行政机关", "设区的市级、县级人民政府及其部门", "乡（镇）人民政府"]
    township.delete()
    Agency.objects.filter(slug="county").delete()
    assert [h for h, _cols in columns_grouped()] == ["各级行政机关", "设区的市级、县级人民政府及其部门"]


def test_only_the_administrator_edits_columns_and_it_is_audited(db, city, editor_a, make_user):
    column = Column.objects.get(slug="tjxx")
    with pytest.raises(UserFacingError):
        column_update(column=column, actor=editor_a, keywords="统计公报")
    admin = make_user("city_admin", city, Role.ADMIN)
    column_update(column=column, actor=admin, keywords="统计公报、统计年鉴", genres=["公报"])
    column.refresh_from_db()
    assert column.keywords == ["统计公报", "统计年鉴"] and column.genres == ["公报"]
    entry = AuditEntry.objects.get(action="column.edit")
    assert entry.data["changed"]["keywords"]["to"] == ["统计公报", "统计年鉴"]
    with pytest.raises(UserFacingError, match="未知的文种"):
        column_update(column=column, actor=admin, genres=["诗歌"])


def test_console_column_edit(client_for, city, make_user, editor_a):
    column = Column.objects.get(slug="cfqz")
    assert client_for(editor_a).get(f"/console/columns/{column.pk}/").status_code == 403
    admin = make_user("city_admin", city, Role.ADMIN)
    client = client_for(admin)
    assert client.get("/console/columns/").status_code == 200
    response = client.post(f"/console/columns/{column.pk}/", {
        "name": "行政处罚、行政强制", "basis": column.basis, "level": "all", "sort_order": 60, "active": "on",
        "keywords": "处罚决定，强制措施", "categories": ["notice"]})
    assert response.status_code == 302
    column.refresh_from_db()
    assert column.keywords == ["处罚决定", "强制措施"] and column.categories == ["notice"]


def test_public_pages_feeds_and_api(client, docs, dept_a):
    column = make_column("t-pub", name="测试栏目", categories=["normative"], basis="条例第二十条第（一）项")
    index = client.get("/xxgk/fdzdgknr/lm/")
    assert index.status_code == 200 and "测试栏目" in index.content.decode()
    check_page(index.content.decode())
    page = client.get("/xxgk/fdzdgknr/lm/t-pub/")
    html = page.content.decode()
    assert docs["normative"].title in html and "本栏目共 1 条" in html and docs["draft"].title not in html
    check_page(html)
    assert client.get("/xxgk/fdzdgknr/lm/t-pub/?agency=nope").status_code == 404
    for kind in ("rss", "atom"):
        feed = client.get(f"/xxgk/fdzdgknr/lm/t-pub/{kind}/")
        assert feed.status_code == 200 and docs["normative"].title in feed.content.decode()
    rows = client.get("/api/columns/").json()
    assert {"slug": "t-pub", "count": 1}.items() <= next(r for r in rows if r["slug"] == "t-pub").items()
    detail = client.get("/api/columns/c/t-pub").json()
    assert [i["id"] for i in detail["items"]] == [docs["normative"].pk]
    column.active = False
    column.save()
    assert client.get("/xxgk/fdzdgknr/lm/t-pub/").status_code == 404


def test_portal_pages_show_the_statute_columns_and_old_urls_work(client, docs):
    xxgk = client.get("/xxgk/").content.decode()
    assert "行政法规、规章和规范性文件" in xxgk and "/xxgk/fdzdgknr/lm/fgwj/" in xxgk
    catalog = client.get("/xxgk/fdzdgknr/?category=normative")
    assert catalog.status_code == 200 and docs["normative"].title in catalog.content.decode()
    assert "/xxgk/fdzdgknr/lm/fgwj/" in catalog.content.decode()
    check_page(catalog.content.decode())
    assert "/xxgk/fdzdgknr/lm/" in client.get("/sitemap/").content.decode()
