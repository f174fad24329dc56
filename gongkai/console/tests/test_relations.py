"""Linking a draft to the policy it interprets or the document it amends or abolishes."""
import pytest
from django.urls import reverse

from gongkai.catalog.models import DocumentRelation

pytestmark = pytest.mark.django_db


def test_search_and_link_by_index_no(editor_a, dept_a, dept_b, make_doc, login):
    policy = make_doc(dept_b, "published", title="示范市财政局关于印发专项资金管理办法的通知")
    draft = make_doc(dept_a, title="《专项资金管理办法》政策解读", category="interpretation")
    client = login(editor_a)
    url = reverse("console:relation_search", args=[draft.pk])
    html = client.get(url, {"q": policy.index_no}).content.decode()
    assert "专项资金管理办法的通知" in html
    partial = client.get(url, {"q": "专项资金", "kind": "interprets"}, HTTP_HX_REQUEST="true").content.decode()
    assert "专项资金管理办法的通知" in partial and "<h1" not in partial
    assert "专项资金管理办法》政策解读" not in partial  # never itself
    response = client.post(reverse("console:relation_add", args=[draft.pk]),
                           {"target": policy.pk, "kind": "interprets"})
    assert response.status_code == 302
    relation = DocumentRelation.objects.get()
    assert (relation.source, relation.target, relation.kind) == (draft, policy, "interprets")
    detail = client.get(reverse("console:document", args=[draft.pk])).content.decode()
    assert "本文件解读" in detail and "专项资金管理办法的通知" in detail
    client.post(reverse("console:relation_delete", args=[draft.pk, relation.pk]))
    assert not DocumentRelation.objects.exists()


def test_abolishing_link_changes_validity_on_publish(editor_a, reviewer_a, dept_a, make_doc, login):
    old = make_doc(dept_a, "published", title="示范市教育局关于校外培训机构管理的暂行规定")
    new = make_doc(dept_a, title="示范市教育局关于废止部分规范性文件的决定")
    client = login(editor_a)
    client.post(reverse("console:relation_add", args=[new.pk]), {"target": old.pk, "kind": "abolishes"})
    client.post(reverse("console:document_transition", args=[new.pk]), {"action": "submit"})
    login(reviewer_a).post(reverse("console:document_transition", args=[new.pk]), {"action": "publish"})
    old.refresh_from_db()
    assert old.validity == "abolished"


def test_drafts_and_other_agencies_unpublished_docs_are_not_targets(editor_a, dept_a, dept_b, make_doc, login):
    hidden = make_doc(dept_b, title="财政局尚未发布的办法")
    on_request = make_doc(dept_b, "published", title="财政局依申请公开的办法", disclosure="on_request")
    own_on_request = make_doc(dept_a, "published", title="教育局依申请公开的办法", disclosure="on_request")
    draft = make_doc(dept_a)
    client = login(editor_a)
    html = client.get(reverse("console:relation_search", args=[draft.pk]), {"q": "办法"}).content.decode()
    assert "财政局尚未发布的办法" not in html and "财政局依申请公开的办法" not in html
    assert "教育局依申请公开的办法" in html  # the user's own agency's published document
    for target in (hidden, on_request):
        response = client.post(reverse("console:relation_add", args=[draft.pk]),
                               {"target": target.pk, "kind": "amends"}, follow=True)
        assert "找不到该已发布文件" in response.content.decode()
    assert client.post(reverse("console:relation_add", args=[draft.pk]),
                       {"target": own_on_request.pk, "kind": "amends"}).status_code == 302
    assert DocumentRelation.objects.count() == 1


def test_relations_need_an_editing_role(make_user, dept_a, make_doc, login):
    from gongkai.agencies.models import Role

    target = make_doc(dept_a, "published")
    draft = make_doc(dept_a)
    approver = login(make_user("approver_a", dept_a, Role.APPROVER))
    assert approver.get(reverse("console:relation_search", args=[draft.pk])).status_code == 403
    response = approver.post(reverse("console:relation_add", args=[draft.pk]),
                             {"target": target.pk, "kind": "amends"})
    assert response.status_code == 403 and not DocumentRelation.objects.exists()
