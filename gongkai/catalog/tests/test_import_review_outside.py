"""Issue 13 defect 3: an import that publishes runs the review before its write transaction opens;
the publish gate inside the transaction finds the report ready (and still refuses on it)."""
import pytest
from django.db import connection

from gongkai.catalog.importing.services import document_import
from gongkai.review import detect

TEXT = ("索引号：000014349/2024-00001\n发布机构：示范市教育局\n成文日期：2024-05-06\n"
        "关于做好2024年防汛工作的通知\n各单位：\n请做好防汛准备工作，落实值班制度。\n示范市教育局\n2024年5月6日\n").encode()


@pytest.mark.django_db(transaction=True)
def test_review_runs_before_the_write_transaction(dept_a, monkeypatch):
    calls = []
    real = detect.review

    def spy(*args, **kwargs):
        calls.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(detect, "review", spy)
    result = document_import(name="a.txt", data=TEXT, agency=dept_a, publish=True)
    assert result.ok and result.published, result.warning or result.error
    assert calls == [False]  # reviewed once, outside any transaction; the gate reused the report


@pytest.mark.django_db(transaction=True)
def test_prepared_report_still_blocks(dept_a):
    spam = TEXT.replace("请做好防汛准备工作".encode(), "请做好防汛准备工作。葡京赌场 百家乐 六合彩开奖 www.bet365.com".encode())
    result = document_import(name="b.txt", data=spam, agency=dept_a, publish=True)
    assert result.ok and not result.published and "审查" in result.warning
