import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

_serial = itertools.count(1)


@pytest.fixture
def make_case():
    """Create a case row directly: the reports app only reads cases, whatever workflow made them."""
    from gongkai.foi.models import Case, Status

    def make(agency, *, received, closed=None, outcome="", kind="natural_person", due=None, fee=None,
             fee_paid=None, status=None):
        n = next(_serial)
        return Case.objects.create(
            agency=agency, tracking_no=f"T{n:06d}", query_code_hash="x", channel="online",
            applicant_kind=kind, applicant_name=f"申请人{n}", phone="13800000000",
            info_description="某文件", submitted_at=timezone.make_aware(dt.datetime.combine(received, dt.time(9))),
            received_date=received, closed_date=closed, outcome=outcome, due_date=due,
            fee_amount=Decimal(fee) if fee else None, fee_paid_date=fee_paid,
            status=status or (Status.ARCHIVED if closed else Status.PROCESSING))

    return make


@pytest.fixture
def make_appeal():
    from gongkai.foi.models import Appeal

    def make(case, *, kind, result="pending", filed, decided=None):
        return Appeal.objects.create(case=case, kind=kind, result=result, filed_date=filed, decided_date=decided)

    return make
