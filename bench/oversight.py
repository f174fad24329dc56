"""Measure the 工作要点 task lists at 5,000 tasks and the import of a 300-row 任务分解表.

    DATABASE_URL=sqlite:////work/main/var/bench-oversight.sqlite3 .venv/bin/python bench/oversight.py [--tasks 5000] [--docs 100000] [--json]

A throwaway test database gets a city with 12 departments, one plan of N items (under 50 二级 headings,
each item with a lead and one or two assisting units, a fifth of them overdue) written with bulk
inserts, then each page is timed in-process with Django's test client (no network), uncached (the
public page cache and the reminder throttle are cleared before every request, so the 工作台 computes its reminders each time), and its SQL queries counted. The import is timed from text to
saved tasks (parse, unit matching, tree, units, roll-up, audit), first as a new plan and then as a
re-import of the same file (every task matched and left as it was).

--docs N adds N published catalog documents of the city and its departments over 2025-2026 (one in ten
titled with a word a 工作要点 topic looks for: 预算, 决算, 建设项目, 解读, 权责清单, 双随机…) and gives every
other task a topic, so the task page and the public page also look up their evidence among them.
"""
import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

DEPTS = ["教育局", "财政局", "卫生健康委", "自然资源和规划局", "市场监督管理局", "公安局", "民政局", "交通运输局",
         "生态环境局", "住房和城乡建设局", "商务局", "司法局"]
LIMITS = ["全年", "年底前", "6月30日前", "8月底前", "每季度", "长期坚持", "9月底前"]


WORDS = ["部门预算", "部门决算", "重大建设项目批准结果", "政策解读", "权责清单", "双随机抽查结果", "建议的答复",
         "规范性文件"]


def make_documents(n, agencies):
    import random

    from gongkai.catalog.models import Document, Subject

    rng = random.Random(16)
    subjects = list(Subject.objects.filter(parent__isnull=False).values_list("pk", flat=True))[:40] or [None]
    batch = []
    for i in range(n):
        written = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))
        word = WORDS[i % len(WORDS)] if i % 10 == 0 else "工作"
        category = "normative" if i % 40 == 0 else "interpretation" if i % 40 == 1 else "work"
        batch.append(Document(agency=agencies[i % len(agencies)], title=f"关于做好第{i}项{word}的通知",
                              status="published", disclosure="active", category=category,
                              subject_id=rng.choice(subjects), written_date=written,
                              publish_date=written + dt.timedelta(days=rng.randrange(0, 15)), validity="valid",
                              index_no=f"BENCH-{i:07d}", is_generated=True, body_text="各单位认真组织实施。"))
        if len(batch) == 5000:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)


