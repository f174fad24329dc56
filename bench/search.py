#!/usr/bin/env python
"""Search benchmark: `make bench-search` (or `.venv/bin/python bench/search.py`).

Generates a corpus of realistic documents (40 agencies with their own topics, 2008–2025, 22 主题分类,
文种, 有效性, 文号 and 索引号; bodies assembled from a few hundred sentence patterns and a vocabulary
of about 600 domain words and place names), loads it into a separate SQLite file under bench/out/
and a separate PostgreSQL database (gongkai_bench, dropped afterwards), builds the search index
through the product's own code (`index_rebuild`: normalisation, segmentation, passages, the
database rows and the tantivy index under bench/out/var/search-index-<database>), then runs a
fixed set of queries through `search_documents` (first page of 10 with facet counts, highlighted
snippets; relevance and date sorts, filters, phrases) and `passage_candidates` (问答 passages), and
reports p50/p95/p99 per kind. A sample of the queries also runs through a LIKE scan.

Each engine runs in its own process (settings come from DATABASE_URL). Results go to
bench/out/search-results.json; `--write-doc` also rewrites the search section of docs/PERFORMANCE.md.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH_DB = os.environ.get("BENCH_PG_DB", "gongkai_bench")  # its own name when several people bench at once

from search_corpus import AGENCIES, generate, generated_document, query_set  # noqa: E402
from search_report import _write_doc, quality_report, report  # noqa: E402


def pct(values, q):
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summary(ms):
    return {"n": len(ms), "p50": pct(ms, 0.5), "p95": pct(ms, 0.95), "p99": pct(ms, 0.99),
            "mean": statistics.fmean(ms) if ms else None}


# --- worker (one engine, inside Django) --------------------------------------------------------------

def worker(args):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Document, Subject
    from gongkai.search.index import index_size
    from gongkai.search.query import parse_query
    from gongkai.search.selectors import passage_candidates, search_documents
    from gongkai.search.services import index_rebuild

    result = {"engine": connection.vendor, "docs": args.docs}
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    tops = list(Subject.objects.filter(parent__isnull=True).order_by("sort_order", "id").values_list("id", flat=True))
    agencies = []
    for i, (name, code, _domains, kind, level) in enumerate(AGENCIES):
        agencies.append(Agency.objects.create(name=name, slug=f"bench{i}", kind=kind, level=level,
                                              index_code=f"JC{i:03d}"))
    sample = []
    batch = []
    n = 0
    text_bytes = 0
    stride = 97 if args.docs >= 10_000 else max(1, args.docs // 200)  # queries are drawn from the sample
    for d in generate(args.docs):
        n += 1
        text_bytes += len((d["title"] + d["body_text"] + d["doc_no"] + d["index_no"]).encode())
        if n % stride == 0:
            sample.append(d)
        batch.append(generated_document(Document, d, agencies=agencies, tops=tops))
        if len(batch) == 2000:
            with transaction.atomic():
                Document.objects.bulk_create(batch)
            batch = []
    if batch:
        with transaction.atomic():
            Document.objects.bulk_create(batch)
    result["generate_seconds"] = time.perf_counter() - t0
    corpus_chars = sum(len(d["body_text"]) + len(d["title"]) for d in sample) * args.docs / max(1, len(sample))
    result["corpus_mib_est"] = corpus_chars * 3 / 2**20
    print(f"[{connection.vendor}] generated {args.docs} documents in {result['generate_seconds']:.1f}s", flush=True)

    t0, c0 = time.perf_counter(), time.process_time()
    built = index_rebuild(batch_size=500)
    build_seconds = time.perf_counter() - t0
    build_cpu = time.process_time() - c0
    # Statistics as a running site has them (autovacuum's analyze after a bulk load): the result rows
    # are read from catalog_document, whose plan without statistics is a sequential scan.
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    result["build"] = {"docs": built, "seconds": build_seconds, "docs_per_s": built / build_seconds,
                       "cpu_seconds": build_cpu, "docs_per_cpu_s": built / build_cpu,
                       "load_avg": os.getloadavg(), "index_bytes": index_size(), "text_bytes": text_bytes,
                       "passages": _count("SELECT COUNT(*) FROM search_passage")}
    print(f"[{connection.vendor}] indexed {built} in {build_seconds:.1f}s ({built / build_seconds:.0f} docs/s), "
          f"index {result['build']['index_bytes'] / 2**20:.0f} MiB for {text_bytes / 2**20:.0f} MiB of text",
          flush=True)

    queries = query_set(sample)
    agency_ids = [a.pk for a in agencies]
    resolved = []
    for kind, q, filters in queries:
        f = dict(filters)
        if f.get("agency") == "A":
            f["agency"] = str(agency_ids[len(resolved) % len(agency_ids)])
        resolved.append((kind, q, f))
    for kind, q, f in resolved[:40]:  # warm caches
        search_documents(query=q, filters=f)
    timings, by_kind, totals, cpu, cpu_by_kind = [], {}, [], [], {}
    for kind, q, f in resolved:
        t, c = time.perf_counter(), time.process_time()
        if kind == "qa":
            r = None
            passage_candidates(question=q, limit=50)
        else:
            r = search_documents(query=q, filters=f, sort="date" if kind == "sort_date" else "relevance")
        ms = (time.perf_counter() - t) * 1000
        cpu.append((time.process_time() - c) * 1000)
        cpu_by_kind.setdefault(kind, []).append(cpu[-1])
        timings.append(ms)
        if r is not None:
            totals.append(r.total)
        by_kind.setdefault(kind, []).append(ms)
    result["queries"] = len(resolved)
    result["latency"] = summary(timings)
    result["cpu"] = summary(cpu)  # CPU of this process per query (all of SQLite's work; not PostgreSQL's server)
    result["latency_by_kind"] = {k: summary(v) for k, v in by_kind.items()}
    result["cpu_by_kind"] = {k: summary(v) for k, v in cpu_by_kind.items()}
    result["median_hits"] = statistics.median(totals)
    # doc_no queries must put the document first
    first_ok = 0
    doc_no_queries = [(q, d) for (kind, q, f), d in zip(resolved, [None] * len(resolved)) if kind == "doc_no"]
    for q, _d in doc_no_queries:
        r = search_documents(query=q)
        first_ok += bool(r.hits and r.hits[0].pinned)
    result["doc_no_first"] = f"{first_ok}/{len(doc_no_queries)}"
    print(f"[{connection.vendor}] {len(resolved)} queries: p50 {result['latency']['p50']:.1f} ms, "
          f"p95 {result['latency']['p95']:.1f} ms, p99 {result['latency']['p99']:.1f} ms", flush=True)

    # LIKE scan: the same first page with facet counts, straight on the catalog table.
    like_ms, ratio = [], []
    step = max(1, len(resolved) // max(1, args.like_queries))
    for i in range(0, len(resolved), step):
        kind, q, f = resolved[i]
        if kind == "qa":
            continue
        parsed = parse_query(q)
        t = time.perf_counter()
        _like_search(connection, parsed, f)
        ms = (time.perf_counter() - t) * 1000
        like_ms.append(ms)
        ratio.append(ms / max(timings[i], 0.01))
    result["like"] = summary(like_ms)
    result["like"]["median_speedup"] = statistics.median(ratio)
    result["like"]["p95_ratio"] = result["like"]["p95"] / result["latency"]["p95"]
    print(f"[{connection.vendor}] LIKE on {len(like_ms)} queries: p50 {result['like']['p50']:.0f} ms, "
          f"median speed-up {result['like']['median_speedup']:.0f}x", flush=True)

    if connection.vendor == "sqlite":
        result["segmenters"] = _segmenters(sample)
    Path(args.result).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))


def quality_worker(args):
    """Load the demo corpus and score the labelled queries (gongkai/search/data/quality.json)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.catalog.models import Disclosure, Document, Status
    from gongkai.search.selectors import search_documents

    call_command("migrate", verbosity=0)
    call_command("demo_load", stdout=io.StringIO())
    labels = json.loads((ROOT / "gongkai" / "search" / "data" / "quality.json").read_text(encoding="utf-8"))
    public = Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.ACTIVE)
    rows, by_kind = [], {}
    for item in labels["queries"]:
        expect = item["expect"]
        qs = public
        if "doc_no" in expect:
            qs = qs.filter(doc_no=expect["doc_no"])
        if "index_no" in expect:
            qs = qs.filter(index_no=expect["index_no"])
        for part in expect.get("title_all", []):
            qs = qs.filter(title__contains=part)
        relevant = set(qs.values_list("pk", flat=True))
        result = search_documents(query=item["query"], per_page=10)
        ranked = [h.document.pk for h in result.hits if h.document is not None]  # other kinds count as misses
        found = len(relevant & set(ranked))
        recall = found / min(len(relevant), 10) if relevant else 0.0
        rr = next((1 / (i + 1) for i, pk in enumerate(ranked) if pk in relevant), 0.0)
        rows.append({"query": item["query"], "kind": item["kind"], "relevant": len(relevant), "recall10": recall,
                     "rr": rr})
        if relevant:
            by_kind.setdefault(item["kind"], []).append((recall, rr))
    scored = [r for r in rows if r["relevant"]]
    out = {"engine": connection.vendor, "queries": len(scored), "documents": public.count(),
           "recall10": statistics.fmean(r["recall10"] for r in scored), "mrr": statistics.fmean(r["rr"] for r in scored),
           "by_kind": {k: {"n": len(v), "recall10": statistics.fmean(a for a, _b in v),
                           "mrr": statistics.fmean(b for _a, b in v)} for k, v in by_kind.items()},
           "unresolved": [r["query"] for r in rows if not r["relevant"]],
           "misses": [r for r in scored if r["recall10"] < 1.0]}
    Path(args.result).write_text(json.dumps(out, ensure_ascii=False, indent=1))
    print(f"[{connection.vendor}] quality on {len(rows)} queries: Recall@10 {out['recall10']:.3f}, MRR {out['mrr']:.3f}",
          flush=True)


