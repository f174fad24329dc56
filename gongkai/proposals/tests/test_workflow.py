import datetime as dt

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Status as DocStatus
from gongkai.catalog.services import document_transition
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.proposals.models import Proposal, ProposalStatus
from gongkai.proposals.services import proposal_create, proposal_transition

from .conftest import at

REPLY = "王建国代表：您提出的建议收悉，现答复如下：我局已将该项工作列入年度计划。联系人：李明，电话13812345678。"


@pytest.mark.django_db
def test_office_assigns_and_due_date_is_computed(make_proposal, dept_a, dept_b):
    p = make_proposal(assigned=dt.date(2024, 3, 15), assist=[dept_b])
    assert p.due_date == dt.date(2024, 6, 17)
    assert p.status == ProposalStatus.ASSIGNED
    assert list(p.assist.all()) == [dept_b]
    assert AuditEntry.objects.filter(action="proposal.create", object_id=str(p.pk)).exists()


@pytest.mark.django_db
def test_editor_cannot_assign_and_duplicates_are_refused(editor_a, dept_a, make_proposal):
    with pytest.raises(PermissionDeniedError):
        proposal_create(actor=editor_a, kind="suggestion", session="S", number="9", title="t", proposer="p",
                        lead=dept_a, assigned_date=dt.date(2024, 3, 1))
    make_proposal(number="5")
    with pytest.raises(UserFacingError, match="已登记"):
        make_proposal(number="5")


@pytest.mark.django_db
def test_reply_publish_and_catalog_publication(make_proposal, editor_a, editor_b, reviewer_a, office_city):
    p = make_proposal(assigned=dt.date(2024, 3, 15), proposer_contact="13812345678")
    with at(dt.date(2024, 6, 10)):
        with pytest.raises(PermissionDeniedError):  # not the 主办单位
            proposal_transition(proposal=p, action="reply", actor=editor_b, category="A", reply_text=REPLY)
        with pytest.raises(UserFacingError, match="答复类别"):
            proposal_transition(proposal=p, action="reply", actor=editor_a, category="D", reply_text=REPLY)
        p = proposal_transition(proposal=p, action="reply", actor=editor_a, category="B", reply_text=REPLY)
        assert (p.status, p.reply_date, p.category) == (ProposalStatus.REPLIED, dt.date(2024, 6, 10), "B")
        assert p.publish_due == dt.date(2024, 7, 8)  # 20 working days after 06-10 (端午节)
        with pytest.raises(UserFacingError, match="摘要"):
            proposal_transition(proposal=p, action="publish", actor=editor_a, publish_mode="summary")
        p = proposal_transition(proposal=p, action="publish", actor=editor_a)
        with pytest.raises(PermissionDeniedError):  # only the catalog's publication marks it 已公开
            proposal_transition(proposal=p, action="published", actor=office_city)
    assert p.status == ProposalStatus.SUBMITTED
    doc = p.document
    assert doc.status == DocStatus.PENDING and doc.subject.name == "建议提案办理结果"
    assert doc.title == "示范市教育局关于市十六届人大三次会议第1号建议的答复"
    assert "13812345678" not in doc.body_html and "138****5678" in doc.body_html
    with at(dt.date(2024, 6, 20)):
        document_transition(document=doc, action="publish", actor=reviewer_a)
    p.refresh_from_db()
    assert (p.status, p.published_date) == (ProposalStatus.PUBLISHED, dt.date(2024, 6, 20))
    actions = list(AuditEntry.objects.filter(object_type="proposals.proposal", object_id=str(p.pk))
                   .values_list("action", flat=True))
    assert actions == ["proposal.create", "proposal.reply", "proposal.publish", "proposal.published"]


@pytest.mark.django_db
def test_return_needs_the_office_and_a_reason_and_takes_the_document_back(make_proposal, editor_a, office_city):
    p = make_proposal()
    with at(dt.date(2024, 4, 1)):
        p = proposal_transition(proposal=p, action="reply", actor=editor_a, category="A", reply_text="已采纳。")
        p = proposal_transition(proposal=p, action="publish", actor=editor_a)
        with pytest.raises(PermissionDeniedError):
            proposal_transition(proposal=p, action="return", actor=editor_a, reason="重写")
        with pytest.raises(UserFacingError, match="理由"):
            proposal_transition(proposal=p, action="return", actor=office_city)
        p = proposal_transition(proposal=p, action="return", actor=office_city, reason="答复过于简单")
    assert p.status == ProposalStatus.ASSIGNED and p.status_reason == "答复过于简单"
    p.document.refresh_from_db()
    assert p.document.status == DocStatus.DRAFT
    with pytest.raises(TransitionError):
        proposal_transition(proposal=p, action="publish", actor=editor_a)


@pytest.mark.django_db
def test_summary_mode_publishes_the_masked_summary_only(make_proposal, editor_a):
    p = make_proposal(proposer_contact="wang@example.com")
    with at(dt.date(2024, 4, 1)):
        p = proposal_transition(proposal=p, action="reply", actor=editor_a, category="C",
                                reply_text="全文：" + REPLY + "邮箱 wang@example.com")
        p = proposal_transition(proposal=p, action="publish", actor=editor_a, publish_mode="summary",
                                summary="因条件限制留作参考，请联系 wang@example.com。")
    body = p.document.body_html
    assert "全文" not in body and "（复文摘要）" in body
    assert "wang@example.com" not in body and "w***@example.com" in body
    assert "wang@example.com" not in Proposal.objects.get(pk=p.pk).reply_public


@pytest.mark.django_db
def test_reply_date_cannot_be_in_the_future_or_before_assignment(make_proposal, editor_a):
    p = make_proposal(assigned=dt.date(2024, 3, 15))
    with at(dt.date(2024, 4, 1)):
        for day in (dt.date(2024, 4, 2), dt.date(2024, 3, 14)):
            with pytest.raises(UserFacingError, match="答复日期"):
                proposal_transition(proposal=p, action="reply", actor=editor_a, category="A", reply_text="x",
                                    reply_date=day)
