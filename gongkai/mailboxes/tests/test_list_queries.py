"""The 留言 lists as written for 100,000 messages: the staff list's overdue filter, the public list read
without counting it, the monthly statistics read without joins, and the partial indexes the lists are
written for (each database must be able to answer the list from its index)."""
import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.core.paging import page_uncounted
from gongkai.mailboxes.models import Mailbox, Message, MessageStatus as S
from gongkai.mailboxes.selectors import messages_for_user, messages_public, overdue_messages
from gongkai.mailboxes.stats import month_stats

D = dt.date
TODAY = D(2026, 3, 20)


def _msg(box, n, status, *, handler=None, received=D(2026, 3, 2), accept_due=None, reply_due=None,
         replied_on=None, is_public=False, rating=""):
    at = timezone.make_aware(dt.datetime(received.year, received.month, received.day, 10))
    return Message.objects.create(mailbox=box, number=f"LY{n:08d}", query_code_hash="x$y", type="consult",
                                  title=f"留言{n}", body="内容", status=status, handler=handler or box.agency,
                                  received_at=at, accept_due=accept_due, reply_due=reply_due,
                                  replied_on=replied_on, is_public=is_public, rating=rating)


@pytest.fixture
def boxes(city, dept_b):
    return (Mailbox.objects.create(agency=city, name="市长信箱", slug="mayor"),
            Mailbox.objects.create(agency=dept_b, name="财政局信箱", slug="fin"))


@pytest.fixture
def open_and_closed(boxes, dept_a):
    mayor, fin = boxes
    return {
        "late_accept": _msg(mayor, 1, S.SUBMITTED, accept_due=D(2026, 3, 19)),
        "due_today": _msg(mayor, 2, S.SUBMITTED, accept_due=TODAY),
        "late_reply": _msg(mayor, 3, S.ACCEPTED, accept_due=D(2026, 3, 4), reply_due=D(2026, 3, 18)),
        "reply_in_time": _msg(mayor, 4, S.ACCEPTED, accept_due=D(2026, 3, 4), reply_due=D(2026, 3, 30)),
        "replied": _msg(mayor, 5, S.REPLIED, accept_due=D(2026, 3, 4), reply_due=D(2026, 3, 10),
                        replied_on=D(2026, 3, 12)),
        "rejected": _msg(mayor, 6, S.REJECTED, accept_due=D(2026, 3, 4)),
        # sent to the 财政局 box, handled by the 教育局: both see it, through the box or as handler
        "late_elsewhere": _msg(fin, 7, S.ACCEPTED, handler=dept_a, accept_due=D(2026, 3, 4),
                               reply_due=D(2026, 3, 17)),
    }


@pytest.mark.django_db
def test_overdue_filter_lists_open_messages_past_their_deadline(client_for, open_and_closed, office_city, editor_a,
                                                                editor_b, dept_a, dept_b):
    m = open_and_closed
    late = {m["late_accept"], m["late_reply"], m["late_elsewhere"]}
    assert set(messages_for_user(user=office_city, overdue_on=TODAY)) == late
    assert set(overdue_messages(today=TODAY)) == late
    assert list(messages_for_user(user=editor_a, overdue_on=TODAY)) == [m["late_elsewhere"]]
    assert list(messages_for_user(user=editor_b, overdue_on=TODAY)) == [m["late_elsewhere"]]
    assert set(overdue_messages(today=TODAY, agency_ids={dept_b.pk})) == {m["late_elsewhere"]}
    # the deadline order: by 答复期限, then newest first
    dated = [x for x in messages_for_user(user=office_city, overdue_on=TODAY) if x.reply_due]
    assert dated == [m["late_elsewhere"], m["late_reply"]]
    # the whole list (no filter) and a status filter see the same messages as before, routed the same way
    assert set(messages_for_user(user=office_city)) == set(m.values())
    assert set(messages_for_user(user=editor_b)) == {m["late_elsewhere"]}
    assert set(messages_for_user(user=office_city, status=S.ACCEPTED)) == {
        m["late_reply"], m["reply_in_time"], m["late_elsewhere"]}
    with time_machine.travel(dt.datetime(2026, 3, 20, 2, tzinfo=dt.timezone.utc)), \
            CaptureQueriesContext(connection) as queries:
        page = client_for(office_city).get("/console/mailboxes/?overdue=1").content.decode()
    # one query reads the rows with what they show: no deferred column is loaded row by row
    assert sum('FROM "mailboxes_message"' in q["sql"] for q in queries.captured_queries) == 1
    assert all(x.number in page for x in late)
    assert not any(x.number in page for x in set(m.values()) - late)
    # each row's labels: type and status in the user's language, the deadline in force flagged late
    assert page.count("<small>咨询 · 2026-03-02</small>") == 3 and page.count("<td>办理中</td>") == 2
    assert page.count("<td>待受理</td>") == 1 and page.count('<span class="flag flag-overdue">逾期</span>') == 3
    assert "受理 2026-03-19" in page and "答复 2026-03-18" in page


