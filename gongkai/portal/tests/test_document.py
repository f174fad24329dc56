"""The document page: metadata, validity box, relations, attachments, 404s and redirects."""
import pytest
from django.urls import reverse

from .a11y import check_page

pytestmark = pytest.mark.django_db


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return check_page(response.content.decode())


def meta(soup):
    table = soup.find("table", class_="doc-meta")
    return {th.get_text(strip=True): th.find_next_sibling("td").get_text(strip=True)
            for th in table.find_all("th")}


def test_metadata_table_above_the_body(client, catalog):
    doc = catalog["policy"]
    soup = fetch(client, doc.get_absolute_url())
    m = meta(soup)
    assert list(m) == ["索引号", "主题分类", "发布机构", "成文日期", "名称", "发文字号", "发布日期", "主题词",
                       "公开方式", "有效性"]
    assert m["索引号"] == doc.index_no and doc.index_no.startswith("000014349/2023-")
    assert m["名称"] == doc.title and m["发布机构"] == "示范市教育局"
    assert m["成文日期"] == "2023-05-04" and m["发布日期"] == "2023-05-10"
    assert m["发文字号"] == "示教发〔2023〕7号" and m["主题分类"] == "科技、教育"
    assert m["主题词"] == "教育 培训" and m["公开方式"] == "主动公开" and m["有效性"] == "有效"
    table = soup.find("table", class_="doc-meta")
    body = soup.find("div", class_="body")
    elements = soup.find_all(True)
    assert elements.index(table) < elements.index(body)
    assert soup.find("div", class_="status-valid")
    # The policy lists its 解读.
    related = soup.find("h2", id="interp-title").find_parent("section")
    assert related.find("a")["href"] == catalog["interp"].get_absolute_url()


def test_interpretation_links_to_its_policy(client, catalog):
    soup = fetch(client, catalog["interp"].get_absolute_url())
    box = soup.find("div", class_="status-info")
    assert "本文是对以下政策文件的解读" in box.get_text()
    assert box.find("a")["href"] == catalog["policy"].get_absolute_url()


def test_abolished_document_says_by_what_and_when(client, catalog):
    old = catalog["old"]
    assert old.validity == "abolished"
    soup = fetch(client, old.get_absolute_url())
    box = soup.find("div", class_="status-abolished")
    assert "本文件已废止" in box.get_text()
    assert box.find("a")["href"] == catalog["abolisher"].get_absolute_url()
    m = meta(soup)
    assert m["有效性"].startswith("已废止")
    if old.expiry_date:
        assert f"废止日期：{old.expiry_date:%Y-%m-%d}" in m["有效性"]
    soup = fetch(client, catalog["abolisher"].get_absolute_url())
    assert "本文件废止了" in soup.find("div", class_="status-info").get_text()


def test_expiry_date_is_shown(client, catalog):
    from gongkai.catalog.models import Document

    doc = catalog["policy"]
    Document.objects.filter(pk=doc.pk).update(validity="expired", expiry_date="2025-12-31")
    soup = fetch(client, doc.get_absolute_url())
    assert "失效日期：2025-12-31" in meta(soup)["有效性"]
    assert "本文件已失效" in soup.find("div", class_="status-abolished").get_text()


def test_amended_document_says_by_what(client, catalog):
    soup = fetch(client, catalog["amended"].get_absolute_url())
    box = soup.find("div", class_="status-amended")
    assert "本文件已被修改" in box.get_text()
    assert box.find("a")["href"] == catalog["amender"].get_absolute_url()


def test_generated_document_has_demo_badge(client, catalog):
    soup = fetch(client, catalog["generated"].get_absolute_url())
    assert soup.find("span", class_="badge-demo").get_text() == "演示数据"
    soup = fetch(client, catalog["policy"].get_absolute_url())
    assert soup.find("span", class_="badge-demo") is None
    soup = fetch(client, reverse("portal:catalog"))
    item = soup.find("a", string=catalog["generated"].title).find_parent("li")
    assert item.find("span", class_="badge-demo")


def test_non_public_documents_are_404(client, catalog):
    for key in ("draft", "withdrawn", "on_request"):
        doc = catalog[key]
        assert client.get(reverse("portal:document", args=[doc.pk])).status_code == 404, key
        if doc.index_no:
            assert client.get(reverse("portal:document_by_index", args=[doc.index_no])).status_code == 404, key
    assert catalog["withdrawn"].index_no and catalog["on_request"].index_no


def test_missing_document_is_404(client, db):
    assert client.get(reverse("portal:document", args=[999999])).status_code == 404


def test_by_index_redirects(client, catalog):
    doc = catalog["policy"]
    response = client.get(reverse("portal:document_by_index", args=[doc.index_no]))
    assert response.status_code == 302 and response["Location"] == doc.get_absolute_url()
    assert client.get("/doc/by-index/nothing/2020-00001/").status_code == 404
    full_width = doc.index_no.replace("0", "０").replace("/", "／")
    response = client.get(reverse("portal:document_by_index", args=[full_width]))
    assert response.status_code == 302 and response["Location"] == doc.get_absolute_url()


def test_attachment_download(client, catalog):
    old = catalog["old"]
    soup = fetch(client, old.get_absolute_url())
    link = soup.find("h2", id="att-title").find_parent("section").find("a")
    assert link.get_text() == "附件1 申请表.docx"
    response = client.get(link["href"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK\x03\x04 fake docx bytes"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E9%99%84%E4%BB%B61%20%E7%94%B3%E8%AF%B7%E8%A1%A8.docx" in disposition
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_attachment_of_non_public_document_is_404(client, catalog):
    from gongkai.catalog.models import Document
    from gongkai.catalog.services import document_transition

    old = catalog["old"]
    url = reverse("portal:attachment", args=[old.pk, catalog["attachment_id"]])
    assert client.get(reverse("portal:attachment", args=[catalog["policy"].pk, catalog["attachment_id"]])).status_code == 404
    document_transition(document=Document.objects.get(pk=old.pk), action="withdraw", actor=None, reason="更正")
    assert client.get(url).status_code == 404


def test_document_page_query_count(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(catalog["policy"].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(catalog["old"].get_absolute_url()).status_code == 200
