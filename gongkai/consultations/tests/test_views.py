"""The public consultation pages and the staff ledger, through HTTP."""
import datetime as dt

import pytest
import time_machine

from gongkai.catalog.services import document_transition
from gongkai.consultations.models import Comment, Disposition
from gongkai.consultations.services import consultation_create, consultation_transition

D = dt.date
OPEN_DAY = dt.datetime(2026, 3, 10, 2, tzinfo=dt.timezone.utc)


@pytest.fixture
def published(dept_a, editor_a, reviewer_a):
    c = consultation_create(agency=dept_a, actor=editor_a, title="《示范市街道命名管理办法（征求意见稿）》", kind="规章",
                            draft_text="第一条 为规范街道命名，制定本办法。\n第二条 街道命名应当尊重历史。",
                            start_date=D(2026, 3, 2), end_date=D(2026, 4, 1), contact_phone="0571-00000000")
    c = consultation_transition(consultation=c, action="submit", actor=editor_a)
    document_transition(document=c.notice, action="publish", actor=reviewer_a)
    c.refresh_from_db()
    return c


@pytest.fixture
def no_challenge(monkeypatch):
    """The bot check has its own tests (core); here it is passed so the page itself is tested."""
    from gongkai.core import challenge

    monkeypatch.setattr(challenge, "challenge_verify", lambda **kwargs: "")


@pytest.mark.django_db
def test_citizen_reads_the_draft_and_comments_on_an_article(client, published, no_challenge):
    with time_machine.travel(OPEN_DAY):
        page = client.get("/hdjl/yjzj/?phase=open").content.decode()
        assert "示范市街道命名管理办法" in page and "征集中" in page
        page = client.get(f"/hdjl/yjzj/{published.pk}/").content.decode()
        assert "第二条" in page and "对本条提意见" in page and "0571-00000000" in page
        article = published.articles.get(label="第二条")
        response = client.post(f"/hdjl/yjzj/{published.pk}/", {"article": article.pk, "body": "建议增加公众参与程序。",
                                                                "name": "王五", "phone": "13700000000"})
        assert response.status_code == 302
        done = client.get(response["Location"]).content.decode()
    comment = Comment.objects.get()
    assert comment.receipt_no in done and comment.article == article and comment.phone == "13700000000"
    # After the close: no form, and the page says so.
    with time_machine.travel(dt.datetime(2026, 4, 2, 2, tzinfo=dt.timezone.utc)):
        page = client.get(f"/hdjl/yjzj/{published.pk}/").content.decode()
        assert "征集已结束" in page and "提交意见</button>" not in page
        assert client.post(f"/hdjl/yjzj/{published.pk}/", {"body": "晚了"}).status_code == 200
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_draft_consultation_is_not_public(client, dept_a, editor_a):
    c = consultation_create(agency=dept_a, actor=editor_a, title="《内部草稿》", kind="行政规范性文件",
                            start_date=D(2026, 3, 2), end_date=D(2026, 3, 20))
    assert client.get(f"/hdjl/yjzj/{c.pk}/").status_code == 404


@pytest.mark.django_db
def test_staff_ledger_is_scoped_and_disposes(client_for, published, editor_a, editor_b):
    with time_machine.travel(OPEN_DAY):
        from gongkai.consultations.ledger import comment_submit

        comment = comment_submit(consultation=published, body="建议明确命名的审批时限。")
        assert client_for(editor_b).get(f"/console/consultations/{published.pk}/").status_code == 404
        staff = client_for(editor_a)
        page = staff.get("/console/consultations/").content.decode()
        assert "示范市街道命名管理办法" in page
        page = staff.get(f"/console/consultations/{published.pk}/").content.decode()
        assert comment.receipt_no in page and "意见台账" in page
        response = staff.post(f"/console/consultations/{published.pk}/action/",
                              {"what": "dispose", "comment": comment.pk, "disposition": "rejected", "reason": ""})
        assert "未完全采纳的意见须说明理由" in response.content.decode()
        response = staff.post(f"/console/consultations/{published.pk}/action/",
                              {"what": "dispose", "comment": comment.pk, "disposition": "existing",
                               "reason": "第三条已有规定"})
        assert response.status_code == 302
        response = staff.post(f"/console/consultations/{published.pk}/action/",
                              {"what": "comment", "channel": "letter", "body": "来信：建议保留老地名。", "name": "赵六"})
        assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.disposition == Disposition.EXISTING and Comment.objects.filter(channel="letter").count() == 1


