"""Measure `gongkai integrity check` (review.integrity.integrity_check) on a throwaway database.

    DATABASE_URL=sqlite:////work/main/var/bench-integrity.sqlite3 .venv/bin/python bench/integrity.py [--docs 2000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai .venv/bin/python bench/integrity.py
    ... --json                 machine-readable results
    ... --impl /tmp/old.py     also time another version of gongkai/review/integrity.py on the same
                               data, runs alternating with the current one
                               (e.g. `git show <rev>:gongkai/review/integrity.py > /tmp/old.py`)
    ... --profile              print the top of a cProfile of one more run
    ... --split                time each step of one more run of the current implementation
    ... --existing             time the database DATABASE_URL names as it is (e.g. a copy of the demo)

A test database is created (SQLite: var/test-<pid>.sqlite3; PostgreSQL: test_gongkai_<pid>) and
dropped at the end. It is filled with N published documents the way publishing leaves them: texts,
文号, 索引号, 主题分类 and dates from bench/search_corpus.py's generator; bodies sanitised with
core.html.sanitize_html; one in five with an attachment, one in ten interpreting the document
before it; for each, a Revision whose snapshot and SHA-256 come from catalog.services
(revision_payload, payload_sha256), and the audit rows the workflow writes (create, submit,
publish), appended through audit.services.audit_record so the hash chain is real. One in eight
documents was published twice (withdrawn, edited, published again: two revisions, eight audit
rows). Documents and revisions are bulk-inserted; the search index is not built (the check does not
read it).

Then:
1. integrity_check() is run `--repeat` times over the whole site (every document: both hashes,
   its page rendered through the middleware stack and compared); the run must find no problem.
   Reported: seconds of each run, and ms per document and pages per second of the best run. The
   page cache is off (PAGE_CACHE_SECONDS=0 unless set), so every page is rendered.
2. Rendering every page alone (the current PageRenderer, nothing compared): the part of the cost
   that is the portal's own page view and middleware.
3. audit_chain_verify() alone: audit rows per second.
4. Tampering behind the application's back (a body and a title edited in the database, a
   revision snapshot edited, an audit row edited, one served page defaced by a middleware); the
   next run must report each of them.
"""
import argparse
import cProfile
import datetime as dt
import hashlib
import importlib.util
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Every page is rendered, as on a daily run (public pages stay in the page cache for 300 s only);
# with the cache on, a repeated run here would time cache hits instead.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

SPAM = '<p>澳门新葡京官网 葡京赌场开户 博彩网址 <a href="http://www.xpj-bet.com/">现金网注册送彩金</a></p>'
DEFACED_PATHS: set = set()