def _count(sql):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(sql)
        return cur.fetchone()[0]


def _like_search(connection, parsed, filters):
    year = "CAST(strftime('%%Y', publish_date) AS INTEGER)" if connection.vendor == "sqlite" \
        else "EXTRACT(YEAR FROM publish_date)"
    clauses, params = ["status = 'published'", "disclosure = 'active'"], []
    for term in parsed.terms:
        clauses.append("(title LIKE %s OR body_text LIKE %s)")
        params += [f"%{term.text}%"] * 2
    for term in parsed.excludes:
        clauses.append("NOT (title LIKE %s OR body_text LIKE %s)")
        params += [f"%{term.text}%"] * 2
    for key, col in (("agency", "agency_id"), ("year", year), ("validity", "validity"), ("genre", "genre")):
        if filters.get(key):
            clauses.append(f"{col} = %s")
            params.append(int(filters[key]) if key in ("agency", "year") else filters[key])
    where = " AND ".join(clauses)
    with connection.cursor() as cur:
        cur.execute(f"SELECT agency_id, subject_id, {year}, genre, validity, COUNT(*) FROM catalog_document "
                    f"WHERE {where} GROUP BY 1, 2, 3, 4, 5", params)
        cur.fetchall()
        cur.execute(f"SELECT id, title FROM catalog_document WHERE {where} ORDER BY publish_date DESC LIMIT 10",
                    params)
        return cur.fetchall()


