"""The demo part: seeds 000, 001 and 004's 工作任务 as plans with mapped units, reports, exactly one
overdue task with its reminder and 督办通知; loading twice adds nothing."""
import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.oversight import demo
from gongkai.oversight.models import Level, Reminder, SupervisionNotice, Task, TaskStatus, WorkPlan

SEEDS = Path(settings.GONGKAI["DEMO_SEEDS_DIR"])


@pytest.fixture
def demo_tree(city, django_user_model):
    slugs = {"office": "示范市人民政府办公室", "edu": "示范市教育局", "finance": "示范市财政局",
             "health": "示范市卫生健康委员会", "nrp": "示范市自然资源和规划局", "samr": "示范市市场监督管理局",
             "county": "示范县人民政府"}
    made = {slug: Agency.objects.create(name=name, short_name=name.replace("示范", ""), slug=slug, parent=city)
            for slug, name in slugs.items()}
    made["qingshi"] = Agency.objects.create(name="示范县青石镇人民政府", short_name="青石镇", slug="qingshi",
                                            parent=made["county"])
    office = django_user_model.objects.create_user(username="office", password="x", email="o@example.gov.cn")
    Membership.objects.create(user=office, agency=city, role=Role.OFFICE)
    return made


@pytest.mark.django_db
@pytest.mark.skipif(not list(SEEDS.glob("000_*.txt")),
                    reason="the shared seeds are not on this machine")
def test_demo_plans_reports_and_one_overdue_task(demo_tree):
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        demo.load(stdout=StringIO())
        demo.load(stdout=StringIO())  # idempotent
    plans = {(p.agency.slug, p.year): p for p in WorkPlan.objects.select_related("agency")}
    assert set(plans) == {("city", 2026), ("qingshi", 2026), ("city", 2025)}
    city_items = Task.objects.filter(plan=plans["city", 2026], level=Level.ITEM)
    assert city_items.count() == 25
    assert Task.objects.filter(plan=plans["qingshi", 2026], level=Level.ITEM).count() == 14
    assert Task.objects.filter(plan=plans["city", 2025], level=Level.ITEM).count() == 18
    overdue = [t for t in city_items if t.due and t.due < dt.date(2026, 12, 7) and t.status != TaskStatus.DONE]
    assert len(overdue) == 1
    # and no other plan has an overdue item (the township's 7月底前/8月底前 items are done)
    assert not Task.objects.filter(level=Level.ITEM, due__lt=dt.date(2026, 12, 7)).exclude(
        status=TaskStatus.DONE).exclude(pk=overdue[0].pk).exists()
    assert SupervisionNotice.objects.get().task == overdue[0]
    assert Reminder.objects.filter(task=overdue[0], key__startswith="overdue").exists()
    # 市政府各部门 is mapped to the group of six departments
    first = city_items.get(no="1")
    assert sorted(u.agency.slug for u in first.units.all()) == ["edu", "finance", "health", "nrp", "office", "samr"]
    assert not Task.objects.filter(plan=plans["city", 2025], level=Level.ITEM).exclude(status=TaskStatus.DONE).exists()