@pytest.fixture
def public_messages(boxes):
    mayor, _fin = boxes
    rows = [_msg(mayor, 100 + n, S.CLOSED if n % 2 else S.REPLIED, replied_on=D(2026, 1, 1) + dt.timedelta(days=n),
                 is_public=True) for n in range(1, 22)]
    _msg(mayor, 150, S.ACCEPTED, replied_on=D(2026, 3, 1), is_public=True)  # reopened after 不满意: not listed
    _msg(mayor, 151, S.CLOSED, replied_on=D(2026, 3, 1), is_public=False)  # the writer did not agree to publish
    return rows


@pytest.mark.django_db
def test_public_list_pages_without_counting(client, public_messages):
    newest_first = public_messages[::-1]
    assert list(messages_public()) == newest_first
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/hdjl/ly/").content.decode()
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert all(m.title + "<" in page for m in newest_first[:20]) and newest_first[20].title + "<" not in page
    assert "第 1 页" in page and "page=2" in page and "上一页" not in page
    page = client.get("/hdjl/ly/?page=2").content.decode()
    assert newest_first[20].title + "<" in page and "第 2 页" in page and "下一页" not in page and "page=1" in page
    assert "留言150<" not in page and "留言151<" not in page
    assert "第 1 页" in client.get("/hdjl/ly/?page=abc").content.decode()
    past_the_end = client.get("/hdjl/ly/?page=9").content.decode()
    assert "暂无公开的答复" in past_the_end and "page=8" in past_the_end
    page = client.get("/hdjl/ly/mayor/?page=2").content.decode()
    assert newest_first[20].title + "<" in page and "第 2 页" in page


def test_page_uncounted_reads_one_row_more_than_the_page():
    rows = list(range(45))
    page = page_uncounted(rows, "2", per_page=20)
    assert list(page) == list(range(20, 40)) and page.has_next() and page.has_previous()
    assert (page.previous_page_number(), page.next_page_number()) == (1, 3)
    last = page_uncounted(rows, 3, per_page=20)
    assert list(last) == list(range(40, 45)) and not last.has_next() and len(last) == 5
    for junk in (None, "", "0", "-3", "x", "1.5"):
        assert page_uncounted(rows, junk, per_page=20).number == 1
    assert page_uncounted(rows, "99999999", per_page=20, max_page=50).number == 50
    alone = page_uncounted(rows[:3], 1, per_page=20)
    assert not alone.has_other_pages() and list(alone) == [0, 1, 2]


# SQLite's statistics (sqlite_stat1) of the tables of bench/participation.py at 100,000 messages
# (3 mailboxes, 13 agencies), after ANALYZE: the planner is shown the tables the lists are written for.
BENCH_STATS = [
    ("mailboxes_mailbox", "mailboxes_mailbox_agency_id_754dc057", "3 3"),
    ("mailboxes_mailbox", "sqlite_autoindex_mailboxes_mailbox_1", "3 1"),
    ("agencies_agency", "agencies_agency_parent_id_2087cd0c", "13 7"),
    ("agencies_agency", "agencies_agency_path_11d7bc3b", "13 1"),
    ("agencies_agency", "sqlite_autoindex_agencies_agency_1", "13 1"),
    ("mailboxes_message", "mailbox_msg_open_due", "19910 55 55"),
    ("mailboxes_message", "mailbox_msg_public_list", "70011 183 1"),
    ("mailboxes_message", "mailbox_msg_public_box", "70011 23337 61 1"),
    ("mailboxes_message", "mailboxes_m_handler_eb25ab_idx", "100000 7693 1539"),
    ("mailboxes_message", "mailboxes_m_mailbox_5c3ec2_idx", "100000 33334 6667 19"),
    ("mailboxes_message", "mailboxes_message_replied_on_9b40bdeb", "100000 261"),
    ("mailboxes_message", "mailboxes_message_mailbox_id_a97428f4", "100000 33334"),
    ("mailboxes_message", "mailboxes_message_handler_id_1cef0740", "100000 7693"),
    ("mailboxes_message", "mailboxes_message_is_public_f06d7fe2", "100000 50000"),
    ("mailboxes_message", "mailboxes_message_reply_due_64496d9d", "100000 274"),
    ("mailboxes_message", "mailboxes_message_received_at_9c374549", "100000 274"),
    ("mailboxes_message", "mailboxes_message_status_95280935", "100000 20000"),
    ("mailboxes_message", "sqlite_autoindex_mailboxes_message_1", "100000 1"),
]


