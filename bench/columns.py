"""Time the 法定主动公开内容 columns (条例第二十条/第二十一条 counts), one column page and the
规范性文件库 page at a catalog of --size public documents.

    DATABASE_URL=sqlite:////tmp/columns_bench.sqlite3 .venv/bin/python bench/columns.py --size 100000 [--repeat 5] [--json]

The database must be a throw-away one: it is migrated, and generated public documents (titles built
from the words the default columns look for, 主题分类 and 信息类别 spread evenly, one in ten a
行政规范性文件 with dates) are bulk-inserted until it holds --size of them. Pages are rendered in
process with Django's test client and this process's own memory cache (REDIS_URL is ignored).
Timed states:
- counts cold: the column counts computed (as after every publication: a new catalog version);
- counts cached: the counts read from the cache;
- column page: /xxgk/fdzdgknr/lm/msbz/ (the widest 第二十条 column), first page;
- library page: /xxgk/gfxwj/ first page (the expiry sweep already ran today).
Each figure is the median of --repeat runs, with the number of SQL queries.
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
os.environ.setdefault("GONGKAI_TESTING", "1")  # no page cache, no rate limits
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

WORDS = ["预算", "决算", "收费", "政府采购", "统计", "就业", "医疗", "应急", "防汛", "安全生产", "食品安全", "规划",
         "行政许可", "行政处罚", "公务员", "城市更新", "社会救助", "土地征收", "宅基地", "政务公开", "营商环境"]
CATEGORIES = ["policy", "notice", "work", "plan", "interpretation", "normative"]


def fill(size: int) -> int:
    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Document, Subject

    have = Document.objects.filter(status="published").count()
    if have >= size:
        return have
    agencies = list(Agency.objects.all())
    if not agencies:
        root = Agency.objects.create(name="基准市人民政府", slug="bench-city", kind="government", level="city")
        agencies = [root] + [Agency.objects.create(name=f"基准市第{i}局", slug=f"bench-{i}", parent=root)
                             for i in range(1, 9)]
    subjects = list(Subject.objects.filter(parent__isnull=False))
    rng = random.Random(2026)
    start = dt.date(2015, 1, 1)
    batch = []
    for i in range(have, size):
        category = CATEGORIES[i % len(CATEGORIES)] if i % 10 else "normative"
        day = start + dt.timedelta(days=rng.randrange(4000))
        expiry = day + dt.timedelta(days=rng.randrange(200, 4000)) if category == "normative" else None
        batch.append(Document(
            agency=agencies[i % len(agencies)], title=f"关于{rng.choice(WORDS)}工作的通知（基准{i}）",
            index_no=f"BENCH-{i:07d}", category=category, genre="通知", subject=subjects[i % len(subjects)],
            keywords=rng.choice(WORDS), publish_date=day, written_date=day, status="published",
            disclosure="active", validity="valid", effective_date=day, expiry_date=expiry, is_generated=True))
        if len(batch) == 5000:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    return Document.objects.filter(status="published").count()


def timed(fn, repeat):
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
        queries = len(ctx.captured_queries)
    return {"median_ms": round(statistics.median(times), 1), "queries": queries}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    total = fill(args.size)
    from gongkai.columns.normative import expiry_apply
    from gongkai.columns.selectors import columns_with_counts

    expiry_apply()
    client = Client()

    def cold():
        cache.clear()
        columns_with_counts()

    def page(url):
        def run():
            assert client.get(url).status_code == 200
        return run

    columns_with_counts()
    results = {"documents": total, "vendor": connection.vendor,
               "counts cold": timed(cold, args.repeat),
               "counts cached": timed(columns_with_counts, args.repeat),
               "column page": timed(page("/xxgk/fdzdgknr/lm/msbz/"), args.repeat),
               "library page": timed(page("/xxgk/gfxwj/"), args.repeat)}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for key, value in results.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
