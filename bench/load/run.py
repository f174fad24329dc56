#!/usr/bin/env python
"""Load benchmark of the production stack: `make bench-load` (or `.venv/bin/python bench/load/run.py`).

Starts on loopback a private PostgreSQL cluster, Redis, gunicorn (deploy/gunicorn.conf.py), a Celery
worker and nginx (the production site deploy/nginx/gongkai.conf rendered with high ports and a
throw-away TLS certificate; its limit_req lines dropped, since one client address sends everything),
loads the corpus
(bench/search_corpus.py's generator, 100,000 documents by default; kept between runs), then drives each page
over HTTPS with wrk (a separate process; 64 connections, 2 threads) for --duration seconds:

  home, list (the 法定主动公开内容 catalog, 50 pages), document (1,000 different documents), search
  (200 different queries), application form (GET /apply/), and the physical reference: nginx serving
  one document page saved as a static file.

Reports requests/s, p50/p95/p99 latency and error rate per page; writes bench/out/load-results.json
and, with --write-doc, the "Production stack under load" section of docs/PERFORMANCE.md.
"""
import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "bench"))

from report import verdict, write_doc  # noqa: E402
from stack import Stack  # noqa: E402

OUT = ROOT / "bench" / "out"

LUA = r"""
local paths = {%s}
local sequential = %s
local rate = %s  -- requests/s offered by all connections together (0: as fast as answered)
local counter = 0
local threads = 0
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_usec; } timeval; int gettimeofday(timeval *tv, void *tz); ]]
local tv = ffi.new("timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end
local next_at = nil
local period = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  if rate > 0 then
    -- each of the 2 wrk threads hands out send times `2 / rate` apart to whichever of its
    -- connections is free next; a connection whose answer came late sends at once
    period = 2 / rate * 1000
  end
end
delay = function()
  if rate <= 0 then return 0 end
  local now = now_ms()
  if next_at == nil then next_at = now + math.random() * period end
  local wait = next_at - now
  next_at = math.max(next_at, now) + period
  if wait < 0 then return 0 end
  return wait
end
request = function()
  if sequential then
    -- thread k sends paths k, k+2, k+4, ...: no URL is sent twice in a run
    local i = (counter * 2 + id - 1) %% #paths + 1
    counter = counter + 1
    return wrk.format("GET", paths[i])
  end
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  io.write(string.format('RESULT {"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,"write":%%d,' ..
    '"status":%%d,"timeout":%%d,"p50":%%d,"p95":%%d,"p99":%%d,"max":%%d,"mean":%%f}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
"""


# Public submissions: each request POSTs the next unused prepared body (bench/load/submissions.py:
# a form with its CSRF token and a solved proof of work, each valid once). Thread k sends lines
# first+k, first+k+2, ...; responses are counted by status (302: saved and redirected to the
# receipt; 200: the form shown again, i.e. refused).
LUA_POST = r"""
local file, first, path, cookie, rate = %s, %d, %s, %s, %s
local lines = {}
local counter = 0
local threads = {}
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_usec; } timeval; int gettimeofday(timeval *tv, void *tz); ]]
local tv = ffi.new("timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end
local next_at, period = nil, 0
setup = function(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
init = function(args)
  for line in io.lines(file) do table.insert(lines, line) end
  period = 2 / rate * 1000
  redirects, shown, other, exhausted = 0, 0, 0, 0
end
delay = function()
  local now = now_ms()
  if next_at == nil then next_at = now + math.random() * period end
  local wait = next_at - now
  next_at = math.max(next_at, now) + period
  if wait < 0 then return 0 end
  return wait
end
request = function()
  local i = first + counter * 2 + id
  counter = counter + 1
  if i > #lines then exhausted = exhausted + 1; i = #lines end
  return wrk.format("POST", path, {["Host"] = "127.0.0.1", ["Origin"] = "https://127.0.0.1",
    ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "csrftoken=" .. cookie}, lines[i])
end
response = function(status, headers, body)
  if status == 302 then redirects = redirects + 1 elseif status == 200 then shown = shown + 1 else other = other + 1 end
end
done = function(summary, latency, requests)
  local r, s, o, e = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("redirects"); s = s + t:get("shown"); o = o + t:get("other"); e = e + t:get("exhausted")
  end
  io.write(string.format('RESULT {"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,"write":%%d,' ..
    '"status":%%d,"timeout":%%d,"p50":%%d,"p95":%%d,"p99":%%d,"max":%%d,"mean":%%f,' ..
    '"redirects":%%d,"shown":%%d,"other":%%d,"exhausted":%%d}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, r, s, o, e))
end
"""


