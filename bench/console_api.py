"""Measure the staff console and the JSON API on a throwaway database.

    DATABASE_URL=sqlite:////work/main/var/bench-console.sqlite3 .venv/bin/python bench/console_api.py [--docs 1000] [--json]

Builds a city with two departments and N documents made through the catalog services (each one
created, submitted and published, so review, 索引号 and search indexing all run; about one in eight
is published late so the 逾期公开 scan has work), then times each page in-process with Django's test
client (no network, no server) and counts its SQL queries. A test database is created and destroyed.
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

TITLES = ["关于做好{year}年度{topic}工作的通知", "关于印发《示范市{topic}管理办法》的通知",
          "关于进一步加强{topic}的实施意见", "{year}年{topic}工作要点"]
TOPICS = ["政务公开", "安全生产", "防汛防台", "义务教育", "财政资金", "营商环境", "医疗保障", "住房保障"]


def build(n, rng):
    from gongkai.agencies.models import Agency, Membership, Role
    from gongkai.catalog.services import document_create, document_transition
    from django.contrib.auth import get_user_model

    city = Agency.objects.create(name="示范市人民政府", slug="city", kind="government", uscc="11330600002577014T")
    depts = [Agency.objects.create(name=f"示范市{name}", slug=slug, parent=city)
             for name, slug in [("教育局", "edu"), ("财政局", "fin")]]
    users = {}
    User = get_user_model()
    for username, agency, role in [("editor", depts[0], Role.EDITOR), ("reviewer", depts[0], Role.REVIEWER),
                                   ("office", city, Role.OFFICE)]:
        users[username] = User.objects.create_user(username=username, password="bench-pw-12345")
        Membership.objects.create(user=users[username], agency=agency, role=role)
    agencies = [city, *depts]
    start = time.perf_counter()
    for i in range(n):
        year = rng.choice([2022, 2023, 2024, 2025])
        written = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 330))
        late = rng.random() < 0.125
        published = written + dt.timedelta(days=rng.randrange(35, 90) if late else rng.randrange(0, 20))
        doc = document_create(
            agency=agency_pick(agencies, i), actor=None,
            title=rng.choice(TITLES).format(year=year, topic=rng.choice(TOPICS)) + f"（第{i}号）",
            written_date=written, publish_date=published, validity="valid", is_generated=True,
            body_html="<p>" + "各单位要按照要求认真组织实施，确保各项工作落到实处。" * 20 + "</p>")
        if i % 10 == 9:
            continue  # a tenth stay drafts
        document_transition(document=doc, action="submit", actor=None)
        document_transition(document=doc, action="publish", actor=None)
    return users, time.perf_counter() - start


def agency_pick(agencies, i):
    return agencies[i % len(agencies)]


def measure(client, url, repeat):
    client.get(url)  # warm caches (calendar years, templates)
    samples = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return {"url": url, "median_ms": round(statistics.median(samples) * 1000, 1),
            "max_ms": round(max(samples) * 1000, 1), "queries": len(queries)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from django.conf import settings
    from django.test import Client

    from throwaway import throwaway_test_db

    with throwaway_test_db():
        users, build_s = build(args.docs, random.Random(7))
        from gongkai.catalog.models import Document

        sample = Document.objects.filter(status="published", agency__slug="edu").order_by("id").first()
        results = []
        for username, urls in [
            ("editor", ["/console/", "/console/documents/", f"/console/documents/{sample.pk}/"]),
            ("reviewer", ["/console/"]),
            ("office", ["/console/", "/console/documents/?q=通知", "/api/staff/documents?limit=100"]),
            (None, ["/api/documents?limit=100", "/api/documents?year=2024&limit=20",
                    f"/api/documents/{sample.pk}", "/api/agencies", "/api/subjects"]),
        ]:
            client = Client()
            if username:
                client.force_login(users[username])
            for url in urls:
                results.append({"user": username or "anonymous", **measure(client, url, args.repeat)})
        report = {"docs": args.docs, "build_seconds": round(build_s, 1), "database": settings.DB_VENDOR,
                  "results": results}
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            print(f"{args.docs} documents built through the services in {build_s:.1f} s ({settings.DB_VENDOR})")
            for r in results:
                print(f"{r['user']:10s} {r['url']:38s} median {r['median_ms']:7.1f} ms  "
                      f"max {r['max_ms']:7.1f} ms  {r['queries']:3d} queries")


if __name__ == "__main__":
    main()
