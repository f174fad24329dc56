"""The import page: several files become drafts of one agency; bad files are listed with reasons."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog.models import Document

pytestmark = pytest.mark.django_db

TXT = """索引号：000014349/2024-00077
发布机构：示范市教育局
发文字号：示教发[2024]7号
成文日期：2024-03-01
发布日期：2024-03-05
名称：示范市教育局关于做好春季开学工作的通知

示范市教育局关于做好春季开学工作的通知

各区县教育局：
一、做好开学准备。各学校要提前检查校舍安全。
二、落实安全责任。
"""

HTML = """<html><head><meta charset="utf-8"><title>示范市教育局关于加强学生近视防控的意见</title></head>
<body><div>当前位置：首页 &gt; 政府信息公开</div>
<table><tr><td>发文字号：</td><td>示教发〔2024〕9号</td><td>成文日期：</td><td>2024-04-02</td></tr></table>
<h1>示范市教育局关于加强学生近视防控的意见</h1><p>一、总体目标。到2025年学生近视率明显下降。</p></body></html>"""


def _docx():
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_heading("示范市教育局关于做好暑期安全教育的通知", level=1)
    document.add_paragraph("发文字号：示教发〔2024〕11号")
    document.add_paragraph("各学校：暑期将至，请做好学生安全教育。")
    document.save(buffer)
    return buffer.getvalue()


def _files(*pairs):
    return [SimpleUploadedFile(name, data) for name, data in pairs]


def test_import_saves_good_files_and_lists_bad_ones(editor_a, dept_a, login):
    client = login(editor_a)
    page = client.get(reverse("console:import")).content.decode()
    assert "示范市教育局" in page and "示范市财政局" not in page
    files = _files(
        ("开学通知.txt", TXT.encode("gb18030")),
        ("近视防控.html", HTML.encode("utf-8")),
        ("暑期安全.docx", _docx()),
        ("损坏.docx", b"PK\x03\x04 this is not really a zip"),
        ("空白.txt", b"\r\n   \r\n\t\r\n"),
        ("图片.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    response = client.post(reverse("console:import"), {"agency": dept_a.pk, "files": files}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "导入结果：成功 3 件，失败 3 件" in html, html.split("results-h")[-1]
    docs = Document.objects.order_by("id")
    assert [d.title for d in docs] == ["示范市教育局关于做好春季开学工作的通知",
                                       "示范市教育局关于加强学生近视防控的意见",
                                       "示范市教育局关于做好暑期安全教育的通知"]
    assert all(d.agency == dept_a and d.status == "draft" and d.created_by == editor_a for d in docs)
    assert docs[0].doc_no == "示教发〔2024〕7号" and docs[0].index_no == "000014349/2024-00077"
    bad = html.split('class="import-bad"')[1]
    for name in ("损坏.docx", "空白.txt", "图片.pdf"):
        assert name in bad
    assert "只能导入 .txt、.html 和 .docx 文件" in bad and "docx" in bad.split("损坏.docx")[1]
    for doc in docs:
        assert reverse("console:document", args=[doc.pk]) in html


def test_importing_the_same_file_twice_is_reported(editor_a, dept_a, login):
    client = login(editor_a)
    client.post(reverse("console:import"), {"agency": dept_a.pk, "files": _files(("a.txt", TXT.encode()))})
    html = client.post(reverse("console:import"),
                       {"agency": dept_a.pk, "files": _files(("a.txt", TXT.encode()))}, follow=True).content.decode()
    assert "已导入过" in html and "查看已有文件" in html
    assert Document.objects.count() == 1


def test_a_duplicate_in_another_agency_is_not_revealed(editor_a, editor_b, dept_a, dept_b, login):
    login(editor_a).post(reverse("console:import"), {"agency": dept_a.pk, "files": _files(("a.txt", TXT.encode()))})
    html = login(editor_b).post(reverse("console:import"),
                                {"agency": dept_b.pk, "files": _files(("a.txt", TXT.encode()))},
                                follow=True).content.decode()
    assert "与其他机关的已有文件重复" in html
    assert "春季开学工作" not in html.split('class="import-bad"')[1]
    assert Document.objects.count() == 1


def test_import_into_another_agency_is_refused(editor_a, dept_b, login):
    response = login(editor_a).post(reverse("console:import"),
                                    {"agency": dept_b.pk, "files": _files(("a.txt", TXT.encode()))})
    assert "选择一个有效的选项" in response.content.decode()
    assert not Document.objects.exists()


def test_oversized_file_is_refused(settings, editor_a, dept_a, login):
    settings.MAX_UPLOAD_BYTES = 100
    html = login(editor_a).post(reverse("console:import"),
                                {"agency": dept_a.pk, "files": _files(("a.txt", TXT.encode()))},
                                follow=True).content.decode()
    assert "过大" in html and not Document.objects.exists()


def test_no_file_selected(editor_a, dept_a, login):
    html = login(editor_a).post(reverse("console:import"), {"agency": dept_a.pk}).content.decode()
    assert "这个字段是必填项" in html


def test_the_job_page_shows_progress_and_is_scoped(editor_a, editor_b, dept_a, login, monkeypatch):
    from gongkai.catalog.importing import jobs as importing
    from gongkai.catalog.models import ImportJob

    monkeypatch.setattr(importing, "import_job_enqueue", lambda *, job: None)  # a broker, no worker yet
    client = login(editor_a)
    response = client.post(reverse("console:import"), {"agency": dept_a.pk, "files": _files(("a.txt", TXT.encode()))})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("console:import_job", args=[job.pk])
    html = client.get(response["Location"]).content.decode()
    assert "排队中" in html and "已处理 0 / 1 个文件" in html and 'http-equiv="refresh"' in html
    assert "导入结果" not in html and not Document.objects.exists()
    assert login(editor_b).get(response["Location"]).status_code == 404
    assert login(editor_b).post(reverse("console:import_job_retry", args=[job.pk])).status_code == 404
    assert f'href="{response["Location"]}"' in client.get(reverse("console:import")).content.decode()
    monkeypatch.undo()
    importing.import_job_run(job=job)  # the worker
    html = client.get(response["Location"]).content.decode()
    assert "已完成" in html and "导入结果：成功 1 件，失败 0 件" in html and 'http-equiv="refresh"' not in html


def test_a_failed_job_shows_why_and_can_be_retried(editor_a, dept_a, login, monkeypatch):
    from gongkai.catalog.importing import jobs as importing

    real = importing.document_import

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(importing, "document_import", broken)
    client = login(editor_a)
    html = client.post(reverse("console:import"), {"agency": dept_a.pk, "files": _files(("a.txt", TXT.encode()))},
                       follow=True).content.decode()
    assert "失败" in html and "导入在处理文件“a.txt”时中断：系统错误（RuntimeError）" in html and "重试" in html
    monkeypatch.setattr(importing, "document_import", real)
    from gongkai.catalog.models import ImportJob

    job = ImportJob.objects.get()
    html = client.post(reverse("console:import_job_retry", args=[job.pk]), follow=True).content.decode()
    assert "导入结果：成功 1 件，失败 0 件" in html and Document.objects.count() == 1
    html = client.post(reverse("console:import_job_retry", args=[job.pk]), follow=True).content.decode()
    assert "只有失败或长时间没有进展的导入任务可以重试" in html and Document.objects.count() == 1