def build(n, docs=0):
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency, Membership, Role
    from gongkai.oversight.models import Level, Task, TaskUnit, UnitRole, WorkPlan

    city = Agency.objects.create(name="示范市人民政府", short_name="市政府", slug="city", kind="government")
    depts = [Agency.objects.create(name=f"示范市{d}", short_name=f"市{d}", slug=f"d{i}", parent=city)
             for i, d in enumerate(DEPTS)]
    User = get_user_model()
    users = {"office": User.objects.create_user(username="office", password="bench-pw-12345"),
             "editor": User.objects.create_user(username="editor", password="bench-pw-12345")}
    Membership.objects.create(user=users["office"], agency=city, role=Role.OFFICE)
    Membership.objects.create(user=users["editor"], agency=depts[0], role=Role.EDITOR)
    start = time.perf_counter()
    plan = WorkPlan.objects.create(agency=city, year=2026, title="示范市2026年政务公开工作要点")
    section = Task.objects.create(plan=plan, level=Level.SECTION, content="一、总体任务", match_key="s1")
    groups = Task.objects.bulk_create([Task(plan=plan, level=Level.GROUP, parent=section, position=g,
                                            content=f"（{g + 1}）第{g + 1}组任务", match_key=f"g{g}")
                                       for g in range(50)])
    items = []
    for i in range(n):
        due = dt.date(2026, 12, 31) if i % 5 else dt.date(2026, 3, 31)
        items.append(Task(plan=plan, level=Level.ITEM, parent=groups[i % 50], position=i + 1, no=str(i + 1),
                          content=f"推进第{i + 1}项政务公开重点工作，按要求公开相关信息并做好解读回应。",
                          due=due, deadline_kind="date", deadline_raw=LIMITS[i % len(LIMITS)],
                          units_raw="市教育局牵头", match_key=f"i{i}", progress=(i * 7) % 100,
                          status="in_progress" if i % 3 else "pending"))
    if docs:
        from gongkai.oversight.evidence import TOPICS

        codes = list(TOPICS)
        for i, item in enumerate(items):
            item.topics = [codes[(i // 2) % len(codes)]] if i % 2 == 0 else []
    items = Task.objects.bulk_create(items, batch_size=1000)
    if docs:
        from gongkai.oversight.evidence import topics_rebuild

        make_documents(docs, [city, *depts])
        topics_rebuild()  # bulk_create bypasses the services whose signal keeps the topic rows
    units = []
    for i, task in enumerate(items):
        lead = depts[i % len(depts)]
        units.append(TaskUnit(task=task, agency=lead, role=UnitRole.LEAD))
        for k in range(1, 2 + i % 2):
            units.append(TaskUnit(task=task, agency=depts[(i + k) % len(depts)], role=UnitRole.ASSIST))
    TaskUnit.objects.bulk_create(units, batch_size=2000)
    return users, items, time.perf_counter() - start


def measure(client, url, repeat, clear):
    client.get(url)
    samples = []
    for _ in range(repeat):
        if clear:
            cache.clear()  # the page cache and the 工作台's 5-minute reminder throttle
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    p95 = samples[max(0, int(round(0.95 * len(samples))) - 1)]
    return {"url": url, "median_ms": round(statistics.median(samples) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1), "queries": len(queries)}


def time_refresh(user, repeat):
    """The reminders the 工作台 computes for a user, cold; after the first run of the day a task is
    looked at again only when it changed."""
    from django.utils import timezone

    from gongkai.oversight.reminders import reminders_refresh

    samples = []
    for _ in range(repeat):
        cache.clear()
        start = time.perf_counter()
        reminders_refresh(user=user, today=timezone.localdate())
        samples.append(time.perf_counter() - start)
    samples.sort()
    return {"median_ms": round(statistics.median(samples) * 1000, 1),
            "p95_ms": round(samples[max(0, int(round(0.95 * len(samples))) - 1)] * 1000, 1)}


def import_table(rows: int) -> str:
    lines = ["一级任务 | 二级任务 | 序号 | 工作内容 | 责任单位 | 完成时限"]
    for i in range(rows):
        head = f"{'一二三四五'[i // 60]}、第{i // 60 + 1}部分 | （{'一二三四五六'[(i // 10) % 6]}）第{i // 10 + 1}组 | " \
            if i % 10 == 0 else ""
        lead, assist = DEPTS[i % len(DEPTS)], DEPTS[(i + 3) % len(DEPTS)]
        lines.append(f"{head}{i + 1} | 做好第{i + 1}项信息公开工作，及时准确发布并做好政策解读。 | "
                     f"市{lead}牵头,市{assist}、市政府各部门配合 | {LIMITS[i % len(LIMITS)]} |")
    return "\n".join(lines)


def time_import(rows):
    from gongkai.agencies.models import Agency
    from gongkai.oversight.importing import plan_import_save
    from gongkai.oversight.matching import unit_alias_remember

    city = Agency.objects.get(slug="city")
    unit_alias_remember(name="市政府各部门", agencies=Agency.objects.filter(parent=city), actor=None)
    text = import_table(rows)
    start = time.perf_counter()
    first = plan_import_save(agency=city, year=2025, text=text, actor=None)
    new_s = time.perf_counter() - start
    start = time.perf_counter()
    again = plan_import_save(agency=city, year=2025, text=text, actor=None)
    re_s = time.perf_counter() - start
    assert first.created == rows and again.unchanged == rows, (first.created, again.unchanged)
    return {"rows": rows, "new_plan_s": round(new_s, 2), "reimport_s": round(re_s, 2)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--docs", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-gc-freeze", action="store_true", help="time without gc.freeze()")
    args = parser.parse_args()
    from django.conf import settings
    from django.test import Client

    from throwaway import throwaway_test_db

    with throwaway_test_db():
        users, items, build_s = build(args.tasks, args.docs)
        middle = items[len(items) // 2].pk
        if not args.no_gc_freeze:  # as deploy/gunicorn.conf.py does once the app is loaded (see bench/participation.py)
            import gc

            gc.collect()
            gc.freeze()
        results = []
        for username, urls in [
            ("office", ["/console/oversight/", "/console/oversight/?overdue=1", "/console/oversight/?page=50",
                        "/console/oversight/?status=pending", f"/console/oversight/task/{middle}/",
                        f"/console/oversight/task/{items[0].pk}/"]),
            ("editor", ["/console/oversight/", "/console/oversight/?overdue=1"]),
            (None, ["/zwgk/gzyd/2026/", "/zwgk/gzyd/2026/?page=25"]),
        ]:
            client = Client()
            if username:
                client.force_login(users[username])
            for url in urls:
                results.append({"user": username or "anonymous",
                                **measure(client, url, args.repeat, clear=True)})
        refresh = time_refresh(users["office"], args.repeat)
        imported = time_import(args.rows)
        report = {"tasks": args.tasks, "docs": args.docs, "build_seconds": round(build_s, 1), "database": settings.DB_VENDOR,
                  "results": results, "import": imported,
                  "reminders_refresh": refresh}
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            print(f"{args.tasks} tasks, {args.docs} documents built in {build_s:.1f} s ({settings.DB_VENDOR})")
            for r in results:
                print(f"{r['user']:10s} {r['url']:42s} median {r['median_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
                      f"{r['queries']:3d} queries")
            print(f"reminders refresh for the 公开办 (1,000 overdue tasks already reminded today): "
                  f"median {refresh['median_ms']} ms, p95 {refresh['p95_ms']} ms")
            print(f"import {imported['rows']} rows: new plan {imported['new_plan_s']} s, "
                  f"re-import {imported['reimport_s']} s")


if __name__ == "__main__":
    main()