def _segmenters(sample):
    """rjieba vs jieba search mode on the same text: speed and token agreement."""
    import jieba
    import rjieba

    jieba.setLogLevel(60)
    texts = [d["body_text"] for d in sample[:400]]
    mib = sum(len(t.encode()) for t in texts) / 2**20
    jieba.lcut_for_search(texts[0])
    out = {"mib": mib}
    seg = rjieba.Jieba()
    t = time.perf_counter()
    r = [seg.cut_for_search(x) for x in texts]
    out["rjieba_mib_s"] = mib / (time.perf_counter() - t)
    t = time.perf_counter()
    j = [jieba.lcut_for_search(x) for x in texts]
    out["jieba_mib_s"] = mib / (time.perf_counter() - t)
    out["same_tokens"] = f"{sum(a == b for a, b in zip(r, j))}/{len(texts)}"
    print(f"[segmenters] rjieba {out['rjieba_mib_s']:.1f} MiB/s, jieba {out['jieba_mib_s']:.2f} MiB/s, "
          f"identical output on {out['same_tokens']} documents", flush=True)
    return out


# --- orchestrator --------------------------------------------------------------------------------------

def run_engine(engine, args, quality=False):
    env = dict(os.environ)
    env["VAR_DIR"] = str(OUT / "var")
    index_dir = OUT / "var" / f"search-index-{engine}{'-quality' if quality else ''}"
    shutil.rmtree(index_dir, ignore_errors=True)
    env["SEARCH_INDEX_DIR"] = str(index_dir)
    env.pop("GONGKAI_TESTING", None)
    dbname = PG_BENCH_DB + ("_quality" if quality else "")
    if engine == "sqlite":
        db = OUT / ("quality.sqlite3" if quality else "bench.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {dbname}")
            conn.execute(f"CREATE DATABASE {dbname}")
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + dbname
    result_file = OUT / f"{'quality' if quality else 'result'}-{engine}.json"
    cmd = [sys.executable, __file__, "--worker", "--docs", str(args.docs), "--like-queries", str(args.like_queries),
           "--result", str(result_file)] + (["--quality"] if quality else [])
    try:
        subprocess.run(cmd, env=env, check=True, cwd=ROOT)
        return json.loads(result_file.read_text())
    finally:
        if engine == "postgresql" and not args.keep:
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {dbname}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--engines", default="sqlite,postgresql")
    ap.add_argument("--like-queries", type=int, default=20, help="how many of the queries also run as LIKE scans")
    ap.add_argument("--keep", action="store_true", help="keep the PostgreSQL bench database")
    ap.add_argument("--parallel", action="store_true", help="run the engines at the same time (2 processes)")
    ap.add_argument("--write-doc", action="store_true", help="write the table into docs/PERFORMANCE.md")
    ap.add_argument("--quality", action="store_true", help="only score the labelled queries on the demo corpus")
    ap.add_argument("--no-quality", dest="with_quality", action="store_false",
                    help="skip the quality run after the speed run")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return quality_worker(args) if args.quality else worker(args)
    OUT.mkdir(parents=True, exist_ok=True)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if "postgresql" in engines:
        try:
            import psycopg

            psycopg.connect(PG_ADMIN_URL, connect_timeout=5).close()
        except Exception as exc:
            print(f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({exc}); running SQLite only.", flush=True)
            engines.remove("postgresql")
    if not args.quality:
        began = time.perf_counter()
        if args.parallel:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(len(engines)) as pool:
                results = list(pool.map(lambda e: run_engine(e, args), engines))
        else:
            results = [run_engine(e, args) for e in engines]
        seconds = time.perf_counter() - began
        (OUT / "search-results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
        text = report(results, args, seconds)
        print("\n" + text)
        if args.write_doc:
            _write_doc(text, args, "search-bench")
    if args.quality or args.with_quality:
        quality = [run_engine(e, args, quality=True) for e in engines]
        text = quality_report(quality)
        print("\n" + text)
        if args.write_doc:
            _write_doc(text, args, "search-quality")


if __name__ == "__main__":
    main()
