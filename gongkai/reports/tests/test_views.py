"""Console pages: scoped, every figure linked to the cases behind it, uploads checked."""
import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.reports.models import AnnualReport, UploadedCheck
from gongkai.reports.services import report_generate
from gongkai.reports.tests.test_parser import FIXTURES

D = dt.date


@pytest.fixture
def office_a(make_user, dept_a):
    from gongkai.agencies.models import Role

    return make_user("office_a", dept_a, Role.OFFICE)


@pytest.fixture
def report_a(dept_a, office_a, make_case):
    case = make_case(dept_a, received=D(2025, 2, 1), closed=D(2025, 2, 5), outcome="granted")
    return report_generate(agency=dept_a, year=2025, actor=office_a), case


def test_home_lists_reports_and_deadline_warning(client, office_a, report_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 1, 20, 10))
    client.force_login(office_a)
    r = client.get(reverse("reports_staff:home"))
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1
    assert "示范市教育局" in html and "2026年1月31日" in html and "还剩11天" in html


def test_generate_view(client, office_a, dept_a):
    client.force_login(office_a)
    r = client.post(reverse("reports_staff:generate"), {"agency": dept_a.pk, "year": 2025})
    report = AnnualReport.objects.get(agency=dept_a, year=2025)
    assert r.status_code == 302 and r.url == reverse("reports_staff:report", args=[report.pk])


def test_report_page_links_every_figure_to_its_cases(client, office_a, report_a):
    report, case = report_a
    client.force_login(office_a)
    html = client.get(reverse("reports_staff:report", args=[report.pk])).content.decode()
    link = reverse("reports_staff:figure", args=[report.pk, "b:granted:natural_person"])
    assert f'href="{link}"' in html
    assert html.count('href="/console/reports/%d/figure/' % report.pk) >= 25 * 7 + 15
    page = client.get(link).content.decode()
    assert case.tracking_no in page


def test_out_of_scope_report_is_404(client, make_user, dept_b, report_a):
    from gongkai.agencies.models import Role

    report, case = report_a
    other = make_user("office_b", dept_b, Role.OFFICE)
    client.force_login(other)
    assert client.get(reverse("reports_staff:report", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports_staff:figure", args=[report.pk, "b:new:total"])).status_code == 404


def test_prose_edit_and_downloads(client, office_a, report_a):
    report, _case = report_a
    client.force_login(office_a)
    client.post(reverse("reports_staff:prose", args=[report.pk]),
                {"overview": "新的总体情况。", "problems": "问题。", "other_matters": "其他。"})
    report.refresh_from_db()
    assert report.overview == "新的总体情况。"
    r = client.get(reverse("reports_staff:download", args=[report.pk, "docx"]))
    assert r.status_code == 200 and r.content[:2] == b"PK"
    r = client.get(reverse("reports_staff:download", args=[report.pk, "xlsx"]))
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_figure_form_and_import(client, office_a, report_a):
    report, _case = report_a
    client.force_login(office_a)
    client.post(reverse("reports_staff:figure_set", args=[report.pk]),
                {"key": "license", "value": "12", "source": "审批系统"})
    report.refresh_from_db()
    assert report.data["table_a"]["license"] == {"decisions": 12}
    upload = SimpleUploadedFile("f.csv", "行政处罚,5,执法平台\n".encode())
    client.post(reverse("reports_staff:figure_import", args=[report.pk]), {"file": upload})
    report.refresh_from_db()
    assert report.data["table_a"]["penalty"] == {"decisions": 5}


def test_upload_check_of_any_published_report(client, office_a):
    client.force_login(office_a)
    upload = SimpleUploadedFile("errors_2024.txt", (FIXTURES / "errors_2024.txt").read_bytes())
    r = client.post(reverse("reports_staff:check_upload"), {"file": upload})
    check = UploadedCheck.objects.get()
    assert r.url == reverse("reports_staff:check", args=[check.pk])
    assert not check.ok
    page = client.get(r.url).content.decode()
    assert "行合计" in page and "复议诉讼合计" in page and "不一致" in page
    assert "row_total" not in page and "review_litigation_total" not in page  # no rule codes shown to people
    bad = SimpleUploadedFile("x.doc", b"\xd0\xcf\x11\xe0garbage")
    r = client.post(reverse("reports_staff:check_upload"), {"file": bad}, follow=True)
    assert "不支持旧版 Word" in r.content.decode()
    assert UploadedCheck.objects.count() == 1


def test_api_check_endpoint(client):
    upload = SimpleUploadedFile("report_2024.html", (FIXTURES / "report_2024.html").read_bytes())
    r = client.post("/api/reports/check", {"file": upload})
    assert r.status_code == 200
    body = json.loads(r.content)
    assert set(body) == {"year", "format", "applications", "verdict", "ambiguous", "findings", "ok"} and body["ok"]
