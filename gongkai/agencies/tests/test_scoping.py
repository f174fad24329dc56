import pytest

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import agency_ids_for_user, user_has_role

pytestmark = pytest.mark.django_db


def test_editor_sees_only_own_agency(editor_a, dept_a, dept_b):
    assert agency_ids_for_user(user=editor_a) == {dept_a.pk}
    assert not user_has_role(user=editor_a, agency=dept_b, roles=[Role.EDITOR])
    assert not user_has_role(user=editor_a, agency=dept_a, roles=[Role.REVIEWER])


def test_office_of_government_covers_its_departments(office_city, city, dept_a, dept_b):
    assert agency_ids_for_user(user=office_city) == {city.pk, dept_a.pk, dept_b.pk}


def test_anonymous_and_superuser(admin_user, city, dept_a):
    from django.contrib.auth.models import AnonymousUser

    assert agency_ids_for_user(user=AnonymousUser()) == set()
    assert agency_ids_for_user(user=admin_user) >= {city.pk, dept_a.pk}
