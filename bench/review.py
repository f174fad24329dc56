"""Measure the review service on its labelled evaluation set and its scan throughput.

    .venv/bin/python bench/review.py                # evaluate + throughput, print a Markdown table
    .venv/bin/python bench/review.py --build-eval   # regenerate gongkai/review/data/eval/*.jsonl first
    .venv/bin/python bench/review.py --json         # machine-readable results

Precision/recall per PII kind count exact spans (addresses: same kind and at least half of the
labelled span covered). Spam: a spam document is found when `is_spam`; a clean document must not
be blocked. Throughput: review_text over document-sized texts (the eval texts, concatenated into
~20 KB documents), bytes of UTF-8 per second.
"""
import argparse
import json
import os
import platform
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from gongkai.review import evalset  # noqa: E402
from gongkai.review.findings import PII_KINDS  # noqa: E402
from gongkai.review.services import review_text, spam_clean_text  # noqa: E402

SEEDS = Path(os.environ.get("GONGKAI_SEEDS", "/work/shared/seeds"))


def _match(pred, label) -> bool:
    if pred["kind"] != label["kind"]:
        return False
    if label["kind"] == "address":
        overlap = min(pred["end"], label["end"]) - max(pred["start"], label["start"])
        return overlap >= (label["end"] - label["start"]) / 2
    return pred["start"] == label["start"] and pred["end"] == label["end"]


def evaluate_pii(records):
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    public_total = public_kept = 0
    errors = []
    for rec in records:
        report = review_text(text=rec["text"])
        preds = [f.to_dict() for f in report.pii]
        used = set()
        for label in rec["pii"]:
            hit = next((i for i, p in enumerate(preds) if i not in used and _match(p, label)), None)
            if hit is None:
                fn[label["kind"]] += 1
                errors.append(("FN", label["kind"], rec["text"][label["start"]:label["end"]], rec["id"]))
            else:
                used.add(hit)
                tp[label["kind"]] += 1
                if label.get("public"):
                    public_total += 1
                    public_kept += not preds[hit]["personal"]
        for i, p in enumerate(preds):
            if i not in used:
                fp[p["kind"]] += 1
                errors.append(("FP", p["kind"], p["text"], rec["id"]))
    rows = {}
    for kind in PII_KINDS:
        t, f, n = tp[kind], fp[kind], fn[kind]
        rows[kind] = {"tp": t, "fp": f, "fn": n,
                      "precision": round(t / (t + f), 4) if t + f else None,
                      "recall": round(t / (t + n), 4) if t + n else None}
    return rows, {"public_names": public_total, "public_names_kept": public_kept}, errors


def evaluate_spam(spam_records, clean_records):
    found = covered = spans = cleaned_ok = 0
    misses = []
    for rec in spam_records:
        report = review_text(text=rec["text"], html=rec.get("html"), context=rec.get("title", ""))
        found += report.spam.is_spam
        if not report.spam.is_spam:
            misses.append(rec["id"])
        text_passages = [p for p in report.spam.passages if p.source == "text"]
        for span in rec["spam_spans"]:
            spans += 1
            length = span["end"] - span["start"]
            got = sum(max(0, min(p.end, span["end"]) - max(p.start, span["start"])) for p in text_passages)
            covered += got >= 0.8 * length
        if rec.get("html") is None:
            clean, _ = spam_clean_text(text=rec["text"], context=rec.get("title", ""))
            cleaned_ok += not review_text(text=clean, context=rec.get("title", "")).spam.is_spam
        else:
            cleaned_ok += any(p.source == "html" for p in report.spam.passages)
    flagged = blocked = 0
    false_alarms = []
    for rec in clean_records:
        report = review_text(text=rec["text"], html=rec.get("html"), context=rec.get("title", ""))
        flagged += report.spam.is_spam
        blocked += report.verdict == "block"
        if report.spam.is_spam or report.verdict == "block":
            false_alarms.append((rec["id"], [p.text for p in report.spam.passages]))
    n = len(spam_records)
    return {
        "spam_documents": n, "spam_found": found, "recall": round(found / n, 4),
        "precision": round(found / (found + flagged), 4) if found + flagged else None,
        "passages_labelled": spans, "passages_covered": covered,
        "cleaned_pass": cleaned_ok,
        "clean_documents": len(clean_records), "clean_flagged_spam": flagged, "clean_blocked": blocked,
    }, misses, false_alarms


