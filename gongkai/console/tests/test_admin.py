"""Administrators manage agencies in Django admin; the 统一社会信用代码 is validated there."""
import pytest
from django.urls import reverse

from gongkai.agencies.models import Agency

pytestmark = pytest.mark.django_db


def _agency_form(**overrides):
    data = {"name": "示范市卫生健康委员会", "short_name": "市卫健委", "slug": "health", "kind": "department",
            "level": "city", "uscc": "11330600002577014T", "org_code": "", "index_code": "",
            "index_format": "{code}/{year}-{serial:05d}", "aliases": "", "sort_order": "0",
            "office_name": "", "office_address": "", "office_hours": "", "office_phone": "",
            "office_fax": "", "office_email": "", "postal_code": "",
            "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000"}
    data.update(overrides)
    return data


def test_agency_admin_rejects_a_wrong_check_character(admin_user, login):
    client = login(admin_user)
    response = client.post(reverse("admin:agencies_agency_add"), _agency_form(uscc="11330600002577014A"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "统一社会信用代码校验位错误：应为“T”，实际为“A”。" in html
    assert not Agency.objects.filter(slug="health").exists()


def test_agency_admin_accepts_a_valid_code(admin_user, login):
    client = login(admin_user)
    response = client.post(reverse("admin:agencies_agency_add"), _agency_form(uscc="11330600002577014T"))
    assert response.status_code == 302
    assert Agency.objects.get(slug="health").uscc == "11330600002577014T"


def test_admin_pages_for_users_roles_subjects_open(admin_user, login):
    client = login(admin_user)
    for name in ("agencies_agency_changelist", "agencies_membership_changelist", "auth_user_changelist",
                 "catalog_subject_changelist", "agencies_agency_add"):
        assert client.get(reverse(f"admin:{name}")).status_code == 200, name
