"""Measure the 依申请公开 building blocks on a throwaway database.

    DATABASE_URL=sqlite:////work/main/var/bench-foi.sqlite3 .venv/bin/python bench/foi.py [--cases 2000] [--json]

Reports: the clock (one case's deadlines from its events), registering a case (validation, clock,
登记回执 .docx, audit), rendering one notice, converting one notice to PDF with LibreOffice, the
supervisor dashboard and the overdue list over N cases. A test database is created and destroyed.
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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def timed(fn, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, max(samples) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0)
    try:
        results = run(args.cases)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    print(f"| measure | median | max |\n|---|---|---|")
    for name, (median, worst) in results["timings"].items():
        print(f"| {name} | {median:.1f} ms | {worst:.1f} ms |")
    print(f"\n{results['cases']} cases, {results['vendor']}, Python {sys.version.split()[0]}")


def run(n_cases):
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency, Membership, Role
    from gongkai.foi import notices
    from gongkai.foi.clock import ClockEvent, clock_compute
    from gongkai.foi.models import Case, Status
    from gongkai.foi.selectors import case_list, dashboard
    from gongkai.foi.services import applicant_key, case_register, query_code_hash
    from gongkai.workdays.calendar import add_workdays

    rng = random.Random(7)
    city = Agency.objects.create(name="示范市人民政府", slug="city", kind="government")
    depts = [Agency.objects.create(name=f"示范市第{i}局", slug=f"d{i}", parent=city) for i in range(8)]
    user = get_user_model().objects.create_user(username="office", password="x" * 12)
    Membership.objects.create(user=user, agency=city, role=Role.OFFICE)
    timings = {}

    def clock_once():
        received = dt.date(2025, 1, 2) + dt.timedelta(days=rng.randrange(300))
        start = add_workdays(received, 3).date
        clock_compute(received=received, events=[ClockEvent("consultation_started", start),
                                                 ClockEvent("consultation_ended", add_workdays(start, 5).date),
                                                 ClockEvent("extended", start, {"workdays": 10})])
    timings["clock_compute (consultation + extension)"] = timed(clock_once, 300)

    fields = {"applicant_kind": "natural_person", "applicant_name": "张三", "id_type": "id_card",
              "id_number": "11010519491231002X", "phone": "13800138000", "info_description": "请提供预算执行报告。"}
    made = []

    def register_once():
        case, _code = case_register(agency=rng.choice(depts), actor=user, channel="in_person",
                                    received_date=dt.date(2025, 3, 3), fields=fields)
        made.append(case)
    timings["case_register (with 登记回执 .docx)"] = timed(register_once, 40)
    case = made[0]
    timings["notice_render (答复书 .docx)"] = timed(
        lambda: notices.notice_render(case=case, kind="reply", issue_date=dt.date(2025, 3, 10)), 40)
    if notices.soffice_path():
        data = notices.notice_render(case=case, kind="receipt", issue_date=dt.date(2025, 3, 3))
        timings["docx_to_pdf (LibreOffice, cold profile)"] = timed(lambda: notices.docx_to_pdf(data), 3)

    today = dt.date(2025, 6, 2)
    bulk = []
    for i in range(n_cases):
        received = today - dt.timedelta(days=rng.randrange(60))
        bulk.append(Case(agency=rng.choice(depts), tracking_no=f"B{i:07d}", query_code_hash=query_code_hash("X"),
                         status=rng.choice([Status.PROCESSING] * 6 + [Status.CONSULTATION, Status.CORRECTION,
                                                                      Status.ANSWERED, Status.ARCHIVED]),
                         channel="online", applicant_kind="natural_person", applicant_name="某",
                         phone="13800138000", applicant_key=applicant_key(kind="x", name=str(i)),
                         info_description="x", submitted_at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc),
                         received_date=received, due_date=add_workdays(received, 20).date,
                         provisional=rng.random() < 0.05))
    Case.objects.bulk_create(bulk, batch_size=500)
    timings[f"dashboard ({n_cases} cases, 9 agencies)"] = timed(lambda: dashboard(user=user, today=today), 20)
    timings["overdue list, first page"] = timed(
        lambda: list(case_list(user=user, bucket="overdue", today=today)[:50]), 20)
    return {"timings": timings, "cases": n_cases, "vendor": connection.vendor}


if __name__ == "__main__":
    main()
