"""The consultations demo: idempotent, an open consultation taking comments, seed 002 when present."""
import io

import pytest

from gongkai.consultations import demo
from gongkai.consultations.models import Consultation, Phase


@pytest.mark.django_db
def test_demo_creates_an_open_consultation_once(office_city, city):
    from gongkai.agencies.models import Agency

    Agency.objects.create(name="示范市人民政府办公室", short_name="市政府办公室", slug="office",
                          kind=Agency.Kind.DEPARTMENT, level=Agency.Level.CITY, parent=city)
    out = io.StringIO()
    demo.load(stdout=out)
    demo.load(stdout=out)
    (c,) = Consultation.objects.all()
    assert c.title == demo.OPEN_TITLE and c.phase() == Phase.OPEN and c.notice.status == "published"
    assert c.comments.count() == 2 and c.articles.count() == 5
    assert "种子文件 002 的征集公告尚未发布" in out.getvalue()
