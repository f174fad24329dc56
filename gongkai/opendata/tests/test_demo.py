"""The demo part of 数据开放: generated datasets (one whose personal data the scan catches, one 有条件开放
with an approved application and its key), loaded once."""
import io

import pytest

from gongkai.agencies.models import Agency
from gongkai.opendata import demo
from gongkai.opendata.access import access_check, key_resolve
from gongkai.opendata.models import AccessApplication, Dataset, Resource
from gongkai.opendata.selectors import datasets_behind


@pytest.mark.django_db
def test_demo_loads_once(city, dept_a):
    for slug, name in (("health", "示范市卫生健康委员会"), ("finance", "示范市财政局"), ("nrp", "示范市自然资源和规划局")):
        Agency.objects.create(name=name, slug=slug, kind=Agency.Kind.DEPARTMENT, level=Agency.Level.CITY, parent=city)
    out = io.StringIO()
    demo.load(stdout=out)
    assert Dataset.objects.filter(status="published").count() == 5
    aid = Resource.objects.get(dataset__title__startswith="示范市临时救助")
    assert {f["column"]: f["rows_hit"] for f in aid.scan} == {"姓名": 40, "身份证号": 40}
    assert aid.scan_status == "resolved" and aid.treatment == {"姓名": "mask", "身份证号": "remove"}
    application = AccessApplication.objects.get()
    assert application.status == "approved"
    raw = out.getvalue().rsplit("：", 1)[1].strip()
    access_check(dataset=application.dataset, key=key_resolve(raw))
    assert [d.title for d in datasets_behind()] == ["示范市中小学校名录（演示数据）"]
    demo.load(stdout=io.StringIO())
    assert Dataset.objects.count() == 5
