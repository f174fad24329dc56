"""Transitions, permissions, the review gate, versions, uploads."""
import pytest

from gongkai.audit.models import AuditEntry
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.guides.models import GuideVersion
from gongkai.guides.services import guide_material_add, guide_transition, guide_update

from .test_completeness import complete  # noqa: F401  (fixture)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db
def test_roles_and_states(complete, editor_a, editor_b, reviewer_a, reviewer_b, office_city):
    with pytest.raises(PermissionDeniedError):
        guide_transition(guide=complete, action="submit", actor=editor_b)
    with pytest.raises(PermissionDeniedError):
        guide_update(guide=complete, actor=editor_b, name="别人的")
    with pytest.raises(TransitionError, match="草稿"):
        guide_transition(guide=complete, action="publish", actor=reviewer_a)
    guide = guide_transition(guide=complete, action="submit", actor=editor_a)
    with pytest.raises(TransitionError, match="只有草稿"):
        guide_update(guide=guide, actor=editor_a, name="改名")
    with pytest.raises(PermissionDeniedError):
        guide_transition(guide=guide, action="publish", actor=editor_a)
    with pytest.raises(PermissionDeniedError):
        guide_transition(guide=guide, action="publish", actor=reviewer_b)
    with pytest.raises(UserFacingError, match="理由"):
        guide_transition(guide=guide, action="return", actor=reviewer_a)
    guide = guide_transition(guide=guide, action="return", actor=reviewer_a, reason="依据写法不规范")
    assert guide.status == "draft" and guide.status_reason == "依据写法不规范"
    guide = guide_transition(guide=guide, action="submit", actor=editor_a)
    guide = guide_transition(guide=guide, action="publish", actor=office_city)  # the city's 公开办 oversees
    assert guide.status == "published" and guide.version == 1
    actions = list(AuditEntry.objects.filter(action__startswith="guide.").values_list("action", flat=True))
    assert actions == ["guide.create", "guide.material_add", "guide.submit", "guide.return", "guide.submit",
                       "guide.publish"]


@pytest.mark.django_db
def test_each_publication_is_a_numbered_version(complete, editor_a, reviewer_a, client):
    guide = guide_transition(guide=complete, action="submit", actor=editor_a)
    guide = guide_transition(guide=guide, action="publish", actor=reviewer_a)
    guide = guide_transition(guide=guide, action="withdraw", actor=reviewer_a, reason="收费政策调整")
    assert client.get(f"/bsfw/zn/{guide.pk}/").status_code == 404
    guide = guide_transition(guide=guide, action="reopen", actor=editor_a)
    guide = guide_update(guide=guide, actor=editor_a, promised_days=3, conditions="已在本市学校建立学籍满一学期")
    guide = guide_transition(guide=guide, action="submit", actor=editor_a)
    guide = guide_transition(guide=guide, action="publish", actor=reviewer_a)
    assert guide.version == 2
    first, second = GuideVersion.objects.filter(guide=guide).order_by("number")
    assert (first.number, first.snapshot["promised_days"], second.snapshot["promised_days"]) == (1, 5, 3)
    old = client.get(f"/bsfw/zn/{guide.pk}/v1/").content.decode()
    assert "这是第1版" in old and "5个工作日" in old and "满一学期" not in old
    new = client.get(f"/bsfw/zn/{guide.pk}/").content.decode()
    assert "满一学期" in new and "3个工作日" in new and f"/bsfw/zn/{guide.pk}/v1/" in new


@pytest.mark.django_db
def test_the_review_blocks_personal_data(complete, editor_a, reviewer_a):
    guide = guide_update(guide=complete, actor=editor_a, phone="联系人王小明 身份证号11010519491231002X")
    guide = guide_transition(guide=guide, action="submit", actor=editor_a)
    with pytest.raises(TransitionError, match="发布前审查未通过"):
        guide_transition(guide=guide, action="publish", actor=reviewer_a)
    guide.refresh_from_db()
    assert guide.status == "pending" and not guide.versions.exists()


@pytest.mark.django_db
def test_material_files_are_checked_and_downloadable(complete, editor_a, reviewer_a, client):
    with pytest.raises(UserFacingError):
        guide_material_add(guide=complete, actor=editor_a, name="样表", sample=("样表.pdf", b"MZ\x90\x00 not a pdf"))
    assert complete.materials.count() == 1
    material = guide_material_add(guide=complete, actor=editor_a, name="申请书", copies=2, form="electronic",
                                  sample=("申请书样表.pdf", PDF), blank=("申请书空表.pdf", PDF))
    assert material.position == 2 and material.sample_type == "application/pdf"
    with pytest.raises(UserFacingError, match="份数"):
        guide_material_add(guide=complete, actor=editor_a, name="x", copies=0)
    assert client.get(f"/bsfw/zn/{complete.pk}/m/{material.pk}/blank/").status_code == 404  # not published yet
    guide = guide_transition(guide=complete, action="submit", actor=editor_a)
    guide_transition(guide=guide, action="publish", actor=reviewer_a)
    response = client.get(f"/bsfw/zn/{guide.pk}/m/{material.pk}/blank/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client.get(f"/bsfw/zn/{guide.pk}/m/{material.pk}/other/").status_code == 404
