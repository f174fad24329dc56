"""Shapes found on a second held-out set of real questions (set B, session 9): a question says
"方式" where the article says "途径"; a chapter heading or a cited title is not what an article is
about; "立法目的" asks for the article "为了……，制定本办法"; an answer may need a second article that
holds the rest of the question; a passage that holds none of the question's distinctive words does
not answer it. The texts here are written for the tests."""
import datetime as dt

import pytest

from gongkai.answers import semantic
from gongkai.answers.cues import passage_cue_hits, passage_lead_hits, question_cues, term_variants
from gongkai.answers.selectors import SEMANTIC_SURE, Answer, _complement, answer_question, answer_unit
from gongkai.answers.words import coverage as _coverage, distinct as _distinct
from gongkai.answers.services import faq_create, faq_transition
from gongkai.answers.sources import statute_import

OPEN_DATA = """https://example.invalid/open-data
示范区公共数据开放办法

第一章 总则

第一条 为了促进公共数据开放利用，根据《示范市政府信息公开办法》，制定本办法。

第二章 开放和利用

第二条 开放平台应当提供数据检索、预览、下载等途径。

第三条 涉及个人隐私的公共数据，开放主体不得开放。
"""


def test_a_question_word_counts_when_the_article_uses_its_synonym():
    assert "途径" in term_variants("方式") and "不予提供" in term_variants("不予公开")
    assert term_variants("平台") == ("平台",)
    assert _coverage(["方式"], "开放平台应当提供数据检索、预览、下载等途径。") == 1.0
    assert _coverage(["多久"], "申请人应当在收到通知之日起10个工作日内补正。") == 0.0


def test_chapter_headings_and_cited_titles_are_not_what_an_article_is_about():
    # a word only in a statute chapter's heading is shared by every article of the chapter
    assert _coverage(["利用", "下载"], "开放平台应当提供下载途径。", heading="第二章 开放和利用", article=True) == 0.75
    # a guide section's heading is that section's subject
    assert _coverage(["利用", "下载"], "开放平台应当提供下载途径。", heading="（二）开放和利用") == 1.0
    # a title the text cites names another document; the document's own title counts
    cites = "第一条 为了促进公共数据开放利用，根据《示范市政府信息公开办法》，制定本办法。"
    assert _coverage(["信息公开"], cites) == 0.0
    assert _coverage(["信息公开"], cites, title="示范市政府信息公开办法") == 1.0


def test_purpose_question_wants_the_first_article():
    question = "公共数据开放办法的立法目的是什么？"
    cues = question_cues(question)
    assert [c.name for c in cues] == ["purpose"]
    first = "第一条 为了促进公共数据开放利用，制定本办法。"
    assert passage_lead_hits(cues, first, question) == 1
    assert passage_cue_hits(cues, "第二条 开放平台应当提供数据检索、预览、下载等途径。", question) == 0
    assert "purpose" not in [c.name for c in question_cues("开放平台有哪些功能？")]


def test_refusing_to_provide_is_a_withholding_rule():
    cues = question_cues("需要汇总加工的数据可以不予公开吗？")
    assert passage_cue_hits(cues, "需要对现有数据进行汇总、加工的，开放主体可以不予提供。", "") == 1


def test_distinctive_words_are_the_ones_few_sources_hold():
    sources = ["开放平台应当提供下载途径。"] * 30 + ["开放主体应当留存开放记录。"]
    assert _distinct(["开放", "留存", "平台"], sources) == frozenset({"留存"})
    assert _distinct(["开放"], []) == frozenset()


def _article(article, ordinal, score, covered, asked, document_id=1):
    return Answer(text=f"{article} ……", source_title="示范区公共数据开放办法", source_url="/d/1/", article=article,
                  score=score, kind="article", parts=(0, 0, 0.5, 0, 0.12, 0), document_id=document_id,
                  ordinal=ordinal, covered=frozenset(covered), asked=frozenset(asked))


