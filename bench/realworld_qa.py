"""智能问答 on real questions (../shared/realworld/qa/questions.jsonl): answer@1 and MRR.

A question is answered at rank k when the k-th answer contains every key fact of the question
(both sides NFKC-normalised, traditional → simplified, spaces dropped). answer@1 is the share of
questions answered at rank 1; MRR the mean of 1/k over the first five answers (0 when none). The
figures are given with the curated FAQ (what a visitor sees) and with passages alone (the ranking of
the 条例, 指南, 制度 and documents without the FAQ). `from_annual_report` counts answers, at any
rank, taken from an annual report: it must be 0.

The statute files are read from <root>/qa/statute; the database must hold an agency (the demo's);
the sources (条例, fee rules, 指南 and 制度 pages, FAQ seeds) are loaded when absent.
"""
import io
import json
import re
import time
from pathlib import Path

TOP = 5


def _norm(text: str) -> str:
    from gongkai.core.text import normalize

    return re.sub(r"\s+", "", normalize(text or ""))


def _answered(answer_text: str, facts: list[str]) -> bool:
    text = _norm(answer_text)
    return all(_norm(f) in text for f in facts)


def ensure_sources(root: Path) -> None:
    from gongkai.answers import demo as answers_demo
    from gongkai.answers.models import AnswerSource
    from gongkai.portal import demo as portal_demo

    if AnswerSource.objects.filter(key="statute:tiaoli_2019").exists():
        return
    out = io.StringIO()
    portal_demo.load(stdout=out)
    answers_demo.load(stdout=out, statute_dir=root / "qa" / "statute")


def questions(root: Path, path: Path | None = None) -> list[dict]:
    """The questions of <root>/qa/questions.jsonl, or of `path` (a held-out set in the same shape).
    A question with no key facts (`"answerable": false`) is one the site cannot answer."""
    path = Path(path) if path else root / "qa" / "questions.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _run(items, *, use_faq):
    from gongkai.answers.selectors import answer_question

    rows, times = [], []
    unanswerable = [q for q in items if not q["key_facts"]]
    items = [q for q in items if q["key_facts"]]
    said_so = 0
    for q in unanswerable:
        result = answer_question(question=q["question"], limit=TOP, use_faq=use_faq)
        said_so += result.fallback is not None
    for q in items:
        began = time.perf_counter()
        result = answer_question(question=q["question"], limit=TOP, use_faq=use_faq)
        times.append((time.perf_counter() - began) * 1000)
        rank = next((i for i, a in enumerate(result.answers, start=1) if _answered(a.text, q["key_facts"])), 0)
        first = result.answers[0] if result.answers else None
        share = (sum(1 for f in q["key_facts"] if _norm(f) in _norm(first.text)) / len(q["key_facts"])
                 if first else 0.0)
        rows.append({"id": q["id"], "rank": rank, "share": share, "first": first,
                     "annual": sum(1 for a in result.answers if a.annual_report),
                     "fallback": result.fallback is not None})
    n = len(rows) or 1
    times.sort()
    return rows, {
        "questions": len(rows),
        "answer_at_1": round(sum(1 for r in rows if r["rank"] == 1) / n, 3),
        "answer_at_5": round(sum(1 for r in rows if r["rank"]) / n, 3),
        "mrr": round(sum(1 / r["rank"] for r in rows if r["rank"]) / n, 3),
        "key_fact_share_at_1": round(sum(r["share"] for r in rows) / n, 3),
        "from_annual_report": sum(r["annual"] for r in rows),
        "fallbacks": sum(1 for r in rows if r["fallback"]),
        "p50_ms": round(times[len(times) // 2], 1) if times else 0.0,
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1) if times else 0.0,
        "max_ms": round(times[-1], 1) if times else 0.0,
        **({"unanswerable": len(unanswerable), "unanswerable_said_so": said_so} if unanswerable else {}),
    }


def evaluate(root: Path, questions_path: Path | None = None) -> dict:
    from gongkai.core.dbstate import MIGRATE_HINT, pending_migrations
    from gongkai.portal.selectors import root_agency

    if pending_migrations():
        return {"lines": [f"数据库尚未迁移到最新：{MIGRATE_HINT}（或先运行 make run）。"], "summary": {}}
    if root_agency() is None:
        return {"lines": ["数据库中没有机关：请先运行 make demo（或用 bench/qa.py，它自建数据库）。"], "summary": {}}
    ensure_sources(root)
    items = questions(root, questions_path)
    lines, summary = [], {}
    for label, use_faq in (("faq", True), ("passages", False)):
        rows, figures = _run(items, use_faq=use_faq)
        summary.update({f"{label}_{k}": v for k, v in figures.items()})
        lines.append(f"### {'with the FAQ' if use_faq else 'passages only'}: " + json.dumps(figures, ensure_ascii=False))
        for r in rows:
            if r["rank"] != 1:
                first = r["first"]
                where = f"{first.source_title} {first.article}".strip() if first else "（未回答）"
                lines.append(f"  {r['id']} rank={r['rank'] or '-'} facts@1={r['share']:.2f} first: {where[:60]}")
    summary["questions"] = sum(1 for q in items if q["key_facts"])
    return {"lines": lines, "summary": summary}
