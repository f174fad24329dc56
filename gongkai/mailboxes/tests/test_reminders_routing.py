"""Reminders of 留言 due soon / overdue (frozen time, once per user and fact), 督办 of overdue messages,
转办 further down a department's own subtree and 退回 to whoever passed it on, and the answer of a
similar message shown inline."""
import datetime as dt
import re

import pytest
import time_machine
from django.core import mail

from gongkai.agencies.models import Agency, Role
from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, UserFacingError
from gongkai.mailboxes.models import Mailbox, MessageReminder
from gongkai.mailboxes.reminders import reminders_for_user, reminders_send
from gongkai.mailboxes.selectors import messages_for_user
from gongkai.mailboxes.services import message_submit, message_transition

D = dt.date


def at(y, m, d, h=2):  # UTC; Beijing is +8 h
    return dt.datetime(y, m, d, h, tzinfo=dt.timezone.utc)


@pytest.fixture
def box(city):
    return Mailbox.objects.create(agency=city, name="市长信箱", slug="mayor", kind="leader", accept_workdays=2,
                                  reply_workdays=10)


@pytest.fixture
def office(make_user, city):
    return make_user("office_mail", city, Role.OFFICE, email="office@example.org")


@pytest.fixture
def editor(make_user, dept_a):
    return make_user("editor_mail", dept_a, Role.EDITOR, email="editor@example.org")


@pytest.fixture
def sub(dept_a):
    return Agency.objects.create(name="示范市教育局基础教育科", short_name="基教科", slug="edu-basic",
                                 kind=Agency.Kind.OTHER, level=Agency.Level.CITY, parent=dept_a)


@pytest.fixture
def sub_editor(make_user, sub):
    return make_user("sub_editor", sub, Role.EDITOR)


def _submit(box, title="小区噪音扰民"):
    with time_machine.travel(at(2026, 3, 2)):  # Monday 2 March, 10:00 in Beijing
        m, _code = message_submit(mailbox=box, type="complain", title=title, body="夜间施工噪音很大，影响休息。",
                                  name="孙八", phone="13800001111")
    return m


def _keys(user):
    return sorted(k.split(":")[0] for k in MessageReminder.objects.filter(user=user).values_list("key", flat=True))


@pytest.mark.django_db
def test_reminders_due_soon_and_overdue_once_per_user_with_frozen_time(box, office, editor, dept_a):
    m = _submit(box)
    assert m.accept_due == D(2026, 3, 4)
    assert reminders_send(today=D(2026, 3, 2)) == 0  # due in two working days: not yet "soon"
    with time_machine.travel(at(2026, 3, 3)):
        assert reminders_send(today=D(2026, 3, 3)) == 1  # due the next working day
        assert reminders_send(today=D(2026, 3, 3)) == 0  # once, however often it runs
    assert _keys(office) == ["due"] and len(mail.outbox) == 1 and mail.outbox[0].to == ["office@example.org"]
    assert "受理期限为 2026-03-04" in mail.outbox[0].body and f"/console/mailboxes/{m.pk}/" in mail.outbox[0].body
    assert MessageReminder.objects.get(user=office).emailed
    # Friday 6 March: the 受理 deadline has passed.
    with time_machine.travel(at(2026, 3, 6)):
        assert reminders_send(today=D(2026, 3, 6)) == 1
        assert [n.message for n in reminders_for_user(user=office, today=D(2026, 3, 6))] == [
            f"留言{m.number}“小区噪音扰民”已超过受理期限（2026-03-04），请尽快办理。"]  # the stale "due" is gone
        m = message_transition(message=m, action="accept", actor=office)
        m = message_transition(message=m, action="assign", actor=office, to_agency=dept_a, reason="属教育局职责")
    # 10 working days after Friday 6 March (no holidays then): Friday 20 March.
    assert m.reply_due == D(2026, 3, 20)
    with time_machine.travel(at(2026, 3, 19)):
        assert reminders_send(today=D(2026, 3, 19)) == 1
    assert _keys(editor) == ["due"]  # the handling department is reminded, not the mailbox office
    with time_machine.travel(at(2026, 3, 23)):
        assert reminders_send(today=D(2026, 3, 23)) == 2  # overdue: the department and the mailbox office
        assert _keys(editor) == ["due", "overdue"] and _keys(office) == ["due", "overdue", "overdue"]
        assert len(reminders_for_user(user=editor, today=D(2026, 3, 23))) == 1
        message_transition(message=m, action="reply", actor=editor, reply="已责令施工单位22时后停工。")
        assert reminders_for_user(user=editor, today=D(2026, 3, 23)) == []  # answered: nothing left


