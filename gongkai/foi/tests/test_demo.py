"""The demo year: every outcome and applicant kind, open cases at year end, appeals; loads once."""
import datetime as dt
from io import StringIO

import pytest

from gongkai.agencies.models import Agency
from gongkai.foi import demo
from gongkai.foi.models import Appeal, ApplicantKind, Case, Channel, Outcome, Status

pytestmark = pytest.mark.django_db


def test_demo_year(city, dept_a, dept_b):
    out = StringIO()
    demo.load(stdout=out)
    assert "演示申请" in out.getvalue() and "查询码" in out.getvalue()
    cases = Case.objects.filter(tracking_no__startswith="DEMO-")
    in_2025 = cases.filter(received_date__year=2025)
    assert 55 <= in_2025.count() <= 70
    closed_2025 = cases.filter(closed_date__year=2025)
    assert set(closed_2025.values_list("outcome", flat=True)) == set(Outcome.values)
    assert set(in_2025.values_list("applicant_kind", flat=True)) == set(ApplicantKind.values)
    assert set(cases.values_list("channel", flat=True)) == set(Channel.values)
    open_at_year_end = in_2025.filter(closed_date__gt=dt.date(2025, 12, 31))
    assert open_at_year_end.count() >= 5
    carried_in = cases.filter(received_date__year=2024, closed_date__year=2025)
    assert carried_in.count() == 4
    assert {(a.kind, a.result) for a in Appeal.objects.all()} >= {
        ("reconsideration", "upheld"), ("reconsideration", "corrected"), ("reconsideration", "other"),
        ("reconsideration", "pending"), ("litigation_direct", "upheld"), ("litigation_after", "corrected")}
    # Every closed case's answer came on or before its due date.
    for case in closed_2025.exclude(outcome__in=["other_1", "other_2", "other_3"]):
        assert case.closed_date <= case.due_date, case.tracking_no
    assert Case.objects.filter(status=Status.SUBMITTED).count() == 1
    assert cases.filter(status__in=[Status.CORRECTION, Status.CONSULTATION, Status.FEE_PENDING]).count() == 3
    count = cases.count()
    demo.load(stdout=StringIO())  # idempotent
    assert Case.objects.filter(tracking_no__startswith="DEMO-").count() == count
    assert Agency.objects.count() == 3
