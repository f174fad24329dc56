"""The public read-only catalog API."""
import json

import pytest

from gongkai.catalog.models import Subject

pytestmark = pytest.mark.django_db

PUBLIC = {"教育局2024年通知", "教育局2023年意见", "财政局2024年办法", "市政府2024年决定"}


def _titles(client, **params):
    response = client.get("/api/documents", params)
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_list_shows_only_published_active_documents(catalog, client):
    body = client.get("/api/documents").json()
    assert body["count"] == 4 and body["limit"] == 20 and body["offset"] == 0
    assert {item["title"] for item in body["items"]} == PUBLIC
    assert [item["publish_date"] for item in body["items"]] == ["2024-09-02", "2024-08-01", "2024-03-01", "2023-06-01"]
    item = next(i for i in body["items"] if i["title"] == "教育局2024年通知")
    assert item["agency"] == {"id": catalog["docs"]["edu_2024"].agency_id, "name": "示范市教育局", "slug": "edu"}
    assert item["index_no"] == "000014349/2024-00001"
    assert item["subject"]["parent"] == catalog["top"].name
    assert item["category_label"] == "行政规范性文件" and item["validity_label"] == "有效"
    assert item["url"] == f"/doc/{catalog['docs']['edu_2024'].pk}/"


def test_filters(catalog, client, dept_a, city):
    assert _titles(client, agency="edu") == {"教育局2024年通知", "教育局2023年意见"}
    assert _titles(client, agency=dept_a.pk) == {"教育局2024年通知", "教育局2023年意见"}
    assert _titles(client, agency="city") == PUBLIC  # the government includes its departments
    assert _titles(client, agency="nowhere") == set()
    assert _titles(client, subject=catalog["top"].pk) == {"教育局2024年通知", "财政局2024年办法"}
    assert _titles(client, subject=catalog["child"].pk) == {"教育局2024年通知"}
    assert _titles(client, year=2023) == {"教育局2023年意见"}
    assert _titles(client, genre="办法") == {"财政局2024年办法"}
    assert _titles(client, category="normative") == {"教育局2024年通知", "财政局2024年办法"}
    assert _titles(client, validity="abolished") == {"教育局2023年意见"}
    assert _titles(client, year=2024, category="policy") == {"市政府2024年决定"}


def test_pagination(catalog, client):
    first = client.get("/api/documents", {"limit": 3}).json()
    second = client.get("/api/documents", {"limit": 3, "offset": 3}).json()
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == 3 and len(second["items"]) == 1
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})
    for bad in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"year": "二〇二四"}, {"category": "nonsense"},
                {"validity": "forever"}, {"genre": "小说"}, {"year": -638905}, {"year": 545408416141598},
                {"subject": 2**70}, {"offset": 606953230893208320}, {"agency": "x" * 500}):
        response = client.get("/api/documents", bad)
        assert response.status_code == 422
        assert response.json()["detail"] == "请求参数无效。"


def test_detail_and_by_index(catalog, client, make_doc, dept_a):
    doc = catalog["docs"]["edu_2024"]
    interpretation = make_doc(dept_a, title="教育局2024年通知的政策解读", category="interpretation")
    from gongkai.catalog.services import relation_add

    relation_add(source=interpretation, target=doc, kind="interprets", actor=None)
    body = client.get(f"/api/documents/{doc.pk}").json()
    assert body["title"] == "教育局2024年通知" and body["body_html"] == "<p>各单位做好防汛准备。</p>"
    assert body["revision"]["number"] == 1 and body["revision"]["sha256"] == doc.revisions.get().sha256
    assert [r["title"] for r in body["relations"]["interpretations"]] == ["教育局2024年通知的政策解读"]
    assert body["attachments"] == []
    by_index = client.get(f"/api/documents/by-index/{doc.index_no}")
    assert by_index.status_code == 200 and by_index.json()["id"] == doc.pk


def test_hidden_documents_are_404_with_chinese_detail(catalog, client):
    for key in ("draft", "pending", "withdrawn", "on_request"):
        response = client.get(f"/api/documents/{catalog['docs'][key].pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": "未找到该资源。"}
    assert client.get("/api/documents/by-index/000014349/2099-00001").status_code == 404
    assert client.get("/api/documents/999999").json()["detail"] == "未找到该资源。"
    assert client.get(f"/api/documents/{2**70}").status_code in (404, 422)


def test_attachments_are_listed(client, dept_a, make_doc):
    from gongkai.catalog.services import attachment_add

    doc = make_doc(dept_a, "draft")
    attachment_add(document=doc, actor=None, name="收费标准.pdf", content=b"%PDF-1.4\n%%EOF\n",
                   content_type="application/pdf")
    from gongkai.catalog.services import document_transition

    document_transition(document=doc, action="submit", actor=None)
    # The attachment is not a real PDF: the review cannot read it, so publishing needs an override.
    document_transition(document=doc, action="publish", actor=None, override_reason="附件已人工审查")
    attachments = client.get(f"/api/documents/{doc.pk}").json()["attachments"]
    assert len(attachments) == 1
    assert attachments[0]["name"] == "收费标准.pdf" and attachments[0]["size"] == 15
    assert len(attachments[0]["sha256"]) == 64
    download = client.get(attachments[0]["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4\n%%EOF\n"


def test_agency_tree(catalog, client, city, dept_a, dept_b):
    tree = client.get("/api/agencies").json()
    assert [node["slug"] for node in tree] == ["city"]
    assert tree[0]["uscc"] == "11330600002577014T" and tree[0]["kind"] == "government"
    assert {child["slug"] for child in tree[0]["children"]} == {"edu", "fin"}


def test_subject_tree(db, client):
    tree = client.get("/api/subjects").json()
    assert len(tree) == Subject.objects.filter(parent__isnull=True).count() == 22
    total = sum(1 + len(node["children"]) for node in tree)
    assert total == Subject.objects.count()
    assert any(node["children"] for node in tree)


def test_openapi_schema_and_docs(db, client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "gongkai API"
    for path in ("/api/documents", "/api/documents/{id}", "/api/documents/by-index/{index_no}",
                 "/api/agencies", "/api/subjects", "/api/staff/documents", "/api/staff/documents/{id}"):
        assert path in schema["paths"], path
    params = {p["name"]: p for p in schema["paths"]["/api/documents"]["get"]["parameters"]}
    assert set(params) >= {"agency", "subject", "year", "genre", "category", "validity", "limit", "offset"}
    assert params["year"]["description"] == "发布年份，如 2024"
    assert "normative" in json.dumps(params["category"]["schema"])  # choices are listed
    item = schema["components"]["schemas"]["DocumentItem"]["properties"]
    assert item["index_no"]["description"] == "索引号"
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert b"openapi.json" in docs.content
    assert b"cdn.jsdelivr" not in docs.content and b"unpkg" not in docs.content


def test_other_apps_routers_are_mounted_under_their_name(db, client):
    import importlib.util

    from gongkai.api.core import OPTIONAL_ROUTERS

    paths = json.loads(client.get("/api/openapi.json").content)["paths"]
    for app in OPTIONAL_ROUTERS:
        exists = importlib.util.find_spec(f"gongkai.{app}.api") is not None
        assert any(p.startswith(f"/api/{app}/") for p in paths) == exists, app


def test_unknown_endpoints_answer_json(db, client):
    for url in ("/api/nothing-here", "/api/documents/abc"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "没有这个接口。"}