def lua_post_for(spec, name, *, first, rate, csrf) -> Path:
    path = OUT / "load" / f"wrk-{name}.lua"
    path.write_text(LUA_POST % (json.dumps(spec["file"]), first, json.dumps(spec["path"]), json.dumps(csrf), rate),
                    encoding="utf-8")
    return path


def lua_for(paths, name, *, sequential=False, rate=0) -> Path:
    quoted = ",".join(json.dumps(p) for p in paths)
    path = OUT / "load" / f"wrk-{name}.lua"
    path.write_text(LUA % (quoted, "true" if sequential else "false", rate), encoding="utf-8")
    return path


def wrk(url, script, *, duration, connections):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(script), url]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    data = json.loads(re.search(r"^RESULT (.+)$", out, re.M).group(1))
    seconds = data["duration_us"] / 1e6
    errors = data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
    return {"requests": data["requests"], "rps": data["requests"] / seconds, "p50_ms": data["p50"] / 1000,
            "p95_ms": data["p95"] / 1000, "p99_ms": data["p99"] / 1000, "max_ms": data["max"] / 1000,
            "errors": errors, "error_rate": errors / max(1, data["requests"]), "non_2xx_3xx": data["status"],
            "seconds": seconds, **{k: data[k] for k in ("redirects", "shown", "other", "exhausted") if k in data}}


