import datetime as dt

import pytest

from gongkai.concerns.models import Level
from gongkai.concerns.services import concern_close, concern_create, concern_link_response
from gongkai.core.errors import PermissionDeniedError, UserFacingError

UTC = dt.timezone.utc


@pytest.mark.django_db
def test_first_response_is_dated_by_the_earliest_published_response(client, dept_a, editor_a, editor_b,
                                                                    document_factory):
    noticed = dt.datetime(2026, 7, 1, 2, tzinfo=UTC)
    concern = concern_create(agency=dept_a, actor=editor_a, title="城区内涝", noticed_at=noticed, level=Level.MAJOR,
                             channels="政府网站、新闻发布会")
    assert concern.response_due == noticed + dt.timedelta(hours=5) and concern.on_time is None
    with pytest.raises(PermissionDeniedError):
        concern_create(agency=dept_a, actor=editor_b, title="x", noticed_at=noticed)
    draft = document_factory(dept_a, status="draft")
    with pytest.raises(UserFacingError, match="已发布"):
        concern_link_response(concern=concern, document=draft, actor=editor_a)
    with pytest.raises(UserFacingError, match="尚未关联"):
        concern_close(concern=concern, actor=editor_a)
    doc = document_factory(dept_a, status="published", title="关于城区内涝情况的通报")
    doc.published_at = noticed + dt.timedelta(hours=4)
    doc.save(update_fields=["published_at"])
    concern = concern_link_response(concern=concern, document=doc, actor=editor_a)
    assert concern.on_time is True
    assert concern_close(concern=concern, actor=editor_a).closed
    page = client.get("/hdjl/hygz/").content.decode()
    assert "城区内涝" in page and "关于城区内涝情况的通报" in page


@pytest.mark.django_db
def test_demo_shows_an_answered_concern_and_a_waiting_one(client, city):
    import io

    from gongkai.concerns import demo
    from gongkai.concerns.models import Concern

    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())  # idempotent
    answered, waiting = Concern.objects.order_by("-noticed_at")
    assert answered.closed and answered.on_time is True
    assert [(link.kind, link.document.status) for link in answered.links.order_by("id")] == [
        ("response", "published"), ("followup", "published")]
    assert waiting.first_response_at is None and not waiting.closed and waiting.deadline_state() == "overdue"
    page = client.get("/hdjl/hygz/").content.decode()
    assert "关于城区部分路段积水情况的通报" in page and "首次回应时限" in page and "（按时）" in page
    assert "正在核实情况，将及时发布权威信息" in page and "后续发布：" in page
