import datetime as dt

import pytest

from gongkai.agencies.models import Role
from gongkai.catalog.models import Category


@pytest.fixture
def office(make_user, city):
    return make_user("gazette_office", city, Role.OFFICE)


@pytest.fixture
def docs(city, dept_a, document_factory):
    """Four published documents: a 规章 of the city, a 规范性文件 of a department, two others."""
    return [
        document_factory(city, "published", title="示范市公共数据管理办法", category=Category.REGULATION,
                         doc_no="示范市人民政府令第12号", body_html="<p>第一条 为了规范公共数据管理，制定本办法。</p>"),
        document_factory(dept_a, "published", title="示范市教育局关于规范校外培训收费的通知",
                         category=Category.NORMATIVE, doc_no="示教规〔2026〕1号",
                         body_html="<p>校外培训机构收费应当公示。</p>"),
        document_factory(city, "published", title="示范市人民政府关于表彰2025年度防汛先进集体的决定",
                         category=Category.POLICY, body_html="<p>授予防汛先进集体称号。</p>"),
        document_factory(city, "published", title="示范市人民政府关于调整城市道路名称的通知",
                         category=Category.POLICY, body_html="<p>调整部分道路名称。</p>"),
    ]


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
D = dt.date
