"""Every transition through the console's buttons, with its permission check."""
import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.selectors import audit_entries_for
from gongkai.catalog.models import Document, Status
from gongkai.catalog.signals import document_pre_publish
from gongkai.catalog.transitions import TRANSITIONS
from gongkai.core.errors import TransitionError

pytestmark = pytest.mark.django_db

SOURCE = {"submit": "draft", "publish": "pending", "return": "pending", "withdraw": "published",
          "reopen": "withdrawn"}


def _post(client, doc, action, **extra):
    return client.post(reverse("console:document_transition", args=[doc.pk]), {"action": action, **extra})


def test_the_whole_path_through_the_buttons(editor_a, reviewer_a, make_doc, dept_a, login):
    doc = make_doc(dept_a, title="关于印发示范市教育系统政务公开工作要点的通知")
    editor, reviewer = login(editor_a), login(reviewer_a)
    detail = reverse("console:document", args=[doc.pk])

    assert 'value="submit"' in editor.get(detail).content.decode()
    response = _post(editor, doc, "submit")
    assert response.status_code == 302 and response["Location"] == detail
    assert "已完成“提交审核”" in editor.get(detail).content.decode()

    html = reviewer.get(detail).content.decode()
    assert 'value="publish"' in html and 'value="return"' in html and 'name="override_reason"' in html
    assert _post(reviewer, doc, "return", reason="缺少政策依据").status_code == 302
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT and doc.status_reason == "缺少政策依据"

    _post(editor, doc, "submit")
    assert _post(reviewer, doc, "publish").status_code == 302
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED and doc.index_no == "000014349/2024-00001"
    revision = doc.revisions.get()
    html = reviewer.get(detail).content.decode()
    assert revision.sha256 in html and "发布版本" in html and "000014349/2024-00001" in html

    assert _post(reviewer, doc, "withdraw", reason="内容需要更正").status_code == 302
    assert _post(editor, doc, "reopen", reason="更正后重新提交").status_code == 302
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT
    actions = [e.action for e in audit_entries_for(obj=doc)]
    assert actions == ["document.create", "document.submit", "document.return", "document.submit",
                       "document.publish", "document.withdraw", "document.reopen"]
    history = editor.get(detail).content.decode()
    for label in ("提交审核", "退回修改", "审核发布", "撤回", "重新编辑", "缺少政策依据", "内容需要更正"):
        assert label in history
    assert "待审核 → 草稿" in history and "已发布 → 已撤回" in history


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_every_transition_is_refused_for_wrong_roles(action, make_user, make_doc, dept_a, login):
    t = TRANSITIONS[action]
    doc = make_doc(dept_a, SOURCE[action])
    detail = reverse("console:document", args=[doc.pk])
    for role in Role:
        user = make_user(f"u_{action}_{role}", dept_a, role)
        client = login(user)
        shown = f'value="{action}"' in client.get(detail).content.decode()
        if role in t.roles:
            assert shown, (action, role)
            continue
        assert not shown, (action, role)  # the button is hidden from roles the table does not list
        response = _post(client, doc, action, reason="理由")
        assert response.status_code == 403, (action, role)
        assert "没有为“示范市教育局”执行此操作的权限" in response.content.decode()
        doc.refresh_from_db()
        assert doc.status == SOURCE[action]
    allowed = make_user(f"ok_{action}", dept_a, sorted(t.roles)[0])
    assert _post(login(allowed), doc, action, reason="理由").status_code == 302
    doc.refresh_from_db()
    assert doc.status == t.target


@pytest.mark.parametrize("action", ["return", "withdraw", "reopen"])
def test_reason_is_required(action, reviewer_a, make_doc, dept_a, login):
    doc = make_doc(dept_a, SOURCE[action])
    response = _post(login(reviewer_a), doc, action, reason="  ")
    assert response.status_code == 400
    assert f"“{TRANSITIONS[action].label}”必须填写理由" in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == SOURCE[action]


