"""The review on the draft, the import form's title (with its spam warning) and the integrity check
run from the 工作台."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog.models import Document
from gongkai.console.review_panel import review_panel, title_looks_like_spam
from gongkai.review.models import IntegrityRun

pytestmark = pytest.mark.django_db

TXT = "示范市教育局关于做好春季开学工作的通知\n\n各区县教育局：\n一、做好开学准备。\n"


def _txt(name="开学.txt"):
    return SimpleUploadedFile(name, TXT.encode("utf-8"), content_type="text/plain")


def test_review_panel_says_what_was_found_where_without_a_score(make_doc, dept_a):
    doc = make_doc(dept_a, body_html="<p>各学校：</p><p>联系人手机13912345678。</p>"
                                     "<p>身份证号11010519491231002X。</p>")
    panel = review_panel(document=doc)
    assert panel["verdict"] == "block" and "修改前不能发布" in panel["verdict_text"]
    kinds = {f["kind"]: f for f in panel["findings"]}
    assert kinds["mobile"]["text"] == "13912345678" and kinds["mobile"]["severity"] == "warn"
    assert kinds["id_card"]["severity"] == "block"
    assert kinds["mobile"]["where"] == "正文第2行第6字"
    assert "score" not in str(panel["findings"])
    marked = [s for s in panel["segments"] if s.get("n")]
    assert [s["text"] for s in marked] == ["13912345678", "11010519491231002X"]
    assert "".join(s["text"] for s in panel["segments"]).startswith(doc.title)


def test_draft_page_shows_the_findings_before_publishing(make_doc, dept_a, reviewer_a, login):
    doc = make_doc(dept_a, "pending", body_html="<p>联系人手机13912345678。</p>")
    html = login(reviewer_a).get(reverse("console:document", args=[doc.pk])).content.decode()
    assert "公开前审查" in html and "手机号码" in html and "<mark" in html and "得分" not in html
    published = make_doc(dept_a, "published", title="已发布的文件")
    html = login(reviewer_a).get(reverse("console:document", args=[published.pk])).content.decode()
    assert 'id="review"' not in html


def test_title_spam_detector_on_import_titles():
    assert "bob" in title_looks_like_spam("bob最新官网安徽省人民政府2019年政府信息公开工作年度报告").lower()
    assert title_looks_like_spam("示范市教育局关于做好春季开学工作的通知") == ""


def test_import_title_is_applied_and_a_spam_title_is_questioned(editor_a, dept_a, login):
    client = login(editor_a)
    url = reverse("console:import")
    spam = "bob最新官网示范市教育局关于春季开学的通知"
    response = client.post(url, {"agency": dept_a.pk, "files": [_txt()], "title": spam})
    assert response.status_code == 200 and "垃圾信息" in response.content.decode()
    assert not Document.objects.exists()
    response = client.post(url, {"agency": dept_a.pk, "files": [_txt()], "title": "示范市教育局关于春季开学的通知（修订）"})
    assert response.status_code == 302
    assert Document.objects.get().title == "示范市教育局关于春季开学的通知（修订）"
    # A person who checked the title may keep it.
    response = client.post(url, {"agency": dept_a.pk, "files": [_txt("b.txt")], "title": spam, "title_confirmed": "on"})
    assert response.status_code == 302


def test_import_title_needs_a_single_file(editor_a, dept_a, login):
    response = login(editor_a).post(reverse("console:import"), {
        "agency": dept_a.pk, "files": [_txt("a.txt"), _txt("b.txt")], "title": "一个名称"})
    assert response.status_code == 200 and "只能导入一个文件" in response.content.decode()


def test_import_job_page_shows_the_title_with_injected_spam_cut_out(editor_a, dept_a, login):
    # The importer cuts the spam passage out of the headline (review.spam), so the draft gets the real
    # title and the job page has nothing to warn about.
    data = ("bob最新官网示范市教育局关于春季开学的通知\n\n各区县教育局：\n一、做好开学准备。\n").encode("utf-8")
    response = login(editor_a).post(reverse("console:import"), {
        "agency": dept_a.pk, "files": [SimpleUploadedFile("x.txt", data, content_type="text/plain")]})
    page = login(editor_a).get(response["Location"]).content.decode()
    assert "示范市教育局关于春季开学的通知" in page and "bob最新官网" not in page
    assert "像是植入的垃圾信息" not in page


def test_integrity_check_from_the_console(office_city, editor_a, login):
    client = login(office_city)
    assert "立即检查" in client.get(reverse("console:home")).content.decode()
    response = client.post(reverse("console:integrity_check"))
    assert response.status_code == 302
    run = IntegrityRun.objects.get()
    assert run.source == IntegrityRun.Source.CONSOLE and run.actor == office_city
    assert "完整性检查" in client.get(reverse("console:home")).content.decode()
    assert login(editor_a).post(reverse("console:integrity_check")).status_code == 403
    assert "立即检查" not in login(editor_a).get(reverse("console:home")).content.decode()