@pytest.mark.django_db
def test_workbench_visit_records_shows_and_marks_read_the_reminders(client_for, box, office):
    _submit(box)
    client = client_for(office)
    with time_machine.travel(at(2026, 3, 6)):
        page = client.get("/console/").content.decode()
        assert "留言办理提醒" in page and "已超过受理期限（2026-03-04）" in page
        assert MessageReminder.objects.filter(user=office, key__startswith="overdue:").count() == 1
        assert len(mail.outbox) == 1  # e-mailed once, the visit again sends nothing
        client.get("/console/")
        assert len(mail.outbox) == 1
        assert client.post("/console/mailboxes/reminders/read/").status_code == 302
        assert "留言办理提醒" not in client.get("/console/").content.decode()


@pytest.mark.django_db
def test_supervise_an_overdue_message(client_for, box, office, editor, editor_b, dept_a):
    m = _submit(box)
    with time_machine.travel(at(2026, 3, 3)):
        m = message_transition(message=m, action="accept", actor=office)
        m = message_transition(message=m, action="assign", actor=office, to_agency=dept_a)
        with pytest.raises(UserFacingError, match="只能督办已超过"):
            message_transition(message=m, action="supervise", actor=office, reason="请加快办理")
    with time_machine.travel(at(2026, 3, 18)):  # reply due 2026-03-17
        with pytest.raises(PermissionDeniedError):
            message_transition(message=m, action="supervise", actor=editor, reason="自己督办自己")
        with pytest.raises(UserFacingError, match="理由"):
            message_transition(message=m, action="supervise", actor=office)
        response = client_for(office).post(f"/console/mailboxes/{m.pk}/action/", {
            "action": "supervise", "reason": "已逾期，请于3日内答复"})
        assert response.status_code == 302
        m.refresh_from_db()
        assert m.supervised_on == D(2026, 3, 18) and m.handler == dept_a
        event = m.events.get(kind="supervised")
        assert event.text == "已逾期，请于3日内答复" and event.actor == office and event.to_agency == dept_a
        entry = AuditEntry.objects.get(action="mailbox.supervise")
        assert entry.reason == "已逾期，请于3日内答复" and entry.data["due"] == "2026-03-17"
        # the department is reminded at once (and e-mailed), not the office that pressed it
        assert _keys(editor) == ["overdue", "supervise"] and _keys(office) == ["overdue"]
        assert [e.to for e in mail.outbox if "督办" in e.body] == [["editor@example.org"]]
        assert reminders_send(today=D(2026, 3, 18)) == 0  # the daily run finds them sent
        # The handling department sees it in its list and on the message, with the history.
        page = client_for(editor).get("/console/mailboxes/").content.decode()
        assert "已督办" in page and m.title in page
        page = client_for(editor).get(f"/console/mailboxes/{m.pk}/").content.decode()
        assert "已督办（2026-03-18）" in page and "督办 → 示范市教育局：已逾期，请于3日内答复" in page
        assert 'value="supervise"' not in page  # only the mailbox's 公开办 may 督办
        assert 'value="supervise"' in client_for(office).get(f"/console/mailboxes/{m.pk}/").content.decode()
        assert client_for(editor_b).get(f"/console/mailboxes/{m.pk}/").status_code == 404
        m = message_transition(message=m, action="reply", actor=editor, reply="已答复。")
    assert m.supervised_on is None and m.events.filter(kind="supervised").count() == 1


