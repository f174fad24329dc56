import datetime as dt
from io import StringIO

import pytest
import time_machine

from gongkai.stdcatalog import demo
from gongkai.stdcatalog.areas import area
from gongkai.stdcatalog.coverage import catalog_coverage, summary
from gongkai.stdcatalog.models import CatalogStatus, LocalCatalog


@pytest.mark.django_db
def test_demo_compiles_three_areas_with_late_and_missing(town):
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        demo.load(stdout=StringIO())
        demo.load(stdout=StringIO())  # idempotent
        catalog = LocalCatalog.objects.get(agency=town)
        assert catalog.status == CatalogStatus.PUBLISHED
        assert set(catalog.entries.values_list("area_slug", flat=True)) == {"jiuzai", "huji-guanli", "shehui-jiuzhu"}
        adopted = sum(len(area(slug).items) for slug in ("jiuzai", "huji-guanli", "shehui-jiuzhu"))
        assert catalog.entries.count() == adopted + 1  # every shipped row of the three areas, and one 本级增设
        figures = summary(catalog_coverage(catalog, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 7)))
        assert figures == {"required": adopted + 1, "published": 4, "on_time": 3, "late": 1, "missing": adopted - 3}
