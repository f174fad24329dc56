"""The public list by department and by 生活事件 with counts that narrow each other, and its API."""
import pytest

from gongkai.portal.tests.a11y import check_page

from .test_pages import published  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_counts_by_department_and_life_event(published, dept_a, dept_b, client):  # noqa: F811
    page = client.get("/bsfw/zn/").content.decode()
    check_page(page)
    assert f"{dept_a.name}（1）" in page and f"{dept_b.name}（1）" in page
    assert "退休养老（1）" in page and "教育（1）" in page and "社会保障（1）" in page
    narrowed = client.get("/bsfw/zn/?event=retirement").content.decode()
    assert f"{dept_b.name}（1）" in narrowed and dept_a.name not in narrowed.split("按生活事件")[0]
    assert f"?agency={dept_b.pk}&amp;event=retirement" in narrowed  # the department link keeps the event
    facets = client.get(f"/api/guides/facets?agency={dept_b.pk}").json()
    assert [(a["name"], a["count"]) for a in facets["agencies"]] == [(dept_a.name, 1), (dept_b.name, 1)]
    assert sorted((e["value"], e["count"]) for e in facets["life_events"]) == [("retirement", 1),
                                                                               ("social_security", 1)]
    facets = client.get("/api/guides/facets?event=education").json()
    assert [(a["name"], a["count"]) for a in facets["agencies"]] == [(dept_a.name, 1)]
    both = client.get(f"/api/guides/?agency={dept_b.pk}&event=education").json()
    assert both == []