def test_wrong_state_is_reported(reviewer_a, make_doc, dept_a, login):
    doc = make_doc(dept_a)
    response = _post(login(reviewer_a), doc, "publish")
    assert response.status_code == 400
    assert "“草稿”状态的文件不能执行“审核发布”" in response.content.decode()
    response = _post(login(reviewer_a), doc, "fly")
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == "draft"


@pytest.fixture
def review_warns():
    """A pre-publish receiver standing in for the review app: it warns unless overridden."""
    def receiver(sender, document, actor, override_reason="", **kwargs):
        if not override_reason:
            raise TransitionError("公开前审查提示：正文可能含有个人信息（手机号码）。如确认无误，请填写理由后发布。",
                                  code="review_warn")

    document_pre_publish.connect(receiver, dispatch_uid="console-test-warn")
    yield
    document_pre_publish.disconnect(dispatch_uid="console-test-warn")


def test_a_warned_publish_can_be_overridden_with_a_reason(review_warns, reviewer_a, make_doc, dept_a, login):
    doc = make_doc(dept_a, "pending")
    client = login(reviewer_a)
    response = _post(client, doc, "publish")
    html = response.content.decode()
    assert response.status_code == 400
    assert "公开前审查提示" in html and 'name="override_reason"' in html
    doc.refresh_from_db()
    assert doc.status == Status.PENDING and doc.index_no is None
    response = _post(client, doc, "publish", override_reason="号码为单位公开的办公电话")
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED
    entry = [e for e in audit_entries_for(obj=doc) if e.action == "document.publish"][0]
    assert entry.data["override_reason"] == "号码为单位公开的办公电话"


def test_transitions_only_accept_post(reviewer_a, make_doc, dept_a, login):
    doc = make_doc(dept_a, "pending")
    response = login(reviewer_a).get(reverse("console:document_transition", args=[doc.pk]))
    assert response.status_code == 405
    assert Document.objects.get(pk=doc.pk).status == "pending"


def test_the_review_apps_warning_through_the_console(editor_a, reviewer_a, dept_a, make_doc, login):
    """With the real pre-publish review: a private mobile number warns; a reason lets it through."""
    doc = make_doc(dept_a, "pending", body_html="<p>联系人张三，电话 13912345678，请于周五前报送。</p>")
    client = login(reviewer_a)
    response = _post(client, doc, "publish")
    assert response.status_code == 400
    html = response.content.decode()
    assert "审查结论为“提示”" in html and 'name="override_reason"' in html
    doc.refresh_from_db()
    assert doc.status == Status.PENDING
    assert _post(client, doc, "publish", override_reason="联系人同意公开其工作电话").status_code == 302
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED
    history = client.get(reverse("console:document", args=[doc.pk])).content.decode()
    assert "覆盖审查提示发布" in history and "联系人同意公开其工作电话" in history


def test_reviewer_records_that_a_published_document_expired(reviewer_a, editor_a, dept_a, make_doc, login):
    doc = make_doc(dept_a, "published")
    url = reverse("console:document_validity", args=[doc.pk])
    assert 'name="validity"' not in login(editor_a).get(reverse("console:document", args=[doc.pk])).content.decode()
    response = login(editor_a).post(url, {"validity": "expired", "reason": "有效期届满"})
    assert response.status_code == 403
    client = login(reviewer_a)
    assert 'name="validity"' in client.get(reverse("console:document", args=[doc.pk])).content.decode()
    response = client.post(url, {"validity": "expired", "reason": ""})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
    response = client.post(url, {"validity": "expired", "reason": "有效期届满", "date": "2025-12-31"})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.validity == "expired" and str(doc.expiry_date) == "2025-12-31"
    history = client.get(reverse("console:document", args=[doc.pk])).content.decode()
    assert "变更有效性" in history and "有效 → 已失效" in history and "有效期届满" in history


def test_validity_of_drafts_is_not_changed_here(reviewer_a, dept_a, make_doc, login):
    doc = make_doc(dept_a)
    response = login(reviewer_a).post(reverse("console:document_validity", args=[doc.pk]),
                                      {"validity": "abolished", "reason": "x"})
    assert response.status_code == 403
