"""`gongkai import` fills the 规范性文件库: 统一登记号 into NormativeEntry, 实施日期/失效日期 into the
catalog's dates, and validity follows them once published (frozen Beijing time)."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.catalog.importing.services import document_import
from gongkai.catalog.models import Category, Validity
from gongkai.columns.library import library_public
from gongkai.columns.models import NormativeEntry
from gongkai.columns.normative import expiry_apply, validity_on

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def staff_city(make_user, city):
    """Someone who may import into the city government and publish there."""
    return make_user("staff_city", city, Role.EDITOR, Role.REVIEWER)


def page(number="SFSD01-2024-0003", effective="2024年5月1日", expiry="2026年4月30日", title="停车管理办法"):
    return (f"索 引 號：000014349/2024-{abs(hash(number + title)) % 99999:05d}\n統一登記號：{number}\n"
            f"發布機構：示范市人民政府\n實施日期：{effective}\n失效日期：{expiry}\n\n"
            f"示范市人民政府关于印发示范市{title}的通知\n\n各区人民政府：\n现将办法印发给你们，请认真贯彻执行。\n").encode()


def test_import_records_number_and_dates(city, staff_city):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=BEIJING), tick=False):
        r = document_import(name="a.txt", data=page(), agency=city, actor=staff_city)
    assert r.ok and r.warning == ""
    doc = r.document
    assert (doc.effective_date, doc.expiry_date) == (dt.date(2024, 5, 1), dt.date(2026, 4, 30))
    assert doc.category == Category.NORMATIVE  # a 统一登记号 is a 行政规范性文件's
    assert NormativeEntry.objects.get(document=doc).registration_no == "SFSD01-2024-0003"
    assert AuditEntry.objects.filter(action="normative.register", object_id=str(doc.pk)).exists()


def test_a_number_taken_is_not_recorded_twice(city, staff_city):
    first = document_import(name="a.txt", data=page(), agency=city, actor=staff_city)
    second = document_import(name="b.txt", data=page(title="道路管理办法"), agency=city, actor=staff_city)
    assert first.ok and second.ok
    assert "SFSD01-2024-0003" in second.warning and "已被其他文件使用" in second.warning
    assert not NormativeEntry.objects.filter(document=second.document).exists()
    assert NormativeEntry.objects.get(registration_no="SFSD01-2024-0003").document == first.document


def test_validity_follows_the_imported_dates(city, staff_city):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=BEIJING), tick=False):
        r = document_import(name="a.txt", data=page(), agency=city, actor=staff_city, publish=True)
        assert r.published, r.warning
        doc = r.document
        assert validity_on(doc, dt.date(2026, 3, 1)) != str(Validity.EXPIRED.label)
        found = list(library_public(today=dt.date(2026, 3, 1), q="SFSD01"))
        assert [d.pk for d in found] == [doc.pk]  # the library finds it by its 统一登记号
    with time_machine.travel(dt.datetime(2026, 4, 30, 0, 1, tzinfo=BEIJING), tick=False):
        assert expiry_apply() == 1
    doc.refresh_from_db()
    assert doc.validity == Validity.EXPIRED


def test_published_after_its_expiry_is_expired_at_once(city, staff_city):
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=BEIJING), tick=False):
        r = document_import(name="a.txt", data=page(expiry="2026年5月31日"), agency=city, actor=staff_city,
                            publish=True)
    assert r.published
    r.document.refresh_from_db()
    assert r.document.validity == Validity.EXPIRED
