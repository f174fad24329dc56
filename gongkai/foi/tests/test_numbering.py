"""文号 per agency and year: 代字〔年份〕序号号, configurable, without gaps."""
import datetime as dt

import pytest

from gongkai.core.errors import UserFacingError
from gongkai.foi.models import NoticeNumbering
from gongkai.foi.numbering import default_prefix, notice_number_allocate, pattern_problem
from gongkai.foi.services import case_transition

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name, prefix", [("示范市财政局", "示财"), ("示范市人民政府", "示政"),
                                          ("示范市人民政府办公室", "示政办"), ("示范市某区教育局", "示教"),
                                          ("海关", "海关")])
def test_default_prefix(name, prefix):
    assert default_prefix(name) == prefix


def test_numbers_run_per_agency_and_year_and_follow_the_pattern(dept_a, dept_b):
    assert [notice_number_allocate(agency=dept_b, year=2026, kind="reply") for _i in range(3)] == [
        "示财依申〔2026〕1号", "示财依申〔2026〕2号", "示财依申〔2026〕3号"]
    assert notice_number_allocate(agency=dept_b, year=2027, kind="reply") == "示财依申〔2027〕1号"
    assert notice_number_allocate(agency=dept_a, year=2026, kind="receipt") == "示教依申〔2026〕1号"
    NoticeNumbering.objects.create(agency=dept_a, prefix="示教公开", pattern="{prefix}{kind}〔{year}〕{seq}号")
    assert notice_number_allocate(agency=dept_a, year=2026, kind="reply") == "示教公开答〔2026〕1号"
    assert notice_number_allocate(agency=dept_a, year=2026, kind="correction") == "示教公开补〔2026〕1号"
    assert pattern_problem("{prefix}〔{year}〕") and pattern_problem("{nope}{seq}") and not pattern_problem(
        "{prefix}〔{year}〕{seq}号")


def test_a_refused_action_gives_its_number_back(register, office_a):
    case = register(dt.date(2025, 3, 3))  # receipt: 1
    with at(2025, 3, 10), pytest.raises(UserFacingError):
        # the review blocks the reply text: the transaction, and the number it took, roll back
        case_transition(case=case, action="answer", actor=office_a, outcome="granted",
                        reply_text="申请人身份证号11010519491231002X")
    with at(2025, 3, 10):
        case = case_transition(case=case, action="answer", actor=office_a, outcome="granted")
    assert [n.number for n in case.notices.order_by("id")] == ["示教依申〔2025〕1号", "示教依申〔2025〕2号"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_get_distinct_numbers_without_gaps(dept_b):
    """Two offices issuing at once (PostgreSQL row lock; SQLite serialises writers on its own)."""
    import threading

    from django.db import connection, connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    got, errors = [], []
    barrier = threading.Barrier(4)

    def worker():
        try:
            barrier.wait()
            for _i in range(5):
                with transaction.atomic():
                    got.append(notice_number_allocate(agency=dept_b, year=2026, kind="reply"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(got, key=lambda n: int(n.split("〕")[1][:-1])) == [f"示财依申〔2026〕{i}号" for i in range(1, 21)]
