"""Site-wide pieces: footer identifiers, HTML site map, favicon, the Chinese 404 under DEBUG, 403
logged without a traceback, feed ids, document page tools and original files."""
import logging

import pytest
from django.urls import reverse

from gongkai.catalog.services import attachment_add, document_create, document_transition
from gongkai.ops.logs import ClientErrorNoTraceback
from gongkai.portal.selectors import original_files

from .a11y import check_page

pytestmark = pytest.mark.django_db

FOOTER = {"ID_CODE": "9999000001", "ICP": "示ICP备00000001号", "PSB": "示公网安备99990002000001号",
          "PSB_URL": "https://beian.example/1", "CONAC_URL": "https://bszs.conac.cn/x", "CONTACT_URL": "/xxgk/guide/",
          "CONTACT_PHONE": "0999-8000000", "CONTACT_EMAIL": "xxgk@example.gov.cn"}


def test_footer_shows_the_configured_identifiers(client, settings, city):
    settings.SITE_FOOTER = FOOTER
    html = client.get("/").content.decode()
    for text in ("网站标识码：9999000001", "ICP备案号：示ICP备00000001号", "公安机关备案号：示公网安备99990002000001号",
                 'alt="党政机关网站标识"', "https://bszs.conac.cn/x", "联系我们", "0999-8000000"):
        assert text in html
    check_page(html)
    settings.SITE_FOOTER = {key: "" for key in FOOTER}
    html = client.get("/").content.decode()
    assert "网站标识码" not in html and "党政机关网站标识" not in html and "联系我们" in html


def test_html_site_map(client, city, dept_a):
    from gongkai.catalog.importing.services import agency_catch_all_ensure

    agency_catch_all_ensure()
    response = client.get(reverse("portal:sitemap_html"))
    html = response.content.decode()
    assert response.status_code == 200 and "网站地图" in html
    for text in ("政府信息公开指南", "法定主动公开内容", "依申请公开", "找回查询码", city.name, dept_a.name):
        assert text in html
    assert html.index(dept_a.name) < html.index("其他机构")
    check_page(html)


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_404_is_chinese_under_debug(client, settings):
    settings.DEBUG = True
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "DEBUG = True" not in html
    assert "DEBUG = True" in client.get("/no-such-page/?debug-404").content.decode()


def test_403_is_one_log_line_without_a_traceback(client_for, editor_a, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client_for(editor_a).get("/console/review/").status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    ClientErrorNoTraceback().filter(records[0])
    assert records[0].exc_info is None and "Forbidden" in records[0].getMessage()


def test_500_keeps_its_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", None, sys.exc_info())
    record.status_code = 500
    ClientErrorNoTraceback().filter(record)
    assert record.exc_info is not None


def test_feed_ids_follow_the_request_or_site_url(client, settings, published_doc):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL_EXPLICIT = False
    atom = client.get(reverse("portal:feed_atom"), HTTP_HOST="gk.example.gov.cn").content.decode()
    assert f"<id>http://gk.example.gov.cn{published_doc.get_absolute_url()}</id>" in atom
    assert "127.0.0.1:8000" not in atom
    settings.SITE_URL_EXPLICIT, settings.SITE_URL = True, "https://www.example.gov.cn"
    from django.core.cache import cache

    cache.clear()
    rss = client.get(reverse("portal:feed_rss"), HTTP_HOST="internal:8080").content.decode()
    assert f'<guid isPermaLink="true">https://www.example.gov.cn{published_doc.get_absolute_url()}</guid>' in rss \
        or f"<guid>https://www.example.gov.cn{published_doc.get_absolute_url()}</guid>" in rss
    assert "internal:8080" not in rss


def test_document_page_tools_and_original_file(client, dept_a):
    doc = document_create(agency=dept_a, actor=None, title="示范市教育局关于规范办学的通知",
                          source_name="关于规范办学的通知.docx", body_html="<p>正文。</p>")
    original = attachment_add(document=doc, actor=None, name="关于规范办学的通知.docx", content=b"PK\x03\x04 x",
                              content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    attachment_add(document=doc, actor=None, name="附件1 统计表.xlsx", content=b"PK\x03\x04 y",
                   content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    document_transition(document=doc, action="submit", actor=None)
    doc = document_transition(document=doc, action="publish", actor=None, override_reason="附件已人工审查")
    assert [a.pk for a in original_files(document=doc, attachments=list(doc.attachments.all()))] == [original.pk]
    html = client.get(doc.get_absolute_url()).content.decode()
    assert "【" in html and "字体" in html and "data-print" in html and "data-close" in html
    assert "原文件：" in html and "关于规范办学的通知.docx" in html
    check_page(html)
