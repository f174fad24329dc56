import datetime as dt

import pytest

from gongkai.catalog.services import document_transition
from gongkai.proposals.models import Proposal
from gongkai.proposals.services import proposal_transition

from .conftest import at


@pytest.fixture
def published(make_proposal, editor_a, reviewer_a):
    p = make_proposal("8", proposer_contact="13812345678")
    with at(dt.date(2024, 4, 1)):
        p = proposal_transition(proposal=p, action="reply", actor=editor_a, category="A",
                                reply_text="已采纳。请联系13812345678。")
        p = proposal_transition(proposal=p, action="publish", actor=editor_a)
        document_transition(document=p.document, action="publish", actor=reviewer_a)
    make_proposal("9")  # not published
    return Proposal.objects.get(pk=p.pk)


@pytest.mark.django_db
def test_public_list_and_api_show_only_published_replies(published, client):
    page = client.get("/zwgk/jyta/").content.decode()
    assert "关于第8件事的建议" in page and "关于第9件事的建议" not in page
    assert published.document.get_absolute_url() in page
    doc_page = client.get(published.document.get_absolute_url()).content.decode()
    assert "13812345678" not in doc_page and "138****5678" in doc_page
    assert 'href="/zwgk/jyta/"' in client.get("/sitemap/").content.decode()
    data = client.get("/api/proposals/replies?year=2024").json()
    assert [d["number"] for d in data] == ["8"] and data[0]["category"] == "A"


@pytest.mark.django_db
def test_staff_pages_create_reply_and_scope(office_city, editor_a, editor_b, dept_a, client_for):
    office = client_for(office_city)
    with at(dt.date(2024, 4, 1)):
        r = office.post("/console/proposals/", {"kind": "motion", "session": "市政协十四届三次会议", "number": "12",
                                                "title": "关于加强社区养老的提案", "proposer": "周丽",
                                                "lead": dept_a.pk, "assigned_date": "2024-03-20"})
        assert r.status_code == 302
        p = Proposal.objects.get(number="12")
        assert p.due_date == dt.date(2024, 6, 20)
        assert client_for(editor_b).get(f"/console/proposals/{p.pk}/").status_code == 404
        ed = client_for(editor_a)
        assert "关于加强社区养老的提案" in ed.get("/console/proposals/").content.decode()
        r = ed.post(f"/console/proposals/{p.pk}/", {"action": "reply", "category": "A", "reply_date": "2024-04-01",
                                                    "reply_text": "已采纳。"})
        assert r.status_code == 302
        r = ed.post(f"/console/proposals/{p.pk}/", {"action": "return", "reason": "x"})  # office only
        assert r.status_code == 400 and "只有主办单位" in r.content.decode()
    p.refresh_from_db()
    assert p.status == "replied"


@pytest.mark.django_db
def test_evaluator_reads_a_proposal_but_cannot_reply(make_proposal, make_user, city, client_for):
    from gongkai.agencies.models import Role

    evaluator = make_user("eval", city, Role.EVALUATOR)
    p = make_proposal("30")
    c = client_for(evaluator)
    page = c.get(f"/console/proposals/{p.pk}/").content.decode()
    assert "关于第30件事的建议" in page and 'value="reply"' not in page
    with at(dt.date(2024, 4, 1)):
        r = c.post(f"/console/proposals/{p.pk}/", {"action": "reply", "category": "A", "reply_date": "2024-04-01",
                                                   "reply_text": "已采纳。"})
    assert r.status_code == 400
    p.refresh_from_db()
    assert p.status == "assigned"


@pytest.mark.django_db
def test_staff_list_pages_by_100(make_proposal, office_city, client_for):
    for i in range(101):
        make_proposal(str(1000 + i))
    c = client_for(office_city)
    import re

    rows = re.compile(r'href="/console/proposals/\d+/"')
    first = c.get("/console/proposals/").content.decode()
    assert len(rows.findall(first)) == 100 and "page=2" in first
    second = c.get("/console/proposals/?page=2").content.decode()
    assert len(rows.findall(second)) == 1 and "page=1" in second and "page=3" not in second


@pytest.mark.django_db
def test_staff_list_shows_the_yearly_summary_per_unit(make_proposal, office_city, dept_a, client_for):
    """The 办理情况统计 table on the console list has a row per 主办单位 and kind with its counts (the
    list's own rows once shadowed it, leaving only the kinds and the totals)."""
    for i in range(3):
        make_proposal(str(200 + i))
    make_proposal("300", kind="motion")
    page = client_for(office_city).get("/console/proposals/?year=2024").content.decode()
    table = page[page.index("<th scope=\"col\">A类</th>"):]
    table = table[:table.index("</table>")]
    assert f"<td>{dept_a.name}</td><td>人大代表建议</td><td>3</td>" in table
    assert f"<td>{dept_a.name}</td><td>政协委员提案</td><td>1</td>" in table
    assert "<th scope=\"row\">合计</th><td></td><td>4</td>" in table
