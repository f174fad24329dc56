"""Measure the 标准目录 coverage (the 测评 indicator and the public 目录 page) and the 公报数据库 search.

    DATABASE_URL=sqlite:////work/main/var/bench-std.sqlite3 .venv/bin/python bench/stdcatalog_gazette.py \
        [--towns 50] [--docs 200] [--issues 100] [--repeat 5] [--json]

Builds a county with N townships, each with a published 本级标准目录 of the 13 demo 事项 (救灾, 户籍管理,
社会救助 adapted as in the demo) plus one topic-matched 事项, and `--docs` published documents per township
(bulk-created rows, a third of them bound to 事项, some published late); then a city 公报 of `--issues`
issues with 20 documents each. Times, in-process: stdcatalog_coverage over every township for a year,
one township's public page, a 公报 search over all issues and within one issue. A test database is
created and destroyed.
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
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def build(args, rng):
    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Document, Status, Subject
    from gongkai.gazette.models import Article, Issue
    from gongkai.stdcatalog.models import Binding, CatalogStatus, Entry, LocalCatalog, Mode
    from gongkai.stdcatalog.services import entries_adopt, entry_add, entry_update, local_catalog_create

    city = Agency.objects.create(name="示范市人民政府", slug="city", kind="government", level="city")
    county = Agency.objects.create(name="示范县人民政府", slug="county", kind="government", level="county", parent=city)
    topic = Subject.objects.filter(parent__isnull=False).first()
    year = 2025
    for t in range(args.towns):
        town = Agency.objects.create(name=f"示范县第{t + 1}镇人民政府", slug=f"town{t}", kind="government",
                                     level="township", parent=county)
        catalog = local_catalog_create(agency=town, actor=None)
        for slug in ("jiuzai", "huji-guanli", "shehui-jiuzhu"):
            for entry in entries_adopt(catalog=catalog, actor=None, area_slug=slug):
                if not entry.mode:
                    entry_update(entry=entry, actor=None, mode=Mode.ACTIVE)
        entry_add(catalog=catalog, actor=None, area_slug="jiuzai", level1="救灾动态", content="救灾工作动态",
                  time_limit="按进展情况及时公开", mode=Mode.ACTIVE, topic=topic, keywords="救灾、防汛")
        LocalCatalog.objects.filter(pk=catalog.pk).update(status=CatalogStatus.PUBLISHED)
        docs = []
        for i in range(args.docs):
            written = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(330))
            docs.append(Document(agency=town, title=f"第{t + 1}镇{'防汛救灾' if i % 7 == 0 else '工作'}信息{i}",
                                 status=Status.PUBLISHED, written_date=written,
                                 publish_date=written + dt.timedelta(days=rng.choice([2, 5, 10, 40])),
                                 subject=topic if i % 5 == 0 else None, body_text="正文"))
        docs = Document.objects.bulk_create(docs)
        entries = list(Entry.objects.filter(catalog=catalog))
        Binding.objects.bulk_create([Binding(entry=rng.choice(entries), document=d) for d in docs[::3]],
                                    ignore_conflicts=True)
    city_docs = Document.objects.bulk_create([
        Document(agency=city, title=f"示范市人民政府关于{rng.choice(['安全生产', '财政资金', '义务教育', '防汛'])}工作的通知{i}",
                 status=Status.PUBLISHED, publish_date=dt.date(2000 + i % 25, 1, 1) + dt.timedelta(days=i % 300),
                 body_text=f"第一条 为规范管理，制定本办法。编号{i}") for i in range(args.issues * 20)])
    for n in range(args.issues):
        issue = Issue.objects.create(agency=city, year=2000 + n // 24, number=n % 24 + 1, total_number=n + 1,
                                     publish_date=dt.date(2000 + n // 24, 1, 1), status="published")
        Article.objects.bulk_create([Article(issue=issue, position=p + 1, document=d)
                                     for p, d in enumerate(city_docs[n * 20:(n + 1) * 20])])
    return Issue.objects.order_by("pk").first()


def timed(fn, repeat):
    fn()
    samples, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 1), "max_ms": round(samples[-1], 1), "queries": queries}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--towns", type=int, default=50)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client

        from gongkai.gazette.selectors import articles_search
        from gongkai.stdcatalog.indicators import stdcatalog_coverage

        started = time.perf_counter()
        issue = build(args, random.Random(7))
        built = time.perf_counter() - started
        client = Client()
        results = {
            "build_s": round(built, 1),
            "coverage_all_towns": timed(lambda: stdcatalog_coverage(agency_ids=None, start=dt.date(2025, 1, 1),
                                                                    end=dt.date(2025, 12, 31)), args.repeat),
            "public_town_page": timed(lambda: client.get("/zwgk/bzml/town0/"), args.repeat),
            "gazette_search_all": timed(lambda: list(articles_search(query="防汛 规范")), args.repeat),
            "gazette_search_issue": timed(lambda: client.get(f"/zwgk/gb/issue/{issue.pk}/", {"q": "财政"}), args.repeat),
        }
        print(json.dumps(results, ensure_ascii=False, indent=1) if args.json else
              "\n".join(f"{k}: {v}" for k, v in results.items()))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
