"""The staff console of 回应关切: scoping and roles, the first-response deadline (met, late, overdue) with
frozen time, the status through concern_transition with its audit rows, the pages and the public API."""
import datetime as dt

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.concerns.models import Concern, ConcernStatus, DeadlineState, Level, LinkKind
from gongkai.concerns.selectors import concerns_for_user
from gongkai.concerns.services import (concern_create, concern_link_response, concern_transition, concern_unlink,
                                       concern_update)
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.portal.tests.a11y import check_page

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 7, 1, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


def _published(document_factory, agency, at, **fields):
    """A document published (through the catalog's services) at the frozen time `at`."""
    with time_machine.travel(at, tick=False):
        return document_factory(agency, status="published", **fields)


def _actions(concern):
    return list(AuditEntry.objects.filter(object_type="concerns.concern", object_id=str(concern.pk))
                .values_list("action", "from_state", "to_state"))


@pytest.mark.django_db
def test_deadline_pending_overdue_then_late_or_met_with_frozen_time(client_for, dept_a, editor_a, document_factory):
    major = concern_create(agency=dept_a, actor=editor_a, title="城区内涝", noticed_at=T0, level=Level.MAJOR)
    general = concern_create(agency=dept_a, actor=editor_a, title="学校周边拥堵", noticed_at=T0)
    assert major.response_due == T0 + dt.timedelta(hours=5)
    assert general.response_due == T0 + dt.timedelta(hours=48)
    c = client_for(editor_a)
    with time_machine.travel(T0 + dt.timedelta(hours=4, minutes=59), tick=False):
        assert major.deadline_state() == DeadlineState.PENDING
        assert list(concerns_for_user(user=editor_a, state="overdue")) == []
        page = c.get("/console/concerns/").content.decode()
        assert "未到时限" in page and "flag-overdue" not in page
    with time_machine.travel(T0 + dt.timedelta(hours=5, minutes=1), tick=False):
        assert major.deadline_state() == DeadlineState.OVERDUE
        assert general.deadline_state() == DeadlineState.PENDING
        assert [x.pk for x in concerns_for_user(user=editor_a, state="overdue")] == [major.pk]
        page = c.get("/console/concerns/?state=overdue").content.decode()
        check_page(page)
        assert "城区内涝" in page and "学校周边拥堵" not in page and "1 项关切已超过首次回应时限" in page
        assert '<span class="flag flag-overdue">已超时未回应</span>' in page
        home = c.get("/console/").content.decode()
        assert "超过首次回应时限仍未回应的关切：1 项" in home and "/console/concerns/?state=overdue" in home
    # answered 7 hours after: late; the general one answered within its 48 hours: met
    late = _published(document_factory, dept_a, T0 + dt.timedelta(hours=7), title="关于城区内涝情况的通报")
    major = concern_link_response(concern=major, document=late, actor=editor_a)
    assert major.first_response_at == T0 + dt.timedelta(hours=7)
    assert major.deadline_state() == DeadlineState.LATE and major.on_time is False
    met = _published(document_factory, dept_a, T0 + dt.timedelta(hours=30), title="关于学校周边交通组织的说明")
    general = concern_link_response(concern=general, document=met, actor=editor_a)
    assert general.deadline_state() == DeadlineState.MET and general.on_time is True
    # an earlier 回应 linked later still dates the first response; a 后续发布 never does
    earlier = _published(document_factory, dept_a, T0 + dt.timedelta(hours=3), title="关于城区内涝的初步情况")
    after = _published(document_factory, dept_a, T0 + dt.timedelta(hours=1), title="关于城区内涝的后续进展")
    major = concern_link_response(concern=major, document=after, actor=editor_a, kind=LinkKind.FOLLOWUP)
    assert major.first_response_at == T0 + dt.timedelta(hours=7)
    major = concern_link_response(concern=major, document=earlier, actor=editor_a)
    assert major.first_response_at == T0 + dt.timedelta(hours=3) and major.deadline_state() == DeadlineState.MET
    with time_machine.travel(T0 + dt.timedelta(days=3), tick=False):
        assert list(concerns_for_user(user=editor_a, state="overdue")) == []
        page = c.get("/console/concerns/").content.decode()
        assert page.count("按时回应") == 2
        assert "超过首次回应时限仍未回应的关切" not in c.get("/console/").content.decode()


