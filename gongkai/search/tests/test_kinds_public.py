"""数据集, 政府公报 issues and 机构概况 through the one index: found while public (also through the
public search page, with the kind facet and its Chinese label, the hit linking to the public page),
gone when withdrawn or deleted; a 不予开放 dataset is found by its catalog record only."""
import datetime as dt
import io

import pytest

from gongkai.agencies.models import Role
from gongkai.catalog.services import document_transition
from gongkai.columns.services import leader_add, profile_get_or_create, profile_transition, profile_update
from gongkai.gazette.services import article_add, issue_create, issue_transition
from gongkai.opendata.services import dataset_create, dataset_transition, resource_add
from gongkai.portal.tests.a11y import check_page
from gongkai.search.selectors import search_documents

from .conftest import publish

pytestmark = pytest.mark.django_db


def kinds(query, **kw):
    return [(h.kind, h.kind_label, h.url) for h in search_documents(query=query, per_page=50, **kw).hits]


def dataset(dept_a, editor_a, title, tier="open", resource="监测点位坐标表", **extra):
    values = {"summary": "全市萤火虫栖息地的监测点位与数量。", "topic": "environment", "keywords": "萤火虫、生态监测",
              "tier": tier, "frequency": "monthly", "contact_name": "数据科", "contact_phone": "0000-1",
              "tier_reason": "" if tier == "open" else "涉及国家秘密", **extra}
    d = dataset_create(agency=dept_a, actor=editor_a, title=title, **values)
    resource_add(dataset=d, actor=editor_a, name=resource, filename="points.pdf", source=io.BytesIO(b"%PDF-1.4\n%%EOF\n"))
    return d


def test_dataset_found_while_published(dept_a, editor_a, reviewer_a):
    d = dataset(dept_a, editor_a, "示范市萤火虫监测数据")
    assert search_documents(query="萤火虫监测").total == 0  # a draft is not public
    dataset_transition(dataset=d, action="publish", actor=reviewer_a)
    assert kinds("萤火虫监测数据") == [("dataset", "数据集", f"/sjkf/{d.pk}/")]
    for words in ("生态监测", "示范市教育局", "资源环境", "栖息地", "监测点位坐标表"):  # 关键字, 开放主体, 数据领域, 摘要, resource
        assert search_documents(query=words).total == 1, words
    dataset_transition(dataset=d, action="withdraw", actor=reviewer_a, reason="数据有误")
    assert search_documents(query="萤火虫监测数据").total == 0


def test_closed_dataset_found_by_its_record_only(dept_a, editor_a, reviewer_a):
    d = dataset(dept_a, editor_a, "示范市萤火虫保密点位数据", tier="closed", resource="保密坐标清单")
    dataset_transition(dataset=d, action="publish", actor=reviewer_a)
    r = search_documents(query="萤火虫保密点位")
    assert [(h.kind, h.url) for h in r.hits] == [("dataset", f"/sjkf/{d.pk}/")]
    assert "不予开放" in r.hits[0].snippet_html
    assert search_documents(query="保密坐标清单").total == 0  # what it holds is not searchable


def test_gazette_issue_found_by_numbers_and_contents(city, make_user):
    office = make_user("gz_office", city, Role.OFFICE)
    doc = publish(city, "示范市萤火虫保护办法", "<p>第一条 为了保护萤火虫，制定本办法。</p>", doc_no="示范市人民政府令第31号")
    issue = issue_create(agency=city, actor=office, year=2026, number=7, total_number=431, publish_date=dt.date(2026, 4, 1))
    article_add(issue=issue, actor=office, document=doc, section="市政府规章")
    assert search_documents(query="萤火虫保护办法").total == 1  # the document only: the issue is a draft
    issue_transition(issue=issue, action="publish", actor=office)
    r = search_documents(query="萤火虫保护办法")
    assert {(h.kind, h.url) for h in r.hits} == {("document", doc.get_absolute_url()),
                                                 ("gazette", f"/zwgk/gb/issue/{issue.pk}/")}
    hit = next(h for h in r.hits if h.kind == "gazette")
    assert hit.kind_label == "政府公报" and hit.title == "示范市人民政府公报 2026年第7期（总第431期）"
    assert search_documents(query='"总第431期"').total == 1
    assert search_documents(query="2026年 第7期", filters={"kind": "gazette"}).total == 1
    # A content document withdrawn leaves the issue's entry (the issue page no longer lists it).
    document_transition(document=doc, action="withdraw", actor=None, reason="测试")
    assert search_documents(query="萤火虫保护办法").total == 0
    assert search_documents(query="总第431期").total == 1
    issue_transition(issue=issue, action="withdraw", actor=office, reason="期次有误")
    assert search_documents(query="总第431期").total == 0


