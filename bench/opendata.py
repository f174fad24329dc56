"""数据开放 speed: load a generated 1,000,000-row (~100 MB) CSV into the DataStore, the privacy scan of
that file, and filtered datastore_search queries (p50/p95), with the process's peak memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench .venv/bin/python bench/opendata.py [--rows 1000000] [--queries 200] [--json]
    DATABASE_URL=sqlite:///$PWD/var/bench-od.sqlite3 .venv/bin/python bench/opendata.py
    … bench/opendata.py --format jsonl|json|xml   (the same rows as JSON Lines, a wrapped JSON array, XML records)

The CSV is generated into a temporary directory (removed afterwards): 8 columns — station (1,000
names), district, date, AQI, PM2.5, a mobile number in every row (so the scan counts a flagged
column over the whole file, its worst case), an ID-like code and a free-text note. The DataStore table
is created for an unsaved resource (`ods_r<9xxxxxxx>_v1`) and dropped at the end; the database needs
migrations only for the cache table (nothing else is written). Targets (issue 19): load ≤ 60 s with
memory < 500 MB, filtered query p95 ≤ 100 ms, scan ≤ 30 s.
"""
import argparse
import json
import os
import random
import resource as rusage
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from gongkai.opendata.datastore import datastore_load, datastore_search, drop_table  # noqa: E402
from gongkai.opendata.models import Resource  # noqa: E402
from gongkai.opendata.scan import scan_file  # noqa: E402
from gongkai.opendata.tabular import Table, schema_detect  # noqa: E402

DISTRICTS = ["西湖区", "滨江区", "钱塘区", "上城区", "拱墅区", "余杭区", "临平区", "萧山区"]
NOTES = ["正常", "设备校准", "数据补录", "站点迁移后首日", "临时停电恢复"]


def peak_mb() -> float:
    return rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss / 1024


def generate(path: Path, rows: int) -> int:
    rng = random.Random(19)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("站点,区县,日期,AQI,PM2.5,联系手机,设备编号,备注\n")
        buf = []
        for i in range(rows):
            buf.append(f"示范市第{rng.randrange(1000)}号监测站,{DISTRICTS[i % 8]},2025-{1 + i % 12:02d}-{1 + i % 28:02d},"
                       f"{rng.randint(10, 300)},{rng.uniform(1, 200):.1f},1{rng.choice('3589')}{rng.randrange(10**9):09d},"
                       f"SB{rng.randrange(10**8):08d},{NOTES[i % 5]}数据记录\n")
            if len(buf) >= 10000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))
    return path.stat().st_size


