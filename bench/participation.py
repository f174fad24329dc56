"""Time the 留言 ledger (staff list) and statistics pages, and the 意见征集 ledger, at 100,000 messages.

    .venv/bin/python bench/participation.py [--messages 100000] [--comments 5000] [--repeat 30] [--json]
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/participation.py --pg

Builds a scratch database (SQLite under bench/out/, or a PostgreSQL database `gongkai_bench_part` it
drops afterwards), migrates it, writes the generated rows with bulk_create (benchmark data, not the
services: the rows are what the services would store), then renders each page in-process with Django's
test client, uncached, `--repeat` times, and prints p50/p95/p99 in ms.

Before timing, the process freezes what it has loaded (`gc.collect(); gc.freeze()`), as the production
server does before forking its workers (deploy/gunicorn.conf.py `when_ready`): otherwise a full garbage
collection walks all of Django every dozen page views here and lands as a 40-150 ms pause in whichever
sample it hits. `--no-gc-freeze` times without it.
"""
import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"


def _configure(pg: bool) -> str:
    if pg:
        base = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS gongkai_bench_part")
            conn.execute("CREATE DATABASE gongkai_bench_part")
        url = base.rsplit("/", 1)[0] + "/gongkai_bench_part"
    else:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "participation.sqlite3"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["GONGKAI_TESTING"] = "1"
    os.environ.pop("REDIS_URL", None)
    return url


def _populate(n_messages: int, n_comments: int):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from gongkai.agencies.models import Agency, Membership, Role
    from gongkai.consultations.models import Comment, Consultation, ConsultationStatus
    from gongkai.mailboxes.models import Mailbox, Message, MessageStatus

    call_command("migrate", verbosity=0)
    city = Agency.objects.create(name="示范市人民政府", short_name="市政府", slug="city", kind="government", level="city")
    depts = [Agency.objects.create(name=f"示范市第{i}局", short_name=f"第{i}局", slug=f"d{i}", kind="department",
                                   level="city", parent=city) for i in range(12)]
    user = get_user_model().objects.create_user("office", password="bench-password-1")
    Membership.objects.create(user=user, agency=city, role=Role.OFFICE)
    boxes = [Mailbox.objects.create(agency=city, name=f"信箱{i}", slug=f"box{i}") for i in range(3)]
    rnd = random.Random(7)
    today = timezone.localdate()
    rows = []
    for i in range(n_messages):
        day = today - dt.timedelta(days=rnd.randrange(365))
        status = rnd.choice([MessageStatus.CLOSED] * 6 + [MessageStatus.REPLIED, MessageStatus.ACCEPTED,
                                                        MessageStatus.SUBMITTED, MessageStatus.REJECTED])
        replied = day + dt.timedelta(days=rnd.randrange(1, 20)) if status in ("closed", "replied") else None
        rows.append(Message(mailbox=rnd.choice(boxes), number=f"LY{day:%Y%m%d}{i:06d}", query_code_hash="x$y",
                            type=rnd.choice(["consult", "suggest", "complain", "help"]), title=f"留言标题{i}",
                            body="生成的留言内容。" * 5, status=status, handler=rnd.choice(depts + [city]),
                            received_at=timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10)),
                            accept_due=day + dt.timedelta(days=3), reply_due=day + dt.timedelta(days=16),
                            accepted_on=day, replied_on=replied, is_public=replied is not None,
                            reply="生成的答复。" if replied else "", reply_public="生成的答复。" if replied else "",
                            body_public="生成的留言内容。", rating=rnd.choice(["", "satisfied", "basic", "unsatisfied"])
                            if replied else ""))
        if len(rows) == 5000:
            Message.objects.bulk_create(rows)
            rows = []
    Message.objects.bulk_create(rows)
    c = Consultation.objects.create(agency=city, title="《生成的征求意见稿》", kind="规章", start_date=today - dt.timedelta(days=40),
                                    end_date=today - dt.timedelta(days=5), status=ConsultationStatus.PUBLISHED)
    Comment.objects.bulk_create([Comment(consultation=c, receipt_no=f"ZQ{i:08d}", body=f"生成的意见{i % 700}。" * 3,
                                         group_key=f"ZQ{i % 700:08d}") for i in range(n_comments)])
    return user, c


def _time(client, url, repeat):
    client.get(url)  # warm the process (templates, calendar years)
    samples = []
    for _i in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]  # noqa: E731
    return {"p50": round(statistics.median(samples), 1), "p95": round(pick(0.95), 1), "p99": round(pick(0.99), 1)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-gc-freeze", action="store_true", help="time without gc.freeze() (see above)")
    args = parser.parse_args()
    url = _configure(args.pg)
    import django

    django.setup()
    from django.test import Client
    from django.utils import timezone

    started = time.monotonic()
    user, consultation = _populate(args.messages, args.comments)
    from django.db import connection

    with connection.cursor() as cursor:  # statistics as a running site has them (autovacuum, SQLite's optimize)
        cursor.execute("ANALYZE")
    built = time.monotonic() - started
    client = Client()
    client.force_login(user)
    if not args.no_gc_freeze:  # what when_ready does: the URL map (every app's views) loaded, then frozen
        import gc

        from django.urls import get_resolver

        get_resolver().url_patterns
        gc.collect()
        gc.freeze()
    month = f"{timezone.localdate() - dt.timedelta(days=40):%Y-%m}"
    pages = {
        "留言办理 staff list": "/console/mailboxes/",
        "留言办理 overdue filter": "/console/mailboxes/?overdue=1",
        "monthly statistics page": f"/hdjl/ly/stats/?month={month}",
        "public replied messages": "/hdjl/ly/",
        "意见台账 (ledger)": f"/console/consultations/{consultation.pk}/",
    }
    results = {name: _time(client, page, args.repeat) for name, page in pages.items()}
    out = {"database": "postgresql" if args.pg else "sqlite", "messages": args.messages, "comments": args.comments,
           "build_seconds": round(built, 1), "gc_freeze": not args.no_gc_freeze, "pages": results}
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(f"{out['database']}: {args.messages} messages, {args.comments} comments (built in {out['build_seconds']} s"
              f"{'' if out['gc_freeze'] else ', no gc.freeze'})")
        for name, r in results.items():
            print(f"  {name:28s} p50 {r['p50']:7.1f}  p95 {r['p95']:7.1f}  p99 {r['p99']:7.1f} ms")
    if args.pg:
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect(os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
                             autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS gongkai_bench_part")
    return 0


if __name__ == "__main__":
    sys.exit(main())
