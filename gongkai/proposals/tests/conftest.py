import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

TZ = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour=10):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False)


@pytest.fixture
def make_proposal(office_city, dept_a):
    from gongkai.proposals.services import proposal_create

    def make(number="1", lead=None, assigned=dt.date(2024, 3, 1), kind="suggestion", **extra):
        with at(max(assigned, dt.date(2024, 3, 1))):
            return proposal_create(actor=office_city, kind=kind, session="市十六届人大三次会议", number=number,
                                   title=f"关于第{number}件事的建议", proposer="王建国", lead=lead or dept_a,
                                   assigned_date=assigned, **extra)

    return make
