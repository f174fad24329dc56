"""Every console page renders for every role; anonymous users go to the login page; other
agencies' documents are 404."""
import pytest
from django.urls import reverse

from gongkai.agencies.models import Role

pytestmark = pytest.mark.django_db

ROLES = ["editor", "reviewer", "office", "approver", "admin", "superuser"]
EDITING_ROLES = {"editor", "reviewer", "admin", "superuser"}


@pytest.fixture
def role_user(make_user, dept_a, django_user_model):
    def make(role):
        if role == "superuser":
            return django_user_model.objects.create_superuser(username="su", password="pw-Test-12345")
        return make_user(f"user_{role}", dept_a, Role(role))

    return make


def _pages(doc):
    return {
        "home": reverse("console:home"),
        "documents": reverse("console:documents"),
        "document": reverse("console:document", args=[doc.pk]),
        "new": reverse("console:document_new"),
        "edit": reverse("console:document_edit", args=[doc.pk]),
        "attach": reverse("console:attachment_upload", args=[doc.pk]),
        "relate": reverse("console:relation_search", args=[doc.pk]),
        "import": reverse("console:import"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_for_each_role(role, role_user, make_doc, dept_a, login):
    user = role_user(role)
    doc = make_doc(dept_a, title="关于开展2024年度教育统计工作的通知")
    client = login(user)
    editing_pages = {"new", "edit", "attach", "relate", "import"}
    for name, url in _pages(doc).items():
        response = client.get(url)
        if name in editing_pages and role not in EDITING_ROLES:
            assert response.status_code == 403, (name, role)
            assert "无权操作" in response.content.decode()
            continue
        assert response.status_code == 200, (name, role, response.status_code)
        html = response.content.decode()
        assert html.count("<h1") == 1, (name, role)
        assert 'lang="zh-CN"' in html
    # the document is visible to every role of its agency (and the city's 公开办 through the tree)
    assert "关于开展2024年度教育统计工作的通知" in client.get(reverse("console:documents")).content.decode()


def test_office_of_the_city_sees_department_documents(office_city, make_doc, dept_a, login):
    doc = make_doc(dept_a, title="教育局草稿")
    client = login(office_city)
    assert client.get(reverse("console:document", args=[doc.pk])).status_code == 200
    # but 公开办 is not an editing role
    html = client.get(reverse("console:document", args=[doc.pk])).content.decode()
    assert "修改草稿" not in html and "提交审核" not in html


def test_anonymous_users_are_sent_to_login(make_doc, dept_a, login):
    doc = make_doc(dept_a)
    client = login(None)
    login_url = reverse("console:login")
    for url in _pages(doc).values():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(login_url + "?next=")
    for name in ("document_transition", "relation_add"):
        response = client.post(reverse(f"console:{name}", args=[doc.pk]), {"action": "submit"})
        assert response.status_code == 302 and response["Location"].startswith(login_url)


def test_login_page_renders_and_signs_in(editor_a, login):
    client = login(None)
    response = client.get(reverse("console:login"))
    assert response.status_code == 200 and "工作人员登录" in response.content.decode()
    response = client.post(reverse("console:login"), {"username": "editor_a", "password": "pw-Test-12345"})
    assert response.status_code == 302 and response["Location"] == reverse("console:home")


def test_editor_of_another_agency_gets_404_everywhere(editor_b, reviewer_b, make_doc, dept_a, login):
    draft = make_doc(dept_a, title="教育局内部草稿")
    pending = make_doc(dept_a, "pending", title="教育局待审文件")
    for user in (editor_b, reviewer_b):
        client = login(user)
        for doc in (draft, pending):
            for name, url in _pages(doc).items():
                if name in {"document", "edit", "attach", "relate"}:
                    assert client.get(url).status_code == 404, (user, name)
            for name, data in [("document_transition", {"action": "publish"}),
                               ("document_transition", {"action": "submit"}),
                               ("attachment_upload", {}),
                               ("relation_add", {"target": doc.pk, "kind": "interprets"})]:
                assert client.post(reverse(f"console:{name}", args=[doc.pk]), data).status_code == 404
        listing = client.get(reverse("console:documents")).content.decode()
        assert "教育局内部草稿" not in listing and "教育局待审文件" not in listing
        # and the other agency cannot be chosen as a filter
        listing = client.get(reverse("console:documents"), {"agency": dept_a.pk}).content.decode()
        assert "教育局内部草稿" not in listing
    draft.refresh_from_db()
    pending.refresh_from_db()
    assert (draft.status, pending.status) == ("draft", "pending")


def test_menu_links_documents_and_import(editor_a, login):
    html = login(editor_a).get(reverse("console:home")).content.decode()
    assert f'href="{reverse("console:documents")}"' in html
    assert f'href="{reverse("console:import")}"' in html