@pytest.mark.django_db
def test_department_passes_on_down_its_subtree_and_returns(client_for, box, office, editor, editor_b, sub,
                                                           sub_editor, dept_a, dept_b, city):
    m = _submit(box)
    with time_machine.travel(at(2026, 3, 3)):
        m = message_transition(message=m, action="accept", actor=office)
        with pytest.raises(PermissionDeniedError):  # not routed to the department yet
            message_transition(message=m, action="assign", actor=editor, to_agency=sub)
        m = message_transition(message=m, action="assign", actor=office, to_agency=dept_a, reason="属教育局职责")
        with pytest.raises(UserFacingError, match="下属单位"):
            message_transition(message=m, action="assign", actor=editor, to_agency=dept_b)
        with pytest.raises(PermissionDeniedError):
            message_transition(message=m, action="assign", actor=editor_b, to_agency=dept_b)
        # the department's detail page offers only its own sub-units
        page = client_for(editor).get(f"/console/mailboxes/{m.pk}/").content.decode()
        assert re.findall(r'<select id="ta" name="to_agency">(.*?)</select>', page) == [
            f'<option value="{sub.pk}">{sub.name}</option>']
        response = client_for(editor).post(f"/console/mailboxes/{m.pk}/action/", {"action": "assign", "to_agency": sub.pk,
                                                                           "reason": "由基教科办理"})
        assert response.status_code == 302
        m.refresh_from_db()
        assert m.handler == sub
        event = m.events.filter(kind="assigned").last()
        assert (event.from_agency, event.to_agency, event.actor) == (dept_a, sub, editor)
        assert AuditEntry.objects.filter(action="mailbox.assign").count() == 2
        assert list(messages_for_user(user=sub_editor)) == [m]
        assert list(messages_for_user(user=editor_b)) == []
        # 退回 goes back to whoever passed it on: the sub-unit to the department, then to the mailbox.
        m = message_transition(message=m, action="return", actor=sub_editor, reason="不属本科职责")
        assert m.handler == dept_a
        m = message_transition(message=m, action="return", actor=editor, reason="不属教育局职责")
        assert m.handler == city
        with pytest.raises(PermissionDeniedError):
            message_transition(message=m, action="return", actor=editor, reason="再退")
        with pytest.raises(UserFacingError, match="无需退回"):
            message_transition(message=m, action="return", actor=office, reason="再退")
        page = client_for(office).get(f"/console/mailboxes/{m.pk}/").content.decode()
        assert 'value="return"' not in page and 'value="assign"' in page
        # the mailbox's 公开办 may 改派 straight to the sub-unit; its 退回 then goes to the mailbox
        m = message_transition(message=m, action="assign", actor=office, to_agency=sub)
        m = message_transition(message=m, action="return", actor=sub_editor, reason="请重新分办")
        assert m.handler == city
    assert [e.kind for e in m.events.all()] == ["received", "accepted", "assigned", "assigned", "returned",
                                                "returned", "assigned", "returned"]


@pytest.mark.django_db
def test_similar_message_shows_the_public_masked_answer(client, box, office, monkeypatch):
    from gongkai.core import challenge

    m = _submit(box)
    with time_machine.travel(at(2026, 3, 3)):
        m = message_transition(message=m, action="accept", actor=office)
        message_transition(message=m, action="reply", actor=office,
                           reply="孙八您好，已责令施工单位22时后停工，可拨打13800001111反映。")
    write = client.post("/hdjl/ly/mayor/write/", {"type": "complain", "title": "小区噪音扰民",
                                                  "body": "夜间施工噪音很大，影响休息。"}).content.decode()
    monkeypatch.setattr(challenge, "challenge_verify", lambda **kwargs: "")
    response = client.post("/hdjl/ly/mayor/write/", {"type": "complain", "title": "小区噪音扰民",
                                                     "body": "夜间施工噪音很大。", "wants_public": "1"})
    done = client.get(response["Location"]).content.decode()
    for page in (write, done):
        assert 'class="similar-reply"' in page and "已责令施工单位22时后停工" in page
        assert "13800001111" not in page and "2026-03-03" in page


