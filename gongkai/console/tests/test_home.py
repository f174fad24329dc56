"""The 工作台: counts, documents awaiting review, returned drafts and the 逾期公开 flag."""
import datetime as dt

import pytest
from django.urls import reverse

from gongkai.catalog.services import document_transition
from gongkai.console.selectors import documents_overdue

pytestmark = pytest.mark.django_db

# 成文 Friday 2024-09-20. Counting 20 working days over 国庆 2024 (10-01..10-07 off, Sunday 09-29 and
# Saturday 10-12 worked) ends on Wednesday 2024-10-23; counting weekdays alone would end on 10-18.
WRITTEN = dt.date(2024, 9, 20)
DEADLINE = dt.date(2024, 10, 23)


def test_overdue_flag_uses_the_real_calendar(editor_a, dept_a, make_doc, login):
    on_time = make_doc(dept_a, "published", title="按期公开的通知", written_date=WRITTEN, publish_date=DEADLINE)
    late = make_doc(dept_a, "published", title="逾期公开的通知", written_date=WRITTEN,
                    publish_date=DEADLINE + dt.timedelta(days=1))
    far_late = make_doc(dept_a, "published", title="很晚公开的通知", written_date=dt.date(2024, 1, 2),
                        publish_date=dt.date(2024, 6, 3))
    make_doc(dept_a, "published", title="无成文日期的通知", written_date=None, publish_date=dt.date(2024, 6, 3))

    flagged = {doc.title: lag for doc, lag in documents_overdue(user=editor_a)}
    assert set(flagged) == {"逾期公开的通知", "很晚公开的通知"}
    assert flagged["逾期公开的通知"] == {"deadline": DEADLINE, "provisional": False, "overdue": True}

    client = login(editor_a)
    home = client.get(reverse("console:home")).content.decode()
    section = home.split('id="overdue-h"')[1]
    assert "逾期公开的通知" in section and "很晚公开的通知" in section
    assert "按期公开的通知" not in section
    assert "2024-10-23" in section and "暂定" not in section

    detail = client.get(reverse("console:document", args=[late.pk])).content.decode()
    assert "逾期公开" in detail and "2024-10-23" in detail
    detail = client.get(reverse("console:document", args=[on_time.pk])).content.decode()
    assert "按期公开" in detail and "flag-overdue" not in detail
    assert far_late.pk  # flagged above


def test_deadline_in_an_unentered_year_is_provisional(editor_a, dept_a, make_doc, login):
    make_doc(dept_a, "published", title="远期文件", written_date=dt.date(2031, 3, 3),
             publish_date=dt.date(2031, 6, 2))
    home = login(editor_a).get(reverse("console:home")).content.decode()
    section = home.split('id="overdue-h"')[1]
    assert "远期文件" in section and "暂定" in section


def test_overdue_is_scoped_to_the_users_agencies(editor_b, dept_a, make_doc):
    make_doc(dept_a, "published", written_date=WRITTEN, publish_date=dt.date(2024, 12, 2))
    assert documents_overdue(user=editor_b) == []


def test_counts_pending_and_returned(editor_a, reviewer_a, editor_b, dept_a, dept_b, make_doc, login):
    make_doc(dept_a, title="草稿甲")
    make_doc(dept_a, "pending", title="待审乙")
    make_doc(dept_a, "published", title="已发布丙")
    make_doc(dept_b, "pending", title="财政局待审丁")
    returned = make_doc(dept_a, "pending", title="被退回戊")
    document_transition(document=returned, action="return", actor=reviewer_a, reason="附件缺失，请补充")
    reopened = make_doc(dept_a, "withdrawn", title="重新编辑己")
    document_transition(document=reopened, action="reopen", actor=editor_a, reason="改正错别字")

    reviewer_home = login(reviewer_a).get(reverse("console:home"))
    html = reviewer_home.content.decode()
    counts = dict((value, n) for value, _label, n in reviewer_home.context["status_counts"])
    assert counts == {"draft": 3, "pending": 1, "published": 1, "withdrawn": 0}
    pending = html.split('id="pending-h"')[1].split("</section>")[0]
    assert "待审乙" in pending and "财政局待审丁" not in pending
    returned_section = html.split('id="returned-h"')[1].split("</section>")[0]
    assert "被退回戊" in returned_section and "附件缺失，请补充" in returned_section
    assert "重新编辑己" not in returned_section  # reopened, not returned

    editor_html = login(editor_a).get(reverse("console:home")).content.decode()
    assert 'id="pending-h"' not in editor_html  # editors do not review
    assert "附件缺失，请补充" in editor_html
    assert "待审乙" not in login(editor_b).get(reverse("console:home")).content.decode()


def test_user_without_agency_sees_a_notice(django_user_model, login):
    user = django_user_model.objects.create_user(username="nobody", password="pw-Test-12345")
    html = login(user).get(reverse("console:home")).content.decode()
    assert "尚未分配到任何机关" in html
