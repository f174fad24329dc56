"""The consultation workflow through the catalog, the comment ledger, and the generated feedback."""
import datetime as dt

import pytest
import time_machine

from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Category
from gongkai.catalog.services import document_transition
from gongkai.consultations.articles import split_articles
from gongkai.consultations.feedback import figures_compute, figures_counts
from gongkai.consultations.ledger import comment_dispose, comment_publish, comment_submit, feedback_generate
from gongkai.consultations.models import Channel, ConsultationStatus, Disposition, Phase
from gongkai.consultations.selectors import consultation_list_public, feedback_overdue, ledger_for_user, ledger_rows
from gongkai.consultations.services import consultation_create, consultation_extend, consultation_transition
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError

D = dt.date
DRAFT = """示范市公共数据管理办法（征求意见稿）
第一条 为了规范公共数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的公共数据。
第三条 公共数据按照开放属性分为无条件开放、有条件开放和不予开放三类。
"""


def test_split_articles_prefers_articles_then_numbered_items():
    assert [label for label, _ in split_articles(DRAFT)] == ["第一条", "第二条", "第三条"]
    items = split_articles("前言\n一、总体要求\n坚持公开为常态。\n二、主要任务\n(一)推进决策公开。\n（二）加强解读。")
    assert [label for label, _ in items] == ["一、", "二、", "二、（一）", "二、（二）"]
    assert split_articles("没有条目的正文。") == []
    numbered = split_articles("一、主要任务\n1.推进决策公开。\n2．推进执行公开。\n2020年，全面完成。")
    assert [label for label, _ in numbered] == ["一、", "一、1.", "一、2."]
    assert numbered[2][1] == "推进执行公开。\n2020年，全面完成。"


@pytest.fixture
def consultation(dept_a, editor_a):
    return consultation_create(agency=dept_a, actor=editor_a, title="《示范市公共数据管理办法（征求意见稿）》",
                               kind="规章", draft_text=DRAFT, start_date=D(2026, 3, 2), end_date=D(2026, 4, 1),
                               contact_unit="示范市教育局法规科", contact_phone="0571-00000000",
                               contact_email="fgk@example.gov.cn", channels=[Channel.ONLINE, Channel.EMAIL])


def _publish(c, editor, reviewer):
    c = consultation_transition(consultation=c, action="submit", actor=editor)
    assert c.status == ConsultationStatus.REVIEW and c.notice.category == Category.CONSULTATION
    document_transition(document=c.notice, action="publish", actor=reviewer)
    c.refresh_from_db()
    return c


@pytest.mark.django_db
def test_period_shorter_than_the_law_needs_a_reason(dept_a, editor_a):
    with pytest.raises(UserFacingError, match="最早截止于2026-04-01"):
        consultation_create(agency=dept_a, actor=editor_a, title="《某规章》", kind="规章",
                            start_date=D(2026, 3, 2), end_date=D(2026, 3, 20))
    c = consultation_create(agency=dept_a, actor=editor_a, title="《某规章》", kind="规章",
                            start_date=D(2026, 3, 2), end_date=D(2026, 3, 20), shortened_reason="汛期将至，情况紧急")
    assert c.articles.count() == 0
    with pytest.raises(PermissionDeniedError):
        consultation_create(agency=dept_a, actor=None.__class__ and _outsider(dept_a), title="x", kind="规章",
                            start_date=D(2026, 3, 2), end_date=D(2026, 4, 2))


def _outsider(dept_a):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("outsider", password="x" * 12)


@pytest.mark.django_db
def test_publishing_the_notice_publishes_the_consultation_and_phases_follow_the_dates(
        consultation, editor_a, reviewer_a):
    assert consultation.articles.count() == 3
    c = _publish(consultation, editor_a, reviewer_a)
    assert c.status == ConsultationStatus.PUBLISHED
    assert "征求意见时间：2026年03月02日至2026年04月01日" in c.notice.body_html
    assert c.phase(D(2026, 3, 1)) == Phase.UPCOMING
    assert c.phase(D(2026, 4, 1)) == Phase.OPEN
    assert c.phase(D(2026, 4, 2)) == Phase.CLOSED
    assert list(consultation_list_public(phase=Phase.OPEN, today=D(2026, 3, 10))) == [c]
    assert list(consultation_list_public(phase=Phase.OPEN, today=D(2026, 4, 2))) == []
    actions = list(AuditEntry.objects.filter(object_type="consultations.consultation").values_list("action", flat=True))
    assert actions == ["consultation.create", "consultation.submit", "consultation.publish"]


