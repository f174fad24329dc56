"""The tables the search benchmark prints and writes into docs/PERFORMANCE.md (between its markers),
against the targets of issue 15."""
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def fmt(v, digits=1):
    return "—" if v is None else f"{v:.{digits}f}"


TARGET_P95, TARGET_P99, TARGET_RATIO, TARGET_BUILD = 30.0, 60.0, 3.0, 500.0


def report(results, args, seconds):
    lines = []
    lines.append(f"Corpus: {args.docs:,} generated documents; {results[0]['queries']} fixed queries "
                 f"(search: first page of 10 with facet counts for 发布机构, 主题分类, 年份, 文种, 有效性, highlighted "
                 f"snippets; qa: `passage_candidates`, 50 passages); whole run {seconds / 60:.1f} min. "
                 f"Targets (issue 15): p95 ≤ {TARGET_P95:.0f} ms for every kind, p99 ≤ {TARGET_P99:.0f} ms, index ≤ "
                 f"{TARGET_RATIO:.0f}× the indexed text, build ≥ {TARGET_BUILD:.0f} documents/s.")
    lines.append("")
    lines.append("| database | build, docs/s wall (per CPU-second) | tantivy index / document text | p50 | p95 | p99 | LIKE p50 / p95 | LIKE ÷ index (median per query) |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for r in results:
        b, l, k = r["build"], r["latency"], r["like"]
        ratio = b["index_bytes"] / max(1, b["text_bytes"])
        lines.append(f"| {r['engine']} | {b['docs_per_s']:.0f} ({b['docs_per_cpu_s']:.0f}; {b['seconds']:.0f} s, "
                     f"{b['passages']:,} passages, load {b['load_avg'][0]:.1f}) | "
                     f"{b['index_bytes'] / 2**20:.0f} MiB / {b['text_bytes'] / 2**20:.0f} MiB = {ratio:.2f}× | "
                     f"{fmt(l['p50'])} ms | {fmt(l['p95'])} ms | {fmt(l['p99'])} ms | "
                     f"{fmt(k['p50'], 0)} / {fmt(k['p95'], 0)} ms ({k['n']} queries) | {k['median_speedup']:.0f}× |")
    lines.append("")
    lines.append("p95 / p99 by query kind (ms):")
    lines.append("")
    kinds = list(results[0]["latency_by_kind"])
    lines.append("| database | " + " | ".join(f"{k} ({results[0]['latency_by_kind'][k]['n']})" for k in kinds) + " |")
    lines.append("|---|" + "---|" * len(kinds))
    for r in results:
        lines.append(f"| {r['engine']} | " + " | ".join(
            f"{fmt(r['latency_by_kind'][k]['p95'])} / {fmt(r['latency_by_kind'][k]['p99'])}" for k in kinds) + " |")
    for r in results:
        if r.get("cpu_by_kind"):  # what a quiet machine's wall time would be, within a few ms
            lines.append(f"| {r['engine']}, CPU of the process | " + " | ".join(
                f"{fmt(r['cpu_by_kind'][k]['p95'])} / {fmt(r['cpu_by_kind'][k]['p99'])}" for k in kinds) + " |")
    lines.append("")
    for r in results:
        b = r["build"]
        misses = [k for k, v in r["latency_by_kind"].items() if v["p95"] > TARGET_P95 or v["p99"] > TARGET_P99]
        if b["docs_per_s"] < TARGET_BUILD:
            misses.append(f"build {b['docs_per_s']:.0f} docs/s")
        if b["index_bytes"] > TARGET_RATIO * b["text_bytes"]:
            misses.append("index size")
        lines.append(f"- {r['engine']}: targets {'met' if not misses else 'missed: ' + ', '.join(misses)} "
                     f"(load average {b['load_avg'][0]:.1f} during the build); 文号 queries with the document first: "
                     f"{r['doc_no_first']}; median result count {r['median_hits']:.0f}; CPU time of the Django process "
                     f"per query p50 {fmt(r['cpu']['p50'])} / p95 {fmt(r['cpu']['p95'])} ms.")
        if r.get("segmenters"):
            sg = r["segmenters"]
            lines.append(f"- Segmenters, search mode on {sg['mib']:.1f} MiB of corpus text: rjieba {sg['rjieba_mib_s']:.1f} MiB/s, "
                         f"jieba {sg['jieba_mib_s']:.2f} MiB/s; identical tokens on {sg['same_tokens']} documents.")
    return "\n".join(lines)


def quality_report(results):
    kinds = list(results[0]["by_kind"])
    lines = [f"Labelled set: {results[0]['queries']} queries over the demo corpus ({results[0]['documents']} public "
             f"documents after `gongkai demo_load`), kept in `gongkai/search/data/quality.json`.", "",
             "| engine | Recall@10 | MRR | " + " | ".join(f"{k} ({results[0]['by_kind'][k]['n']})" for k in kinds) + " |",
             "|---|---|---|" + "---|" * len(kinds)]
    for r in results:
        lines.append(f"| {r['engine']} | {r['recall10']:.3f} | {r['mrr']:.3f} | " +
                     " | ".join(f"{r['by_kind'][k]['recall10']:.2f} / {r['by_kind'][k]['mrr']:.2f}" for k in kinds) + " |")
    lines.append("")
    lines.append("(per kind: Recall@10 / MRR)")
    for r in results:
        if r["unresolved"]:
            lines.append(f"- {r['engine']}: labels that match no demo document: {', '.join(r['unresolved'])}")
        misses = [f"{m['query']} ({m['recall10']:.2f})" for m in r["misses"]]
        if misses:
            lines.append(f"- {r['engine']}: queries below full recall: {'; '.join(misses)}")
    return "\n".join(lines)


def _write_doc(text, args, marker):
    """Replace this script's block in the search section of docs/PERFORMANCE.md (other sections untouched)."""
    doc = ROOT / "docs" / "PERFORMANCE.md"
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    argv = " ".join(sys.argv[1:])
    body = (f"{start}\nCommand: `.venv/bin/python bench/search.py {argv}` (what `make bench-search` runs), "
            f"run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.\n\n{text}\n{end}")
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    if start in current and end in current:
        current = current.split(start)[0] + body + current.split(end, 1)[1]
    else:
        heading = "## Search (全文检索与智能问答)"
        if heading not in current:
            current = current.rstrip("\n") + f"\n\n{heading}\n"
        head, tail = current.split(heading, 1)
        nxt = tail.find("\n## ")
        section, rest = (tail, "") if nxt < 0 else (tail[:nxt], tail[nxt:])
        current = head + heading + section.rstrip("\n") + "\n\n" + body + "\n" + rest
    doc.write_text(current, encoding="utf-8")
