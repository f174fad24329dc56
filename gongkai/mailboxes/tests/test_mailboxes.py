"""留言 on the clock: deadlines on the working-day calendar (Beijing days), routing, reply review,
rating that reopens once, public pages without personal data, monthly statistics."""
import datetime as dt

import pytest
import time_machine

from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.mailboxes.models import Mailbox, MessageStatus, Rating
from gongkai.mailboxes.selectors import message_similar_answered, message_track, overdue_messages
from gongkai.mailboxes.services import message_submit, message_transition
from gongkai.mailboxes.stats import month_stats, stats_publish

D = dt.date


def at(y, m, d, h=2, minute=0):  # UTC; +8 h is the Beijing time
    return dt.datetime(y, m, d, h, minute, tzinfo=dt.timezone.utc)


@pytest.fixture
def box(city):
    return Mailbox.objects.create(agency=city, name="市长信箱", slug="mayor", kind="leader", accept_workdays=2,
                                  reply_workdays=10, reply_workdays_by_type={"consult": 5})


def _submit(box, **kw):
    fields = {"type": "complain", "title": "小区噪音扰民", "body": "我住在人民路8号，电话13800001111，夜间施工噪音很大。",
              "name": "孙八", "phone": "13800001111"}
    fields.update(kw)
    return message_submit(mailbox=box, **fields)


@pytest.mark.django_db
def test_deadlines_count_beijing_days_and_holidays(box, office_city):
    # 2026-09-30 17:30 UTC is 10-01 01:30 in Beijing: received on the National Day holiday.
    with time_machine.travel(at(2026, 9, 30, 17, 30)):
        m, code = _submit(box)
    assert m.accept_due == D(2026, 10, 9)  # working days 10-08, 10-09
    with time_machine.travel(at(2026, 10, 8)):
        m = message_transition(message=m, action="accept", actor=office_city)
    # 10 working days after 10-08: 09, Saturday 10 (调休上班), 12..16, 19, 20, 21.
    assert m.reply_due == D(2026, 10, 21)
    with time_machine.travel(at(2026, 10, 12)):
        m = message_transition(message=m, action="extend", actor=office_city, workdays=5, reason="需现场核查")
    assert m.reply_due == D(2026, 10, 28)  # five more: 22, 23, 26, 27, 28
    consult, _c = _submit(box, type="consult", title="咨询", body="公积金怎么提取？")
    assert consult.accept_due is not None and consult.reply_due is None
    assert list(overdue_messages(today=D(2026, 10, 28))) == []
    assert list(overdue_messages(today=D(2026, 10, 29))) == [m]


@pytest.mark.django_db
def test_routing_reply_review_and_rating_reopens_once(box, city, dept_a, office_city, editor_a, editor_b):
    with time_machine.travel(at(2026, 3, 2)):
        m, code = _submit(box)
        with pytest.raises(PermissionDeniedError):
            message_transition(message=m, action="accept", actor=editor_b)
        m = message_transition(message=m, action="accept", actor=office_city)
        with pytest.raises(PermissionDeniedError):
            message_transition(message=m, action="assign", actor=editor_a, to_agency=dept_a)
        m = message_transition(message=m, action="assign", actor=office_city, to_agency=dept_a, reason="属教育局职责")
        assert m.handler == dept_a
        with pytest.raises(UserFacingError, match="理由"):
            message_transition(message=m, action="return", actor=editor_a)
        with pytest.raises(UserFacingError, match="答复内容"):
            message_transition(message=m, action="reply", actor=editor_a, reply=" ")
        m = message_transition(message=m, action="reply", actor=editor_a,
                               reply="孙八您好，经核查已责令施工单位22时后停工。联系电话13800001111已登记。")
    assert m.status == MessageStatus.REPLIED and m.is_public
    assert "13800001111" not in m.reply_public and "13800001111" not in m.body_public
    with pytest.raises(PermissionDeniedError):
        message_transition(message=m, action="rate", actor=None, code="WRONG", rating=Rating.SATISFIED)
    m = message_transition(message=m, action="rate", actor=None, code=code, rating=Rating.UNSATISFIED,
                           reason="噪音仍在")
    assert m.status == MessageStatus.ACCEPTED and m.reopened
    m = message_transition(message=m, action="reply", actor=editor_a, reply="已再次督促，并安排夜间巡查。")
    m = message_transition(message=m, action="rate", actor=None, code=code, rating=Rating.UNSATISFIED)
    assert m.status == MessageStatus.CLOSED  # reopened once only
    assert message_track(number=m.number.lower(), code=code) == m
    with pytest.raises(TransitionError):
        message_transition(message=m, action="reply", actor=editor_a, reply="x")


@pytest.mark.django_db
def test_reject_needs_a_listed_reason(box, office_city):
    m, _code = _submit(box)
    with pytest.raises(UserFacingError):
        message_transition(message=m, action="reject", actor=office_city, reject_reason="because")
    m = message_transition(message=m, action="reject", actor=office_city, reject_reason="petition")
    assert m.status == MessageStatus.REJECTED and not m.is_public


