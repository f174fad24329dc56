"""The demo loader is idempotent and keeps edits; the page admin works."""
import io

import pytest
from django.urls import reverse

from gongkai.portal import demo
from gongkai.portal.models import Page, PageColumn

from .a11y import check_page

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent_and_keeps_edits(client, city):
    out = io.StringIO()
    demo.load(stdout=out)
    assert "新建 6 个" in out.getvalue()
    assert Page.objects.filter(column=PageColumn.GUIDE).count() == 1
    assert Page.objects.filter(column=PageColumn.SYSTEM).count() == 5
    Page.objects.filter(slug="guide").update(title="改过的指南")
    city.office_phone = "0575-11112222"
    city.save()
    out = io.StringIO()
    demo.load(stdout=out)
    assert "新建 0 个" in out.getvalue()
    assert Page.objects.count() == 6
    assert Page.objects.get(slug="guide").title == "改过的指南"
    response = client.get(reverse("portal:guide"))
    soup = check_page(response.content.decode())
    assert soup.h1.get_text(strip=True) == "改过的指南"
    assert "0575-11112222" in soup.find("section", class_="contact").get_text()
    assert "依申请公开" in soup.find("div", class_="body").get_text()


def test_demo_load_without_agencies(db):
    demo.load(stdout=io.StringIO())
    assert Page.objects.get(slug="guide").agency is None


def test_page_admin(client, admin_user, city):
    client.force_login(admin_user)
    assert client.get(reverse("admin:portal_page_changelist")).status_code == 200
    response = client.post(reverse("admin:portal_page_add"), {
        "column": "system", "title": "新制度", "slug": "new-rule", "agency": city.pk, "sort_order": 3,
        "body_html": "<p>正文</p><script>alert(1)</script>",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Page.objects.get(slug="new-rule").body_html == "<p>正文</p>"
