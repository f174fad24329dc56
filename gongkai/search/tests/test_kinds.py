"""Everything public through one index: 意见征集, public replied 留言, 办事指南 and 政务新媒体 accounts are
found by the site search beside documents, shown with their kind, and leave it when they stop being
public. The apps' post_save receivers log each change (registry.py); the facets stay documents'."""
import datetime as dt

import pytest

from gongkai.consultations.models import Consultation
from gongkai.guides.services import guide_create, guide_material_add, guide_transition
from gongkai.guides.tests.test_completeness import COMPLETE
from gongkai.mailboxes.models import Mailbox, Message
from gongkai.newmedia.models import Account
from gongkai.search.selectors import search_documents

from .conftest import publish


def kinds(query, **kw):
    return [(h.kind, h.title, h.url) for h in search_documents(query=query, per_page=50, **kw).hits]


@pytest.mark.django_db
def test_consultation_found_while_published(city):
    c = Consultation.objects.create(agency=city, title="示范市萤火虫栖息地保护办法（征求意见稿）", kind="规章",
                                    draft_text="第一条 为了保护萤火虫栖息地，制定本办法。", start_date=dt.date(2026, 1, 5),
                                    end_date=dt.date(2026, 2, 5), status="draft")
    assert search_documents(query="萤火虫").total == 0  # a draft is not public
    c.status = "published"
    c.save()
    assert kinds("萤火虫栖息地") == [("consultation", c.title, f"/hdjl/yjzj/{c.pk}/")]
    r = search_documents(query="萤火虫")
    assert r.hits[0].kind_label == "意见征集" and "<mark>萤火虫</mark>" in r.hits[0].snippet_html
    assert search_documents(query='"保护萤火虫栖息地"').total == 1  # phrases hold for every kind
    c.status = "withdrawn"
    c.save()
    assert search_documents(query="萤火虫").total == 0


@pytest.mark.django_db
def test_message_found_only_when_replied_and_public(city):
    box = Mailbox.objects.create(agency=city, name="市长信箱", slug="mayor", kind="leader")
    m = Message.objects.create(mailbox=box, number="L20260001", query_code_hash="x", type="consult",
                               title="萤火虫公园开放时间", body="我叫张三，电话13800001111，想问萤火虫公园几点开门。",
                               body_public="想问萤火虫公园几点开门。", handler=city, status="submitted")
    assert search_documents(query="萤火虫公园").total == 0
    m.status, m.reply_public, m.is_public = "replied", "萤火虫公园每日十八时开放。", True
    m.save()
    r = search_documents(query="萤火虫公园")
    assert [(h.kind, h.title) for h in r.hits] == [("message", "萤火虫公园开放时间")]
    assert search_documents(query="十八时").total == 1  # the reply is searchable
    assert search_documents(query="13800001111").total == 0  # the private text never is
    assert search_documents(query="张三").total == 0
    m.is_public = False
    m.save()
    assert search_documents(query="萤火虫公园").total == 0


@pytest.mark.django_db
def test_guide_found_and_leaves_when_withdrawn(dept_a, editor_a, reviewer_a):
    guide = guide_create(agency=dept_a, actor=editor_a, **(COMPLETE | {"name": "萤火虫观测许可"}))
    guide_material_add(guide=guide, actor=editor_a, name="身份证")
    guide_transition(guide=guide, action="submit", actor=editor_a)
    assert search_documents(query="萤火虫观测").total == 0
    guide = guide_transition(guide=guide, action="publish", actor=reviewer_a)
    r = search_documents(query="萤火虫观测许可")
    assert [(h.kind, h.url) for h in r.hits] == [("guide", f"/bsfw/zn/{guide.pk}/")]
    assert r.hits[0].kind_label == "办事指南" and r.hits[0].document is None
    guide_transition(guide=guide, action="withdraw", actor=reviewer_a, reason="调整")
    assert search_documents(query="萤火虫观测许可").total == 0


@pytest.mark.django_db
def test_newmedia_account_found_without_operator(city):
    a = Account.objects.create(agency=city, platform="wechat", name="萤火虫发布", account_id="yinghuochong",
                               operator_name="李四", operator_phone="13900002222", status="opened")
    r = search_documents(query="萤火虫发布")
    assert [(h.kind, h.kind_label) for h in r.hits] == [("newmedia", "政务新媒体")]
    assert search_documents(query="李四").total == 0 and search_documents(query="13900002222").total == 0
    a.status = "closed"
    a.save()
    assert search_documents(query="萤火虫发布").total == 0


@pytest.mark.django_db
def test_kinds_beside_documents_facets_stay_documents(city, client):
    doc = publish(city, "关于萤火虫保护的通知", "<p>保护萤火虫。</p>", publish_date=dt.date(2025, 6, 1), validity="valid")
    Account.objects.create(agency=city, platform="weibo", name="萤火虫保护", account_id="yhc", operator_name="王五",
                           operator_phone="1", status="opened", opened_date=dt.date(2026, 1, 1))
    r = search_documents(query="萤火虫保护")
    assert r.total == 2 and {h.kind for h in r.hits} == {"document", "newmedia"}
    assert {v.value: v.count for v in r.facets["agency"]} == {city.pk: 1}  # documents only
    assert {v.value: v.count for v in r.facets["year"]} == {2025: 1}
    filtered = search_documents(query="萤火虫保护", filters={"year": "2025"})
    assert [h.document.pk for h in filtered.hits] == [doc.pk]  # a facet chooses documents
    dated = search_documents(query="萤火虫保护", sort="date")
    assert [h.kind for h in dated.hits] == ["newmedia", "document"]  # 2026-01-01 before 2025-06-01
    html = client.get("/search/", {"q": "萤火虫保护"}).content.decode()
    assert "政务新媒体" in html and "政府信息" in html and 'href="/zwgk/xmt/"' in html
    data = r.to_dict()["hits"]
    assert {h["kind"] for h in data} == {"document", "newmedia"}


@pytest.mark.django_db
def test_rebuild_includes_every_kind(city):
    from django.core.management import call_command
    import io

    Account.objects.create(agency=city, platform="wechat", name="萤火虫发布", account_id="y1", operator_name="x",
                           operator_phone="1", status="opened")
    call_command("reindex", stdout=io.StringIO(), stderr=io.StringIO())
    assert search_documents(query="萤火虫发布").total == 1
