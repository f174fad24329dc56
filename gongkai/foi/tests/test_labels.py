"""No English on the screens people use: admin labels, the API docs' tags, the report check screen."""
import pytest

pytestmark = pytest.mark.django_db


def test_admin_and_api_docs_speak_chinese(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "Django 管理" not in page and "Django" not in page.split("<title>")[1].split("</title>")[0]
    assert "门户网站" in page and "PORTAL" not in page and "Portal" not in page
    schema = admin_client.get("/api/openapi.json").json()
    tags = {tag for ops in schema["paths"].values() for op in ops.values() for tag in op.get("tags", [])}
    assert "search" not in tags and "全文检索" in tags


def test_report_findings_are_shown_in_chinese():
    from gongkai.reports.finding_labels import findings_for_screen

    shown = findings_for_screen([
        {"rule": "missing_data", "severity": "warning", "message": "表二“行政许可”缺少数字（decisions）。"},
        {"rule": "missing_data", "severity": "warning", "message": "表二“行政事业性收费”缺少数字（amount）。"},
    ])
    assert [f["label"] for f in shown] == ["数据缺失", "数据缺失"]
    assert shown[0]["message"] == "表二“行政许可”缺少数字（本年处理决定数量）。"
    assert "amount" not in shown[1]["message"] and "收费金额" in shown[1]["message"]


def test_the_case_list_shows_who_asked_for_what_and_the_handlers_name(register, office_a, client_for):
    import datetime as dt

    from gongkai.foi.services import case_transition

    from .conftest import at

    office_a.first_name, office_a.last_name = "小明", "王"
    office_a.save()
    case = register(dt.date(2025, 3, 3), info_title="", info_description="请提供2024年教育经费报告\n以及附表")
    with at(2025, 3, 4):
        case_transition(case=case, action="assign", actor=office_a, handler=office_a)
    page = client_for(office_a).get("/console/foi/cases/").content.decode()
    for text in ("张三", "请提供2024年教育经费报告", "示范市教育局", "2025-03-03", "2025-03-31", "办理中", "王小明"):
        assert text in page, text
    assert "以及附表" not in page and ">office_a<" not in page
    detail = client_for(office_a).get(f"/console/foi/cases/{case.pk}/").content.decode()
    assert "王小明" in detail
