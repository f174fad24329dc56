"""The 重大行政决策事项目录: procedures required before 已决策, skipped ones need reasons, public pages."""
import datetime as dt

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.decisions.models import DecisionStatus, Procedure
from gongkai.decisions.services import (decision_item_create, decision_list_publish, decision_procedure_record,
                                        decision_transition)

D = dt.date


@pytest.fixture
def item(city, dept_a, office_city):
    return decision_item_create(agency=city, actor=office_city, year=2026, title="示范市城区学校布局调整方案",
                                undertaker=dept_a, planned="2026年9月",
                                required=[Procedure.PARTICIPATION, Procedure.EXPERTS, Procedure.LEGALITY,
                                          Procedure.COLLECTIVE],
                                skipped={Procedure.RISK: "方案不涉及社会稳定风险，经评估无需单独开展"})


@pytest.mark.django_db
def test_a_procedure_not_required_needs_a_reason(city, dept_a, office_city, editor_a):
    with pytest.raises(UserFacingError, match="风险评估"):
        decision_item_create(agency=city, actor=office_city, year=2026, title="某事项", undertaker=dept_a,
                             planned="2026年底", required=[p for p in Procedure.values if p != Procedure.RISK])
    with pytest.raises(PermissionDeniedError):
        decision_item_create(agency=city, actor=editor_a, year=2026, title="某事项", undertaker=dept_a,
                             planned="2026年底")


@pytest.mark.django_db
def test_cannot_be_decided_until_every_required_procedure_is_recorded(item, office_city, editor_a, editor_b):
    item = decision_transition(item=item, action="start", actor=office_city)
    decision_procedure_record(item=item, actor=editor_a, procedure=Procedure.EXPERTS, date=D(2026, 5, 6),
                              summary="召开专家论证会，5名专家出具论证意见。")
    with pytest.raises(PermissionDeniedError):
        decision_procedure_record(item=item, actor=editor_b, procedure=Procedure.LEGALITY, date=D(2026, 5, 6),
                                  summary="x")
    with pytest.raises(TransitionError, match="公众参与、合法性审查、集体讨论决定"):
        decision_transition(item=item, action="decide", actor=office_city)
    for procedure in (Procedure.PARTICIPATION, Procedure.LEGALITY, Procedure.COLLECTIVE):
        decision_procedure_record(item=item, actor=office_city, procedure=procedure, date=D(2026, 6, 1),
                                  summary="已履行。")
    item = decision_transition(item=item, action="decide", actor=office_city, decided_date=D(2026, 6, 10))
    assert item.status == DecisionStatus.DECIDED and item.decided_date == D(2026, 6, 10)
    with pytest.raises(TransitionError, match="已决策"):
        decision_procedure_record(item=item, actor=office_city, procedure=Procedure.RISK, date=D(2026, 6, 11),
                                  summary="补充")
    assert AuditEntry.objects.filter(action__startswith="decision.").count() == 7  # create, start, 4 records, decide


@pytest.mark.django_db
def test_adjusting_out_needs_a_reason_and_the_list_goes_to_the_catalog(item, office_city, client):
    with pytest.raises(UserFacingError, match="理由"):
        decision_transition(item=item, action="adjust", actor=office_city)
    document = decision_list_publish(agency=item.agency, year=2026, actor=office_city)
    assert document.status == "pending" and "示范市城区学校布局调整方案" in document.body_html
    assert document.title == "示范市人民政府2026年度重大行政决策事项目录"
    page = client.get("/zwgk/zdjc/2026/").content.decode()
    assert "示范市城区学校布局调整方案" in page and "2026年9月" in page
    page = client.get(f"/zwgk/zdjc/item/{item.pk}/").content.decode()
    assert "风险评估：方案不涉及社会稳定风险" in page and "公众参与：尚未履行" in page


@pytest.mark.django_db
def test_staff_page_lists_and_records(client_for, item, office_city, editor_a):
    page = client_for(editor_a).get("/console/decisions/").content.decode()
    assert "示范市城区学校布局调整方案" in page
    response = client_for(editor_a).post(f"/console/decisions/{item.pk}/action/",
                                         {"what": "record", "procedure": "experts", "date": "2026-05-06",
                                          "summary": "专家论证"})
    assert response.status_code == 302 and item.records.count() == 1
    response = client_for(editor_a).post(f"/console/decisions/{item.pk}/action/", {"action": "start"})
    assert response.status_code == 400 and "没有" in response.content.decode()


@pytest.mark.django_db
def test_api_lists_the_year(client, item):
    assert client.get("/api/decisions/years").json() == [2026]
    (row,) = client.get("/api/decisions/2026").json()
    assert row["title"] == "示范市城区学校布局调整方案" and "风险评估" in row["skipped"] and row["status"] == "计划中"
