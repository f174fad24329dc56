"""Time the uncached 法定主动公开内容 list page (/xxgk/fdzdgknr/) against an existing database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_list100k .venv/bin/python bench/catalog_list.py [--repeat 7] [--json]

Reads only (on PostgreSQL every transaction is opened read-only), so it may point at a loaded
benchmark database such as bench/load's. Pages are rendered in-process with Django's test client;
the page cache is off and the cache is this process's own memory (REDIS_URL is ignored), so no
other process's cache is touched. Three states are timed for each page:

- cold: nothing cached, as for the first list page after a publication (every publish, withdraw
  or validity change starts a new catalog version, and the facet counts with it);
- after a publication: the unfiltered list has been rendered once in the new version (its counts
  are shared), this page has not;
- counts cached: only the page itself is new (another page number of the same filters, or any
  page once its filters' counts are known).

Each figure is the median of --repeat runs; the agency and subject filters are the agency and the
top-level 主题分类 with the most public documents (the widest filtered lists).
"""
import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")  # no page cache, no rate limits
os.environ.pop("REDIS_URL", None)  # never bump a running site's page-cache version
os.environ["PGOPTIONS"] = (os.environ.get("PGOPTIONS", "") + " -c default_transaction_read_only=on").strip()

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

URL = "/xxgk/fdzdgknr/"


def pages():
    """The pages to time: first, page 50, the widest agency and subject filters (first page)."""
    from gongkai.catalog.models import Subject
    from gongkai.catalog.selectors import document_public_queryset

    public = document_public_queryset().order_by()
    agency = (public.values("agency__slug").annotate(n=Count("id")).order_by("-n").first() or {}).get("agency__slug")
    tops = {s.pk: s.parent_id or s.pk for s in Subject.objects.only("id", "parent_id")}
    per_top = {}
    for row in public.exclude(subject__isnull=True).values("subject_id").annotate(n=Count("id")):
        top = tops.get(row["subject_id"], row["subject_id"])
        per_top[top] = per_top.get(top, 0) + row["n"]
    subject = max(per_top, key=per_top.get) if per_top else None
    found = [("first page", URL), ("page 50", f"{URL}?page=50")]
    if agency:
        found.append((f"agency={agency}", f"{URL}?agency={agency}"))
    if subject:
        found.append((f"subject={subject}", f"{URL}?subject={subject}"))
    return found


def timed(client, url):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries)


def measure(client, url, state, repeat):
    samples, queries = [], 0
    for _ in range(repeat):
        if state == "counts cached":
            client.get(url)  # this page's counts are now known
        else:
            cache.clear()  # a new catalog version: nothing cached
            if state == "after a publication" and url != URL:
                client.get(URL)  # the unfiltered list rendered once in the new version
        elapsed, queries = timed(client, url)
        samples.append(elapsed)
    return {"median_ms": round(statistics.median(samples) * 1000, 1),
            "min_ms": round(min(samples) * 1000, 1), "queries": queries}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from django.test import Client

    from gongkai.catalog.selectors import document_public_queryset

    client = Client()
    client.get(URL)  # templates compiled, connections open
    docs = document_public_queryset().count()
    results = []
    for label, url in pages():
        for state in ("cold", "after a publication", "counts cached"):
            if state == "after a publication" and url == URL:
                continue  # the same as cold for the unfiltered list itself
            results.append({"page": label, "url": url, "state": state, **measure(client, url, state, args.repeat)})
    report = {"database": connection.vendor, "public_documents": docs, "repeat": args.repeat, "results": results}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"{docs} public documents ({connection.vendor}), median of {args.repeat} runs")
    for r in results:
        print(f"{r['page']:16s} {r['state']:20s} median {r['median_ms']:7.1f} ms  "
              f"min {r['min_ms']:7.1f} ms  {r['queries']:2d} queries")


if __name__ == "__main__":
    main()