@pytest.mark.django_db
def test_staff_creates_a_consultation_with_the_period_rule(client_for, dept_a, editor_a):
    staff = client_for(editor_a)
    data = {"agency": dept_a.pk, "title": "《某规范性文件（征求意见稿）》", "kind": "行政规范性文件",
            "start_date": "2026-09-30", "end_date": "2026-10-14", "channels": ["online"],
            "draft_text": "一、总则\n内容。\n二、附则\n内容。"}
    page = staff.post("/console/consultations/new/", data).content.decode()
    assert "最早截止于2026-10-15" in page
    response = staff.post("/console/consultations/new/", {**data, "end_date": "2026-10-15"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_api_public_has_no_personal_data_and_staff_ledger_is_scoped(client, client_for, published, editor_a,
                                                                    editor_b):
    from gongkai.consultations.ledger import comment_publish, comment_submit

    with time_machine.travel(OPEN_DAY):
        comment = comment_submit(consultation=published, body="我的电话13612345678，建议第二条写明听证程序。",
                                 name="钱七", phone="13612345678", email="q@example.com")
        comment_publish(comment=comment, actor=editor_a)
        listing = client.get("/api/consultations/?phase=open").json()
        detail = client.get(f"/api/consultations/{published.pk}").json()
    assert [c["id"] for c in listing] == [published.pk] and listing[0]["phase"] == "open"
    text = str(detail)
    assert "13612345678" not in text and "q@example.com" not in text and "钱**" in text
    assert [a["label"] for a in detail["articles"]] == ["第一条", "第二条"]
    assert client.get("/api/consultations/staff/list").status_code == 401
    assert client_for(editor_b).get(f"/api/consultations/staff/{published.pk}/ledger").status_code == 404
    ledger = client_for(editor_a).get(f"/api/consultations/staff/{published.pk}/ledger").json()
    assert ledger["rows"][0]["phone"] == "13612345678" and ledger["figures"]["pending"] == 1
    assert client.get("/api/consultations/99999999999999999999").status_code == 422


@pytest.mark.django_db
def test_open_consultations_feed(client, published):
    with time_machine.travel(OPEN_DAY):
        atom = client.get("/hdjl/yjzj/feed/atom/").content.decode()
        rss = client.get("/hdjl/yjzj/feed/rss/").content.decode()
    assert "示范市街道命名管理办法" in atom and "2026-03-02至2026-04-01" in rss
    with time_machine.travel(dt.datetime(2026, 4, 3, 2, tzinfo=dt.timezone.utc)):
        assert "示范市街道命名管理办法" not in client.get("/hdjl/yjzj/feed/atom/").content.decode()


@pytest.mark.django_db
def test_open_consultation_is_on_the_front_page_and_the_interaction_page(client, published):
    """The consultations register their box with the portal (gongkai.portal.blocks): a citizen finds an
    open consultation from the front page and from 互动交流, and the main navigation marks 互动交流."""
    with time_machine.travel(OPEN_DAY):
        home = client.get("/").content.decode()
        hdjl = client.get("/hdjl/").content.decode()
        listing = client.get("/hdjl/yjzj/").content.decode()
    for page in (home, hdjl):
        assert "正在征集意见" in page and f'href="/hdjl/yjzj/{published.pk}/"' in page
        assert "征集期 2026-03-02 至 2026-04-01" in page
    assert 'href="/hdjl/" aria-current="page"' in hdjl and 'href="/hdjl/" aria-current="page"' in listing
    assert 'href="/" aria-current="page"' in home
    # After the close the box says there is nothing open instead of listing it.
    with time_machine.travel(dt.datetime(2026, 4, 2, 2, tzinfo=dt.timezone.utc)):
        home = client.get("/").content.decode()
    assert "目前没有正在征集意见的事项。" in home and f'href="/hdjl/yjzj/{published.pk}/"' not in home


@pytest.mark.django_db
def test_final_document_notice_and_feedback_link_to_the_consultation(client, client_for, published, editor_a,
                                                                     editor_b, reviewer_a):
    from gongkai.catalog.services import document_create
    from gongkai.consultations.ledger import comment_dispose, comment_submit, feedback_generate

    with time_machine.travel(OPEN_DAY):
        comment = comment_submit(consultation=published, body="建议明确命名的审批时限。")
    final = document_create(agency=published.agency, actor=editor_a, title="示范市街道命名管理办法",
                            body_html="<p>第一条 为规范街道命名，制定本办法。</p>", publish_date=D(2026, 5, 6))
    document_transition(document=final, action="submit", actor=editor_a)
    document_transition(document=final, action="publish", actor=reviewer_a)
    final.refresh_from_db()
    assert final.index_no
    action = f"/console/consultations/{published.pk}/action/"
    staff = client_for(editor_a)
    with time_machine.travel(OPEN_DAY):  # still open: no final document yet
        page = staff.post(action, {"what": "final", "index_no": final.index_no}).content.decode()
        assert "征集结束后才能关联正式文件" in page
    with time_machine.travel(dt.datetime(2026, 4, 10, 2, tzinfo=dt.timezone.utc)):
        comment_dispose(comment=comment, actor=editor_a, disposition=Disposition.ADOPTED)
        feedback = feedback_generate(consultation=published, actor=editor_a)
        document_transition(document=feedback, action="publish", actor=reviewer_a)
        # Another agency's editor finds no such document of theirs (and cannot see the consultation).
        assert client_for(editor_b).post(action, {"what": "final", "index_no": final.index_no}).status_code == 404
        page = staff.post(action, {"what": "final", "index_no": "NO-SUCH-INDEX"}).content.decode()
        assert "未找到该索引号对应的本机关公开文件" in page
        page = staff.post(action, {"what": "final", "index_no": published.notice.index_no}).content.decode()
        assert "正式文件不能是征集公告" in page
        assert staff.post(action, {"what": "final", "index_no": final.index_no}).status_code == 302
    published.refresh_from_db()
    assert published.final_document == final
    consultation_url = f"/hdjl/yjzj/{published.pk}/"
    # The final document's page links back to the consultation and to the feedback report.
    page = client.get(final.get_absolute_url()).content.decode()
    assert "本文件起草过程中公开征求了意见" in page
    assert f'href="{consultation_url}"' in page and f'href="{feedback.get_absolute_url()}"' in page
    # The feedback report and the notice link to the consultation; the consultation to the final document.
    assert f'href="{consultation_url}"' in client.get(feedback.get_absolute_url()).content.decode()
    assert f'href="{consultation_url}"' in client.get(published.notice.get_absolute_url()).content.decode()
    assert f'href="{final.get_absolute_url()}"' in client.get(consultation_url).content.decode()


def _docx(paragraphs) -> bytes:
    import io

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_staff_uploads_the_draft_as_word_and_its_articles_come_from_the_file(client_for, dept_a, editor_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.consultations.models import Consultation

    staff = client_for(editor_a)
    data = {"agency": dept_a.pk, "title": "《某规范性文件（征求意见稿）》", "kind": "行政规范性文件",
            "start_date": "2026-09-30", "end_date": "2026-10-15", "channels": ["online"], "draft_text": ""}
    fake = SimpleUploadedFile("征求意见稿.pdf", b"not a pdf at all, just text", content_type="application/pdf")
    page = staff.post("/console/consultations/new/", {**data, "draft_file": fake}).content.decode()
    assert "不支持的文件类型" in page and not Consultation.objects.exists()
    word = SimpleUploadedFile("征求意见稿.docx", _docx(["某规范性文件（征求意见稿）", "第一条 为了规范管理，制定本办法。",
                                                   "第二条 本办法自发布之日起施行。"]))
    assert staff.post("/console/consultations/new/", {**data, "draft_file": word}).status_code == 302
    c = Consultation.objects.get()
    assert c.draft_file.name.endswith(".docx") and "第一条 为了规范管理" in c.draft_text
    assert [a.label for a in c.articles.all()] == ["第一条", "第二条"]
    # Editing without a new file keeps the stored one.
    response = staff.post(f"/console/consultations/{c.pk}/edit/", {**data, "draft_text": c.draft_text,
                                                                  "title": "《某规范性文件（修改稿）》"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.title == "《某规范性文件（修改稿）》" and c.draft_file.name.endswith(".docx")
