"""Measure the 测评 dashboard (and the 建议提案 console list) with many documents, on a throwaway database.

    DATABASE_URL=sqlite:////work/main/var/bench-assess.sqlite3 .venv/bin/python bench/assessment.py [--docs 100000]

Builds a city with 12 departments and N published documents written straight into the table
(bulk_create: the rules read documents, they do not care how they were made; about one in eight is
published late, one in twenty is a policy, some have a 解读, some an expired 失效日期) plus 2,000
建议提案, then times `snapshot_compute` for one month (the service behind the command, the beat entry
and the dashboard's button) and the dashboard pages, which read snapshots only (eleven earlier months are copied from this one, values
varied, so the trend charts have twelve points): p50/p95/max over
--repeat requests each, uncached, in-process with Django's test client. A test database is created
and destroyed.
"""
import argparse
import datetime as dt
import json
import os
import random
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

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

DEPTS = ["教育局", "财政局", "卫生健康委", "自然资源和规划局", "市场监管局", "民政局", "人社局", "住建局", "交通运输局",
         "农业农村局", "生态环境局", "文旅局"]


def build(n, rng):
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency, Membership, Role
    from gongkai.catalog.models import Document, DocumentRelation, Subject
    from gongkai.proposals.deadlines import publish_due, reply_due
    from gongkai.proposals.models import Proposal

    city = Agency.objects.create(name="示范市人民政府", slug="city", kind="government", uscc="11330600002577014T")
    depts = [Agency.objects.create(name=f"示范市{name}", slug=f"d{i}", parent=city) for i, name in enumerate(DEPTS)]
    agencies = [city, *depts]
    User = get_user_model()
    users = {}
    for username, role in [("office", Role.OFFICE), ("evaluator", Role.EVALUATOR)]:
        users[username] = User.objects.create_user(username=username, password="bench-pw-12345")
        Membership.objects.create(user=users[username], agency=city, role=role)
    subjects = list(Subject.objects.filter(parent__isnull=False).values_list("pk", flat=True))[:40]
    start = time.perf_counter()
    today = dt.date.today()
    batch = []
    for i in range(n):
        written = today - dt.timedelta(days=rng.randrange(0, 1100))
        late = rng.random() < 0.125
        published = min(written + dt.timedelta(days=rng.randrange(35, 90) if late else rng.randrange(0, 20)), today)
        category = rng.choice(["normative"] * 1 + ["interpretation"] * 1 + ["work"] * 18)
        expiry = written + dt.timedelta(days=rng.randrange(200, 2000)) if rng.random() < 0.05 else None
        batch.append(Document(agency=agencies[i % len(agencies)], title=f"关于做好第{i}项工作的通知", status="published",
                              disclosure="active", category=category, subject_id=rng.choice(subjects),
                              written_date=written, publish_date=published, validity="valid", expiry_date=expiry,
                              index_no=f"BENCH-{i:07d}", is_generated=True, body_text="各单位认真组织实施。"))
        if len(batch) == 5000:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    by_kind = {}
    for pk, agency_id, category in Document.objects.filter(category__in=["normative", "interpretation"]) \
            .values_list("pk", "agency_id", "category"):
        by_kind.setdefault((agency_id, category), []).append(pk)
    relations = []
    for (agency_id, category), pks in by_kind.items():
        if category != "normative":
            continue
        for target, source in zip(pks, by_kind.get((agency_id, "interpretation"), [])):
            relations.append(DocumentRelation(source_id=source, target_id=target, kind="interprets"))
    DocumentRelation.objects.bulk_create(relations, batch_size=5000)
    proposals = []
    for i in range(2000):
        assigned = today - dt.timedelta(days=rng.randrange(0, 400))
        replied = assigned + dt.timedelta(days=rng.randrange(20, 120)) if rng.random() < 0.8 else None
        replied = replied if replied and replied <= today else None
        proposals.append(Proposal(kind=rng.choice(["suggestion", "motion"]), session="市十六届人大三次会议",
                                  number=str(i), title=f"关于第{i}件事的建议", proposer="代表", lead=rng.choice(depts),
                                  assigned_date=assigned, due_date=reply_due(assigned),
                                  status="replied" if replied else "assigned", category="A" if replied else "",
                                  reply_date=replied, publish_due=publish_due(replied) if replied else None))
    Proposal.objects.bulk_create(proposals)
    return users, time.perf_counter() - start


def history(rng, months=11):
    """The eleven months before this one, copied from this month's snapshots with the values varied, so
    the trend charts draw twelve points (computing them would take `months` more compute runs)."""
    from gongkai.assessment.models import Snapshot
    from gongkai.assessment.periods import month_shift

    current = list(Snapshot.objects.all())
    rows = []
    for back in range(1, months + 1):
        for s in current:
            value = None if s.value is None else round(s.value * rng.uniform(0.7, 1.3), 2)
            rows.append(Snapshot(indicator_id=s.indicator_id, agency_id=s.agency_id, month=month_shift(s.month, -back),
                                 start=s.start, end=s.end, numerator=s.numerator, denominator=s.denominator,
                                 value=value, passed=s.passed, error=s.error, records=s.records[:20],
                                 records_total=s.records_total))
    Snapshot.objects.bulk_create(rows, batch_size=1000)


def measure(client, url, repeat):
    client.get(url)  # warm the calendar years and templates
    samples = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return {"url": url, "p50_ms": round(statistics.median(samples) * 1000, 1), "p95_ms": round(p95 * 1000, 1),
            "max_ms": round(samples[-1] * 1000, 1), "queries": len(queries)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from django.test import Client

    from throwaway import throwaway_test_db

    with throwaway_test_db():
        users, build_s = build(args.docs, random.Random(7))
        from gongkai.assessment.services import snapshot_compute

        started = time.perf_counter()
        snapshots = snapshot_compute()
        compute_s = time.perf_counter() - started
        history(rng=random.Random(11))
        results = []
        for username, urls in [("evaluator", ["/console/assessment/", "/console/assessment/?agency=2",
                                              "/console/assessment/?indicator=3", "/api/assessment/snapshots"]),
                               ("office", ["/console/assessment/", "/console/proposals/"])]:
            client = Client()
            client.force_login(users[username])
            for url in urls:
                results.append({"user": username, **measure(client, url, args.repeat)})
        report = {"docs": args.docs, "build_seconds": round(build_s, 1), "database": connection.vendor,
                  "snapshots": snapshots, "compute_seconds": round(compute_s, 1), "results": results}
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            print(f"{args.docs} documents + 2000 proposals built in {build_s:.1f} s ({connection.vendor}); "
                  f"{snapshots} snapshots computed in {compute_s:.1f} s")
            for r in results:
                print(f"{r['user']:10s} {r['url']:36s} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
                      f"max {r['max_ms']:7.1f} ms  {r['queries']:3d} queries")


if __name__ == "__main__":
    main()
