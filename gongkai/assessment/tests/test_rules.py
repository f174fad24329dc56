"""Each rule function against figures counted by hand on small fixtures."""
import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from gongkai.catalog import indicators as cat
from gongkai.catalog.models import Subject
from gongkai.catalog.services import attachment_add, relation_add

D = dt.date
MAY_JUNE = dict(start=D(2024, 5, 1), end=D(2024, 6, 30))


def _doc(factory, agency, written, published, **extra):
    return factory(agency, "published", written_date=written, publish_date=published, **extra)


@pytest.mark.django_db
def test_publish_late_counts_working_days_over_the_labour_day_holiday(document_factory, dept_a, dept_b):
    # Written 2024-05-06: 20 working days (05-11 is a 调休 Saturday) end on 2024-05-31.
    _doc(document_factory, dept_a, D(2024, 5, 6), D(2024, 5, 8))
    _doc(document_factory, dept_a, D(2024, 5, 6), D(2024, 5, 31))  # the last day: on time
    late1 = _doc(document_factory, dept_a, D(2024, 5, 6), D(2024, 6, 3))
    _doc(document_factory, dept_a, D(2024, 5, 6), D(2024, 6, 20))
    _doc(document_factory, dept_a, D(2024, 1, 6), D(2024, 4, 20))  # outside the period
    _doc(document_factory, dept_b, D(2024, 5, 6), D(2024, 6, 20))  # another agency
    out = cat.publish_late(agency_ids=[dept_a.pk], **MAY_JUNE)
    assert (out["numerator"], out["denominator"]) == (2, 4)
    assert out["records"][0] == (f"{late1.title}（成文 2024-05-06，发布 2024-06-03，期限 2024-05-31）", f"/doc/{late1.pk}/")
    whole = cat.publish_late(agency_ids=None, **MAY_JUNE)
    assert (whole["numerator"], whole["denominator"]) == (3, 5)


@pytest.mark.django_db
def test_stale_columns_and_days_since_publication(document_factory, dept_a):
    s1, s2 = Subject.objects.filter(parent__isnull=False).order_by("id")[:2]
    _doc(document_factory, dept_a, D(2024, 1, 5), D(2024, 1, 10), subject=s1)
    _doc(document_factory, dept_a, D(2024, 5, 30), D(2024, 6, 1), subject=s2)
    _doc(document_factory, dept_a, D(2024, 9, 1), D(2024, 9, 2), subject=s2)  # after the end: not seen
    end = D(2024, 8, 1)  # six months before: 2024-02-01
    out = cat.subjects_stale(agency_ids=[dept_a.pk], start=D(2023, 9, 1), end=end)
    assert (out["numerator"], out["denominator"]) == (1, 2)
    assert out["records"][0][0] == f"{s1}：最近发布 2024-01-10，已 204 天未更新"
    days = cat.days_since_publication(agency_ids=[dept_a.pk], start=D(2023, 9, 1), end=end)
    assert (days["numerator"], days["denominator"]) == (61, 1)
    assert [r[0] for r in days["records"]] == [f"{s1}：204 天（最近 2024-01-10）", f"{s2}：61 天（最近 2024-06-01）"]
    assert cat.days_since_publication(agency_ids=[dept_a.pk + 999], start=D(2023, 9, 1), end=end)["denominator"] == 0


@pytest.mark.django_db
def test_interpretation_coverage_and_timeliness(document_factory, dept_a):
    p1 = _doc(document_factory, dept_a, D(2024, 5, 6), D(2024, 5, 8), category="normative")
    p2 = _doc(document_factory, dept_a, D(2024, 5, 16), D(2024, 5, 20), category="normative")
    p3 = _doc(document_factory, dept_a, D(2024, 5, 16), D(2024, 5, 20), category="regulation")
    _doc(document_factory, dept_a, D(2024, 5, 16), D(2024, 5, 20), category="work")  # not a policy
    i1 = _doc(document_factory, dept_a, D(2024, 5, 9), D(2024, 5, 10), category="interpretation")
    i3 = _doc(document_factory, dept_a, D(2024, 5, 29), D(2024, 5, 30), category="interpretation")
    relation_add(source=i1, target=p1, kind="interprets", actor=None)
    relation_add(source=i3, target=p3, kind="interprets", actor=None)
    cover = cat.interpretation_coverage(agency_ids=[dept_a.pk], **MAY_JUNE)
    assert (cover["numerator"], cover["denominator"]) == (2, 3)
    assert cover["records"] == [(f"{p2.title}（2024-05-20 发布，无解读）", f"/doc/{p2.pk}/")]
    # p1: 3 working days after 05-08 is 05-11 (调休 Saturday), 解读 05-10 in time; p3: due 05-23, 解读 05-30 late
    timely = cat.interpretation_timely(agency_ids=[dept_a.pk], **MAY_JUNE)
    assert (timely["numerator"], timely["denominator"]) == (1, 2)
    assert "期限 2024-05-23" in timely["records"][0][0]