def published_profile(agency, editor, reviewer):
    profile = profile_get_or_create(agency=agency, actor=editor)
    profile_update(profile=profile, actor=editor, functions="负责全市萤火虫保护和教育工作。", structure="办公室\n萤火虫保护科",
                   address="文昌路18号", hours="工作日 8:30—17:30", phone="0000-12340100")
    leader_add(profile=profile, actor=editor, name="张某", post="局长", duties="主持全面工作。")
    profile_transition(profile=profile, action="submit", actor=editor)
    return profile_transition(profile=profile, action="publish", actor=reviewer)


def test_profile_found_from_its_published_copy(dept_a, editor_a, reviewer_a):
    profile = published_profile(dept_a, editor_a, reviewer_a)
    assert kinds("萤火虫保护科") == [("profile", "机构概况", f"/xxgk/jggk/{dept_a.slug}/")]
    for words in ("局长 张某", "0000-12340100", "文昌路18号"):  # 领导, 联系方式
        assert search_documents(query=words).total == 1, words
    profile_transition(profile=profile, action="revise", actor=editor_a)
    profile_update(profile=profile, actor=editor_a, structure="办公室\n蜻蜓保护科")
    assert search_documents(query="蜻蜓保护科").total == 0  # the working copy is not public
    assert search_documents(query="萤火虫保护科").total == 1  # the published copy still is
    dept_a.name = "示范市教育和体育局"
    dept_a.save()
    assert [h.title for h in search_documents(query="萤火虫保护科").hits] == ["示范市教育和体育局机构概况"]
    profile.delete()
    assert search_documents(query="萤火虫保护科").total == 0


def test_public_search_page_kind_facet(client, city, dept_a, editor_a, reviewer_a):
    publish(city, "关于萤火虫保护的通知", "<p>保护萤火虫。</p>", publish_date=dt.date(2025, 6, 1), validity="valid")
    d = dataset(dept_a, editor_a, "萤火虫保护监测数据", resource="points")
    dataset_transition(dataset=d, action="publish", actor=reviewer_a)
    published_profile(dept_a, editor_a, reviewer_a)
    r = search_documents(query="萤火虫保护")
    assert {v.value: (v.label, v.count) for v in r.facets["kind"]} == {
        "document": ("政府信息", 1), "dataset": ("数据集", 1), "profile": ("机构概况", 1)}
    assert r.facets["kind"][0].value == "document"
    html = client.get("/search/", {"q": "萤火虫保护"}).content.decode()
    check_page(html)
    assert "<h2>类别</h2>" in html
    for label in ("政府信息", "数据集", "机构概况"):
        assert f">{label}</a>" in html  # a facet value that chooses the kind
    assert f'href="/sjkf/{d.pk}/"' in html and f'href="/xxgk/jggk/{dept_a.slug}/"' in html
    chosen = client.get("/search/", {"q": "萤火虫保护", "kind": "dataset"}).content.decode()
    assert f'href="/sjkf/{d.pk}/"' in chosen and f'href="/xxgk/jggk/{dept_a.slug}/"' not in chosen
    assert '<li class="selected"><a href="?q=' in chosen
    assert client.get("/search/", {"q": "萤火虫保护", "kind": "nonsense"}).status_code == 200  # ignored
    api = client.get("/api/search/", {"q": "萤火虫保护", "kind": "profile"}).json()
    assert [h["kind"] for h in api["hits"]] == ["profile"] and api["filters"] == {"kind": "profile"}
    # A document facet chooses documents, and a 文号 pin does not override a chosen kind.
    assert search_documents(query="萤火虫保护", filters={"year": "2025"}).total == 1


def test_rebuild_includes_the_new_kinds(city, dept_a, editor_a, reviewer_a):
    import io as _io

    from django.core.management import call_command

    d = dataset(dept_a, editor_a, "萤火虫重建数据", resource="points")
    dataset_transition(dataset=d, action="publish", actor=reviewer_a)
    published_profile(dept_a, editor_a, reviewer_a)
    call_command("reindex", stdout=_io.StringIO(), stderr=_io.StringIO())
    assert {h.kind for h in search_documents(query="萤火虫").hits} == {"dataset", "profile"}


def test_search_command_lists_every_kind(dept_a, editor_a, reviewer_a):
    import json

    from django.core.management import call_command

    d = dataset(dept_a, editor_a, "萤火虫命令行数据", resource="points")
    dataset_transition(dataset=d, action="publish", actor=reviewer_a)
    published_profile(dept_a, editor_a, reviewer_a)
    out = io.StringIO()
    call_command("search", "萤火虫", "--json", stdout=out)
    hits = json.loads(out.getvalue())
    assert {(h["kind"], h["url"]) for h in hits} == {("dataset", f"/sjkf/{d.pk}/"),
                                                     ("profile", f"/xxgk/jggk/{dept_a.slug}/")}
    assert all(h["index_no"] is None for h in hits)
    out = io.StringIO()
    call_command("search", "萤火虫", "--kind", "profile", stdout=out)
    assert "[机构概况] 示范市教育局机构概况" in out.getvalue() and "萤火虫命令行数据" not in out.getvalue()