@pytest.mark.django_db
def test_extension_is_an_event_with_a_reason(consultation, editor_a, reviewer_a):
    c = _publish(consultation, editor_a, reviewer_a)
    with time_machine.travel(dt.datetime(2026, 3, 20, 10, tzinfo=dt.timezone.utc)):
        with pytest.raises(UserFacingError, match="延期理由"):
            consultation_extend(consultation=c, actor=editor_a, new_end=D(2026, 4, 15), reason=" ")
        c = consultation_extend(consultation=c, actor=editor_a, new_end=D(2026, 4, 15), reason="应企业要求延长")
    assert c.end_date == D(2026, 4, 15)
    assert c.events.get().old_end == D(2026, 4, 1)


@pytest.mark.django_db
def test_public_comments_only_while_open_and_grouped_when_alike(consultation, editor_a, reviewer_a):
    c = _publish(consultation, editor_a, reviewer_a)
    first, second = c.articles.all()[:2]
    with time_machine.travel(dt.datetime(2026, 4, 2, 1, tzinfo=dt.timezone.utc)):  # 09:00 on 04-02: closed
        with pytest.raises(TransitionError, match="不在征集期内"):
            comment_submit(consultation=c, body="建议删除第一条。")
    with time_machine.travel(dt.datetime(2026, 3, 31, 17, tzinfo=dt.timezone.utc)):  # 01:00 on 04-01: open
        a = comment_submit(consultation=c, body="建议明确公共数据的范围，包括公共服务企业的数据。", article=second,
                           name="张三", phone="13800000000")
        b = comment_submit(consultation=c, body="建议明确公共数据的范围,包括公共服务企业的数据!", article=second)
        d = comment_submit(consultation=c, body="第一条的立法目的应增加促进数据流通。", article=first)
        e = comment_submit(consultation=c, body="希望尽快出台。")
    assert b.group_key == a.group_key == a.receipt_no and d.group_key == d.receipt_no
    assert a.display_name == "张**" and e.display_name == "匿名"
    with pytest.raises(UserFacingError, match="须说明理由"):
        comment_dispose(comment=a, actor=editor_a, disposition=Disposition.REJECTED)
    assert comment_dispose(comment=a, actor=editor_a, disposition=Disposition.PARTLY, reason="部分已在第二条体现",
                           whole_group=True) == 2
    comment_dispose(comment=d, actor=editor_a, disposition=Disposition.ADOPTED)
    rows = ledger_rows(consultation=c, rows=ledger_for_user(user=editor_a, consultation=c))
    assert {r.receipt_no: r.group_size for r in rows}[a.receipt_no] == 2
    with time_machine.travel(dt.datetime(2026, 4, 3, 2, tzinfo=dt.timezone.utc)):
        with pytest.raises(UserFacingError, match="还有1条意见未处理"):
            feedback_generate(consultation=c, actor=editor_a)
        comment_dispose(comment=e, actor=editor_a, disposition=Disposition.OUT_OF_SCOPE, reason="非本办法规定内容")
        feedback = feedback_generate(consultation=c, actor=editor_a)
    fig = figures_compute(consultation=c)
    assert (fig.received, fig.groups, fig.adopted, fig.partly, fig.not_adopted) == (4, 3, 1, 2, 1)
    counts = figures_counts(consultation=c)
    assert (counts.received, counts.groups, counts.adopted, counts.partly, counts.not_adopted) == (4, 3, 1, 2, 1)
    assert fig.by_article == [("第一条", 1, 1), ("第二条", 2, 2)]
    assert "共收到意见4条（归并为3类），其中采纳1条，部分采纳2条，未采纳1条" in feedback.body_html
    assert "同类意见2条" in feedback.body_html and "13800000000" not in feedback.body_html
    assert feedback.status == "pending"
    document_transition(document=feedback, action="publish", actor=reviewer_a)
    c.refresh_from_db()
    assert c.phase(D(2026, 4, 10)) == Phase.FEEDBACK