@pytest.mark.django_db
def test_a_backlog_is_recorded_but_mailed_only_up_to_the_limit(box, office, monkeypatch):
    from gongkai.mailboxes import reminders

    monkeypatch.setattr(reminders, "MAIL_LIMIT", 2)
    for i in range(3):
        _submit(box, title=f"留言{i}")
    assert reminders_send(today=D(2026, 3, 6)) == 3
    assert len(mail.outbox) == 2
    assert sorted(MessageReminder.objects.values_list("emailed", flat=True)) == [False, True, True]
    assert len(reminders_for_user(user=office, today=D(2026, 3, 6))) == 3  # all listed on the 工作台


@pytest.mark.django_db
def test_the_daily_beat_entry_runs_the_reminders(box, office):
    from config.celery import app

    app.loader.import_default_modules()
    from gongkai.mailboxes.schedules import SCHEDULE
    from gongkai.mailboxes.tasks import reminders_send_task

    assert SCHEDULE["mailboxes-reminders"]["task"] in app.tasks
    _submit(box)
    with time_machine.travel(at(2026, 3, 6)):
        assert reminders_send_task() == 1  # the task counts the reminders recorded today
    assert MessageReminder.objects.get().user == office


@pytest.mark.django_db
def test_passed_on_by_us_list_follows_without_acting(client_for, box, office, editor, editor_b, sub, sub_editor,
                                                     dept_a):
    from gongkai.mailboxes.selectors import messages_passed_on

    m = _submit(box)
    other = _submit(box, title="路灯不亮")  # stays with the mailbox: nobody passed it on
    with time_machine.travel(at(2026, 3, 3)):
        m = message_transition(message=m, action="accept", actor=office)
        m = message_transition(message=m, action="assign", actor=office, to_agency=dept_a)
        assert list(messages_passed_on(user=editor)) == []  # with the department itself: not "passed on"
        m = message_transition(message=m, action="assign", actor=editor, to_agency=sub, reason="由基教科办理")
        assert list(messages_for_user(user=editor)) == []  # no longer routed to the department …
        assert list(messages_passed_on(user=editor)) == [m]  # … but followed from its 转出 list
        assert list(messages_passed_on(user=office)) == [m] and other not in messages_passed_on(user=office)
        assert list(messages_passed_on(user=editor_b)) == [] and list(messages_passed_on(user=sub_editor)) == []
        client = client_for(editor)
        page = client.get("/console/mailboxes/?passed=1").content.decode()
        assert m.title in page and other.title not in page and 'aria-current="page">本单位转出' in page
        detail = client.get(f"/console/mailboxes/{m.pk}/")
        text = detail.content.decode()
        assert detail.status_code == 200 and f"现由{sub.name}办理" in text
        assert 'name="action"' not in text  # follow only: no action offered …
        response = client.post(f"/console/mailboxes/{m.pk}/action/", {"action": "return", "reason": "收回"})
        assert response.status_code == 404  # … and none taken
        assert client_for(editor_b).get(f"/console/mailboxes/{m.pk}/").status_code == 404
        # returned to the department: it acts on it again and it leaves the 转出 list
        m = message_transition(message=m, action="return", actor=sub_editor, reason="不属本科职责")
        assert list(messages_passed_on(user=editor)) == []
        assert 'name="action"' in client.get(f"/console/mailboxes/{m.pk}/").content.decode()
