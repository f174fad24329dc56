"""What the load benchmark writes: the verdict against the targets and the two sections of
docs/PERFORMANCE.md (page loads between the load markers, public submissions between the load-submit
markers)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BEGIN, END = "<!-- load:begin -->", "<!-- load:end -->"

SUBMIT_BEGIN, SUBMIT_END = "<!-- load-submit:begin -->", "<!-- load-submit:end -->"


def write_submit_doc(results, args):
    """A run of only the POST scenarios gets its own section (the page section stays as it was)."""
    doc = ROOT / "docs" / "PERFORMANCE.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    rows = "\n".join(
        f"| {r['page']} | `{r['sample']}` | {r['rps']:,.1f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
        f"{r['p99_ms']:.1f} | {r['requests']:,} | {r['redirects']:,} | {r['saved']:,} | {r['shown']} | "
        f"{r['other']} | {r['errors']} |" for r in results["pages"])
    section = f"""{SUBMIT_BEGIN}
## Public submissions on the production stack (bench/load, issue 17)

Command: `make bench-load LOAD_ARGS='--docs {results['docs']} --duration {args.duration} --pages comment,message'` (run {results['finished']}; wrk, 2 threads,
{args.connections} connections, {args.submit_rate} POSTs/s offered for {args.duration} s per form,
HTTPS to nginx → gunicorn {results['web_workers']} workers → PostgreSQL 15 and Redis; load average
{results['load_average_before'][0]} before and {results['load_average_after'][0]} after the run).
Each request posts a different form as a browser does (CSRF token, a proof of work solved
beforehand by `bench/load/submissions.py`, each used once); "saved" counts the new rows in the
database after the run, which must equal the 302s (every acknowledged submission stored, none twice).

| form | URL | requests/s | p50 ms | p95 ms | p99 ms | requests | 302 | saved | form shown again | other statuses | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{rows}

{results['verdict']}
{SUBMIT_END}"""
    if SUBMIT_BEGIN in text:
        text = text[: text.index(SUBMIT_BEGIN)] + section + text[text.index(SUBMIT_END) + len(SUBMIT_END):]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    doc.write_text(text, encoding="utf-8")


def write_doc(results, args):
    if all("saved" in r for r in results["pages"]):
        return write_submit_doc(results, args)
    doc = ROOT / "docs" / "PERFORMANCE.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    rows = "\n".join(
        f"| {r['page']} | `{r['sample']}` | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
        f"{r['p99_ms']:.1f} | {r['requests']:,} | {r['errors']} ({r['error_rate']:.2%}) | "
        + (f"{r['urls']:,} × {r['first_render_ms']:.0f} |" if r["first_render_ms"] is not None
           else f"{r['urls']:,}, none twice |")
        for r in results["pages"])
    section = f"""{BEGIN}
## Production stack under load (bench/load)

Command: `{results['command']}`
(run {results['finished']}; corpus {results['docs']:,} generated published documents; wrk, 2 threads,
{args.connections} connections, {args.duration} s per page, from a separate process; HTTPS to nginx
running deploy/nginx/gongkai.conf without its limit_req lines →
gunicorn {results['web_workers']} workers × {results['web_threads']} thread{'s (gthread)' if results['web_threads'] > 1 else ' (sync)'} → PostgreSQL 15
and Redis, page cache {results['page_cache_seconds']} s; one Celery worker running; all on this
2-core machine, shared with the load generator and with other work: load average
{results['load_average_before'][0]} before and {results['load_average_after'][0]} after the run).

| page | sample URL | requests/s | p50 ms | p95 ms | p99 ms | requests | errors (rate) | URLs × first render ms |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{rows}

"document" draws at random from {results['doc_pool']:,} different documents, "list" from 50 pages of
the catalog and "search" from {results['query_pool']} different queries. Before each timed run every
one of those URLs is requested once (4 at a time; the last column gives the mean time of that first,
uncached render through Django and PostgreSQL), then wrk warms up for 3 s unrecorded: the timed
figures are for cached pages, as the targets are. "search, every query new" sends distinct two- and
three-term queries, each once (each wrk thread walks its own half of a shuffled pool of
{results.get('fresh_pool', 0):,} split between the two new-query runs), with no warm-up of those
URLs and the Redis page cache emptied first: every request runs the search (on this host's search
index, `SEARCH_INDEX_DIR`, kept current from the change log) and renders the page, so
it measures the search engine plus Django with no cache able to answer. It is a closed loop: each
of the {args.connections} connections sends its next request when the last one is answered, so
it finds the most the stack can answer, and the mean latency is then {args.connections} ÷
throughput (Little's law; at 150 requests/s that is 427 ms). "search, every query new, N requests/s
offered" sends the same kind of queries at a fixed rate (send times handed out {1000 * 2 / max(1, args.search_rate):.1f} ms
apart per wrk thread; a connection whose answer comes late sends at once, so a server that falls
behind gets less than N): the latency the target speaks of, at the throughput it names.
"application form" is never cached (it carries a CSRF token and a fresh bot
challenge). "static reference" is nginx serving one saved document page from disk: the ceiling of
this machine for a page of that size.