@pytest.mark.django_db
def test_published_comment_is_masked_and_feedback_reminder_counts_working_days(
        consultation, editor_a, reviewer_a):
    c = _publish(consultation, editor_a, reviewer_a)
    with time_machine.travel(dt.datetime(2026, 3, 10, 2, tzinfo=dt.timezone.utc)):
        a = comment_submit(consultation=c, body="我是李四，电话13912345678，建议第三条增加分级分类。")
    a = comment_publish(comment=a, actor=editor_a)
    assert a.is_public and "13912345678" not in a.public_body and "139" in a.public_body
    # Closed 2026-04-01; 20 working days later, with 清明 (04-04..06) off, is Thursday 2026-04-30.
    assert feedback_overdue(today=D(2026, 4, 30)) == []
    (late, due), = feedback_overdue(today=D(2026, 5, 1))
    assert late == c and due == D(2026, 4, 30)


@pytest.mark.django_db
def test_groups_found_through_the_token_index_equal_a_scan_of_every_head(consultation, editor_a, reviewer_a):
    import random

    from gongkai.core.similarity import THRESHOLD, fingerprint, similarity

    c = _publish(consultation, editor_a, reviewer_a)
    rng = random.Random(3)
    stems = ["建议明确公共数据的范围，包括公共服务企业的数据。", "第一条的立法目的应增加促进数据流通。",
             "建议对有条件开放的数据设置申请期限。", "希望尽快出台本办法。"]
    with time_machine.travel(dt.datetime(2026, 3, 20, 2, tzinfo=dt.timezone.utc)):
        comments = []
        for _ in range(60):
            text = list(rng.choice(stems))
            for _edit in range(rng.randrange(0, 6)):
                text[rng.randrange(len(text))] = rng.choice("数据公开范围建议")
            comments.append(comment_submit(consultation=c, body="".join(text)))
    heads = []  # what the old full scan gave: the first earlier head alike, else a new group
    for comment in comments:
        fp = fingerprint(comment.body)
        key = next((h.receipt_no for h in heads if similarity(fp, fingerprint(h.body)) >= THRESHOLD), None)
        if key is None:
            heads.append(comment)
            key = comment.receipt_no
        assert comment.group_key == key
    assert 4 <= len(heads) < 60


@pytest.mark.django_db
def test_a_receipt_number_already_taken_is_drawn_again(consultation, editor_a, reviewer_a, monkeypatch):
    from gongkai.consultations import ledger

    c = _publish(consultation, editor_a, reviewer_a)
    numbers = iter(["ZQ-SAME-0001", "ZQ-SAME-0001", "ZQ-SAME-0002"])
    monkeypatch.setattr(ledger, "_receipt_no", lambda _c: next(numbers))
    with time_machine.travel(dt.datetime(2026, 3, 20, 2, tzinfo=dt.timezone.utc)):
        first = comment_submit(consultation=c, body="建议明确公共数据的范围。")
        second = comment_submit(consultation=c, body="希望尽快出台本办法，并公开起草说明。")
    assert (first.receipt_no, second.receipt_no) == ("ZQ-SAME-0001", "ZQ-SAME-0002")
    assert c.comments.count() == 2
    assert AuditEntry.objects.filter(action="consultation.comment").count() == 2