@pytest.mark.django_db
def test_scoping_and_roles(client_for, make_user, city, dept_a, dept_b, editor_a, editor_b, reviewer_a,
                           office_city):
    concern = concern_create(agency=dept_a, actor=editor_a, title="城区内涝", noticed_at=T0)
    # a department sees its own concerns only; the city's 公开办 sees its subtree
    assert list(concerns_for_user(user=editor_b)) == []
    assert list(concerns_for_user(user=office_city)) == [concern]
    b = client_for(editor_b)
    assert "城区内涝" not in b.get("/console/concerns/").content.decode()
    assert b.get(f"/console/concerns/{concern.pk}/").status_code == 404
    assert b.get(f"/console/concerns/{concern.pk}/edit/").status_code == 404
    assert b.post(f"/console/concerns/{concern.pk}/action/", {"what": "transition",
                                                               "action": "close"}).status_code == 404
    assert client_for(office_city).get(f"/console/concerns/{concern.pk}/").status_code == 200
    # a reviewer holds no role of the register: sees nothing, cannot register
    r = client_for(reviewer_a)
    assert r.get(f"/console/concerns/{concern.pk}/").status_code == 404
    page = r.get("/console/concerns/").content.decode()
    assert "登记关切" not in page and "城区内涝" not in page
    response = r.post("/console/concerns/new/", {"agency": dept_a.pk, "title": "x", "level": "general",
                                                 "noticed_at": "2026-07-01T10:00"})
    assert response.status_code == 400 and "有登记权限" in response.content.decode()
    with pytest.raises(PermissionDeniedError):
        concern_create(agency=dept_a, actor=reviewer_a, title="x", noticed_at=T0)
    with pytest.raises(PermissionDeniedError):
        concern_update(concern=concern, actor=editor_b, title="x", noticed_at=T0, level="general")
    with pytest.raises(PermissionDeniedError):
        concern_transition(concern=concern, action="close", actor=editor_b)
    # an editor cannot register for another agency by posting its id
    response = client_for(editor_a).post("/console/concerns/new/", {
        "agency": dept_b.pk, "title": "越权登记", "level": "general", "noticed_at": "2026-07-01T10:00"})
    assert response.status_code == 400 and not Concern.objects.filter(title="越权登记").exists()
    # anonymous: to the login page
    assert client_for(None).get("/console/concerns/").status_code == 302
    assert Concern.objects.count() == 1 and concern.status == ConcernStatus.WAITING