@pytest.mark.django_db
def test_expired_still_valid_and_missing_attachments(document_factory, dept_a):
    import time_machine
    from zoneinfo import ZoneInfo

    # Published in January 2024 (the 规范性文件库 expires a document whose date has passed at publication;
    # the rule catches those its daily sweep has not reached).
    with time_machine.travel(dt.datetime(2024, 1, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        old = _doc(document_factory, dept_a, D(2024, 1, 1), D(2024, 1, 2), expiry_date=D(2024, 7, 1))
        _doc(document_factory, dept_a, D(2024, 1, 1), D(2024, 1, 2), expiry_date=D(2024, 9, 1))
        _doc(document_factory, dept_a, D(2024, 1, 1), D(2024, 1, 2), expiry_date=D(2024, 3, 1), validity="expired")
    out = cat.expired_still_valid(agency_ids=[dept_a.pk], start=D(2023, 9, 1), end=D(2024, 8, 1))
    assert (out["numerator"], out["denominator"]) == (1, 2)
    assert out["records"][0][1] == f"/doc/{old.pk}/"
    draft = document_factory(dept_a, "draft")
    kept = attachment_add(document=draft, actor=None, name="a.pdf", content=b"%PDF-1.4 a")
    lost = attachment_add(document=draft, actor=None, name="b.pdf", content=b"%PDF-1.4 b")
    from gongkai.catalog.services import document_transition

    document_transition(document=draft, action="submit", actor=None)
    document_transition(document=draft, action="publish", actor=None, override_reason="测试附件")
    default_storage.delete(lost.file.name)
    assert default_storage.exists(kept.file.name)
    out = cat.attachments_missing(agency_ids=[dept_a.pk], start=D(2023, 9, 1), end=D(2024, 8, 1))
    assert (out["numerator"], out["denominator"]) == (1, 2)
    assert "b.pdf" in out["records"][0][0]


def _case(agency, no, **fields):
    from gongkai.foi.models import Case

    return Case.objects.create(agency=agency, tracking_no=no, query_code_hash="x", channel="online",
                               applicant_kind="natural", applicant_name="张三", phone="13800000000",
                               info_description="某文件", submitted_at=timezone.now(), **fields)


@pytest.mark.django_db
def test_foi_on_time_and_correction_rates(dept_a, dept_b):
    from gongkai.foi import indicators as foi
    from gongkai.foi.models import Appeal

    _case(dept_a, "A1", status="answered", due_date=D(2024, 5, 20), closed_date=D(2024, 5, 15))
    _case(dept_a, "A2", status="answered", due_date=D(2024, 5, 20), closed_date=D(2024, 5, 21))
    _case(dept_a, "A3", status="processing", due_date=D(2024, 6, 3))  # open, past due in the period
    _case(dept_a, "A4", status="processing", due_date=D(2024, 7, 3))  # not due yet
    c5 = _case(dept_b, "B1", status="answered", due_date=D(2024, 5, 20), closed_date=D(2024, 5, 10))
    out = foi.replies_on_time(agency_ids=[dept_a.pk], **MAY_JUNE)
    assert (out["numerator"], out["denominator"]) == (1, 3)
    assert [r[0] for r in out["records"]] == ["A2：2024-05-21 答复，期限 2024-05-20", "A3：期限 2024-06-03，尚未答复"]
    assert (foi.replies_on_time(agency_ids=None, **MAY_JUNE)["numerator"],) == (2,)
    a1 = _case(dept_a, "A5", status="answered", due_date=D(2024, 4, 1), closed_date=D(2024, 3, 20))
    Appeal.objects.create(case=a1, kind="reconsideration", result="corrected", filed_date=D(2024, 4, 1),
                          decided_date=D(2024, 5, 30))
    Appeal.objects.create(case=a1, kind="litigation_after", result="upheld", filed_date=D(2024, 4, 1),
                          decided_date=D(2024, 6, 10))
    Appeal.objects.create(case=a1, kind="litigation_direct", result="pending", filed_date=D(2024, 4, 1))
    Appeal.objects.create(case=c5, kind="reconsideration", result="corrected", filed_date=D(2024, 5, 1),
                          decided_date=D(2024, 6, 1))
    out = foi.appeals_corrected(agency_ids=[dept_a.pk], **MAY_JUNE)
    assert (out["numerator"], out["denominator"]) == (1, 2)
    whole = foi.appeals_corrected(agency_ids=None, **MAY_JUNE)
    assert (whole["numerator"], whole["denominator"]) == (2, 3)


@pytest.mark.django_db
def test_mailbox_reply_rate_and_mean_working_days(dept_a):
    from gongkai.mailboxes import indicators as mb
    from gongkai.mailboxes.models import Mailbox, Message

    box = Mailbox.objects.create(agency=dept_a, name="信箱", slug="box")

    def msg(n, **f):
        return Message.objects.create(mailbox=box, number=f"LY{n}", query_code_hash="x", type="consult", title=f"留言{n}",
                                      body="内容", handler=dept_a, **f)

    msg(1, status="replied", accepted_on=D(2024, 5, 6), reply_due=D(2024, 5, 20), replied_on=D(2024, 5, 10))  # 4 wd
    msg(2, status="replied", accepted_on=D(2024, 5, 6), reply_due=D(2024, 5, 20), replied_on=D(2024, 5, 24))  # 14 wd
    msg(3, status="accepted", accepted_on=D(2024, 6, 3), reply_due=D(2024, 6, 17))
    msg(4, status="rejected", accepted_on=D(2024, 6, 3))
    rate = mb.reply_rate(agency_ids=[dept_a.pk], **MAY_JUNE)
    assert (rate["numerator"], rate["denominator"]) == (1, 3)
    mean = mb.reply_workdays(agency_ids=[dept_a.pk], **MAY_JUNE)
    # 05-06→05-10: 7,8,9,10 = 4; 05-06→05-24: 7–11 (11 is 调休) = 5, 13–17 = 5, 20–24 = 5 → 15
    assert (mean["numerator"], mean["denominator"]) == (19, 2)
    assert mean["records"][0][0] == "LY2 留言2（15 个工作日）"


@pytest.mark.django_db
def test_consultation_feedback_published_in_time(document_factory, dept_a):
    from gongkai.consultations import indicators as co
    from gongkai.consultations.models import Consultation

    fb = _doc(document_factory, dept_a, D(2024, 5, 20), D(2024, 5, 20))
    late = _doc(document_factory, dept_a, D(2024, 6, 5), D(2024, 6, 5))
    for title, feedback in [("甲", fb), ("乙", None), ("丙", late)]:
        Consultation.objects.create(agency=dept_a, title=title, kind="规章", start_date=D(2024, 4, 1),
                                    end_date=D(2024, 5, 6), status="published", feedback=feedback)
    # closed 05-06: feedback due 20 working days later, 2024-05-31
    out = co.feedback_published(agency_ids=[dept_a.pk], **MAY_JUNE)
    assert (out["numerator"], out["denominator"]) == (1, 3)
    assert sorted(r[0] for r in out["records"]) == ["丙（反馈期限 2024-05-31，2024-06-05 公开）", "乙（反馈期限 2024-05-31，未公开）"]


@pytest.mark.django_db
def test_newmedia_stale_accounts(dept_a):
    from gongkai.newmedia import indicators as nm
    from gongkai.newmedia.models import Account

    for i, last in enumerate([D(2024, 6, 20), D(2024, 6, 10), None]):
        Account.objects.create(agency=dept_a, platform="wechat", name=f"号{i}", account_id=f"id{i}",
                               operator_name="运维", operator_phone="1", status="opened", opened_date=D(2024, 1, 1),
                               latest_post_date=last)
    Account.objects.create(agency=dept_a, platform="weibo", name="已注销", account_id="x", operator_name="运维",
                           operator_phone="1", status="closed")
    out = nm.newmedia_active(agency_ids=[dept_a.pk], **MAY_JUNE)  # cut-off 2024-06-16
    assert (out["numerator"], out["denominator"]) == (1, 3)


@pytest.mark.django_db
def test_links_broken_counts_only_this_sites_links(document_factory, dept_a, settings):
    settings.SITE_URL = "https://xxgk.example.gov.cn"
    target = _doc(document_factory, dept_a, D(2024, 5, 1), D(2024, 5, 6))
    withdrawn = document_factory(dept_a, "draft")
    body = (f'<p><a href="/doc/{target.pk}/">有效</a> <a href="/doc/{withdrawn.pk}/">未公开</a>'
            f' <a href="https://xxgk.example.gov.cn/no-such-page/">站内不存在</a> <a href="/media/missing/x.pdf">缺失文件</a>'
            f' <a href="https://www.gov.cn/zhengce/">外站</a> <a href="mailto:a@example.gov.cn">邮件</a></p>')
    doc = _doc(document_factory, dept_a, D(2024, 5, 1), D(2024, 5, 6), body_html=body)
    out = cat.links_broken(agency_ids=[dept_a.pk], **MAY_JUNE)
    # four links to this site are checked (the other site and mailto: are not); three lead nowhere
    assert (out["numerator"], out["denominator"]) == (3, 4)
    assert {r[1] for r in out["records"]} == {f"/doc/{doc.pk}/"}
    assert any("/no-such-page/" in r[0] for r in out["records"])
