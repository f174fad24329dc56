import datetime as dt
import io

import pytest

from gongkai.opendata.services import dataset_create, dataset_transition, resource_add

# A valid 18-digit ID (GB 11643 check digit) and a Luhn-valid card number, made up for the tests.
ID_OK = "11010519491231002X"
CARD_OK = "6222600260001072444"


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


def csv_bytes(rows, encoding="utf-8") -> bytes:
    return ("\n".join(",".join(str(v) for v in row) for row in rows) + "\n").encode(encoding)


@pytest.fixture
def make_dataset(dept_a, editor_a):
    def make(title="示范市空气质量监测数据", tier="open", **extra):
        values = {"summary": "各监测站每日空气质量。", "topic": "environment", "keywords": "空气质量,监测",
                  "tier": tier, "frequency": "daily", "spatial_code": "330100",
                  "temporal_start": dt.date(2025, 1, 1), "contact_name": "数据科",
                  "contact_phone": "0571-00000000", "licence": "开放数据使用协议（演示）",
                  "tier_reason": "" if tier == "open" else "涉及企业经营信息", **extra}
        return dataset_create(agency=dept_a, actor=editor_a, title=title, **values)
    return make


@pytest.fixture
def upload(editor_a):
    def up(dataset, data: bytes, filename="data.csv", name=""):
        return resource_add(dataset=dataset, actor=editor_a, name=name or filename, filename=filename,
                            source=io.BytesIO(data))
    return up


@pytest.fixture
def published(reviewer_a):
    def pub(dataset):
        return dataset_transition(dataset=dataset, action="publish", actor=reviewer_a)
    return pub
