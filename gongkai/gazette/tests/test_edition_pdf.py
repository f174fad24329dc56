"""The PDF edition generated from the HTML edition with LibreOffice (the Makefile's DEB_PACKAGES install it)."""
import io
import shutil

import pytest

from gongkai.core.errors import UserFacingError
from gongkai.gazette import edition
from gongkai.gazette.services import article_add, issue_create

from .conftest import D


@pytest.mark.django_db
def test_without_libreoffice_the_clerk_is_told(city, office, docs, monkeypatch):
    issue = issue_create(agency=city, actor=office, year=2026, number=1, total_number=401, publish_date=D(2026, 1, 5))
    with pytest.raises(UserFacingError, match="目录为空"):
        edition.issue_pdf_generate(issue=issue, actor=office)
    article_add(issue=issue, actor=office, document=docs[0])
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UserFacingError, match="未安装 LibreOffice"):
        edition.issue_pdf_generate(issue=issue, actor=office)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed on this machine")
@pytest.mark.django_db
def test_generated_pdf_carries_the_documents(city, office, docs):
    from pypdf import PdfReader

    issue = issue_create(agency=city, actor=office, year=2026, number=1, total_number=401, publish_date=D(2026, 1, 5))
    article_add(issue=issue, actor=office, document=docs[0])
    issue = edition.issue_pdf_generate(issue=issue, actor=office)
    assert issue.pdf_generated
    with issue.pdf.open("rb") as fh:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(fh.read())).pages)
    assert "公共数据管理办法" in text.replace(" ", "")
