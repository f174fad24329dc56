import datetime as dt

import pytest
from django.core import mail

from gongkai.agencies.models import Role
from gongkai.proposals import indicators
from gongkai.proposals.models import ProposalReminder
from gongkai.proposals.reminders import reminders_send
from gongkai.proposals.services import proposal_transition
from gongkai.proposals.summary import proposal_summary_publish, summary_rows

from .conftest import at


@pytest.mark.django_db
def test_due_soon_then_overdue_reminders_are_made_and_mailed_once(make_proposal, make_user, dept_a):
    editor = make_user("ed_mail", dept_a, Role.EDITOR, email="ed@example.gov.cn")
    p = make_proposal(assigned=dt.date(2024, 3, 15))  # due 2024-06-17
    with at(dt.date(2024, 6, 1)):
        assert reminders_send(today=dt.date(2024, 6, 1)) == 0  # 16 days ahead: nothing yet
    with at(dt.date(2024, 6, 10)):
        assert reminders_send(today=dt.date(2024, 6, 10)) == 1
        assert reminders_send(today=dt.date(2024, 6, 10)) == 0
    note = ProposalReminder.objects.get(user=editor)
    assert "将于 2024-06-17 到期" in note.message and note.emailed
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ed@example.gov.cn"]
    with at(dt.date(2024, 6, 18)):
        assert reminders_send(today=dt.date(2024, 6, 18)) == 1
    assert "已超过办理期限（2024-06-17）" in ProposalReminder.objects.filter(user=editor).first().message
    with at(dt.date(2024, 6, 19)):
        proposal_transition(proposal=p, action="reply", actor=editor, category="A", reply_text="已解决。")
    # replied 06-19: the 复文 must be public by 2024-07-17 (20 working days)
    with at(dt.date(2024, 7, 18)):
        assert reminders_send(today=dt.date(2024, 7, 18)) == 1
    assert "超过公开期限（2024-07-17）" in ProposalReminder.objects.filter(user=editor).first().message


@pytest.mark.django_db
def test_console_home_shows_the_reminder_without_a_scheduler(make_proposal, editor_a, client_for):
    make_proposal(assigned=dt.date(2024, 3, 15))
    with at(dt.date(2024, 6, 20)):
        page = client_for(editor_a).get("/console/").content.decode()
    assert "建议提案办理提醒" in page and "已超过办理期限（2024-06-17）" in page
    with at(dt.date(2024, 6, 20)):
        c = client_for(editor_a)
        listing = c.get("/console/proposals/?overdue=1").content.decode()
        assert "关于第1件事的建议" in listing
        c.post("/console/proposals/reminders/read/")
        assert "建议提案办理提醒" not in c.get("/console/").content.decode()


def _replied(p, actor, category, day):
    with at(day):
        return proposal_transition(proposal=p, action="reply", actor=actor, category=category, reply_text="答复。")


@pytest.mark.django_db
def test_summary_counts_by_category_and_unit(make_proposal, dept_a, dept_b, editor_a, editor_b, office_city):
    a1 = make_proposal("1", assigned=dt.date(2024, 3, 1))  # dept_a, due 2024-06-03
    a2 = make_proposal("2", assigned=dt.date(2024, 3, 1))
    make_proposal("3", assigned=dt.date(2024, 3, 1))  # still open
    m1 = make_proposal("7", kind="motion", assigned=dt.date(2024, 3, 1))
    b1 = make_proposal("4", lead=dept_b, assigned=dt.date(2024, 3, 1))
    make_proposal("5", lead=dept_b, assigned=dt.date(2023, 3, 1))  # another year
    _replied(a1, editor_a, "A", dt.date(2024, 5, 1))
    _replied(a2, editor_a, "A", dt.date(2024, 6, 4))  # late
    _replied(m1, editor_a, "C", dt.date(2024, 5, 1))
    _replied(b1, editor_b, "B", dt.date(2024, 5, 1))
    rows, totals = summary_rows(agency_ids=[dept_a.pk, dept_b.pk], year=2024)
    by = {(r["unit"], str(r["kind"])): r for r in rows}
    edu = by[("示范市教育局", "人大代表建议")]
    assert (edu["total"], edu["A"], edu["B"], edu["C"], edu["pending"], edu["on_time"]) == (3, 2, 0, 0, 1, 1)
    assert by[("示范市教育局", "政协委员提案")]["C"] == 1
    assert (by[("示范市财政局", "人大代表建议")]["B"], by[("示范市财政局", "人大代表建议")]["total"]) == (1, 1)
    assert (totals["total"], totals["A"], totals["B"], totals["C"], totals["pending"], totals["on_time"]) == (5, 2, 1, 1, 1, 3)
    with at(dt.date(2024, 7, 1)):
        doc = proposal_summary_publish(agency=dept_a.parent, year=2024, actor=office_city)
    assert doc.title == "示范市人民政府2024年度建议提案办理情况统计表" and doc.status == "pending"
    assert "<td>合计</td><td></td><td>5</td><td>2</td><td>1</td><td>1</td><td>1</td><td>3</td>" in doc.body_html


@pytest.mark.django_db
def test_indicator_rules_against_hand_counts(make_proposal, dept_a, dept_b, editor_a, reviewer_a):
    from gongkai.catalog.services import document_transition

    a1 = make_proposal("1", assigned=dt.date(2024, 3, 1))  # due 06-03, replied on time, published in time
    a2 = make_proposal("2", assigned=dt.date(2024, 3, 1))  # due 06-03, replied late (06-04)
    make_proposal("3", assigned=dt.date(2024, 3, 1))  # due 06-03, never replied
    make_proposal("4", lead=dept_b, assigned=dt.date(2024, 3, 1))  # other agency
    a1 = _replied(a1, editor_a, "A", dt.date(2024, 5, 6))  # publish due 2024-06-04 (20 working days)
    _replied(a2, editor_a, "B", dt.date(2024, 6, 4))
    with at(dt.date(2024, 5, 20)):
        a1 = proposal_transition(proposal=a1, action="publish", actor=editor_a)
        document_transition(document=a1.document, action="publish", actor=reviewer_a)
    june = dict(start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 30))
    out = indicators.replies_on_time(agency_ids=[dept_a.pk], **june)
    assert (out["numerator"], out["denominator"], len(out["records"])) == (1, 3, 2)
    whole = indicators.replies_on_time(agency_ids=None, **june)
    assert (whole["numerator"], whole["denominator"]) == (1, 4)
    # replies in May–June whose 公开期限 has come by 06-30: a1 (due 06-04, published 05-20); a2's is 07-02
    pub = indicators.replies_published(agency_ids=[dept_a.pk], start=dt.date(2024, 5, 1), end=dt.date(2024, 6, 30))
    assert (pub["numerator"], pub["denominator"]) == (1, 1)
    pub = indicators.replies_published(agency_ids=[dept_a.pk], start=dt.date(2024, 5, 1), end=dt.date(2024, 7, 31))
    assert (pub["numerator"], pub["denominator"]) == (1, 2)
    assert "未公开" in pub["records"][0][0]
