"""Documents for the API tests, made through the real catalog services."""
import datetime as dt

import pytest

from gongkai.catalog.models import Subject


@pytest.fixture
def make_doc(document_factory):
    """Published by default: the API's public endpoints see only published documents."""
    def make(agency, status="published", **fields):
        return document_factory(agency, status, **fields)

    return make


@pytest.fixture
def catalog(city, dept_a, dept_b, make_doc):
    """A small catalog: published documents across agencies, years and kinds, plus hidden ones."""
    top = Subject.objects.filter(parent__isnull=True).order_by("sort_order", "id").first()
    child = top.children.order_by("sort_order", "id").first()
    docs = {
        "edu_2024": make_doc(dept_a, title="教育局2024年通知", subject=child, genre="通知",
                             category="normative", publish_date=dt.date(2024, 3, 1), written_date=dt.date(2024, 2, 27)),
        "edu_2023": make_doc(dept_a, title="教育局2023年意见", genre="意见", category="policy",
                             publish_date=dt.date(2023, 6, 1), written_date=dt.date(2023, 5, 30), validity="abolished"),
        "fin_2024": make_doc(dept_b, title="财政局2024年办法", subject=top, genre="办法", category="normative",
                             publish_date=dt.date(2024, 8, 1), written_date=dt.date(2024, 7, 30)),
        "city_2024": make_doc(city, title="市政府2024年决定", genre="决定", category="policy",
                              publish_date=dt.date(2024, 9, 2), written_date=dt.date(2024, 8, 30)),
        "draft": make_doc(dept_a, "draft", title="教育局草稿"),
        "pending": make_doc(dept_a, "pending", title="教育局待审核"),
        "withdrawn": make_doc(dept_a, "withdrawn", title="教育局已撤回"),
        "on_request": make_doc(dept_a, title="教育局依申请公开", disclosure="on_request"),
    }
    return {"docs": docs, "top": top, "child": child}
