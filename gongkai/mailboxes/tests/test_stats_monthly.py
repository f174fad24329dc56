"""The monthly 留言 statistics go to the catalog by themselves (beat, the 1st of each month), once."""
import datetime as dt

import pytest
import time_machine

from gongkai.catalog.models import Document
from gongkai.mailboxes.models import Mailbox
from gongkai.mailboxes.services import message_submit
from gongkai.mailboxes.tasks import stats_publish_monthly_task


@pytest.mark.django_db
def test_last_months_statistics_are_submitted_once_by_the_monthly_job(city, dept_a):
    box = Mailbox.objects.create(agency=city, name="市长信箱", slug="mayor", kind="leader")
    with time_machine.travel(dt.datetime(2026, 11, 16, 2, tzinfo=dt.timezone.utc)):
        message_submit(mailbox=box, type="consult", title="公积金提取", body="租房提取公积金需要什么条件？")
    with time_machine.travel(dt.datetime(2026, 12, 1, 0, 40, tzinfo=dt.timezone.utc)):  # 08:40 Beijing
        assert stats_publish_monthly_task() == 1  # dept_a has no mailbox: nothing for it
        assert stats_publish_monthly_task() == 0  # already submitted: not again
    (document,) = Document.objects.all()
    assert document.title == "示范市人民政府2026年11月网上留言办理情况统计"
    assert document.status == "pending" and "市长信箱" in document.body_html