def evaluate_seeds():
    if not SEEDS.is_dir():
        return None
    out = {}
    for path in sorted(SEEDS.glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        report = review_text(text=text)
        clean, removed = spam_clean_text(text=text)
        out[path.name[:3]] = {"verdict": report.verdict, "spam": report.spam.is_spam,
                              "passages": len(removed), "after_cleaning": review_text(text=clean).verdict}
    return out


def documents(texts, target_bytes, doc_bytes=20_000):
    """`texts` joined into documents of about `doc_bytes` (UTF-8), repeated until `target_bytes`."""
    docs, current, size, total = [], [], 0, 0
    while total < target_bytes and texts:
        for t in texts:
            current.append(t)
            size += len(t.encode())
            if size >= doc_bytes:
                docs.append("\n\n".join(current))
                total += size
                current, size = [], 0
            if total >= target_bytes:
                break
    return docs


def throughput(groups, target_bytes=2_000_000, doc_bytes=20_000, seeds=("000", "001", "002", "003", "004")):
    texts = [r["text"] for g in groups.values() for r in g]
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt")) if p.name[:3] in seeds]
    docs = documents(texts, target_bytes, doc_bytes)
    total = sum(len(d.encode()) for d in docs)
    review_text(text=docs[0])  # warm caches (segmenter dictionary, regexes)
    best_wall = best_cpu = 0.0
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        for d in docs:
            review_text(text=d)
        best_wall = max(best_wall, total / (time.perf_counter() - wall) / 1e6)
        best_cpu = max(best_cpu, total / (time.process_time() - cpu) / 1e6)
    # CPU time is what one core gives; wall time also counts waiting for a shared machine.
    return {"bytes": total, "documents": len(docs), "mb_per_s_cpu": round(best_cpu, 2),
            "mb_per_s_wall": round(best_wall, 2)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-eval", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    if args.build_eval:
        print(evalset.write(), file=sys.stderr)
    groups = evalset.load()
    pii_rows, public, pii_errors = evaluate_pii(groups["pii"])
    handwritten = [json.loads(line) for line in (evalset.EVAL_DIR / "names_handwritten.jsonl").open(encoding="utf-8")]
    hw_rows, hw_public, hw_errors = evaluate_pii(handwritten)
    pii_errors += hw_errors
    spam, misses, false_alarms = evaluate_spam(groups["spam"], groups["clean"])
    seeds = evaluate_seeds()
    speed = {"clean_documents": throughput({"clean": groups["clean"]}, seeds=("000", "001", "004")),
             "government_documents": throughput({"spam": groups["spam"], "clean": groups["clean"]}),
             "pii_dense_sentences": throughput({"pii": groups["pii"]}, target_bytes=1_000_000)}
    result = {"pii": pii_rows, "public": public,
              "names_handwritten": {**hw_rows["person_name"], "sentences": len(handwritten), **hw_public}, "spam": spam, "seeds": seeds, "throughput": speed,
              "eval_sizes": {k: len(v) for k, v in groups.items()},
              "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "loadavg": [round(x, 2) for x in os.getloadavg()]}}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print("| kind | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|")
        for kind, row in pii_rows.items():
            print(f"| {kind} | {row['tp']} | {row['fp']} | {row['fn']} | {row['precision']} | {row['recall']} |")
        print(f"\nofficials' names kept public: {public['public_names_kept']}/{public['public_names']}")
        print(f"handwritten names: {json.dumps(result['names_handwritten'])}")
        print(f"\nspam: {json.dumps(spam, ensure_ascii=False)}")
        print(f"seeds: {json.dumps(seeds, ensure_ascii=False)}")
        print(f"throughput: {json.dumps(speed)}  load average {result['machine']['loadavg']}")
    if args.errors:
        for e in pii_errors[:80]:
            print(*e)
        print("spam misses:", misses)
        print("false alarms:", false_alarms)


if __name__ == "__main__":
    main()
