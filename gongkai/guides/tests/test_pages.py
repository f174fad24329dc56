"""Public pages, search, the JSON API, the console page and the demo."""
import io

import pytest

from gongkai.guides.models import ServiceGuide
from gongkai.portal.tests.a11y import check_page
from gongkai.guides.services import guide_create, guide_material_add, guide_transition

from .test_completeness import COMPLETE


@pytest.fixture
def published(dept_a, dept_b, editor_a, editor_b, reviewer_a, reviewer_b):
    out = []
    for agency, editor, reviewer, name, events, conditions in [
            (dept_a, editor_a, reviewer_a, "中小学生转学", ["education"], "已在本市學校建立學籍"),
            (dept_b, editor_b, reviewer_b, "城乡居民养老保险待遇申领", ["retirement", "social_security"],
             "年满60周岁")]:
        guide = guide_create(agency=agency, actor=editor, **(COMPLETE | {"name": name, "life_events": events,
                                                                          "conditions": conditions}))
        guide_material_add(guide=guide, actor=editor, name="身份证")
        guide_transition(guide=guide, action="submit", actor=editor)
        out.append(guide_transition(guide=guide, action="publish", actor=reviewer))
    guide_create(agency=dept_a, actor=editor_a, **(COMPLETE | {"name": "尚未发布的指南"}))
    return out


@pytest.mark.django_db
def test_list_by_department_event_and_search(published, dept_a, client):
    page = client.get("/bsfw/zn/").content.decode()
    check_page(page)
    assert "中小学生转学" in page and "城乡居民养老保险待遇申领" in page and "尚未发布" not in page
    page = client.get(f"/bsfw/zn/?agency={dept_a.pk}").content.decode()
    assert "中小学生转学" in page and "养老保险" not in page
    page = client.get("/bsfw/zn/?event=retirement").content.decode()
    assert "养老保险" in page and "中小学生转学" not in page
    page = client.get("/bsfw/zn/?q=学校 学籍").content.decode()  # conditions, traditional characters stored
    assert "中小学生转学" in page and "养老保险" not in page
    page = client.get("/bsfw/zn/?q=６０周岁").content.decode()  # full-width digits
    assert "养老保险" in page and "中小学生转学" not in page
    assert client.get("/bsfw/zn/?event=nonsense&agency=x").status_code == 200
    assert client.get("/bsfw/zn/?agency=99999999999999999999999").status_code == 200


@pytest.mark.django_db
def test_guide_page_shows_every_element(published, client):
    page = client.get(f"/bsfw/zn/{published[0].pk}/").content.decode()
    check_page(page)
    for text in ("示范市教育局", "公共服务", "教育", "义务教育法", "申请—审核—办结", "20个工作日", "5个工作日",
                 "不收费", "市政务服务中心", "0000-1234567", "0000-7654321", "身份证", "纸质", "必要"):
        assert text in page, text
    draft = ServiceGuide.objects.get(name="尚未发布的指南")
    assert client.get(f"/bsfw/zn/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_api(published, client):
    rows = client.get("/api/guides/").json()
    assert {r["name"] for r in rows} == {"中小学生转学", "城乡居民养老保险待遇申领"}
    assert [r["name"] for r in client.get("/api/guides/?event=education").json()] == ["中小学生转学"]
    assert client.get("/api/guides/?agency=99999999999999999999999").status_code in (200, 422)
    detail = client.get(f"/api/guides/{published[1].pk}").json()
    assert detail["life_events"] == ["社会保障", "退休养老"] and detail["materials"][0]["name"] == "身份证"
    assert detail["kind"] == "公共服务" and detail["version"] == 1 and detail["free"] is True
    draft = ServiceGuide.objects.get(name="尚未发布的指南")
    assert client.get(f"/api/guides/{draft.pk}").status_code == 404


@pytest.mark.django_db
def test_console_create_edit_upload_and_refusal(client_for, dept_a, editor_a, editor_b):
    c = client_for(editor_a)
    response = c.post("/console/guides/", {"agency": dept_a.pk, "name": "学生资助申请", "kind": "benefit",
                                           "free": "on"})
    guide = ServiceGuide.objects.get(name="学生资助申请")
    assert response.status_code == 302
    page = c.get(f"/console/guides/{guide.pk}/").content.decode()
    assert "缺少“设定依据”" in page and "缺少“申请材料”" in page
    response = c.post(f"/console/guides/{guide.pk}/action/", {"action": "submit"})
    assert response.status_code == 400 and "要素不齐全" in response.content.decode()
    bad = io.BytesIO(b"\x00\x01binary junk")
    bad.name = "空表.pdf"
    response = c.post(f"/console/guides/{guide.pk}/action/", {"what": "material", "name": "申请表", "copies": 1,
                                                              "form": "paper", "need": "required", "blank": bad})
    assert response.status_code == 400 and guide.materials.count() == 0
    response = c.post(f"/console/guides/{guide.pk}/action/", {"what": "material", "name": "申请表", "copies": 1,
                                                              "form": "paper", "need": "required"})
    assert response.status_code == 302 and guide.materials.count() == 1
    data = {"agency": dept_a.pk, "kind": "benefit", "free": "on"} | {
        k: v for k, v in COMPLETE.items() if k not in ("kind", "free", "life_events")} | {"name": "学生资助申请"}
    assert c.post(f"/console/guides/{guide.pk}/", data).status_code == 302
    assert c.post(f"/console/guides/{guide.pk}/action/", {"action": "submit"}).status_code == 302
    guide.refresh_from_db()
    assert guide.status == "pending"
    assert client_for(editor_b).get(f"/console/guides/{guide.pk}/").status_code == 404


@pytest.mark.django_db
def test_demo_loads_three_published_and_one_incomplete_draft(city):
    from gongkai.agencies.models import Agency
    from gongkai.guides import demo

    for slug, name in [("edu", "示范市教育局"), ("health", "示范市卫生健康委员会"),
                       ("nrp", "示范市自然资源和规划局"), ("samr", "示范市市场监督管理局")]:
        Agency.objects.create(name=name, slug=slug, kind="department", level="city", parent=city)
    out = io.StringIO()
    demo.load(stdout=out)
    demo.load(stdout=out)  # idempotent
    assert ServiceGuide.objects.filter(status="published").count() == 3
    draft = ServiceGuide.objects.get(status="draft")
    assert "承诺时限（5个工作日）不得超过法定时限（3个工作日）" in out.getvalue()
    assert "监督投诉电话" in out.getvalue() and "办理流程" in out.getvalue() and draft.name.startswith("个体工商户")


def test_time_limits_read_as_people_read_them():
    from gongkai.guides.templatetags.guides_tags import days_limit

    assert (days_limit(0), days_limit(5), days_limit(None), days_limit("")) == ("即办件", "5个工作日", "—", "—")
