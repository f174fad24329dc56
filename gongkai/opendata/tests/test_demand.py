"""数据需求: the reply deadline on the working-day calendar, overdue marking and reminders, 同类需求
groups answered at once, the linked dataset on the public page; scoped to the answering agency."""
import datetime as dt

import pytest
import time_machine
from django.core import mail

from gongkai.core.errors import PermissionDeniedError, UserFacingError
from gongkai.opendata.demand import data_request_answer, data_request_submit
from gongkai.opendata.models import DataRequest, OwnerReminder
from gongkai.opendata.reminders import reminders_send

from .conftest import csv_bytes

FRIDAY = "2026-03-20 10:00:00+08:00"  # 10 working days later: Friday 2026-04-03 (no holiday in between)


def submit(title, description="希望按月开放。", agency=None):
    req, _code = data_request_submit(title=title, description=description, agency=agency)
    return req


@pytest.mark.django_db
def test_reply_deadline_on_the_calendar_and_setting(dept_a, settings):
    with time_machine.travel(FRIDAY, tick=False):
        req = submit("公交线路站点数据", agency=dept_a)
        settings.OPENDATA_REQUEST_WORKDAYS = 3
        short = submit("停车场泊位数据", agency=dept_a)
    assert req.due_date == dt.date(2026, 4, 3)
    assert short.due_date == dt.date(2026, 3, 25)  # Mon, Tue, Wed


@pytest.mark.django_db
def test_overdue_request_reminds_the_agency_reviewers_once(dept_a, dept_b, reviewer_a, reviewer_b, editor_a,
                                                           office_city, client):
    reviewer_a.email = "reviewer_a@example.org"
    reviewer_a.save()
    with time_machine.travel(FRIDAY, tick=False):
        req = submit("公交线路站点数据", agency=dept_a)
        loose = submit("全市路灯位置数据")  # no agency: the top-level 公开办
        done = submit("图书馆借阅统计", agency=dept_a)
        data_request_answer(req=done, actor=reviewer_a, disposition="adopted", reason="将于下月开放。")
    assert reminders_send(today=dt.date(2026, 4, 3)) == 0  # due today: not yet overdue
    with time_machine.travel("2026-04-07 09:00:00+08:00", tick=False):
        sent = reminders_send(today=dt.date(2026, 4, 7))
        again = reminders_send(today=dt.date(2026, 4, 7))
        client.force_login(reviewer_a)
        page = client.get("/console/opendata/").content.decode()
    keys = set(OwnerReminder.objects.values_list("user__username", "key"))
    assert (reviewer_a.username, f"request:{req.pk}:2026-04-03") in keys
    assert (office_city.username, f"request:{loose.pk}:2026-04-03") in keys
    assert not any(k.endswith(f":{done.pk}:2026-04-03") for _u, k in keys)
    assert reviewer_b.username not in {u for u, _k in keys} and editor_a.username not in {u for u, _k in keys}
    assert sent == 2 and again == 0
    assert [m.to for m in mail.outbox if "公交线路站点数据" in m.subject] == [["reviewer_a@example.org"]]
    assert "已逾期" in page and "2026-04-03" in page


@pytest.mark.django_db
def test_alike_requests_group_and_are_answered_at_once(dept_a, dept_b, reviewer_a, reviewer_b, client):
    head = submit("公交线路站点数据", "希望开放全市公交线路和站点坐标。", agency=dept_a)
    alike = submit("公交线路站点数据。", "需要公交站点的经纬度，做出行应用。", agency=dept_a)
    alike2 = submit("全市公交线路站点数据", "希望开放全市公交线路和站点坐标！", agency=dept_a)
    other_agency = submit("公交线路站点数据", "希望开放全市公交线路和站点坐标。", agency=dept_b)
    unlike = submit("餐饮企业食品安全检查结果", "希望开放检查结果。", agency=dept_a)
    assert alike.group_head == head and alike2.group_head == head
    assert other_agency.group_head is None and unlike.group_head is None
    public = client.get("/sjkf/requests/").content.decode()
    assert "同类需求3条" in public and public.count("需要公交站点的经纬度") == 0
    # Another agency's reviewer may not answer it, not even as part of a group.
    with pytest.raises(PermissionDeniedError):
        data_request_answer(req=head, actor=reviewer_b, disposition="adopted", reason="将开放。", whole_group=True)
    data_request_answer(req=alike, actor=reviewer_a, disposition="adopted", reason="将于下月开放。", whole_group=True)
    statuses = dict(DataRequest.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in (head, alike, alike2)] == ["answered"] * 3
    assert statuses[other_agency.pk] == "published" and statuses[unlike.pk] == "published"
    # Once answered the group is closed: a new alike request starts its own.
    assert submit("公交线路站点数据", "希望开放全市公交线路和站点坐标。", agency=dept_a).group_head is None


@pytest.mark.django_db
def test_answer_links_a_dataset_shown_when_public(dept_a, reviewer_a, reviewer_b, make_dataset, upload, published,
                                                  client):
    req = submit("空气质量监测数据", agency=dept_a)
    d = make_dataset("示范市空气质量监测数据")
    upload(d, csv_bytes([["站点", "AQI"], ["示范站", 50]]))
    # A draft of another agency is not for reviewer_b to link.
    with pytest.raises(UserFacingError, match="只能关联"):
        data_request_answer(req=submit("空气", agency=None), actor=reviewer_b, disposition="existing",
                            reason="已开放。", dataset=d)
    data_request_answer(req=req, actor=reviewer_a, disposition="adopted", reason="已整理，即将发布。", dataset=d)
    page = client.get("/sjkf/requests/").content.decode()
    assert f"/sjkf/{d.pk}/" not in page  # a draft is not linked publicly
    published(d)
    page = client.get("/sjkf/requests/").content.decode()
    assert f'href="/sjkf/{d.pk}/"' in page and "数据集：示范市空气质量监测数据" in page


@pytest.mark.django_db
def test_staff_form_answers_group_with_dataset(dept_a, dept_b, reviewer_a, editor_b, make_dataset, client):
    head = submit("公交线路站点数据", agency=dept_a)
    alike = submit("公交线路站点数据", agency=dept_a)
    d = make_dataset("示范市公交站点")
    client.force_login(editor_b)  # not of dept_a: the request is not in their list
    res = client.post(f"/console/opendata/requests/{head.pk}/", {"op": "answer", "disposition": "adopted",
                                                                   "reason": "将开放。"})
    assert res.status_code == 404
    from gongkai.opendata.services import dataset_create

    foreign = dataset_create(agency=dept_b, actor=editor_b, title="乙部门草稿")
    client.force_login(reviewer_a)
    page = client.get("/console/opendata/").content.decode()
    assert "同类需求2条" in page and "同时答复同类需求" in page
    assert f'<option value="{d.pk}">' in page and "乙部门草稿" not in page  # another agency's draft
    client.post(f"/console/opendata/requests/{head.pk}/", {"op": "answer", "disposition": "adopted",
                                                           "reason": "将开放。", "dataset": foreign.pk})
    head.refresh_from_db()
    assert head.status == "published" and head.dataset_id is None
    client.post(f"/console/opendata/requests/{head.pk}/", {"op": "answer", "disposition": "adopted",
                                                           "reason": "将开放。", "dataset": d.pk, "whole_group": "1"})
    alike.refresh_from_db()
    assert alike.status == "answered" and alike.dataset_id == d.pk