def _plan(qs) -> str:
    """The plan for `qs` on tables like the benchmark's. SQLite: their statistics at 100,000 messages
    are loaded for the one query (and removed after). PostgreSQL: a test table of a few rows would always
    be read whole, so table scans, bitmap scans and sorts are priced out: the plan shows whether the
    database can read the list, in its order, from an index."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                cursor.execute(f"SET LOCAL {setting} = off")
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("ANALYZE")
        try:
            cursor.execute("DELETE FROM sqlite_stat1")
            for row in BENCH_STATS:
                cursor.execute("INSERT INTO sqlite_stat1 VALUES (%s, %s, %s)", row)
            cursor.execute("ANALYZE sqlite_schema")
            # bound values are part of the plan: SQLite matches `status = ?` with a partial index's
            # `status = 'accepted'` when it re-prepares the statement with the values bound
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        finally:
            cursor.execute("DELETE FROM sqlite_stat1")
            cursor.execute("ANALYZE sqlite_schema")


def _reads_in_order(plan: str, index: str) -> bool:
    return (f"Index Scan using {index} on mailboxes_message" in plan if connection.vendor == "postgresql"
            else f"USING INDEX {index}" in plan and "FOR ORDER BY" not in plan)


@pytest.mark.django_db
def test_lists_can_be_answered_from_their_partial_indexes(open_and_closed, public_messages, office_city):
    open_due, public = "mailbox_msg_open_due", "mailbox_msg_public_list"
    assert _reads_in_order(_plan(messages_for_user(user=office_city, overdue_on=TODAY)[:300]), open_due)
    assert _reads_in_order(_plan(messages_for_user(user=office_city, status=S.ACCEPTED)[:300]), open_due)
    assert _reads_in_order(_plan(messages_public()[:20]), public)
    assert _reads_in_order(_plan(messages_public(mailbox=public_messages[0].mailbox)[20:41]), "mailbox_msg_public_box")
    # a list the index does not hold is not read from it: closed messages are not in the open index
    assert open_due not in _plan(messages_for_user(user=office_city, status=S.CLOSED)[:300])


@pytest.mark.django_db
def test_month_stats_rows_by_mailbox_and_unit(boxes, city, dept_a, dept_b):
    mayor, fin = boxes
    _msg(mayor, 1, S.CLOSED, handler=dept_a, reply_due=D(2026, 3, 16), replied_on=D(2026, 3, 10), rating="satisfied")
    _msg(mayor, 2, S.ACCEPTED, handler=dept_b, reply_due=D(2026, 3, 20))
    _msg(fin, 3, S.REPLIED, reply_due=D(2026, 3, 16), replied_on=D(2026, 3, 18), rating="unsatisfied")
    # received in February, answered in March: its unit (the city) appears only through the reply
    _msg(mayor, 4, S.CLOSED, received=D(2026, 2, 20), reply_due=D(2026, 3, 9), replied_on=D(2026, 3, 2))
    _msg(fin, 5, S.SUBMITTED, received=D(2026, 4, 1))  # another month
    stats = month_stats(month="2026-03")
    boxes_ = {r.label: (r.received, r.replied, r.on_time, r.rated, r.satisfied) for r in stats["mailboxes"]}
    units = {r.label: (r.received, r.replied, r.on_time, r.rated, r.satisfied) for r in stats["units"]}
    assert [r.label for r in stats["mailboxes"]] == ["市长信箱", "财政局信箱"]
    assert [r.label for r in stats["units"]] == [a.name for a in sorted([city, dept_a, dept_b], key=lambda a: a.pk)]
    assert boxes_ == {"市长信箱": (2, 2, 2, 1, 1), "财政局信箱": (1, 1, 0, 1, 0)}
    assert units == {city.name: (0, 1, 1, 0, 0), dept_a.name: (1, 1, 1, 1, 1), dept_b.name: (2, 1, 0, 1, 0)}
    total = stats["total"]
    assert (total.received, total.replied, total.on_time, total.rated, total.satisfied) == (3, 3, 2, 2, 1)
    assert month_stats(month="2026-03", mailbox_ids=[fin.pk])["total"].received == 1
