"""The 问答: statute import, ranking with cues and authority, the FAQ, the fallback, page, API, command."""
import io
import json

import pytest
from django.core.management import call_command
from ninja.testing import TestClient

from gongkai.answers.api import router
from gongkai.answers.models import AnswerSource, Faq, FaqStatus, SourceKind
from gongkai.answers.selectors import answer_question
from gongkai.answers.services import faq_create, faq_transition, faq_update
from gongkai.answers.sources import statute_import
from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Status
from gongkai.core.errors import PermissionDeniedError, TransitionError, UserFacingError
from gongkai.search.models import Passage
from gongkai.search.selectors import search_documents


@pytest.mark.django_db
def test_statute_import(qa_world, statute_file, city):
    statute = qa_world["statute"]
    assert statute.title == "示范市政府信息公开办法" and statute.status == Status.PUBLISHED
    assert statute.doc_no == "示政令〔2024〕1号" and statute.validity == "valid"
    assert AnswerSource.objects.get(document=statute).kind == SourceKind.STATUTE
    articles = list(Passage.objects.filter(entry__document=statute).values_list("article_no", flat=True))
    assert articles == ["第一条", "第二条", "第三条", "第四条"]
    # Annotations, line 1 and the secondary part are not the text.
    assert "annotation" not in statute.body_text and "据报道" not in statute.body_text
    assert "example.invalid" not in statute.body_text
    # Importing again returns the same document; an absent file is skipped quietly.
    assert statute_import(path=statute_file, agency=city, key="statute:test").pk == statute.pk
    assert statute_import(path=statute_file.parent / "missing.txt", agency=city, key="statute:none") is None


@pytest.mark.django_db
def test_guide_page_is_searchable(qa_world):
    result = search_documents(query="15个工作日")
    ids = [h.document.pk for h in result.hits]
    assert qa_world["guide"].pk in ids and qa_world["statute"].pk in ids
    assert AnswerSource.objects.get(document=qa_world["guide"]).kind == SourceKind.GUIDE


@pytest.mark.django_db
def test_duration_question_answers_from_the_statute(qa_world):
    result = answer_question(question="申请政府信息公开，多少个工作日内答复？")
    first = result.answers[0]
    # The 条例-like statute and the 指南 say it alike; both outrank ordinary documents.
    assert first.source_title in ("示范市政府信息公开办法", "示范市政府信息公开指南")
    assert "15个工作日内予以答复" in first.text and first.validity == "有效"
    statute = next(a for a in result.answers if a.source_title == "示范市政府信息公开办法")
    assert statute.article == "第三条" and result.answers.index(statute) <= 1
    assert "15个工作日内予以答复" in first.sentence and "<mark" in str(first.text_html)
    assert result.fallback is None
    titles = [a.source_title for a in result.answers]
    # The abolished rule comes after everything in force; the annual report never answers first.
    if "示范市政府信息公开暂行规定" in titles:
        old = titles.index("示范市政府信息公开暂行规定")
        assert all(not a.in_force or i < old for i, a in enumerate(result.answers))
        assert result.answers[old].in_force is False
    assert not result.answers[0].annual_report
    for a in result.answers:
        assert "| 12 |" not in a.text  # a table row is never an answer


@pytest.mark.django_db
def test_fee_and_procedure_cues(qa_world):
    fee = answer_question(question="申请政府信息要收费吗")
    assert fee.answers[0].article == "第四条" and "不收取费用" in fee.answers[0].text
    apply = answer_question(question="怎么申请政府信息公开")
    assert apply.answers[0].source_title in ("示范市政府信息公开办法", "示范市政府信息公开指南")
    assert "书面形式" in apply.answers[0].text or "在线申请" in apply.answers[0].text
    assert [link["url"] for link in apply.links] == ["/apply/", "/xxgk/guide/"]
    assert fee.links == []


@pytest.mark.django_db
def test_faq_wins_when_it_matches(qa_world, faq):
    result = answer_question(question="申请政府信息公开能匿名吗")
    first = result.answers[0]
    assert result.faq and first.kind == "faq" and first.text == faq.answer
    assert first.source_url == "/apply/" and "示范市政府信息公开办法 第二条" in first.source_title
    # Passages follow the FAQ answer.
    assert len(result.answers) > 1 and result.answers[1].kind != "faq"
    # Without the FAQ (the bench's second measure) it is not there.
    assert all(a.kind != "faq" for a in answer_question(question="申请政府信息公开能匿名吗", use_faq=False).answers)


@pytest.mark.django_db
def test_draft_faq_is_not_used_and_publish_runs_the_review(city, qa_world, office_city, dept_a, make_user):
    draft = faq_create(agency=city, actor=office_city, questions="可以匿名申请吗",
                       answer="不可以匿名。")
    assert draft.status == FaqStatus.DRAFT
    assert all(a.kind != "faq" for a in answer_question(question="可以匿名申请吗").answers)
    secret = faq_create(agency=city, actor=office_city, questions="内部文件能公开吗",
                        answer="【内部资料】本问题的答复见附件。")
    with pytest.raises(TransitionError):
        faq_transition(faq=secret, action="publish", actor=office_city)
    assert Faq.objects.get(pk=secret.pk).status == FaqStatus.DRAFT
    published = faq_transition(faq=draft, action="publish", actor=office_city)
    assert published.status == FaqStatus.PUBLISHED and published.published_at
    assert AuditEntry.objects.filter(action="faq.publish").count() == 1
    # Editing a published FAQ sends it back to draft.
    edited = faq_update(faq=published, actor=office_city, questions="可以匿名申请吗", answer="不可以。")
    assert edited.status == FaqStatus.DRAFT
    editor = make_user("ed", dept_a, "editor")
    with pytest.raises(PermissionDeniedError):
        faq_create(agency=city, actor=editor, questions="问", answer="答")
    with pytest.raises(UserFacingError):
        faq_create(agency=city, actor=office_city, questions="  \n ", answer="答")
    with pytest.raises(UserFacingError):
        faq_create(agency=city, actor=office_city, questions="问", answer="答", sources="条例 | javascript:x")