def test_an_article_is_joined_by_the_one_holding_the_rest_of_the_question():
    asked = {"个人隐私", "开放", "征求", "意见"}
    top = _article("第三条", 3, 1.30, {"个人隐私", "开放"}, asked)
    rest = _article("第九条", 9, 1.10, {"开放", "征求", "意见"}, asked)
    other = _article("第五条", 5, 1.20, {"开放"}, asked)
    assert _complement([top, other, rest], [top], most=4) is rest
    merged = answer_unit([top, other, rest], list_question=False)
    assert merged[0].article == "第三条、第九条" and merged[1] is other
    # too far below the first, from another document, or adding nothing: no second article
    assert _complement([top, _article("第九条", 9, 0.9, rest.covered, asked)], [top], most=4) is None
    assert _complement([top, _article("第九条", 9, 1.1, rest.covered, asked, document_id=2)], [top], most=4) is None
    assert _complement([top, _article("第九条", 9, 1.2, {"开放"}, asked)], [top], most=4) is None
    # an article that holds the whole question needs nothing
    whole = _article("第三条", 3, 1.3, asked, asked)
    assert _complement([whole, rest], [whole], most=4) is None


@pytest.fixture
def open_data(tmp_path, city, qa_world):
    path = tmp_path / "open_data.txt"
    path.write_text(OPEN_DATA, encoding="utf-8")
    return statute_import(path=path, agency=city, key="statute:open-data", doc_no="示区政办〔2025〕7号",
                          publisher="示范区人民政府办公室", date=dt.date(2025, 5, 1))


def _similarity(value):
    return lambda query, texts: [value] * len(texts)


@pytest.mark.django_db
def test_purpose_question_is_answered_by_the_documents_own_first_article(open_data, monkeypatch):
    monkeypatch.setattr(semantic, "similarities", _similarity(0.5))
    result = answer_question(question="公共数据开放办法的立法目的是什么？", use_faq=False)
    assert (result.answers[0].source_title, result.answers[0].article) == ("示范区公共数据开放办法", "第一条")


@pytest.mark.django_db
def test_a_passage_holding_none_of_the_distinctive_words_is_no_answer(open_data, monkeypatch):
    asked = "数据留存和销毁的期限是多久？"  # a 期限 the sources hold, nothing on 留存 or 销毁
    monkeypatch.setattr(semantic, "similarities", _similarity(SEMANTIC_SURE - 0.05))
    result = answer_question(question=asked, use_faq=False)
    assert result.answers == [] and result.fallback["links"][0]["url"] == "/apply/"
    # a passage the model finds close enough still answers
    monkeypatch.setattr(semantic, "similarities", _similarity(SEMANTIC_SURE + 0.05))
    assert answer_question(question=asked, use_faq=False).answers


@pytest.mark.django_db
def test_then_a_faq_answer_that_holds_them_may_answer(city, open_data, monkeypatch):
    item = faq_create(agency=city, actor=None, questions="开放记录保存多久？",
                      answer="开放主体的开放记录和数据留存期限为3年，期满后销毁。", sources="示范区公共数据开放办法")
    faq_transition(faq=item, action="publish", actor=None)
    monkeypatch.setattr(semantic, "similarities", _similarity(SEMANTIC_SURE - 0.05))
    result = answer_question(question="数据留存和销毁的期限是多久？")
    assert result.answers[0].kind == "faq" and result.fallback is None


@pytest.mark.django_db
def test_the_similarity_floor_keeps_the_article_defining_the_asked_word(qa_world, tmp_path, city, monkeypatch):
    path = tmp_path / "terms.txt"
    path.write_text("https://example.invalid/terms\n示范区数据名词规定\n\n第一条 为了统一用语，制定本规定。\n\n"
                    "第二条 本规定所称开放清单，是指开放主体按照统一格式编制的可开放数据目录。\n", encoding="utf-8")
    statute_import(path=path, agency=city, key="statute:terms", date=dt.date(2025, 1, 1))
    monkeypatch.setattr(semantic, "similarities", _similarity(0.2))  # a short question scores low
    result = answer_question(question="什么是开放清单？", use_faq=False)
    assert result.answers[0].article == "第二条"
    assert answer_question(question="开放清单多久更新？", use_faq=False).answers == []
