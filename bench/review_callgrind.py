"""Instructions `review_text` executes over the throughput documents, counted by valgrind's callgrind.

    .venv/bin/python bench/review_callgrind.py gov                     # this checkout, 20 documents
    .venv/bin/python bench/review_callgrind.py pii --root /tmp/NAME/base  # another tree (git archive COMMIT)

A count does not move with the machine's load (2 shared cores make CPU times swing by ±20%), so it
compares two versions of the code one run each. Only the reviews are counted: start-up, the corpus
and a warm-up review (the segmenter and tagger dictionaries load on first use) run uninstrumented,
the count is switched on and off around the loop through callgrind's client requests (a tiny C helper
built with gcc into /tmp). Corpora as in bench/review.py's throughput(): clean, gov(ernment, with
injected spam), pii (PII-dense sentences). About a minute a run.
"""
import argparse
import ctypes
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_HELPER_C = """#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void cg_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; CALLGRIND_DUMP_STATS; }
"""
_HELPER = Path(tempfile.gettempdir()) / "gongkai-callgrind-helper.so"


def _texts(groups, seeds, corpus):
    if corpus == "gov":
        return [r["text"] for g in ("spam", "clean") for r in groups[g]] + [seeds[k] for k in "000 001 002 003 004".split()
                                                                           if k in seeds], 2_000_000
    if corpus == "pii":
        return [r["text"] for r in groups["pii"]], 1_000_000
    return [r["text"] for r in groups["clean"]] + [seeds[k] for k in "000 001 004".split() if k in seeds], 2_000_000


def child(root: str, corpus: str, n: int) -> None:
    sys.path[:0] = [root, str(Path(root) / "bench")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from gongkai.review import evalset
    from gongkai.review.services import review_text
    from review import SEEDS, documents

    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))} if SEEDS.is_dir() else {}
    texts, target = _texts(evalset.load(), seeds, corpus)
    docs = documents(texts, target)
    review_text(text=docs[-1])
    helper = ctypes.CDLL(str(_HELPER))
    helper.cg_start()
    for d in docs[:n]:
        review_text(text=d)
    helper.cg_stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=("clean", "gov", "pii"))
    parser.add_argument("--root", default=str(ROOT), help="the tree whose gongkai/ is measured")
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.root, args.corpus, args.docs)
        return 0
    if not _HELPER.exists():
        source = _HELPER.with_suffix(".c")
        source.write_text(_HELPER_C)
        subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(_HELPER), str(source)], check=True)
    out = Path(tempfile.mkdtemp(prefix="gongkai-callgrind-")) / "callgrind.out"
    run = subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
                          sys.executable, __file__, args.corpus, "--root", args.root, "--docs", str(args.docs), "--child"],
                         capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode or m is None:
        print(run.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"{args.corpus}: review_text over {args.docs} documents: {int(m.group(1)) / 1e6:.1f} M instructions "
          f"({args.root}; profile {out}.1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