@pytest.mark.django_db
def test_unanswerable_question_points_to_the_form(qa_world):
    result = answer_question(question="火星基地的天气怎么样")
    assert result.answers == []
    assert [link["url"] for link in result.fallback["links"]] == ["/apply/", "/xxgk/guide/",
                                                                  "/xxgk/guide/#contact-title"]
    assert result.to_dict() == {"answers": [], "fallback": result.fallback}


def qa_world_faq_answer():
    return Faq.objects.get().answer


@pytest.mark.django_db
def test_ask_command_json(qa_world, faq):
    out = io.StringIO()
    call_command("ask", "申请政府信息公开，多少个工作日内答复？", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"answers", "fallback"} and data["fallback"] is None
    first = data["answers"][0]
    assert set(first) == {"text", "source_title", "source_url", "article", "validity", "score"}
    assert "15个工作日内予以答复" in first["text"]
    urls = {qa_world["statute"].get_absolute_url(): "第三条", qa_world["guide"].get_absolute_url(): ""}
    assert urls[first["source_url"]] == first["article"]
    assert first["validity"] == "有效"
    assert [a["score"] for a in data["answers"]] == sorted((a["score"] for a in data["answers"]), reverse=True)
    assert all(a["text"] != qa_world_faq_answer() for a in data["answers"])  # an unrelated FAQ stays out
    page = answer_question(question="申请政府信息公开，多少个工作日内答复？").to_dict()
    assert data == page  # the command prints what the page shows
    out = io.StringIO()
    call_command("ask", "火星基地的天气怎么样", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["answers"] == [] and data["fallback"]["links"][0]["url"] == "/apply/"


@pytest.mark.django_db
def test_page_and_api(client, qa_world, faq):
    html = client.get("/search/qa/", {"q": "申请政府信息公开，多少个工作日内答复？"}).content.decode()
    assert html.count("<h1") == 1 and "第三条" in html and "answer-sentence" in html
    empty = client.get("/search/qa/", {"q": "火星基地的天气怎么样"}).content.decode()
    assert 'href="/apply/"' in empty and 'href="/xxgk/guide/#contact-title"' in empty
    assert client.get("/search/qa/").status_code == 200
    api = TestClient(router)
    data = api.get("/?q=申请政府信息公开能匿名吗").json()
    assert data["answers"][0]["text"] == faq.answer and data["fallback"] is None
    assert api.get("/?q=%20").status_code == 400


@pytest.mark.django_db
def test_console_faq(client, office_city, qa_world):
    client.force_login(office_city)
    page = client.get("/console/answers/")
    assert page.status_code == 200
    r = client.post("/console/answers/", {"agency": qa_world["statute"].agency_id, "questions": "怎么查年报",
                                          "answer": "在“政府信息公开年报”栏目查阅。", "sources": ""})
    assert r.status_code == 302
    item = Faq.objects.get(questions="怎么查年报")
    r = client.post(f"/console/answers/{item.pk}/action/", {"action": "publish"})
    assert r.status_code == 302 and Faq.objects.get(pk=item.pk).status == FaqStatus.PUBLISHED


@pytest.mark.django_db
def test_edited_guide_page_is_republished(qa_world):
    page = qa_world["page"]
    page.body_html = page.body_html.replace("15个工作日", "10个工作日")
    page.save()
    guide = AnswerSource.objects.get(key="page:guide").document
    guide.refresh_from_db()
    assert guide.pk == qa_world["guide"].pk and guide.status == Status.PUBLISHED
    assert "10个工作日" in guide.body_text and "15个工作日" not in guide.body_text
    assert guide.pk in [h.document.pk for h in search_documents(query="10个工作日").hits]


@pytest.mark.django_db
def test_embed_passages_command(qa_world):
    from gongkai.answers import semantic
    from gongkai.answers.models import TextVector

    texts = [f"{p.heading} {p.text}" if p.heading else p.text for p in Passage.objects.all()]
    assert len(set(texts)) == len(texts)
    missing = semantic.known(texts).count(False)
    assert missing > 0  # the ordinary documents' passages were never embedded
    out = io.StringIO()
    call_command("embed_passages", "--batch", "3", stdout=out)
    assert all(semantic.known(texts)) and TextVector.objects.count() >= len(texts)
    assert f"已处理段落 {len(texts)} 段，新计算向量 {missing} 个" in out.getvalue()
    out = io.StringIO()
    call_command("embed_passages", stdout=out)
    assert "新计算向量 0 个" in out.getvalue()


@pytest.mark.django_db
def test_faq_source_without_link_points_to_the_statute(city, qa_world):
    item = faq_create(agency=city, actor=None, questions="政府信息公开要收费吗",
                      answer="不收取费用；数量明显超过合理范围的，可以收取信息处理费。",
                      sources="示范市政府信息公开办法 第四条")
    faq_transition(faq=item, action="publish", actor=None)
    first = answer_question(question="政府信息公开要收费吗").answers[0]
    assert first.kind == "faq" and first.source_url == qa_world["statute"].get_absolute_url()