@pytest.mark.django_db
def test_comments_saved_while_the_queue_is_down_are_grouped_in_order_by_the_sweep(consultation, editor_a,
                                                                                 reviewer_a, monkeypatch):
    """A comment is saved as its own group; the queued grouping (or the sweep, when the message was
    lost) puts comments into groups in the order they came in, and a second run changes nothing."""
    from gongkai.consultations import ledger
    from gongkai.consultations.models import Comment, CommentToken
    from gongkai.consultations.tasks import comments_group_sweep_task
    from gongkai.core.similarity import fingerprint

    c = _publish(consultation, editor_a, reviewer_a)
    text = "建议明确公共数据开放的范围和条件，并公布申请期限。"
    monkeypatch.setattr(ledger, "task_enqueue_coalesced", lambda *args: None)  # the broker is down
    with time_machine.travel(dt.datetime(2026, 3, 20, 2, tzinfo=dt.timezone.utc)):
        first = comment_submit(consultation=c, body=text)
        other = comment_submit(consultation=c, body="希望尽快出台本办法。")
        late = comment_submit(consultation=c, body=text + "谢谢")
    pending = Comment.objects.filter(consultation=c, grouped=False)
    assert pending.count() == 3 and late.group_key == late.receipt_no  # its own group until grouped
    assert comments_group_sweep_task() == 3
    first.refresh_from_db(), other.refresh_from_db(), late.refresh_from_db()
    assert first.group_key == late.group_key == first.receipt_no and other.group_key == other.receipt_no
    # only heads are indexed, with their whole fingerprint: the count finds the head without its text
    assert set(CommentToken.objects.filter(consultation=c).values_list("head_id", flat=True)) == {first.pk, other.pk}
    assert ledger._alike_heads(c.pk, fingerprint(text + "谢谢")) == [first.pk]
    assert ledger._alike_heads(c.pk, fingerprint("完全无关的另一条意见内容")) == []
    tokens = CommentToken.objects.count()
    assert ledger.comments_group(consultation_id=c.pk) == 0 and CommentToken.objects.count() == tokens


@pytest.mark.django_db
def test_feedback_reminder_fires_once_after_twenty_working_days_with_frozen_time(
        consultation, editor_a, reviewer_a, mailoutbox):
    from gongkai.consultations.models import ConsultationReminder
    from gongkai.consultations.reminders import reminders_send

    editor_a.email = "editor@example.gov.cn"
    editor_a.save(update_fields=["email"])
    c = _publish(consultation, editor_a, reviewer_a)  # closes 2026-04-01; feedback due 2026-04-30
    assert reminders_send(today=D(2026, 4, 30)) == 0
    with time_machine.travel(dt.datetime(2026, 5, 6, 1, tzinfo=dt.timezone.utc)):  # after 劳动节 (05-01..05)
        assert reminders_send(today=D(2026, 5, 6)) == 1
        assert reminders_send(today=D(2026, 5, 7)) == 0  # once per due day, however often it runs
    (note,) = ConsultationReminder.objects.all()
    assert note.user == editor_a and note.consultation == c and note.emailed
    assert "2026-04-30" in note.message and len(mailoutbox) == 1 and "意见征集提醒" in mailoutbox[0].subject
    # Published feedback stops the reminders.
    with time_machine.travel(dt.datetime(2026, 5, 7, 1, tzinfo=dt.timezone.utc)):
        comment_submit(consultation=c, body="来信意见。", channel=Channel.LETTER, actor=editor_a)
        for comment in c.comments.all():
            comment_dispose(comment=comment, actor=editor_a, disposition=Disposition.ADOPTED)
        document_transition(document=feedback_generate(consultation=c, actor=editor_a), action="publish",
                            actor=reviewer_a)
    ConsultationReminder.objects.all().delete()
    assert reminders_send(today=D(2026, 5, 8)) == 0


@pytest.mark.django_db
def test_a_workbench_visit_records_the_feedback_reminder(client_for, consultation, editor_a, reviewer_a):
    from gongkai.consultations.models import ConsultationReminder

    _publish(consultation, editor_a, reviewer_a)
    with time_machine.travel(dt.datetime(2026, 5, 6, 1, tzinfo=dt.timezone.utc)):
        page = client_for(editor_a).get("/console/").content.decode()
    assert "意见采纳情况反馈应于 2026-04-30 前公开，已逾期" in page
    assert ConsultationReminder.objects.filter(user=editor_a, key__startswith="feedback:").count() == 1
