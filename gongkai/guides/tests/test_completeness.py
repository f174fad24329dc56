"""The completeness check: each rule, and that nothing is submitted or published while one fails."""
import pytest

from gongkai.core.errors import TransitionError
from gongkai.guides.completeness import guide_missing
from gongkai.guides.services import guide_create, guide_material_add, guide_transition, guide_update

COMPLETE = {
    "name": "中小学生转学", "kind": "public_service", "basis": "《中华人民共和国义务教育法》第十二条",
    "conditions": "已在本市学校建立学籍", "process": "申请—审核—办结", "legal_days": 20, "promised_days": 5,
    "free": True, "location": "市政务服务中心", "hours": "工作日 9:00—17:00", "phone": "0000-1234567",
    "complaint_phone": "0000-7654321", "life_events": ["education"],
}


@pytest.fixture
def complete(dept_a, editor_a):
    guide = guide_create(agency=dept_a, actor=editor_a, **COMPLETE)
    guide_material_add(guide=guide, actor=editor_a, name="转学申请表")
    return guide


@pytest.mark.django_db
def test_a_complete_guide_has_nothing_missing(complete):
    assert guide_missing(complete) == []


@pytest.mark.django_db
@pytest.mark.parametrize("field, label", [
    ("basis", "设定依据"), ("conditions", "受理条件"), ("process", "办理流程"), ("location", "办理地点"),
    ("hours", "办理时间"), ("phone", "咨询电话"), ("complaint_phone", "监督投诉电话")])
def test_each_text_element_is_required(complete, editor_a, field, label):
    guide = guide_update(guide=complete, actor=editor_a, **{field: "   "})
    assert guide_missing(guide) == [f"缺少“{label}”"]


@pytest.mark.django_db
def test_materials_are_required(dept_a, editor_a):
    guide = guide_create(agency=dept_a, actor=editor_a, **COMPLETE)
    assert guide_missing(guide) == ["缺少“申请材料”（至少一项，如无须提交材料请注明“无”）"]


@pytest.mark.django_db
def test_time_limits(complete, editor_a):
    guide = guide_update(guide=complete, actor=editor_a, legal_days=None, promised_days=None)
    assert guide_missing(guide) == ["缺少“法定时限”（工作日；即办事项填0）", "缺少“承诺时限”（工作日；即办事项填0）"]
    guide = guide_update(guide=guide, actor=editor_a, legal_days=10, promised_days=12)
    assert guide_missing(guide) == ["承诺时限（12个工作日）不得超过法定时限（10个工作日）"]
    guide = guide_update(guide=guide, actor=editor_a, legal_days=0, promised_days=0)  # 即办
    assert guide_missing(guide) == []


@pytest.mark.django_db
def test_a_fee_needs_its_standard_and_basis(complete, editor_a):
    guide = guide_update(guide=complete, actor=editor_a, free=False)
    assert guide_missing(guide) == ["收费事项缺少“收费标准”", "收费事项缺少“收费依据”"]
    guide = guide_update(guide=guide, actor=editor_a, fee_standard="每件10元", fee_basis="某价费字〔2020〕1号")
    assert guide_missing(guide) == []
    guide = guide_update(guide=guide, actor=editor_a, free=True)
    assert guide.fee_standard == "" and guide_missing(guide) == []


@pytest.mark.django_db
def test_submit_and_publish_are_refused_while_anything_is_missing(complete, editor_a, reviewer_a):
    guide = guide_update(guide=complete, actor=editor_a, phone="", promised_days=30)
    with pytest.raises(TransitionError, match="缺少“咨询电话”；承诺时限（30个工作日）不得超过法定时限"):
        guide_transition(guide=guide, action="submit", actor=editor_a)
    guide = guide_update(guide=guide, actor=editor_a, phone="0000-1", promised_days=3)
    guide = guide_transition(guide=guide, action="submit", actor=editor_a)
    guide.basis = ""  # changed behind the services' back: publish checks again
    guide.save()
    with pytest.raises(TransitionError, match="设定依据"):
        guide_transition(guide=guide, action="publish", actor=reviewer_a)
    guide.refresh_from_db()
    assert guide.status == "pending" and guide.version == 0