@pytest.mark.django_db
def test_console_register_link_close_reopen_with_audit_rows(client_for, dept_a, dept_b, editor_a,
                                                            document_factory):
    c = client_for(editor_a)
    page = c.get("/console/concerns/new/").content.decode()
    check_page(page)
    response = c.post("/console/concerns/new/", {"agency": dept_a.pk, "title": "城区内涝", "level": "major",
                                                 "noticed_at": "2026-07-01T10:00", "channels": "政府网站"})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.noticed_at == T0 and concern.level == Level.MAJOR and concern.status == ConcernStatus.WAITING
    check_page(c.get(f"/console/concerns/{concern.pk}/edit/").content.decode())
    response = c.post(f"/console/concerns/{concern.pk}/edit/", {
        "title": "城区部分路段内涝", "level": "major", "noticed_at": "2026-07-01T10:00", "channels": "政府网站、政务微博"})
    assert response.status_code == 302
    action = f"/console/concerns/{concern.pk}/action/"
    draft = document_factory(dept_a, status="draft", index_no="000014349/2026-00901")
    other = _published(document_factory, dept_b, T0 + dt.timedelta(hours=1), title="财政局的无关通知")
    for index_no, message in [(draft.index_no, "未找到"), (other.index_no, "未找到"), ("", "请填写索引号")]:
        response = c.post(action, {"what": "link", "index_no": index_no, "kind": "response"})
        assert response.status_code == 400 and message in response.content.decode()
    # closing with nothing linked, and the system's own transition, are refused
    response = c.post(action, {"what": "transition", "action": "close"})
    assert response.status_code == 400 and "尚未关联任何回应信息" in response.content.decode()
    response = c.post(action, {"what": "transition", "action": "respond"})
    assert response.status_code == 400 and "未知操作" in response.content.decode()
    first = _published(document_factory, dept_a, T0 + dt.timedelta(hours=4), title="关于城区内涝情况的通报")
    follow = _published(document_factory, dept_a, T0 + dt.timedelta(hours=20), title="关于城区内涝处置进展的通报")
    response = c.post(action, {"what": "link", "index_no": follow.index_no, "kind": "followup"})
    assert response.status_code == 400 and "请先关联首次回应" in response.content.decode()
    assert c.post(action, {"what": "link", "index_no": first.index_no, "kind": "response"}).status_code == 302
    response = c.post(action, {"what": "link", "index_no": first.index_no, "kind": "followup"})
    assert response.status_code == 400 and "已关联" in response.content.decode()
    assert c.post(action, {"what": "link", "index_no": follow.index_no, "kind": "followup"}).status_code == 302
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RESPONDED and concern.first_response_at == T0 + dt.timedelta(hours=4)
    assert c.post(action, {"what": "transition", "action": "close"}).status_code == 302
    concern.refresh_from_db()
    assert concern.closed
    # closed: no edit, no link; reopening needs a reason
    with pytest.raises(TransitionError):
        concern_update(concern=concern, actor=editor_a, title="x", noticed_at=T0, level="major")
    late = _published(document_factory, dept_a, T0 + dt.timedelta(days=2), title="关于城区排水改造的情况说明")
    with pytest.raises(TransitionError, match="请先重新打开"):
        concern_link_response(concern=concern, document=late, actor=editor_a, kind=LinkKind.FOLLOWUP)
    response = c.post(action, {"what": "transition", "action": "reopen", "reason": " "})
    assert response.status_code == 400 and "请填写理由" in response.content.decode()
    assert c.post(action, {"what": "transition", "action": "reopen", "reason": "出现新的情况"}).status_code == 302
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RESPONDED
    assert _actions(concern) == [
        ("concern.create", "", "waiting"), ("concern.update", "", ""), ("concern.link", "", ""),
        ("concern.respond", "waiting", "responded"), ("concern.link", "", ""),
        ("concern.close", "responded", "closed"), ("concern.reopen", "closed", "responded")]
    entries = AuditEntry.objects.filter(object_type="concerns.concern", object_id=str(concern.pk))
    assert {e.actor_id for e in entries} == {editor_a.pk}
    assert entries.get(action="concern.reopen").reason == "出现新的情况"
    assert [e.data["kind"] for e in entries.filter(action="concern.link")] == ["response", "followup"]
    assert entries.get(action="concern.update").data["changed"]["title"] == ["城区内涝", "城区部分路段内涝"]
    # the detail page: accessible, with the links, the deadline and the history
    page = c.get(f"/console/concerns/{concern.pk}/").content.decode()
    check_page(page)
    assert "按时回应" in page and "后续发布" in page and first.index_no in page and "重新打开（已回应）" in page
    assert "出现新的情况" in page and "办结" in page
    # the public page and the API show both documents, the follow-up labelled
    public = client_for(None).get("/hdjl/hygz/").content.decode()
    assert "关于城区内涝情况的通报" in public and "后续发布" in public and "（按时）" in public
    data = client_for(None).get("/api/concerns/").json()
    assert [(r["kind"], r["title"]) for r in data[0]["responses"]] == [
        ("response", "关于城区内涝情况的通报"), ("followup", "关于城区内涝处置进展的通报")]
    assert data[0]["deadline"] == "met" and data[0]["status"] == "已回应"


@pytest.mark.django_db
def test_link_rules_in_the_service(city, dept_a, editor_a, office_city, document_factory):
    concern = concern_create(agency=city, actor=office_city, title="市区供水", noticed_at=T0)
    with pytest.raises(PermissionDeniedError):  # the department holds no role for the city's concern
        concern_link_response(concern=concern, document=None, actor=editor_a)
    before = _published(document_factory, dept_a, T0 - dt.timedelta(hours=1), title="早先的停水通知")
    with pytest.raises(UserFacingError, match="发现之前"):
        concern_link_response(concern=concern, document=before, actor=office_city)
    # a department's published notice answers the city's concern
    answer = _published(document_factory, dept_a, T0 + dt.timedelta(hours=2), title="关于恢复供水的通知")
    concern = concern_link_response(concern=concern, document=answer, actor=office_city)
    assert concern.status == ConcernStatus.RESPONDED and concern.on_time
    with pytest.raises(UserFacingError, match="不能晚于首次回应"):
        concern_update(concern=concern, actor=office_city, title="市区供水", level="general",
                       noticed_at=T0 + dt.timedelta(hours=3))


@pytest.mark.django_db
def test_admin_is_read_only(client_for, admin_user, dept_a, editor_a):
    concern = concern_create(agency=dept_a, actor=editor_a, title="城区内涝", noticed_at=T0)
    c = client_for(admin_user)
    assert c.get("/admin/concerns/concern/add/").status_code == 403
    assert c.post(f"/admin/concerns/concern/{concern.pk}/change/", {"title": "改"}).status_code == 403
    assert c.get(f"/admin/concerns/concern/{concern.pk}/delete/").status_code == 403
    concern.refresh_from_db()
    assert concern.title == "城区内涝"
    assert Role.EDITOR  # the register's roles are editor, 公开办, admin (transitions.ROLES)


