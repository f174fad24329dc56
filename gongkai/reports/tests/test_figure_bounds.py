"""Issue 13 defect 4: one bad figure (1e100000 saved as Inf) broke the annual reports for good.

Every figure is checked against its field's bounds before it is saved (a bad row is a Chinese error
and nothing is saved); a value already stored bad reads as "invalid" and never makes a page fail.
"""
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.core.errors import UserFacingError
from gongkai.reports.figures import figure_parse, figure_sane
from gongkai.reports.models import AnnualReport, ManualFigure
from gongkai.reports.services import manual_figure_set, manual_figures_import, report_generate

pytestmark = pytest.mark.django_db
BAD = ["1e100000", "NaN", "nan", "Infinity", "-Infinity", "inf", "1E+20", "١٢٣", "-5", "3.5", "0x10", "1_000",
       "12元", "", "  "]


@pytest.fixture
def office(make_user, dept_a):
    return make_user("office_fig", dept_a, Role.OFFICE)


def _csv(*rows):
    return "\n".join(",".join(r) for r in (("项目", "数值", "来源"),) + rows).encode("utf-8")


@pytest.mark.parametrize("value", BAD)
def test_bad_figure_in_csv_is_a_chinese_error_and_nothing_is_saved(dept_a, office, value):
    data = _csv(("行政许可", "7", "审批系统"), ("行政处罚", value, "执法平台"))
    with pytest.raises(UserFacingError) as exc:
        manual_figures_import(agency=dept_a, year=2025, name="figures.csv", data=data, actor=office)
    assert exc.value.message.startswith("第3行：")
    assert any("\u4e00" <= c <= "\u9fff" for c in exc.value.message)
    assert not ManualFigure.objects.exists()


@pytest.mark.parametrize("value", ["1e100000", "NaN", "Infinity", "1E+20", "١٢٣", "-1", "0.00001", "1e10"])
def test_bad_fee_and_form_entry_refused(dept_a, office, value):
    with pytest.raises(UserFacingError):
        manual_figure_set(agency=dept_a, year=2025, key="fee", value=value, source="财务系统", actor=office)
    assert not ManualFigure.objects.exists()


def test_good_figures_are_read_as_meant(dept_a, office):
    assert figure_parse("license", "１２３") == 123        # full-width digits
    assert figure_parse("license", "1,234") == 1234
    assert figure_parse("license", "12.0") == 12
    assert figure_parse("license", 7.0) == 7              # a spreadsheet number
    assert figure_parse("fee", "12.3456") == Decimal("12.3456")
    assert figure_parse("fee", "1.5e2") == Decimal("150")
    for bad in (float("inf"), float("nan"), True):
        with pytest.raises(UserFacingError):
            figure_parse("license", bad)
    figs = manual_figures_import(agency=dept_a, year=2025, name="f.csv",
                                 data=_csv(("行政许可", "１，２３４", ""), ("行政事业性收费", "3.5", "")), actor=office)
    assert sorted((f.key, f.value) for f in figs) == [("fee", Decimal("3.5")), ("license", Decimal(1234))]


def _xlsx(value_xml: str, doctype: str = "") -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["项目", "数值", "来源"])
    ws.append(["行政许可", 1, "审批系统"])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace("<v>1</v>", f"<v>{value_xml}</v>")
                if doctype:
                    text = text.replace("?>", "?>" + doctype, 1) if "?>" in text else doctype + text
                    assert "<!DOCTYPE" in text
                data = text.encode()
            dst.writestr(item, data)
    return out.getvalue()


def test_xlsx_with_a_doctype_is_refused(dept_a, office):
    doctype = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    with pytest.raises(UserFacingError) as exc:
        manual_figures_import(agency=dept_a, year=2025, name="f.xlsx", data=_xlsx("5", doctype), actor=office)
    assert "实体" in exc.value.message or "DOCTYPE" in exc.value.message
    assert not ManualFigure.objects.exists()


@pytest.mark.parametrize("value", ["1e100000", "1E+20", "-3", "2.5"])
def test_xlsx_numbers_out_of_bounds_are_refused(dept_a, office, value):
    with pytest.raises(UserFacingError) as exc:
        manual_figures_import(agency=dept_a, year=2025, name="f.xlsx", data=_xlsx(value), actor=office)
    assert exc.value.message.startswith("第2行：")
    assert not ManualFigure.objects.exists()
    assert len(manual_figures_import(agency=dept_a, year=2025, name="f.xlsx", data=_xlsx("42"), actor=office)) == 1


def _store_raw(fig, sql_value):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE reports_manualfigure SET value = {sql_value} WHERE id = %s", [fig.pk])


STORED_BAD = ["'NaN'"] + (["'Infinity'", "1e20", "'1e100000'", "'abc'"] if connection.vendor == "sqlite" else [])


@pytest.mark.parametrize("sql_value", STORED_BAD)
def test_a_value_stored_bad_never_makes_a_page_fail(client, dept_a, office, sql_value):
    fig = manual_figure_set(agency=dept_a, year=2025, key="license", value="3", source="审批系统", actor=office)
    report = report_generate(agency=dept_a, year=2025, actor=office)
    _store_raw(fig, sql_value)
    fig = ManualFigure.objects.get(pk=fig.pk)
    assert fig.value is None  # read as "invalid", not an exception
    client.force_login(office)
    page = client.get(reverse("reports_staff:report", args=[report.pk]))
    assert page.status_code == 200 and "无效数值" in page.content.decode()
    assert client.get(reverse("reports_staff:figure", args=[report.pk, "a:license:decisions"])).status_code == 200
    response = client.post(reverse("reports_staff:recompute", args=[report.pk]), follow=True)
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.data["table_a"]["license"] == {"decisions": None}
    assert any("无效数值" in n for n in report.notes)
    # A new import of the same row replaces the bad value.
    upload = SimpleUploadedFile("f.csv", _csv(("行政许可", "4", "审批系统")))
    assert client.post(reverse("reports_staff:figure_import", args=[report.pk]), {"file": upload}).status_code == 302
    assert ManualFigure.objects.get(pk=fig.pk).value == 4


def test_report_data_with_non_finite_numbers_reads_as_blank(client, dept_a, office):
    report = report_generate(agency=dept_a, year=2025, actor=office)
    if connection.vendor == "sqlite":  # PostgreSQL's jsonb cannot even hold Infinity
        with connection.cursor() as cursor:
            cursor.execute("UPDATE reports_annualreport SET data = replace(data, '\"table_c\": {', "
                           "'\"table_c\": {\"bogus\": 1, ') WHERE id = %s", [report.pk])
            cursor.execute("UPDATE reports_annualreport SET data = json_set(data, '$.table_a.license.decisions', "
                           "json('1e999')) WHERE id = %s", [report.pk])
        report = AnnualReport.objects.get(pk=report.pk)
        assert report.data["table_a"]["license"]["decisions"] == float("inf")
    client.force_login(office)
    assert client.get(reverse("reports_staff:report", args=[report.pk])).status_code == 200
    for fmt in ("docx", "xlsx"):
        assert client.get(reverse("reports_staff:download", args=[report.pk, fmt])).status_code == 200


def test_figure_sane():
    assert figure_sane(Decimal("Infinity")) is None and figure_sane(Decimal("NaN")) is None
    assert figure_sane(float("inf")) is None and figure_sane("abc") is None and figure_sane(1e20) is None
    assert figure_sane(-1) is None and figure_sane(12) == Decimal(12) and figure_sane(None) is None
