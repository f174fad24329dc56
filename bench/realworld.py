"""make bench-realworld: accuracy on real pages no one here wrote (../shared/realworld).

    .venv/bin/python bench/realworld.py            # every part, human-readable
    .venv/bin/python bench/realworld.py --json     # the summaries as JSON
    .venv/bin/python bench/realworld.py --part spam

Each part is a module `bench/realworld_<part>.py` with `evaluate(root: Path) -> dict` returning
`{"lines": [str, ...], "summary": {name: number, ...}}`: the lines list every miss and false alarm,
the summary holds the figures that docs/PERFORMANCE.md ("Real-world accuracy") records and that the
floor tests check. The real pages are read from ../shared/realworld (or REALWORLD_DIR); the product
never ships them.
"""
import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PARTS = ("import", "reports", "spam", "qa")


def realworld_root() -> Path:
    return Path(os.environ.get("REALWORLD_DIR") or ROOT.parent / "shared" / "realworld")


def load_part(name: str):
    """Import bench/realworld_<name>.py (bench/ is not a package; tests load parts through this)."""
    path = BENCH / f"realworld_{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_realworld_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=PARTS, action="append")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    root = realworld_root()
    if not root.is_dir():
        print(f"找不到真实材料目录 {root}（可用 REALWORLD_DIR 指定）", file=sys.stderr)
        return 2
    _setup_django()
    summaries = {}
    for name in args.part or PARTS:
        result = load_part(name).evaluate(root)
        summaries[name] = result["summary"]
        if not args.json:
            print(f"\n## {name}\n")
            print("\n".join(result["lines"]))
    if args.json:
        print(json.dumps(summaries, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