@pytest.mark.django_db
def test_unlink_a_mistaken_link_redates_or_takes_back_to_waiting(client_for, dept_a, editor_a, editor_b,
                                                                 document_factory):
    concern = concern_create(agency=dept_a, actor=editor_a, title="城区内涝", noticed_at=T0, level=Level.MAJOR)
    wrong = _published(document_factory, dept_a, T0 + dt.timedelta(hours=1), title="误关联的招生通知")
    right = _published(document_factory, dept_a, T0 + dt.timedelta(hours=6), title="关于城区内涝情况的通报")
    follow = _published(document_factory, dept_a, T0 + dt.timedelta(hours=9), title="关于城区内涝处置进展的通报")
    concern = concern_link_response(concern=concern, document=wrong, actor=editor_a)
    concern = concern_link_response(concern=concern, document=follow, actor=editor_a, kind=LinkKind.FOLLOWUP)
    assert concern.deadline_state() == DeadlineState.MET
    c = client_for(editor_a)
    action = f"/console/concerns/{concern.pk}/action/"
    link_of = {link.document_id: link.pk for link in concern.links.all()}
    # the only 回应 cannot go while a 后续发布 hangs on it; a reason is required; others cannot touch it
    response = c.post(action, {"what": "unlink", "link": link_of[wrong.pk], "reason": "误关联"})
    assert response.status_code == 400 and "请先移除后续发布" in response.content.decode()
    response = c.post(action, {"what": "unlink", "link": link_of[follow.pk], "reason": ""})
    assert response.status_code == 400 and "请填写移除理由" in response.content.decode()
    assert client_for(editor_b).post(action, {"what": "unlink", "link": link_of[follow.pk],
                                              "reason": "x"}).status_code == 404
    concern = concern_link_response(concern=concern, document=right, actor=editor_a)
    assert c.post(action, {"what": "unlink", "link": link_of[wrong.pk], "reason": "误关联"}).status_code == 302
    concern.refresh_from_db()
    assert concern.first_response_at == T0 + dt.timedelta(hours=6) and concern.deadline_state() == DeadlineState.LATE
    assert concern.status == ConcernStatus.RESPONDED
    # removing the follow-up and then the last 回应: back to 待回应 through the transition, audited
    with pytest.raises(UserFacingError):
        concern_transition(concern=concern, action="retract", actor=editor_a)
    response = c.post(action, {"what": "transition", "action": "retract"})
    assert response.status_code == 400 and "未知操作" in response.content.decode()
    concern = concern_unlink(concern=concern, document=follow, actor=editor_a, reason="重复")
    concern = concern_unlink(concern=concern, document=right, actor=editor_a, reason="应关联正式通报")
    assert concern.status == ConcernStatus.WAITING and concern.first_response_at is None
    rows = _actions(concern)
    assert rows[-4:] == [("concern.unlink", "", ""), ("concern.unlink", "", ""), ("concern.unlink", "", ""),
                         ("concern.retract", "responded", "waiting")]
    page = c.get(f"/console/concerns/{concern.pk}/").content.decode()
    check_page(page)
    assert "撤销首次回应（待回应）" in page and "应关联正式通报" in page


@pytest.mark.django_db
def test_overdue_reminder_once_per_user_by_mail_and_on_the_workbench(client_for, dept_a, dept_b, editor_a, editor_b,
                                                                    document_factory, mailoutbox):
    """Past its first-response deadline with no 回应: each editor / 公开办 of the concern's agency gets one
    reminder (e-mailed once, on the 工作台); another agency's staff none; a response ends it."""
    from gongkai.concerns.models import ConcernReminder
    from gongkai.concerns.reminders import reminders_send
    from gongkai.concerns.tasks import reminders_send_task

    editor_a.email = "editor-a@example.gov.cn"
    editor_a.save()
    major = concern_create(agency=dept_a, actor=editor_a, title="城区内涝", noticed_at=T0, level=Level.MAJOR)
    assert reminders_send(now=T0 + dt.timedelta(hours=4, minutes=59)) == 0  # not yet due
    with time_machine.travel(T0 + dt.timedelta(hours=5, minutes=1), tick=False):
        assert reminders_send_task() >= 1
        assert reminders_send() == 0  # once per user and concern, however often the job runs
        home = client_for(editor_a).get("/console/").content.decode()
        assert "社会关切“城区内涝”应于 2026-07-01 15:00 前作出首次回应" in home
        assert "社会关切" not in client_for(editor_b).get("/console/").content.decode()
    assert ConcernReminder.objects.filter(user=editor_a, concern=major).count() == 1
    assert not ConcernReminder.objects.filter(user=editor_b).exists()
    mails = [m for m in mailoutbox if "editor-a@example.gov.cn" in m.to]
    assert len(mails) == 1 and mails[0].subject.startswith("【回应关切提醒】")
    answer = _published(document_factory, dept_a, T0 + dt.timedelta(hours=6), title="关于城区内涝情况的通报")
    concern_link_response(concern=major, document=answer, actor=editor_a)
    with time_machine.travel(T0 + dt.timedelta(hours=7), tick=False):
        assert "社会关切“城区内涝”" not in client_for(editor_a).get("/console/").content.decode()


