#!/usr/bin/env python
"""Search replica (tantivy) against the database index, on the same corpus and the same queries.

Run against a database that holds an index and a replica that is current, e.g. bench/load's
100,000-document stack (start it with `.venv/bin/python bench/load/run.py --pages static --duration 2
--keep-running`, then run this with its DATABASE_URL and SEARCH_REPLICA_DIR). Times `search_documents`
(the code behind the search page and the API: first page of 10, five facets, highlighted snippets)
for three kinds of queries drawn from the corpus vocabulary:

  mixed      two or three terms of any domains (mostly nothing matches: the load run's "every query new")
  domain     two terms of one policy domain (many matches: median ~1,600 at 100,000 documents)
  single     one term (the most matches)

Prints p50/p95/p99 wall time and mean CPU time of this process per query, per engine and kind.
"""
import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--queries", type=int, default=300, help="queries per kind")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    import django

    django.setup()
    from django.conf import settings

    import search as corpus
    from gongkai.search.replica import replica_forget
    from gongkai.search.selectors import search_documents

    if not settings.SEARCH_REPLICA_DIR:
        sys.exit("set SEARCH_REPLICA_DIR to a current replica (gongkai search_replica --once)")
    rng = random.Random(args.seed)
    domains = [sorted(ts) for _d, (_n, ts) in corpus.DOMAINS.items()]
    terms = sorted({t for ts in domains for t in ts})
    kinds = {
        "mixed": [" ".join(rng.sample(terms, rng.choice((2, 2, 3)))) for _ in range(args.queries)],
        "domain": [" ".join(rng.sample(rng.choice(domains), 2)) for _ in range(args.queries)],
        "single": [rng.choice(terms) for _ in range(args.queries)],
    }
    replica_dir = settings.SEARCH_REPLICA_DIR
    print(f"{'engine':9s} {'kind':7s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'CPU ms':>8s} {'median total':>13s}")
    for engine in ("replica", "database"):
        settings.SEARCH_REPLICA_DIR = replica_dir if engine == "replica" else ""
        replica_forget()
        for q in kinds["single"][:20]:  # warm: segmenter, index files, connection
            search_documents(query=q)
        for kind, queries in kinds.items():
            walls, totals, used = [], [], set()
            cpu = time.process_time()
            for q in queries:
                t = time.perf_counter()
                r = search_documents(query=q)
                walls.append((time.perf_counter() - t) * 1000)
                totals.append(r.total)
                used.add(r.engine)
            cpu = (time.process_time() - cpu) * 1000 / len(queries)
            assert used == {engine}, used
            walls.sort()
            pick = lambda f: walls[min(len(walls) - 1, int(len(walls) * f))]  # noqa: E731
            print(f"{engine:9s} {kind:7s} {pick(.5):8.1f} {pick(.95):8.1f} {pick(.99):8.1f} {cpu:8.1f} "
                  f"{statistics.median(totals):13,.0f}", flush=True)


if __name__ == "__main__":
    main()