def generate_records(path: Path, rows: int, kind: str) -> int:
    """The same rows as `generate` as JSON Lines (`jsonl`), a JSON array under {"code": 0, "data": [...]}
    (`json`) or XML records one level down, <response><records><record 站点="…"><区县>… (`xml`)."""
    from xml.sax.saxutils import quoteattr

    keys = ["站点", "区县", "日期", "AQI", "PM2.5", "联系手机", "设备编号", "备注"]
    rng = random.Random(19)
    head, tail = {"jsonl": ("", ""), "json": ('{"code": 0, "data": [\n', "]}\n"),
                  "xml": ('<?xml version="1.0" encoding="UTF-8"?>\n<response><total>%d</total><records>\n' % rows,
                          "</records></response>\n")}[kind]
    with open(path, "w", encoding="utf-8") as f:
        f.write(head)
        buf = []
        for i in range(rows):
            values = [f"示范市第{rng.randrange(1000)}号监测站", DISTRICTS[i % 8], f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                      rng.randint(10, 300), round(rng.uniform(1, 200), 1), f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                      f"SB{rng.randrange(10**8):08d}", f"{NOTES[i % 5]}数据记录"]
            if kind == "xml":
                buf.append(f"<record 站点={quoteattr(values[0])}>"
                           + "".join(f"<{k}>{v}</{k}>" for k, v in zip(keys[1:], values[1:])) + "</record>\n")
            else:
                sep = ",\n" if kind == "json" and i else ""
                buf.append(sep + json.dumps(dict(zip(keys, values)), ensure_ascii=False) + ("\n" if kind == "jsonl" else ""))
            if len(buf) >= 10000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf) + tail)
    return path.stat().st_size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--format", choices=("csv", "jsonl", "json", "xml"), default="csv")
    args = parser.parse_args()
    fmt = {"jsonl": "json"}.get(args.format, args.format)
    out = {"database": connection.vendor, "rows": args.rows, "format": args.format}
    with tempfile.TemporaryDirectory(prefix="gk-od-bench-") as tmp:
        path = Path(tmp) / f"aqi.{fmt}"
        size = generate(path, args.rows) if fmt == "csv" else generate_records(path, args.rows, args.format)
        out["file_mb"] = round(size / 1e6, 1)
        out["peak_mb_after_generate"] = round(peak_mb(), 1)

        if fmt != "csv":  # the one pass that collects the union of the keys (remembered for what follows)
            t = time.perf_counter()
            Table(path, fmt).close()
            out["header_pass_s"] = round(time.perf_counter() - t, 2)
            out["peak_mb_after_header_pass"] = round(peak_mb(), 1)
        t, c = time.perf_counter(), time.process_time()
        flagged = scan_file(path, fmt)
        out["scan_s"] = round(time.perf_counter() - t, 2)
        out["scan_cpu_s"] = round(time.process_time() - c, 2)
        out["scan_flagged"] = [(f["column"], f["kinds"], f["rows_hit"]) for f in flagged]
        out["peak_mb_after_scan"] = round(peak_mb(), 1)

        t = time.perf_counter()
        schema, encoding = schema_detect(path, fmt)
        out["schema_s"] = round(time.perf_counter() - t, 2)
        res = Resource(pk=90_000_000 + os.getpid() % 1_000_000, version=1, format=fmt, encoding=encoding,
                       schema=schema, treatment={}, scan=flagged)
        res.datastore_table = f"ods_r{res.pk}_v1"
        try:
            t, c = time.perf_counter(), time.process_time()
            res.row_count = datastore_load(res, path)
            out["load_s"] = round(time.perf_counter() - t, 2)
            # This process's CPU: on SQLite it includes the database's work, on PostgreSQL it does not.
            out["load_cpu_s"] = round(time.process_time() - c, 2)
            out["loaded_rows"] = res.row_count
            out["peak_mb_after_load"] = round(peak_mb(), 1)

            rng = random.Random(7)
            timings, cpu = [], []
            for i in range(args.queries):
                station = f"示范市第{rng.randrange(1000)}号监测站"
                filters = {"站点": station} if i % 2 == 0 else {"站点": station, "区县": DISTRICTS[i % 8]}
                t, c = time.perf_counter(), time.process_time()
                result = datastore_search(res, filters=filters, sort="AQI desc", limit=100)
                timings.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
                assert result["records"] or result["total"] == 0
            timings.sort()
            out["query_ms_p50"] = round(statistics.median(timings), 1)
            out["query_ms_p95"] = round(timings[int(len(timings) * 0.95) - 1], 1)
            cpu.sort()
            out["query_cpu_ms_p50"] = round(statistics.median(cpu), 1)
            out["query_cpu_ms_p95"] = round(cpu[int(len(cpu) * 0.95) - 1], 1)
            with connection.cursor() as cur:
                sql = (f"EXPLAIN {'QUERY PLAN ' if connection.vendor == 'sqlite' else ''}SELECT * FROM "
                       f"{res.datastore_table} WHERE c1 = %s ORDER BY c4 DESC NULLS LAST, _id LIMIT 100")
                cur.execute(sql, ["示范市第1号监测站"])
                out["query_plan"] = " | ".join(str(r[-1]) for r in cur.fetchall())
            t = time.perf_counter()
            datastore_search(res, q_text="站点迁移", limit=100)
            out["q_fulltext_ms"] = round((time.perf_counter() - t) * 1000, 1)
        finally:
            drop_table(res.datastore_table)
    out["load_1"] = round(os.getloadavg()[0], 2)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
