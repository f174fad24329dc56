"""Back issues: CSV import (all or nothing, every bad row named), dry run, a printed PDF with metadata,
the command; the demo."""
import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from gongkai.core.errors import UserFacingError
from gongkai.gazette.importing import issue_import_pdf, issues_import_csv
from gongkai.gazette.models import Issue, IssueStatus

from .conftest import PDF, D

HEADER = "年,期,总期号,出版日期,序号,文件,标准文本,栏目,页码\n"


def _csv(docs, extra=""):
    return (HEADER
            + f"2019,2,310,2019-01-31,2,{docs[2].title},否,市政府文件,5\n"
            + f"2019,2,310,2019-01-31,1,{docs[0].index_no},,规章,1\n"
            + f"2019,3,311,2019-02-15,1,{docs[1].index_no},是,部门文件,\n" + extra).encode("gbk")


@pytest.mark.django_db
def test_csv_import_creates_issues_in_order(city, office, docs):
    result = issues_import_csv(agency=city, actor=office, data=_csv(docs), publish=True)
    assert (result.issues, result.articles) == (2, 3)
    issue = Issue.objects.get(agency=city, year=2019, number=2)
    assert (issue.total_number, issue.publish_date, issue.imported, issue.status) == (
        310, D(2019, 1, 31), True, IssueStatus.PUBLISHED)
    assert [(a.document_id, a.is_standard_text, a.page) for a in issue.articles.order_by("position")] == [
        (docs[0].pk, True, 1), (docs[2].pk, False, 5)]
    with pytest.raises(UserFacingError, match="2019年第2期已存在"):
        issues_import_csv(agency=city, actor=office, data=_csv(docs))


@pytest.mark.django_db
def test_csv_with_bad_rows_imports_nothing(city, office, docs):
    bad = _csv(docs, "2019,x,312,2019-13-01,1,不存在的文件,也许,,\n2019,2,999,2019-01-31,3," + docs[3].title + ",,,\n")
    with pytest.raises(UserFacingError) as caught:
        issues_import_csv(agency=city, actor=office, data=bad)
    message = caught.value.message
    for expected in ["第5行：期“x”不是整数", "第5行：出版日期“2019-13-01”应为 YYYY-MM-DD", "第5行：未找到文件“不存在的文件”",
                     "第5行：标准文本应填“是”或“否”", "第6行：2019年第2期的总期号或出版日期与前面的行不一致"]:
        assert expected in message
    assert not Issue.objects.exists()
    with pytest.raises(UserFacingError, match="缺少列：总期号"):
        issues_import_csv(agency=city, actor=office, data="年,期,出版日期,序号,文件\n".encode())


@pytest.mark.django_db
def test_dry_run_and_command(city, office, docs, tmp_path):
    assert issues_import_csv(agency=city, actor=office, data=_csv(docs), dry_run=True).issues == 2
    assert not Issue.objects.exists()
    path = tmp_path / "back.csv"
    path.write_bytes(_csv(docs))
    out = StringIO()
    call_command("gazette", "import", str(path), "--agency", "city", stdout=out)
    assert "导入 2 期、3 篇" in out.getvalue()
    assert Issue.objects.filter(status=IssueStatus.DRAFT).count() == 2
    with pytest.raises(CommandError, match="已存在"):
        call_command("gazette", "import", str(path), "--agency", "city")


@pytest.mark.django_db
def test_pdf_back_issue(city, office, client_for):
    issue = issue_import_pdf(agency=city, actor=office, year=1999, number=1, total_number=1,
                             publish_date=D(1999, 1, 10), name="创刊号.pdf", data=PDF, publish=True)
    assert issue.status == IssueStatus.PUBLISHED and issue.imported
    response = client_for().get(f"/zwgk/gb/issue/{issue.pk}/pdf/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "目录未录入" in client_for().get(f"/zwgk/gb/issue/{issue.pk}/").content.decode()


@pytest.mark.django_db
def test_demo_makes_two_issues(city, docs, monkeypatch):
    from gongkai.gazette import demo, edition

    monkeypatch.setattr(edition, "html_to_pdf", lambda html: PDF)  # LibreOffice itself: test_edition_pdf
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        demo.load(stdout=StringIO())
        demo.load(stdout=StringIO())
    issues = list(Issue.objects.filter(agency=city).order_by("number"))
    assert [(i.number, i.status) for i in issues] == [(1, "published"), (2, "published")]
    assert sum(i.articles.count() for i in issues) == 4
    assert issues[1].pdf_generated
