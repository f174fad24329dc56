"""Matching a 发布机构 / 来源 text to an agency of the tree (the importer, the seeds)."""
import pytest

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_match_publisher, agency_name_key

pytestmark = pytest.mark.django_db


def test_name_key_drops_the_place_and_shortens_the_government():
    assert agency_name_key("示范市人民政府办公室") == "市政府办公室"
    assert agency_name_key("市政府办公室") == "市政府办公室"
    assert agency_name_key("示范县 教育局") == "县教育局"
    assert agency_name_key("市场监督管理局") == "市场监督管理局"  # 市 at the start is no place name
    assert agency_name_key("示范市市场监督管理局") == "市市场监督管理局"


def test_the_short_form_on_the_site_matches_its_own_agency(city, dept_a):
    office = Agency.objects.create(name="示范市人民政府办公室", slug="office", parent=city,
                                   kind=Agency.Kind.DEPARTMENT, level=Agency.Level.CITY)
    assert agency_match_publisher(name="市政府办公室") == office
    assert agency_match_publisher(name="市政府 办公室") == office
    assert agency_match_publisher(name="示范市教育局") == dept_a  # exact names first
    assert agency_match_publisher(name="市政府") == city  # the short name
    assert agency_match_publisher(name="县教育局") is None
    assert agency_match_publisher(name="市") is None


def test_an_ambiguous_short_form_matches_nothing(city):
    for slug, place in (("a", "东城"), ("b", "西城")):
        Agency.objects.create(name=f"示范市{place}区教育局", slug=slug, parent=city,
                              kind=Agency.Kind.DEPARTMENT, level=Agency.Level.COUNTY)
    assert agency_match_publisher(name="区教育局") is None


def test_the_catch_all_is_never_matched_by_its_short_form(city):
    Agency.objects.create(name="示范市其他机构", slug="other", is_catch_all=True, parent=city,
                          kind=Agency.Kind.DEPARTMENT, level=Agency.Level.CITY)
    assert agency_match_publisher(name="市其他机构") is None