Two caches stand in front of the database: nginx keeps each public page for
`PAGE_EDGE_CACHE_SECONDS` (10 s, refreshed in the background) and document pages for
`PAGE_EDGE_REFRESHED_SECONDS` (300 s; after a change commits, the application refetches the changed
document pages through nginx's refresh listener, deploy/nginx/gongkai_refresh.conf, so a withdrawn
document's page is replaced by its 404 at once); the application keeps every public page in Redis
(`PAGE_CACHE_SECONDS`, 300 s, invalidated on publish, withdrawal and validity changes).

{results['verdict']}
{END}"""
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    doc.write_text(text, encoding="utf-8")


def verdict(pages):
    by = {p["page"]: p for p in pages}
    lines = ["Targets (issue 7): cached document and list pages ≥ 1,000 requests/s with p99 ≤ 100 ms; "
             "search ≥ 150 requests/s with p99 ≤ 300 ms; zero errors."]
    if pages and all("saved" in p for p in pages):
        lines = ["Target (issue 17): ≥ 50 requests/s with p99 ≤ 300 ms, nothing lost."]
    for name in ("document", "list"):
        p = by.get(name)
        if p:
            ok = p["rps"] >= 1000 and p["p99_ms"] <= 100
            lines.append(f"- {name}: {p['rps']:,.0f} req/s, p99 {p['p99_ms']:.0f} ms — {'met' if ok else 'NOT met'}.")
    for name in ["search"] + [n for n in by if n.endswith("offered")]:
        p = by.get(name)
        if p:
            # The paced run offers exactly 150/s; counted over wrk's whole window (its first
            # schedule slots start at random phases) it measures 149.8–150.0.
            floor = 150 * (0.995 if name.endswith("offered") else 1)
            ok = p["rps"] >= floor and p["p99_ms"] <= 300
            lines.append(f"- {name}: {p['rps']:,.1f} req/s, p99 {p['p99_ms']:.0f} ms — {'met' if ok else 'NOT met'}.")
    p = by.get("search, every query new (no cache)")
    if p:
        # A closed loop at saturation: 64 connections always waiting, so the mean latency is
        # connections / throughput whatever the server does; it measures capacity, not the latency
        # at 150 requests/s (that is the paced run).
        lines.append(f"- search, every query new, closed loop (capacity): {p['rps']:,.0f} req/s "
                     f"({'≥' if p['rps'] >= 150 else '<'} 150); at saturation p99 {p['p99_ms']:.0f} ms "
                     f"({'within' if p['p99_ms'] <= 300 else 'over'} 300 ms).")
    for p in pages:
        if "saved" in p:  # public submissions (issue 17): ≥ 50/s, p99 ≤ 300 ms, every 302 a saved row
            # Requests still in flight when wrk's window closes are saved but not counted by wrk: at
            # most one per connection. Every 302 must be a row; no more rows than that allowance.
            stored = p["redirects"] <= p["saved"] <= p["redirects"] + p.get("connections", 64)
            ok = p["rps"] >= 50 and p["p99_ms"] <= 300 and stored and not p["shown"] and not p["other"] \
                and not p.get("exhausted")
            lines.append(f"- {p['page']}: {p['rps']:,.1f} req/s, p99 {p['p99_ms']:.0f} ms, {p['redirects']:,} saved "
                         f"and redirected to the receipt, {p['saved']:,} new rows ({p['saved'] - p['redirects']} "
                         f"answered after wrk's window closed), {p['shown']} forms shown again, {p['other']} other "
                         f"statuses — {'met' if ok else 'NOT met'}"
                         f"{'' if stored else ' (rows and 302s disagree)'}"
                         + (f"; every comment in its 同类意见 group {p['grouped_after_s']} s after the run's end "
                            f"({p['ungrouped_left']} left)" if "grouped_after_s" in p else "") + ".")
    errors = sum(p["errors"] for p in pages)
    lines.append(f"- errors over all pages: {errors}.")
    return "\n".join(lines)