class DefaceOnePage:
    """Stands in for a compromised server: appends gambling SEO text to the pages in DEFACED_PATHS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path in DEFACED_PATHS and response.get("Content-Type", "").startswith("text/html"):
            response.content = response.content.replace(b"</body>", SPAM.encode() + b"</body>")
        return response


def build(n: int) -> dict:
    """Fill the (empty, migrated) database with `n` published documents; return counts."""
    import search_corpus as search_bench  # bench/search_corpus.py: the corpus generator

    from gongkai.agencies.models import Agency
    from gongkai.audit.services import audit_record
    from gongkai.catalog.models import Attachment, Document, DocumentRelation, Revision, Subject
    from gongkai.catalog.services import payload_sha256, revision_payload
    from gongkai.core.html import sanitize_html

    city = Agency.objects.create(name="江澄市人民政府", slug="bench-city", kind="government",
                                 level="city", index_code="JC000")
    agencies = [city] + [Agency.objects.create(name=f"江澄市{name}", slug=f"bench-{slug}", parent=city,
                                               index_code=f"JC{i + 1:03d}")
                         for i, (name, slug) in enumerate([("教育局", "edu"), ("财政局", "fin"), ("卫生健康委员会", "health")])]
    subjects = list(Subject.objects.filter(parent__isnull=False).order_by("id")) or list(Subject.objects.order_by("id"))
    now = dt.datetime.now(dt.timezone.utc)
    t0 = time.perf_counter()
    docs = []
    for i, d in enumerate(search_bench.generate(n)):
        paragraphs = [p for p in d["body_text"].split("\n") if p]
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        if i % 7 == 3:
            body += ("<table><tr><th>项目</th><th>金额（万元）</th></tr>"
                     f"<tr><td>{d['terms'][0]}</td><td>{100 + i % 900}</td></tr>"
                     f"<tr><td>{d['terms'][1]}</td><td>{50 + i % 300}</td></tr></table>")
        if i % 9 == 4:
            body += '<p>详见<a href="https://www.gov.cn/zhengce/">中国政府网政策栏目</a>。</p>'
        docs.append(Document(
            agency=agencies[d["agency"] % len(agencies)], title=d["title"], doc_no=d["doc_no"],
            index_no=d["index_no"], genre=d["genre"], subject=subjects[(d["subject"] + i) % len(subjects)],
            validity=d["validity"], written_date=d["publish_date"] - dt.timedelta(days=i % 15),
            publish_date=d["publish_date"], status="published", disclosure="active", category="policy",
            keywords="、".join(d["terms"]), body_html=sanitize_html(body), body_text=d["body_text"],
            published_at=now))
    with transaction.atomic():
        Document.objects.bulk_create(docs, batch_size=500)
    docs = list(Document.objects.order_by("pk"))
    attachments, relations = [], []
    for i, doc in enumerate(docs):
        if i % 5 == 1:
            name = f"附件{i % 3 + 1}：{doc.title[:12]}汇总表.xlsx"
            attachments.append(Attachment(document=doc, original_name=name, size=20_000 + i,
                                          content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                          sha256=hashlib.sha256(name.encode()).hexdigest(),
                                          file=f"attachments/{doc.agency_id}/{doc.pk}/{i:016x}"))
        if i % 10 == 9:
            relations.append(DocumentRelation(source=doc, target=docs[i - 1], kind="interprets"))
    with transaction.atomic():
        Attachment.objects.bulk_create(attachments, batch_size=500)
        DocumentRelation.objects.bulk_create(relations, batch_size=500)
    revisions = []
    twice = set()
    docs = Document.objects.select_related("agency", "subject__parent").prefetch_related("attachments").order_by("pk")
    with transaction.atomic():
        for i, doc in enumerate(docs.iterator(chunk_size=500)):
            payload = revision_payload(doc)
            if i % 8 == 5:  # published before, withdrawn, edited and published again
                twice.add(doc.pk)
                first = dict(payload, title=payload["title"] + "（试行）")
                revisions.append(Revision(document=doc, number=1, snapshot=first, sha256=payload_sha256(first)))
                revisions.append(Revision(document=doc, number=2, snapshot=payload, sha256=payload_sha256(payload)))
            else:
                revisions.append(Revision(document=doc, number=1, snapshot=payload, sha256=payload_sha256(payload)))
            audit_record(actor=None, action="document.create", obj=doc, to_state="draft", data={"title": doc.title})
            audit_record(actor=None, action="document.submit", obj=doc, from_state="draft", to_state="pending")
            audit_record(actor=None, action="document.publish", obj=doc, from_state="pending", to_state="published",
                         data={"index_no": doc.index_no, "revision": 1, "sha256": revisions[-1].sha256})
            if doc.pk in twice:
                for action, src, dst in [("withdraw", "published", "withdrawn"), ("reopen", "withdrawn", "draft")]:
                    audit_record(actor=None, action=f"document.{action}", obj=doc, from_state=src, to_state=dst,
                                 reason="标题调整")
                audit_record(actor=None, action="document.edit", obj=doc, data={"fields": ["title"]})
                audit_record(actor=None, action="document.submit", obj=doc, from_state="draft", to_state="pending")
                audit_record(actor=None, action="document.publish", obj=doc, from_state="pending",
                             to_state="published", data={"index_no": doc.index_no, "revision": 2,
                                                         "sha256": revisions[-1].sha256})
        Revision.objects.bulk_create(revisions, batch_size=500)
    from gongkai.audit.models import AuditEntry

    return {"documents": len(docs), "revisions": len(revisions), "attachments": len(attachments),
            "relations": len(relations), "audit_entries": AuditEntry.objects.count(),
            "build_seconds": round(time.perf_counter() - t0, 1)}


def load_impl(path: str | None):
    if not path:
        from gongkai.review import integrity

        return integrity
    name = "gongkai.review._bench_integrity_" + hashlib.sha256(path.encode()).hexdigest()[:8]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed_check(impl):
    start = time.perf_counter()
    result = impl.integrity_check()
    return result, time.perf_counter() - start


def tamper_and_check(impl) -> dict:
    """Change things behind the application's back; every one must be reported."""
    from django.conf import settings
    from django.urls import reverse

    from gongkai.audit.models import AuditEntry
    from gongkai.catalog.models import Document, Revision

    ids = list(Document.objects.filter(status="published").order_by("pk").values_list("pk", flat=True))
    body_doc, title_doc, rev_doc, page_doc = ids[len(ids) // 5], ids[len(ids) // 3], ids[len(ids) // 2], ids[-2]
    Document.objects.filter(pk=body_doc).update(body_html="<p>本文件内容已被改写。</p>")
    Document.objects.filter(pk=title_doc).update(title="被改动的标题")
    revision = Revision.objects.filter(document_id=rev_doc).order_by("-number").first()
    Revision.objects.filter(pk=revision.pk).update(snapshot=dict(revision.snapshot, doc_no="伪〔2020〕1号"))
    entry = AuditEntry.objects.order_by("id")[AuditEntry.objects.count() // 2]
    AuditEntry.objects.filter(pk=entry.pk).update(reason="事后补写的理由")
    DEFACED_PATHS.add(reverse("portal:document", args=[page_doc]))
    saved = list(settings.MIDDLEWARE)
    settings.MIDDLEWARE = saved + [f"{__name__}.DefaceOnePage"]
    try:
        result, seconds = timed_check(impl)
    finally:
        settings.MIDDLEWARE = saved
    problems = result.problems
    expected = {
        "body edited in the database": any(p["kind"] == "document_changed" and p["document_id"] == body_doc
                                           and p["fields"] == ["body_html"] for p in problems),
        "title edited in the database": any(p["kind"] == "document_changed" and p["document_id"] == title_doc
                                            for p in problems),
        "revision snapshot edited": any(p["kind"] == "revision_tampered" and p["document_id"] == rev_doc
                                        for p in problems),
        "audit row edited": any(p["kind"] == "audit_chain" and p["audit_id"] == entry.pk for p in problems),
        "served page defaced": any(p["kind"] == "page_injected" and p["document_id"] == page_doc for p in problems),
    }
    return {"seconds": round(seconds, 2), "problems": len(problems), "found": expected}


def split_steps(impl) -> dict:
    """Time each step of one pass of the current implementation: ms per document."""
    from django.urls import reverse

    from gongkai.review.detect import site_hosts

    hosts = site_hosts()
    renderer = impl.PageRenderer()
    steps = dict.fromkeys(["read batch", "both hashes", "render page", "expected text", "parse page",
                           "spam scan", "compare (parse, scan, checks)"], 0.0)
    n = 0
    clock = time.perf_counter
    batches = impl.published_batches()
    while True:
        t = clock()
        try:
            batch, latest = next(batches)
        except StopIteration:
            break
        steps["read batch"] += clock() - t
        for document in batch:
            n += 1
            revision = latest[document.pk]
            t = clock()
            impl._document_problems(document, revision)
            steps["both hashes"] += clock() - t
            t = clock()
            _status, html = renderer(reverse("portal:document", args=[document.pk]))
            steps["render page"] += clock() - t
            t = clock()
            expected = impl.Expected(revision.snapshot)
            steps["expected text"] += clock() - t
            t = clock()
            page = impl.ParsedPage(html)
            steps["parse page"] += clock() - t
            t = clock()
            impl.detect_spam(page.text("\n"), extra_hosts=hosts)
            steps["spam scan"] += clock() - t
            t = clock()
            impl.page_compare(html, revision.snapshot, extra_hosts=hosts, expected=expected)
            steps["compare (parse, scan, checks)"] += clock() - t
    return {k: round(v / n * 1000, 2) for k, v in steps.items()}


def main():
    parser = argparse.ArgumentParser(description="Benchmark gongkai integrity check")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--impl", action="append", default=[],
                        help="path of another integrity.py to time on the same data, runs alternating with "
                             "the current one (may be given more than once)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--split", action="store_true", help="also time each step of the current implementation")
    parser.add_argument("--no-tamper", action="store_true")
    parser.add_argument("--existing", action="store_true",
                        help="time the database DATABASE_URL names as it is (nothing built, nothing tampered "
                             "with; the check only reads). Use a copy: e.g. of the demo database")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.docs < 1 or args.repeat < 1:
        parser.error("--docs and --repeat must be positive")
    from django.conf import settings

    impls = [("gongkai/review/integrity.py", load_impl(None))] + [(path, load_impl(path)) for path in args.impl]
    if args.existing:
        from gongkai.audit.models import AuditEntry
        from gongkai.catalog.models import Document, Revision

        args.no_tamper = True
        built = {"documents": Document.objects.filter(status="published").count(),
                 "revisions": Revision.objects.count(), "attachments": "?", "relations": "?",
                 "audit_entries": AuditEntry.objects.count(), "build_seconds": 0}
    else:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        if not args.existing:
            built = build(args.docs)
        runs = {name: [] for name, _ in impls}
        for _ in range(args.repeat):
            for name, impl in impls:  # alternate, so load from other work on the machine hits each alike
                result, seconds = timed_check(impl)
                if not result.ok or result.documents_checked != built["documents"]:
                    raise SystemExit(f"{name} on the clean site: {len(result.problems)} problems, "
                                     f"{result.documents_checked} documents: {result.problems[:3]}")
                runs[name].append(seconds)
        # The floor: rendering every page through the middleware stack, nothing compared.
        from django.urls import reverse

        from gongkai.catalog.models import Document

        renderer = impls[0][1].PageRenderer()
        paths = [reverse("portal:document", args=[pk]) for pk in Document.objects.filter(status="published").order_by("pk").values_list("pk", flat=True)]
        start = time.perf_counter()
        for path in paths:
            renderer(path)
        render_seconds = time.perf_counter() - start
        from gongkai.audit.services import audit_chain_verify

        start = time.perf_counter()
        chain_problems = audit_chain_verify()
        chain_seconds = time.perf_counter() - start
        assert not chain_problems, chain_problems
        profile_text = ""
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            impls[0][1].integrity_check()
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(40)
            stats.sort_stats("tottime").print_stats(25)
            profile_text = out.getvalue()
        split = split_steps(impls[0][1]) if args.split else None
        tamper = None if args.no_tamper else {name: tamper_and_check(impl) for name, impl in impls}
        report = {
            "database": settings.DB_VENDOR, **built,
            "implementations": [{
                "impl": name, "runs_seconds": [round(x, 2) for x in runs[name]],
                "ms_per_document": round(min(runs[name]) / built["documents"] * 1000, 2),
                "pages_per_second": round(built["documents"] / min(runs[name]), 1),
                "tamper": tamper[name] if tamper else None} for name, _ in impls],
            "render_only_ms_per_document": round(render_seconds / built["documents"] * 1000, 2),
            "audit_chain_rows_per_second": round(built["audit_entries"] / chain_seconds),
            "audit_chain_seconds": round(chain_seconds, 3),
            "split_ms_per_document": split,
        }
    finally:
        if not args.existing:
            connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        if args.existing:
            print(f"database {report['database']} as it is: {built['documents']} published documents, "
                  f"{built['revisions']} revisions, {built['audit_entries']} audit rows")
        else:
            print(f"database {report['database']}: built {built['documents']} published documents "
                  f"({built['revisions']} revisions, {built['attachments']} attachments, {built['relations']} "
                  f"relations, {built['audit_entries']} audit rows) in {built['build_seconds']} s")
        for item in report["implementations"]:
            print(f"{item['impl']}: integrity_check runs {', '.join(f'{x:.2f} s' for x in item['runs_seconds'])}; "
                  f"best {item['ms_per_document']} ms per document ({item['pages_per_second']} pages/s)")
            if item["tamper"]:
                t = item["tamper"]
                found = ", ".join(f"{k}: {'found' if v else 'MISSED'}" for k, v in t["found"].items())
                print(f"  tampered run: {t['seconds']} s, {t['problems']} problems; {found}")
        print(f"rendering the pages alone (PageRenderer, nothing compared): "
              f"{report['render_only_ms_per_document']} ms per document")
        print(f"audit_chain_verify: {built['audit_entries']} rows in {report['audit_chain_seconds']} s "
              f"({report['audit_chain_rows_per_second']} rows/s)")
        if split:
            print("one pass, step by step (ms per document): "
                  + ", ".join(f"{k} {v}" for k, v in split.items()))
        if profile_text:
            print(profile_text)
    if tamper and not all(all(t["found"].values()) for t in tamper.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