@pytest.mark.django_db
def test_month_stats_and_publication(box, office_city, admin_user):
    with time_machine.travel(at(2026, 3, 2)):
        m1, c1 = _submit(box)
        m2, _c2 = _submit(box, title="路灯不亮", body="文昌路路灯坏了。")
        m1 = message_transition(message=m1, action="accept", actor=office_city)
        m1 = message_transition(message=m1, action="reply", actor=office_city, reply="已协调施工单位整改。")
        message_transition(message=m1, action="rate", actor=None, code=c1, rating=Rating.BASIC)
    with time_machine.travel(at(2026, 2, 28, 17)):  # 03-01 01:00 Beijing: counts in March
        _submit(box, title="三月一日的留言", body="内容")
    stats = month_stats(month="2026-03")
    total = stats["total"]
    assert (total.received, total.replied, total.on_time, total.satisfaction) == (3, 1, 1, 100.0)
    assert total.average_workdays == 0
    document = stats_publish(agency=box.agency, month="2026-03", actor=office_city)
    assert document.title == "示范市人民政府2026年3月网上留言办理情况统计" and "市长信箱" in document.body_html
    assert message_similar_answered(title="小区噪音扰民", body="夜间施工噪音很大") == [m1]
    assert message_similar_answered(title="公积金提取", body="需要哪些材料？") == []
    with pytest.raises(PermissionDeniedError):
        message_transition(message=m2, action="accept", actor=office_city, on=D(2026, 3, 3))


@pytest.mark.django_db
def test_public_pages_write_track_and_rate(client, box, office_city, monkeypatch):
    from gongkai.core import challenge

    monkeypatch.setattr(challenge, "challenge_verify", lambda **kwargs: "")
    response = client.post("/hdjl/ly/mayor/write/", {"type": "suggest", "title": "建议增设公交站", "body": "建议在青石街增设公交站。",
                                                     "name": "周九", "wants_public": "1"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    import re

    number = re.search(r'class="tracking-no">([^<]+)<', page).group(1)
    code = re.search(r'class="query-code">([^<]+)<', page).group(1)
    page = client.post("/hdjl/ly/track/", {"number": number, "code": code}).content.decode()
    assert "待受理" in page and "建议增设公交站" in page
    assert "答复内容" not in client.post("/hdjl/ly/track/", {"number": number, "code": "XXXX"}).content.decode()
    from gongkai.mailboxes.models import Message

    m = Message.objects.get(number=number)
    m = message_transition(message=m, action="accept", actor=office_city)
    message_transition(message=m, action="reply", actor=office_city, reply="感谢建议，已转交交通部门研究。")
    page = client.get("/hdjl/ly/").content.decode()
    assert "建议增设公交站" in page and "周**" in page
    page = client.post("/hdjl/ly/track/", {"number": number, "code": code, "rating": "satisfied"}).content.decode()
    m.refresh_from_db()
    assert m.status == MessageStatus.CLOSED and m.rating == "satisfied" and "满意" in page
    assert client.get("/hdjl/ly/stats/?month=2026-99").status_code == 200
    # The replied public message is on the front page and 互动交流 (gongkai.portal.blocks).
    for url in ("/", "/hdjl/"):
        page = client.get(url).content.decode()
        assert "留言回复" in page and f'href="/hdjl/ly/mayor/{m.number}/"' in page


@pytest.mark.django_db
def test_stats_page_opens_on_the_last_complete_month(client, box, office_city):
    with time_machine.travel(at(2026, 3, 2)):
        _submit(box, title="三月的留言", body="内容")
    with time_machine.travel(at(2026, 4, 8)):
        _submit(box, title="四月的留言", body="内容")
        page = client.get("/hdjl/ly/stats/").content.decode()
        assert 'value="2026-03"' in page and 'href="?month=2026-03" aria-current="page"' in page
        assert 'value="2026-04"' in client.get("/hdjl/ly/stats/?month=2026-04").content.decode()
        # a malformed month falls back to the last complete one, with the page shown
        assert 'value="2026-03"' in client.get("/hdjl/ly/stats/?month=2026-99").content.decode()


@pytest.mark.django_db
def test_api_masks_and_scopes(client, client_for, box, office_city, editor_b):
    with time_machine.travel(at(2026, 3, 2)):
        m, _code = _submit(box)
        m = message_transition(message=m, action="accept", actor=office_city)
        message_transition(message=m, action="reply", actor=office_city, reply="已处理。")
    public = client.get("/api/mailboxes/messages").json()
    assert len(public) == 1 and "13800001111" not in str(public) and public[0]["name"] == "孙**"
    stats = client.get("/api/mailboxes/stats?month=2026-03").json()
    assert stats["total"]["received"] == 1 and stats["total"]["replied"] == 1
    assert client.get("/api/mailboxes/stats?month=2026-13").status_code == 422
    assert client.get("/api/mailboxes/staff/messages").status_code == 401
    assert client_for(editor_b).get("/api/mailboxes/staff/messages").json() == []
    assert len(client_for(office_city).get("/api/mailboxes/staff/messages").json()) == 1


@pytest.mark.django_db
def test_write_form_needs_the_proof_of_work(client, box):
    import html
    import re
    import time

    from gongkai.core.challenge import challenge_solve
    from gongkai.mailboxes.models import Message

    page = client.get("/hdjl/ly/mayor/write/").content.decode()
    challenge = html.unescape(re.search(r'<altcha-widget challenge="([^"]+)"', page).group(1))
    data = {"type": "consult", "title": "咨询公交线路", "body": "请问3路公交何时恢复？", "wants_public": "1", "website": ""}
    with time_machine.travel(time.time() + 10, tick=False):
        assert client.post("/hdjl/ly/mayor/write/", data).status_code == 200  # no proof of work
        assert Message.objects.count() == 0
        response = client.post("/hdjl/ly/mayor/write/", {**data, "altcha": challenge_solve(challenge)})
    assert response.status_code == 302 and Message.objects.count() == 1


@pytest.mark.django_db
def test_console_home_shows_overdue_messages(client_for, box, office_city):
    with time_machine.travel(at(2026, 3, 2)):
        _submit(box)
    with time_machine.travel(at(2026, 3, 10)):
        page = client_for(office_city).get("/console/").content.decode()
    assert "超过受理或答复期限的留言：1 条" in page
