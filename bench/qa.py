"""bench/qa.py: the 智能问答 on the real questions in ../shared/realworld/qa (answer@1, MRR).

    .venv/bin/python bench/qa.py            # SQLite var/bench-qa.sqlite3 with the demo (made once, migrated each run;
                                            # delete it after changing the demo content)
    .venv/bin/python bench/qa.py --json
    .venv/bin/python bench/qa.py --questions /tmp/heldout.jsonl   # another set in the same shape
    DATABASE_URL=... .venv/bin/python bench/qa.py --keep   # use that database as it is (demo loaded)

The demo (with its generated documents, annual reports among them) is loaded first so that the
questions compete with ordinary documents; see bench/realworld_qa.py for the measures.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="use DATABASE_URL as it is")
    parser.add_argument("--generated", type=int, default=300)
    parser.add_argument("--questions", type=Path, help="a questions.jsonl in the shape of ../shared/realworld/qa "
                        "(default: that one); questions with no key facts are ones the site cannot answer")
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    from realworld import realworld_root

    root = realworld_root()
    if not (args.questions or root / "qa" / "questions.jsonl").is_file():
        print(f"找不到 {args.questions or root / 'qa' / 'questions.jsonl'}（可用 REALWORLD_DIR 或 --questions 指定）",
              file=sys.stderr)
        return 2
    if not args.keep:
        db = ROOT / "var" / "bench-qa.sqlite3"
        db.parent.mkdir(exist_ok=True)
        fresh = not db.exists()
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        gongkai = [sys.executable, "-m", "gongkai"]
        subprocess.run([*gongkai, "migrate", "-v0"], check=True, cwd=ROOT)  # also a kept database after new migrations
        if fresh:
            subprocess.run([*gongkai, "demo_load", "--generated", str(args.generated)], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from realworld import load_part

    result = load_part("qa").evaluate(root, args.questions)
    import resource

    result["summary"]["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    result["lines"].append(f"max RSS of this process (Django + model + vectors): {result['summary']['max_rss_mb']} MB")
    if args.json:
        print(json.dumps(result["summary"], ensure_ascii=False, indent=2))
    else:
        print("\n".join(result["lines"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
