"""规范性文件库: validity follows the 失效日期 on the Beijing day (frozen time), the 30-day reminder,
the 统一登记号, the yearly 现行有效规范性文件目录 and the 立改废 links."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Document, RelationKind, Status, Validity
from gongkai.catalog.services import document_transition, relation_add
from gongkai.columns.models import ExpiryReminder, NormativeDirectory
from gongkai.columns.normative import (directory_documents, expiry_apply, normative_directory_generate,
                                       normative_register, reminders_send, validity_on)
from gongkai.core.errors import UserFacingError
from gongkai.portal.tests.a11y import check_page

UTC = dt.timezone.utc
BEIJING = ZoneInfo("Asia/Shanghai")


def at(*args):
    """Frozen Beijing time (documents are created before their 失效日期, else publishing expires them)."""
    return time_machine.travel(dt.datetime(*args, tzinfo=BEIJING), tick=False)


def normative_doc(factory, agency, status="published", **fields):
    values = {"title": "示范市测试管理办法", "category": "normative", "genre": "办法", "validity": "valid"}
    values.update(fields)
    return factory(agency, status, **values)


def test_expiry_follows_the_beijing_day(document_factory, dept_a):
    with at(2026, 3, 1, 9, 0):
        doc = normative_doc(document_factory, dept_a, expiry_date=dt.date(2026, 4, 1))
    # 2026-03-31 23:59:59 in Beijing is 15:59:59 UTC: the 失效日期 has not come.
    with time_machine.travel(dt.datetime(2026, 3, 31, 15, 59, 59, tzinfo=UTC), tick=False):
        assert expiry_apply() == 0
    doc.refresh_from_db()
    assert doc.validity == Validity.VALID
    # One second later it is 1 April in Beijing (still 31 March in UTC): 已失效.
    with time_machine.travel(dt.datetime(2026, 3, 31, 16, 0, 0, tzinfo=UTC), tick=False):
        assert expiry_apply() == 1
        assert expiry_apply() == 0  # once
    doc.refresh_from_db()
    assert doc.validity == Validity.EXPIRED and doc.expiry_date == dt.date(2026, 4, 1)
    entry = AuditEntry.objects.get(action="document.validity", object_id=str(doc.pk))
    assert entry.from_state == "valid" and entry.to_state == "expired" and "2026-04-01" in entry.reason


def test_what_expires_and_what_does_not(document_factory, dept_a):
    day = dt.date(2026, 4, 1)
    with at(2026, 3, 1, 9, 0):
        amended = normative_doc(document_factory, dept_a, title="已修改的办法", validity="amended", expiry_date=day)
        unset = normative_doc(document_factory, dept_a, title="未标有效性的通知", validity="", expiry_date=day)
        abolished = normative_doc(document_factory, dept_a, title="已废止的办法", validity="abolished",
                                  expiry_date=day)
        draft = normative_doc(document_factory, dept_a, "draft", title="草稿办法", expiry_date=day)
        later = normative_doc(document_factory, dept_a, title="明年失效的办法", expiry_date=dt.date(2027, 4, 1))
    assert expiry_apply(today=day) == 2
    states = dict(Document.objects.values_list("pk", "validity"))
    assert states[amended.pk] == states[unset.pk] == "expired"
    assert (states[abolished.pk], states[draft.pk], states[later.pk]) == ("abolished", "valid", "valid")


def test_published_after_its_expiry_date_expires_at_once(document_factory, dept_a):
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, 0, tzinfo=BEIJING), tick=False):
        doc = normative_doc(document_factory, dept_a, "pending", expiry_date=dt.date(2026, 4, 30))
        doc = document_transition(document=doc, action="publish", actor=None)
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED and doc.validity == Validity.EXPIRED


def test_validity_read_on_a_day():
    doc = Document(validity="valid", effective_date=dt.date(2026, 3, 1), expiry_date=dt.date(2026, 6, 1))
    assert validity_on(doc, dt.date(2026, 2, 28)) == "尚未施行"
    assert validity_on(doc, dt.date(2026, 3, 1)) == "有效"
    assert validity_on(doc, dt.date(2026, 6, 1)) == "已失效"


def test_library_page_applies_the_rule_on_read(client, document_factory, dept_a):
    with at(2026, 3, 1, 9, 0):
        doc = normative_doc(document_factory, dept_a, expiry_date=dt.date(2026, 4, 1),
                            effective_date=dt.date(2024, 4, 1))
    normative_register(document=doc, actor=None, registration_no="SFSD-2024-0009")
    with time_machine.travel(dt.datetime(2026, 4, 1, 8, 0, tzinfo=BEIJING), tick=False):
        html = client.get("/xxgk/gfxwj/").content.decode()
    doc.refresh_from_db()
    assert doc.validity == Validity.EXPIRED  # the page ran the rule: no beat needed
    assert "SFSD-2024-0009" in html and "已失效" in html and "2026-04-01" in html
    check_page(html)
    with time_machine.travel(dt.datetime(2026, 4, 2, 8, 0, tzinfo=BEIJING), tick=False):
        assert client.get("/xxgk/gfxwj/?state=current").content.decode().count(doc.title) == 0
        rows = client.get("/api/columns/normative?state=expired").json()
    assert [(r["id"], r["registration_no"], r["validity"]) for r in rows] == [(doc.pk, "SFSD-2024-0009", "已失效")]


def test_reminder_thirty_days_before(document_factory, dept_a, reviewer_a, editor_b):
    reviewer_a.email = "reviewer@example.org"
    reviewer_a.save()
    with at(2026, 3, 1, 9, 0):
        doc = normative_doc(document_factory, dept_a, expiry_date=dt.date(2026, 5, 1))
        normative_doc(document_factory, dept_a, title="长期有效的办法")
    assert reminders_send(today=dt.date(2026, 3, 31)) == 0  # 31 days before
    assert reminders_send(today=dt.date(2026, 4, 1)) == 1   # 30 days before: the agency's reviewer
    assert reminders_send(today=dt.date(2026, 4, 2)) == 0   # once
    reminder = ExpiryReminder.objects.get()
    assert (reminder.user, reminder.document, reminder.expiry_date) == (reviewer_a, doc, dt.date(2026, 5, 1))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["reviewer@example.org"]
    assert "2026-05-01" in mail.outbox[0].body and "30 天" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="normative.remind").count() == 1
    # A named 责任人 is reminded instead; a new 失效日期 is a new reminder.
    normative_register(document=doc, actor=None, owner=editor_b)
    Document.objects.filter(pk=doc.pk).update(expiry_date=dt.date(2026, 5, 20))
    assert reminders_send(today=dt.date(2026, 4, 25)) == 1
    assert ExpiryReminder.objects.filter(user=editor_b, expiry_date=dt.date(2026, 5, 20)).exists()


def test_registration_number_is_unique_and_only_for_normative_documents(document_factory, dept_a, editor_a,
                                                                          editor_b):
    a = normative_doc(document_factory, dept_a, title="甲办法")
    b = normative_doc(document_factory, dept_a, title="乙办法")
    notice = document_factory(dept_a, "published", title="通知", category="notice")
    normative_register(document=a, actor=editor_a, registration_no="ＳＦ-2024-1")  # full-width normalised
    assert a.normative_entry.registration_no == "SF-2024-1"
    with pytest.raises(UserFacingError, match="已被其他文件使用"):
        normative_register(document=b, actor=editor_a, registration_no="SF-2024-1")
    with pytest.raises(UserFacingError, match="只有规章和行政规范性文件"):
        normative_register(document=notice, actor=editor_a, registration_no="SF-2024-2")
    with pytest.raises(UserFacingError):
        normative_register(document=b, actor=editor_b, registration_no="SF-2024-3")  # another agency


def test_yearly_directory_lists_what_was_in_force_at_year_end(document_factory, dept_a, dept_b, make_user):
    current = normative_doc(document_factory, dept_a, title="甲：长期有效", effective_date=dt.date(2024, 1, 1))
    normative_doc(document_factory, dept_a, title="乙：年中失效", expiry_date=dt.date(2025, 6, 30))
    normative_doc(document_factory, dept_a, title="丙：次年施行", effective_date=dt.date(2026, 2, 1))
    later_abolished = normative_doc(document_factory, dept_a, title="丁：次年废止", validity="abolished",
                                    expiry_date=dt.date(2026, 3, 1))
    normative_doc(document_factory, dept_a, title="戊：废止未记日期", validity="abolished")
    document_factory(dept_a, "published", title="己：其他政策文件", category="policy")
    normative_doc(document_factory, dept_b, title="庚：他机关文件")
    normative_doc(document_factory, dept_a, "draft", title="辛：草稿")
    assert [d.pk for d in directory_documents(agency=dept_a, day=dt.date(2025, 12, 31))] == [
        current.pk, later_abolished.pk]  # by 发布日期, then id

    reviewer = make_user("rev", dept_a, Role.REVIEWER)
    with pytest.raises(UserFacingError):
        normative_directory_generate(agency=dept_a, year=2025, actor=make_user("ed", dept_a, Role.EDITOR),
                                     today=dt.date(2026, 4, 1))
    directory = normative_directory_generate(agency=dept_a, year=2025, actor=reviewer, today=dt.date(2026, 4, 1))
    assert (directory.count, directory.as_of) == (2, dt.date(2025, 12, 31))
    document = directory.document
    assert document.status == Status.PENDING and document.title == "示范市教育局2025年现行有效行政规范性文件目录"
    assert "甲：长期有效" in document.body_html and "丁：次年废止" in document.body_html
    assert "乙：年中失效" not in document.body_html and "共2件" in document.body_text
    # Regenerating updates the same list (returned for changes, then generated again).
    document_transition(document=document, action="return", actor=None, reason="补充")
    again = normative_directory_generate(agency=dept_a, year=2025, actor=reviewer, today=dt.date(2026, 4, 1))
    assert again.document_id == document.pk and NormativeDirectory.objects.count() == 1
    assert AuditEntry.objects.filter(action="normative.directory").count() == 2
    # This year's list is as of today.
    this_year = normative_directory_generate(agency=dept_a, year=2026, actor=reviewer, today=dt.date(2026, 4, 1))
    assert this_year.as_of == dt.date(2026, 4, 1) and this_year.count == 2  # 甲 and 丙


def test_library_shows_the_amend_and_abolish_links(client, document_factory, dept_a):
    target = normative_doc(document_factory, dept_a, title="原办法")
    amending = normative_doc(document_factory, dept_a, "draft", title="关于修改《原办法》的决定")
    relation_add(source=amending, target=target, kind=RelationKind.AMENDS, actor=None)
    document_transition(document=amending, action="submit", actor=None)
    document_transition(document=amending, action="publish", actor=None)
    html = client.get("/xxgk/gfxwj/").content.decode()
    assert "修改：" in html and "本文件修改：" in html and "已修改" in html


def test_staff_normative_page_generates_the_directory(client_for, document_factory, dept_a, reviewer_a):
    normative_doc(document_factory, dept_a, expiry_date=dt.date(2099, 1, 1))
    client = client_for(reviewer_a)
    assert client.get("/console/columns/normative/").status_code == 200
    response = client.post("/console/columns/normative/", {"agency": dept_a.pk, "year": 2025})
    assert response.status_code == 302
    assert NormativeDirectory.objects.filter(agency=dept_a, year=2025).exists()


def test_on_read_sweep_is_bounded_and_continues(document_factory, dept_a, monkeypatch):
    from gongkai.columns import normative

    monkeypatch.setattr(normative, "ON_READ_LIMIT", 2)
    with at(2026, 3, 1, 9, 0):
        docs = [normative_doc(document_factory, dept_a, title=f"办法{i}", expiry_date=dt.date(2026, 4, 1))
                for i in range(3)]
    with at(2026, 4, 1, 9, 0):
        assert normative.expiry_apply_today() == 2  # the limit: the next read continues
        assert normative.expiry_apply_today() == 1
        assert normative.expiry_apply_today() == 0  # done for the day
    assert {d.validity for d in Document.objects.filter(pk__in=[d.pk for d in docs])} == {"expired"}
