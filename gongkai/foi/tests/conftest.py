import datetime as dt
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Role

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
VALID_ID = "11010519491231002X"  # GB 11643 sample number with a valid check digit
VALID_USCC = "91350100M000100Y43"  # check character 3 per GB 32100


def at(year, month, day, hour=10):
    """Travel to a local (Asia/Shanghai) time."""
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def office_a(make_user, dept_a):
    return make_user("office_a", dept_a, Role.OFFICE, email="office_a@example.org")


@pytest.fixture
def approver_a(make_user, dept_a):
    return make_user("approver_a", dept_a, Role.APPROVER)


@pytest.fixture
def office_b(make_user, dept_b):
    return make_user("office_b", dept_b, Role.OFFICE)


def person_fields(**over):
    fields = {"applicant_kind": "natural_person", "applicant_name": "张三", "id_type": "id_card",
              "id_number": VALID_ID, "phone": "13800138000", "email": "zs@example.org",
              "address": "示范市人民路1号", "info_title": "2024年教育经费预算执行情况",
              "info_description": "请提供2024年全市教育经费预算执行情况的报告。", "info_form": "electronic",
              "delivery": "email"}
    fields.update(over)
    return fields


@pytest.fixture
def register(dept_a, office_a):
    """Register a case received on `received` (time travels there)."""
    from gongkai.foi.services import case_register

    def make(received: dt.date, *, agency=None, actor=None, channel="in_person", **over):
        with at(received.year, received.month, received.day):
            case, code = case_register(agency=agency or dept_a, actor=actor or office_a, channel=channel,
                                       received_date=received, fields=person_fields(**over))
        case.query_code = code
        return case

    return make
