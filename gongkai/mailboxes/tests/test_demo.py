"""The mailboxes demo: replied and rated, overdue, waiting and rejected messages, and last month's
statistics published as a catalog document (issue #17's "Done means")."""
import datetime as dt
import io

import pytest
import time_machine

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Document
from gongkai.mailboxes import demo
from gongkai.mailboxes.models import Message, MessageStatus, Rating


@pytest.mark.django_db
def test_demo_has_every_kind_of_message_and_publishes_last_months_statistics(client, city):
    Agency.objects.create(name="示范市教育局", short_name="市教育局", slug="edu", kind=Agency.Kind.DEPARTMENT,
                          level=Agency.Level.CITY, parent=city)
    county = Agency.objects.create(name="示范县人民政府", short_name="示范县", slug="county", kind=Agency.Kind.GOVERNMENT,
                                   level=Agency.Level.COUNTY, parent=city)
    with time_machine.travel(dt.datetime(2026, 12, 7, 2, tzinfo=dt.timezone.utc)):
        demo.load(stdout=io.StringIO())
        demo.load(stdout=io.StringIO())  # idempotent
        today = dt.date(2026, 12, 7)
        assert Message.objects.count() == len(demo.MESSAGES)
        overdue = Message.objects.get(status=MessageStatus.ACCEPTED, reply_due__lt=today, reopened=False)
        assert overdue.supervised_on == today and overdue.events.filter(kind="supervised").count() == 1  # 督办
        assert Message.objects.filter(rating=Rating.SATISFIED).exists()
        assert Message.objects.filter(reopened=True, status=MessageStatus.ACCEPTED).exists()  # 不满意, reopened
        (document,) = Document.objects.filter(title__contains="网上留言办理情况统计")
        assert document.status == "published" and "2026年11月" in document.title
        assert client.get(document.get_absolute_url()).status_code == 200
        passed = Message.objects.get(events__kind="assigned")  # the city passed one on to the county
        assert passed.handler == county and passed.events.get(kind="assigned").from_agency == city