@pytest.mark.django_db
def test_press_conference_within_24_hours_of_a_major_concern_with_frozen_time(client_for, dept_a, editor_a,
                                                                              document_factory):
    """国办发〔2016〕61号: a 特别重大、重大突发事件 also needs a press conference within 24 hours. It has its
    own deadline (none for other concerns), state, list flag, reminder and API fields; recording the
    conference through the edit form ends the reminder."""
    from gongkai.concerns.models import ConcernReminder
    from gongkai.concerns.reminders import reminders_send

    major = concern_create(agency=dept_a, actor=editor_a, title="化工厂火灾", noticed_at=T0, level=Level.MAJOR)
    general = concern_create(agency=dept_a, actor=editor_a, title="公交线路调整", noticed_at=T0)
    assert major.press_due == T0 + dt.timedelta(hours=24) and general.press_due is None
    assert general.press_state(T0 + dt.timedelta(days=9)) is None
    answer = _published(document_factory, dept_a, T0 + dt.timedelta(hours=3), title="关于化工厂火灾情况的通报")
    concern_link_response(concern=major, document=answer, actor=editor_a)  # 5-hour response met …
    with time_machine.travel(T0 + dt.timedelta(hours=23, minutes=59), tick=False):
        assert major.press_state() == DeadlineState.PENDING
        assert reminders_send() == 0
    c = client_for(editor_a)
    with time_machine.travel(T0 + dt.timedelta(hours=24, minutes=1), tick=False):
        assert major.press_state() == DeadlineState.OVERDUE  # … but no press conference yet
        assert reminders_send() == 1 and reminders_send() == 0
        assert "应于 2026-07-02 10:00 前举行新闻发布会" in c.get("/console/").content.decode()
        listing = c.get("/console/concerns/").content.decode()
        assert listing.count("新闻发布会已超时") == 1  # the major one only
        page = c.get(f"/console/concerns/{major.pk}/").content.decode()
        check_page(page)
        assert "新闻发布会时限" in page and "已超时未举行" in page
        assert "新闻发布会时限" not in c.get(f"/console/concerns/{general.pk}/").content.decode()
        api = {row["id"]: row for row in client_for(None).get("/api/concerns/").json()}
        assert api[major.pk]["press_deadline"] == "overdue" and api[major.pk]["press_conference_at"] is None
        assert general.pk not in api or api[general.pk]["press_due"] is None
        with pytest.raises(UserFacingError, match="不能早于发现时间"):
            concern_update(concern=major, actor=editor_a, title=major.title, noticed_at=T0, level=Level.MAJOR,
                           press_conference_at=T0 - dt.timedelta(hours=1))
        response = c.post(f"/console/concerns/{major.pk}/edit/", {
            "title": "化工厂火灾", "level": "major", "noticed_at": "2026-07-01T10:00",
            "press_conference_at": "2026-07-02T15:00", "summary": "", "channels": "新闻发布会"})
        assert response.status_code == 302
    major.refresh_from_db()
    assert major.press_conference_at == T0 + dt.timedelta(hours=29)
    assert major.press_state() == DeadlineState.LATE and major.press_label() == "超时举行"
    assert AuditEntry.objects.filter(action="concern.update", object_id=str(major.pk)).exists()
    with time_machine.travel(T0 + dt.timedelta(hours=30), tick=False):
        assert "举行新闻发布会" not in c.get("/console/").content.decode()  # recorded: the reminder is gone
    assert ConcernReminder.objects.filter(key=f"press:{major.pk}").count() == 1
