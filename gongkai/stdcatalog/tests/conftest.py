import pytest

from gongkai.agencies.models import Agency, Role
from gongkai.catalog.models import Subject


@pytest.fixture
def county(city):
    return Agency.objects.create(name="示范县人民政府", slug="county", kind=Agency.Kind.GOVERNMENT,
                                 level=Agency.Level.COUNTY, parent=city)


@pytest.fixture
def town(county):
    return Agency.objects.create(name="示范县青石镇人民政府", slug="qingshi", kind=Agency.Kind.GOVERNMENT,
                                 level=Agency.Level.TOWNSHIP, parent=county)


@pytest.fixture
def town_editor(make_user, town):
    return make_user("town_editor", town, Role.EDITOR)


@pytest.fixture
def town_office(make_user, town):
    return make_user("town_office", town, Role.OFFICE)


@pytest.fixture
def topic(db):
    parent = Subject.objects.create(name="民政、扶贫、救灾", sort_order=1)
    return Subject.objects.create(name="减灾救灾", parent=parent, sort_order=1)
