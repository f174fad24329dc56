"""Shapes of questions found on a held-out set of real questions (session 8): a date rule is not a
duration, a definition question wants the article that defines its word, a question the site does not
answer says so even when a passage shares a cue, and a FAQ entry is the visitor's question only when
the two share words. The texts here are written for the tests."""
import datetime as dt

import pytest

from gongkai.answers import selectors, semantic
from gongkai.answers.cues import passage_cue_hits, passage_lead_hits, question_cues
from gongkai.answers.selectors import answer_question, faq_candidates
from gongkai.answers.sources import statute_import
from gongkai.search.query import parse_question

RULES = """https://example.invalid/rules
示范县政务公开目录管理规定

第一条 为了规范政务公开目录的编制，制定本规定。

第二条 本规定所称公开目录，是指行政机关按照统一格式编排的政府信息索引、名称、内容概述和生成日期。

第三条 本规定所称公开指南，是指行政机关说明获取政府信息方式和工作机构联系方式的文书。

第四条 公开目录应当每季度核对一次，发现遗漏的应当在10个工作日内补录。
"""


def names(question):
    return [c.name for c in question_cues(question)]


def test_duration_is_how_long_not_any_time_or_limit():
    assert "duration" not in names("申请书的收到时间以哪天为准？")
    assert "duration" not in names("同一个人申请次数明显超过合理范围会怎样？")
    assert "duration" in names("依申请公开的答复时间是多久？")
    assert "duration" in names("答复时间是多少个工作日")
    assert "duration" in names("要等多长时间才有结果")


def test_definition_cue_wants_the_article_defining_the_asked_word():
    question = "什么是公开目录？"
    cues = question_cues(question)
    assert [c.name for c in cues] == ["define"]
    mine = "第二条 本规定所称公开目录，是指按照统一格式编排的政府信息索引。"
    other = "第三条 本规定所称公开指南，是指说明获取方式的文书。"
    assert passage_cue_hits(cues, mine, question) == 1 and passage_lead_hits(cues, mine, question) == 1
    assert passage_cue_hits(cues, other, question) == 0 and passage_lead_hits(cues, other, question) == 0
    assert "define" in names("信息处理费是指什么") and "define" not in names("公开目录多久更新一次")


@pytest.fixture
def rules(tmp_path, city):
    path = tmp_path / "rules.txt"
    path.write_text(RULES, encoding="utf-8")
    return statute_import(path=path, agency=city, key="statute:rules", doc_no="示县政办〔2025〕3号",
                          publisher="示范县人民政府办公室", date=dt.date(2025, 3, 1))


@pytest.mark.django_db
def test_definition_question_is_answered_by_its_definition(qa_world, rules):
    result = answer_question(question="什么是公开目录？", use_faq=False)
    assert result.answers[0].source_title == "示范县政务公开目录管理规定"
    assert result.answers[0].article == "第二条"


@pytest.mark.django_db
def test_best_passage_about_something_else_is_no_answer(qa_world, faq, monkeypatch):
    asked = "申请政府信息公开，多少个工作日内答复？"
    assert answer_question(question=asked).answers  # the model reads it as the 第三条 it is
    # a model that finds nothing like the question in any passage: the duration cue and shared
    # words alone do not make an answer, and the FAQ on anonymity (not this question) stays out
    monkeypatch.setattr(semantic, "similarities", lambda query, texts: [0.1] * len(texts))
    result = answer_question(question=asked)
    assert result.answers == [] and result.fallback["links"][0]["url"] == "/apply/"
    assert answer_question(question=asked, use_faq=False).answers == []
    # the FAQ entry that *is* the question still answers it
    assert answer_question(question="申请政府信息公开可以匿名吗？").answers[0].kind == "faq"


@pytest.mark.django_db
def test_faq_is_the_question_only_when_they_share_words(qa_world, faq, monkeypatch):
    # a model that calls every question the same as every FAQ variant
    monkeypatch.setattr(semantic, "similarities", lambda query, texts: [0.9] * len(texts))

    def same(question):
        terms = [t.text for t in parse_question(question).terms]
        return faq_candidates(question=question, terms=terms, cues=question_cues(question))[0][2]

    assert same("申请政府信息公开能不能匿名") >= selectors.FAQ_SAME
    assert same("依申请提供的材料是纸质还是电子的？") < selectors.FAQ_SAME
