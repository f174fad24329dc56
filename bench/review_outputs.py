"""Guard for speed work on the review service: dump every finding, compare two dumps.

    .venv/bin/python bench/review_outputs.py /tmp/NAME/before.json            # before the change
    .venv/bin/python bench/review_outputs.py /tmp/NAME/after.json --compare /tmp/NAME/before.json

Runs review_text (and detect_names with the title as context) over every evaluation text, the
seed documents, the pages under ../shared/realworld (REALWORLD_DIR) and the ~20 KB documents
bench/review.py's throughput() builds, and writes the reports as JSON. The dump holds real pages'
findings: keep it outside the repository (/tmp/<name>/).
"""
import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from gongkai.review import evalset  # noqa: E402
from gongkai.review.names import detect_names  # noqa: E402
from gongkai.review.services import review_text  # noqa: E402
from review import documents  # noqa: E402  (bench/review.py: the throughput documents)

SEEDS = Path(os.environ.get("GONGKAI_SEEDS", "/work/shared/seeds"))
REALWORLD = Path(os.environ.get("REALWORLD_DIR") or ROOT.parent / "shared" / "realworld")


def items():
    groups = evalset.load()
    for group, records in groups.items():
        for r in records:
            yield f"{group}/{r['id']}", r["text"], r.get("html"), r.get("title", "")
    for line in (evalset.EVAL_DIR / "names_handwritten.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        yield f"handwritten/{r['id']}", r["text"], None, ""
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))} if SEEDS.is_dir() else {}
    for key, text in seeds.items():
        yield f"seed/{key}", text, None, ""
    if REALWORLD.is_dir():
        for p in sorted(REALWORLD.rglob("*")):
            if p.is_file() and p.suffix in (".txt", ".html", ".htm", ".md") and "expected" not in p.parts:
                yield f"realworld/{p.relative_to(REALWORLD)}", p.read_text(encoding="utf-8", errors="replace"), None, p.stem
    corpora = (("clean", ["clean"], ("000", "001", "004"), 400_000),
               ("government", ["spam", "clean"], ("000", "001", "002", "003", "004"), 600_000),
               ("pii", ["pii"], (), 1_000_000))
    for name, group_names, seed_keys, target in corpora:
        texts = [r["text"] for g in group_names for r in groups[g]] + [seeds[k] for k in seed_keys if k in seeds]
        for i, doc in enumerate(documents(texts, target)):
            yield f"document/{name}/{i}", doc, None, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--compare", help="an earlier dump: report every text whose findings differ")
    args = parser.parse_args()
    out = {}
    for key, text, html, title in items():
        report = review_text(text=text, html=html, context=title).to_dict()
        report["names_with_title"] = [f.to_dict() for f in detect_names(text, context=title)]
        out[key] = report
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"{len(out)} texts written to {args.out}")
    if args.compare:
        before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        differ = sorted(k for k in before.keys() | out.keys() if before.get(k) != out.get(k))
        for key in differ[:20]:
            print("differs:", key)
        print(f"{len(differ)} of {len(out)} texts differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
