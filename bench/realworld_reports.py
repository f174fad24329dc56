"""Real-world part "reports": `gongkai report check` on the real annual reports.

For every file in realworld/annual_reports/ the stored page text (line 1 = source, then the `# `
annotation lines, see realworld/README.md) is checked by the same code as
`gongkai report check FILE --json` and compared with expected/annual_reports.json: year, format,
the four 总计 figures (一 new, 二 carried_over, (七) total, 四 carry_next; an expected null means the
checker must report the figure as missing, never 0 or a guess) and the consistency verdict.
"""
import json
from pathlib import Path

FIELDS = ("year", "format", "new", "carried_over", "total", "carry_next", "consistent")
FIGURES = ("new", "carried_over", "total", "carry_next")


def page_text(raw: str) -> str:
    """The stored page text: without the source line and the `# ` annotation lines.

    Where the page itself begins with `# ` (a markdown heading), the collector inserted ONE blank
    line after the annotations; the page starts after it.
    """
    lines = raw.split("\n")[1:]
    i = 0
    while i < len(lines) and lines[i].startswith("# "):
        i += 1
    if i + 1 < len(lines) and lines[i].strip() == "" and lines[i + 1].startswith("# "):
        i += 1
    return "\n".join(lines[i:])


def check_text(name: str, text: str) -> dict:
    """What `gongkai report check FILE --json` prints for this text."""
    from gongkai.reports.verdict import check_result
    from gongkai.reports.parser import report_parse

    parsed = report_parse(name=name, data=text.encode("utf-8"))
    return check_result(data=parsed)


def observed(result: dict) -> dict:
    apps = result.get("applications") or {}
    out = {"year": result.get("year"), "format": result.get("format")}
    for key in FIGURES:
        out[key] = (apps.get(key) or {}).get("total")
    verdict = result.get("verdict")
    out["consistent"] = verdict.get("consistent") if isinstance(verdict, dict) else result.get("ok")
    return out


def evaluate(root: Path) -> dict:
    expected = json.loads((root / "expected" / "annual_reports.json").read_text(encoding="utf-8"))
    lines = []
    right_fields = {f: 0 for f in FIELDS}
    all_right = 0
    figures_verdict_right = 0
    figures_right = 0
    ambiguous_total = 0
    ambiguous_settled = 0
    for name in sorted(expected):
        exp = expected[name]
        raw = (root / "annual_reports" / name).read_text(encoding="utf-8")
        try:
            result = check_text(name, page_text(raw))
        except Exception as exc:  # a crash is a miss on every field, listed
            result = {"error": f"{type(exc).__name__}: {exc}"}
        got = observed(result)
        diffs = []
        for f in FIELDS:
            if got.get(f) == exp.get(f) and type(got.get(f)) is type(exp.get(f)):
                right_fields[f] += 1
            else:
                diffs.append(f"{f}: expected {exp.get(f)!r}, got {got.get(f)!r}")
        missed = {d.split(":")[0] for d in diffs}
        figures_right += not (missed & set(FIGURES))
        core_right = not (missed & set(FIGURES + ("consistent",)))
        figures_verdict_right += core_right
        all_right += not diffs
        status = "RIGHT" if not diffs else ("right (figures+verdict)" if core_right else "WRONG")
        lines.append(f"{name[:5]} {status}" + ("" if not diffs else ": " + "; ".join(diffs)))
        if "error" in result:
            lines.append(f"      error: {result['error']}")
        reason = (result.get("verdict") or {}).get("reason") if isinstance(result.get("verdict"), dict) else None
        if reason:
            lines.append(f"      verdict: {reason}")
        for amb in result.get("ambiguous") or []:
            cands = " / ".join(",".join("_" if v is None else str(v) for v in c) for c in amb.get("candidates", [])[:8])
            if amb.get("settled"):
                ambiguous_settled += 1
                chosen = ",".join(map(str, amb.get("chosen") or []))
                lines.append(f"      split {amb.get('row')} “{amb.get('digits')}” had readings {cands}; "
                             f"settled by the column sums: {chosen}")
            else:
                ambiguous_total += 1
                lines.append(f"      AMBIGUOUS split {amb.get('row')} “{amb.get('digits')}”: {cands} (left unknown)")
    n = len(expected)
    summary = {
        "reports": n,
        "figures_and_verdict_right": figures_verdict_right,
        "figures_and_verdict_rate": round(figures_verdict_right / n, 3) if n else 0.0,
        "figures_right": figures_right,
        "all_fields_right": all_right,
        "ambiguous_splits_reported": ambiguous_total,
        "ambiguous_splits_settled": ambiguous_settled,
    }
    for f in FIELDS:
        summary[f"{f}_right"] = right_fields[f]
    lines.append("")
    lines.append(f"four 总计 figures and verdict right: {figures_verdict_right}/{n} "
                 f"({summary['figures_and_verdict_rate']:.1%}); four figures right: {figures_right}/{n}; "
                 f"every field right: {all_right}/{n}")
    lines.append("per field: " + ", ".join(f"{f} {right_fields[f]}/{n}" for f in FIELDS))
    return {"lines": lines, "summary": summary}