def sql_list(stack, query):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(stack.pg_port), "-U", "postgres", "-d",
                          stack.db_name, "-tAc", query], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--duration", type=int, default=60)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--web-workers", type=int, default=5)
    ap.add_argument("--web-threads", type=int, default=1)
    ap.add_argument("--pages", default="home,list,document,search,search-new,search-paced,form,comment,message,static")
    ap.add_argument("--submit-rate", type=int, default=60,
                    help="POSTs/s the comment and message scenarios offer (the target is 50)")
    ap.add_argument("--search-rate", type=int, default=150,
                    help="requests/s the paced search scenario offers (the issue's search target)")
    ap.add_argument("--write-doc", action="store_true")
    ap.add_argument("--keep-running", action="store_true", help="leave the stack up (stop it with Ctrl-C)")
    args = ap.parse_args()
    import shutil
    import signal

    # Stop the stack on SIGTERM too (a background job ignores Ctrl-C's SIGINT).
    signal.signal(signal.SIGTERM, lambda *_a: sys.exit(143))

    missing = [tool for tool in ("nginx", "wrk", "redis-server", "psql", "openssl") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: run `make deps-system` as root")
    (OUT / "load").mkdir(parents=True, exist_ok=True)
    run_dir = Path(os.environ.get("LOAD_RUN_DIR", "/tmp/gongkai-load"))
    stack = Stack(run_dir, base_port=int(os.environ.get("LOAD_BASE_PORT", "18700")),
                  web_workers=args.web_workers, web_threads=args.web_threads,
                  # the proofs of work solved by submissions.py: few tries each (the server's check
                  # of one costs the same whatever this is)
                  extra_env={"CHALLENGE_MAX_NUMBER": "8"})
    results = {"command": "make bench-load" + (f" LOAD_ARGS='--docs {args.docs} --duration {args.duration}'"
                                                if (args.docs, args.duration) != (100_000, 60) else ""),
               "docs": args.docs, "web_workers": args.web_workers, "web_threads": args.web_threads,
               "page_cache_seconds": int(stack.env["PAGE_CACHE_SECONDS"]), "pages": []}
    try:
        t0 = time.monotonic()
        stack.pg_start()
        stack.redis_start()
        stack.manage("migrate", "--noinput", stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, str(HERE / "corpus.py"), "--docs", str(args.docs)], env=stack.env,
                       cwd=ROOT, check=True)
        stack.manage("collectstatic", "--noinput", stdout=subprocess.DEVNULL)
        print(f"stack data ready in {time.monotonic() - t0:.0f}s", flush=True)
        results["load_average_before"] = [round(x, 1) for x in os.getloadavg()]
        stack.web_start()
        stack.worker_start()
        t1 = time.monotonic()
        stack.replica_start()
        print(f"search index current in {time.monotonic() - t1:.0f}s", flush=True)
        doc_ids = sql_list(stack, "SELECT id FROM catalog_document WHERE status='published' "
                                  "ORDER BY random() LIMIT 1000")
        static_ref = run_dir / "static-ref.html"
        status, body, _h = stack.get(f"/doc/{doc_ids[0]}/", direct=True, timeout=30)
        assert status == 200, status
        static_ref.write_text(body, encoding="utf-8")
        os.chmod(static_ref, 0o644)
        stack.nginx_start(static_ref=static_ref, rate_limits=False)
        import search_corpus as search_bench

        rng = random.Random(11)
        terms = sorted({t for _d, (_n, ts) in search_bench.DOMAINS.items() for t in ts})
        queries = [rng.choice(terms) + ("" if rng.random() < 0.5 else " " + rng.choice(terms)) for _ in range(400)]
        queries = list(dict.fromkeys(queries))[:200]
        # Queries no cache has seen: distinct two- and three-term queries drawn without repeats
        # (the pool is far larger than a run can send), never requested before the clock starts.
        fresh = set()
        while len(fresh) < 40_000:
            fresh.add(" ".join(rng.sample(terms, rng.choice((2, 2, 3)))))
        fresh = sorted(fresh - set(queries))
        rng.shuffle(fresh)
        from urllib.parse import quote

        scenarios = {
            "home": ["/"],
            "list": ["/xxgk/fdzdgknr/"] + [f"/xxgk/fdzdgknr/?page={i}" for i in range(2, 51)],
            "document": [f"/doc/{i}/" for i in doc_ids],
            "search": [f"/search/?q={quote(q)}" for q in queries],
            "search-new": [f"/search/?q={quote(q)}" for q in fresh[:20_000]],
            "search-paced": [f"/search/?q={quote(q)}" for q in fresh[20_000:]],
            "form": ["/apply/"],
            "static": ["/static-ref/document.html"],
        }
        labels = {"home": "home", "list": "list", "document": "document", "search": "search",
                  "search-new": "search, every query new (no cache)",
                  "search-paced": f"search, every query new, {args.search_rate} requests/s offered",
                  "form": "application form", "static": "static reference (nginx)"}
        results["doc_pool"], results["query_pool"] = len(doc_ids), len(queries)
        posts = [n for n in args.pages.split(",") if n in ("comment", "message")]
        if posts:
            # One body per request: the warm-up's, then the timed run's, with a margin.
            count = 2 * 200 + int(args.submit_rate * args.duration * 1.2)
            out = subprocess.run([sys.executable, str(HERE / "submissions.py"), "--out", str(run_dir / "posts"),
                                  "--count", str(count)], env=stack.env, cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout
            prepared = json.loads(out.strip().splitlines()[-1])
            tables = {"comment": ("consultations_comment", "consultation_id", prepared["comment"].get("consultation")),
                      "message": ("mailboxes_message", "mailbox_id", prepared["message"].get("mailbox"))}
            labels.update(comment=f"意见征集 comment POST ({args.submit_rate} requests/s offered)",
                          message=f"留言 POST ({args.submit_rate} requests/s offered)")
        results["fresh_pool"] = len(fresh)
        for name in args.pages.split(","):
            if name in ("comment", "message"):
                spec = prepared[name]
                table, column, key = tables[name]
                count_rows = lambda: int(sql_list(stack, f"SELECT count(*) FROM {table} WHERE {column} = {key}")[0])  # noqa: E731
                wrk(stack.url(""), lua_post_for(spec, name + "-warm", first=0, rate=args.submit_rate,
                                                csrf=prepared["csrf"]), duration=3, connections=args.connections)
                time.sleep(1)
                before = count_rows()
                r = wrk(stack.url(""), lua_post_for(spec, name, first=400, rate=args.submit_rate, csrf=prepared["csrf"]),
                        duration=args.duration, connections=args.connections)
                time.sleep(1)
                r["saved"] = count_rows() - before
                r["connections"] = args.connections
                if name == "comment":  # 同类意见 grouping runs after the commit, in the Celery worker
                    t_end = time.monotonic()
                    ungrouped = lambda: int(sql_list(stack, f"SELECT count(*) FROM {table} WHERE {column} = {key} "  # noqa: E731
                                                            "AND NOT grouped")[0])
                    while (left := ungrouped()) and time.monotonic() - t_end < 120:
                        time.sleep(0.5)
                    r["grouped_after_s"], r["ungrouped_left"] = round(time.monotonic() - t_end + 1, 1), left
                r.update({"page": labels[name], "sample": "POST " + spec["path"], "first_render_ms": None, "urls": r["requests"]})
                results["pages"].append(r)
                print(f"{labels[name]:26s} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:6.1f}  p95 {r['p95_ms']:6.1f}  "
                      f"p99 {r['p99_ms']:6.1f} ms  302 {r['redirects']}  form again {r['shown']}  other {r['other']}  "
                      f"saved {r['saved']}  errors {r['errors']}/{r['requests']}", flush=True)
                continue
            paths = scenarios[name]
            # Every URL is requested once before the clock starts (the targets are for cached
            # pages); how long those first renders took is reported beside the run.
            from concurrent.futures import ThreadPoolExecutor

            first_ms = None
            new = name in ("search-new", "search-paced")
            if new:
                # Nothing cached may answer: not nginx (emptied at start) and not the application's
                # Redis page cache, which outlives the stack (appendonly) and would hold the pages
                # an earlier run asked for.
                import redis

                redis.Redis(host="127.0.0.1", port=stack.redis_port, db=0).flushdb()
            else:
                started = time.monotonic()
                with ThreadPoolExecutor(4) as pool:
                    statuses = list(pool.map(lambda p: stack.get(p, timeout=120)[0], paths))
                bad = [(p, st) for p, st in zip(paths, statuses) if st != 200]
                assert not bad, bad[:5]
                first_ms = (time.monotonic() - started) * 1000 * 4 / len(paths)
            rate = args.search_rate if name == "search-paced" else 0
            script = lua_for(paths[:2000] if new else paths, name + "-warm", sequential=new, rate=rate)
            wrk(stack.url(""), script, duration=3, connections=args.connections)  # warm every worker, unrecorded
            script = lua_for(paths[2000:] if new else paths, name, sequential=new, rate=rate)
            r = wrk(stack.url(""), script, duration=args.duration, connections=args.connections)
            r.update({"page": labels[name], "sample": paths[0], "first_render_ms": first_ms, "urls": len(paths)})
            results["pages"].append(r)
            print(f"{labels[name]:26s} {r['rps']:8.0f} req/s  p50 {r['p50_ms']:6.1f}  p95 {r['p95_ms']:6.1f}  "
                  f"p99 {r['p99_ms']:6.1f} ms  errors {r['errors']}/{r['requests']}", flush=True)
        results["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
        results["finished"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        results["verdict"] = verdict(results["pages"])
        (OUT / "load-results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        print(results["verdict"])
        if args.write_doc:
            write_doc(results, args)
        if args.keep_running:
            print(f"stack up: {stack.url('/')}  (Ctrl-C stops it)")
            while True:
                time.sleep(3600)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
