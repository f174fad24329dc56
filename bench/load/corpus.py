"""Load the benchmark corpus into the database named by DATABASE_URL (run with the stack's env).

The documents come from bench/search_corpus.py's generator (the same 100,000-document corpus the search
benchmark uses): agencies, 主题分类, 文种, 文号, 索引号 and bodies, all published, then the search
index is built through the product's own `index_rebuild`. Idempotent: a database that already holds
the requested number of generated documents is left as it is.
"""
import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    args = ap.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import transaction

    import search_corpus as search_bench  # bench/search_corpus.py
    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Document, Subject
    from gongkai.search.services import index_rebuild

    have = Document.objects.filter(is_generated=True, status="published").count()
    if have >= args.docs:
        print(f"corpus: {have} documents already loaded", flush=True)
        return
    t0 = time.perf_counter()
    Document.objects.filter(is_generated=True).delete()
    tops = list(Subject.objects.filter(parent__isnull=True).order_by("sort_order", "id").values_list("id", flat=True))
    agencies = []
    for i, (name, code, _domains, kind, level) in enumerate(search_bench.AGENCIES):
        agency, _ = Agency.objects.get_or_create(slug=f"load{i}", defaults={
            "name": name, "kind": kind, "level": level, "index_code": f"JC{i:03d}"})
        agencies.append(agency)
    batch = []
    for d in search_bench.generate(args.docs):
        batch.append(search_bench.generated_document(Document, d, agencies=agencies, tops=tops, with_html=True))
        if len(batch) == 2000:
            with transaction.atomic():
                Document.objects.bulk_create(batch)
            batch = []
    if batch:
        with transaction.atomic():
            Document.objects.bulk_create(batch)
    print(f"corpus: {args.docs} documents written in {time.perf_counter() - t0:.0f}s", flush=True)
    t0 = time.perf_counter()
    built = index_rebuild(batch_size=500)
    print(f"corpus: {built} documents indexed in {time.perf_counter() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
