"""Staff endpoints: session authentication and agency scoping."""
import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401(catalog, client_for):
    client = client_for(None)
    for url in ("/api/staff/documents", f"/api/staff/documents/{catalog['docs']['draft'].pk}"):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json() == {"detail": "请先登录。"}


def test_editor_sees_own_agency_documents_of_any_status(catalog, editor_a, client_for):
    client = client_for(editor_a)
    body = client.get("/api/staff/documents", {"limit": 100}).json()
    titles = {item["title"] for item in body["items"]}
    assert titles == {"教育局2024年通知", "教育局2023年意见", "教育局草稿", "教育局待审核", "教育局已撤回",
                      "教育局依申请公开"}
    assert body["count"] == 6
    drafts = client.get("/api/staff/documents", {"status": "draft"}).json()["items"]
    assert [d["title"] for d in drafts] == ["教育局草稿"]
    assert drafts[0]["status_label"] == "草稿" and drafts[0]["url"].startswith("/console/documents/")
    assert [d["title"] for d in client.get("/api/staff/documents", {"q": "待审"}).json()["items"]] == ["教育局待审核"]
    assert client.get("/api/staff/documents", {"status": "lost"}).status_code == 422
    draft = catalog["docs"]["draft"]
    detail = client.get(f"/api/staff/documents/{draft.pk}")
    assert detail.status_code == 200 and detail.json()["status"] == "draft"
    assert detail.json()["revisions"] == []


def test_editor_of_another_agency_gets_404(catalog, editor_b, dept_a, client_for):
    client = client_for(editor_b)
    for key in ("draft", "pending", "edu_2024"):
        response = client.get(f"/api/staff/documents/{catalog['docs'][key].pk}")
        assert response.status_code == 404
        assert response.json()["detail"] == "未找到该资源。"
    titles = {i["title"] for i in client.get("/api/staff/documents", {"limit": 100}).json()["items"]}
    assert titles == {"财政局2024年办法"}
    # asking for another agency explicitly gives nothing rather than its documents
    body = client.get("/api/staff/documents", {"agency": dept_a.pk}).json()
    assert body["count"] == 0 and body["items"] == []


def test_city_office_sees_the_subtree(catalog, office_city, client_for):
    body = client_for(office_city).get("/api/staff/documents", {"limit": 100}).json()
    assert body["count"] == 8


def test_optional_routers_are_skipped_only_when_their_module_is_missing(monkeypatch):
    import importlib

    from gongkai.api import core

    assert core.optional_router("core") is None  # gongkai.core exists, gongkai.core.api does not

    def broken(name):
        raise ModuleNotFoundError("No module named 'missing_dependency'", name="missing_dependency")

    monkeypatch.setattr(importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError):
        core.optional_router("search")


def test_staff_detail_links_attachments_to_the_console(editor_a, dept_a, client_for):
    from gongkai.catalog.services import attachment_add, document_create

    draft = document_create(agency=dept_a, actor=editor_a, title="带附件的草稿")
    attachment = attachment_add(document=draft, actor=editor_a, name="表格.pdf", content=b"%PDF-1.4\n",
                                content_type="application/pdf")
    client = client_for(editor_a)
    body = client.get(f"/api/staff/documents/{draft.pk}").json()
    assert body["attachments"][0]["url"] == f"/console/documents/{draft.pk}/attachments/{attachment.pk}/"
    assert client.get(body["attachments"][0]["url"]).status_code == 200
