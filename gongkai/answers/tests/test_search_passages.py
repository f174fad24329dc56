"""智能问答: passages with article numbers, in-force documents first, nothing invented."""
import pytest

from gongkai.search.selectors import answer_question
from gongkai.search.passages import split_passages


def test_split_articles_and_paragraphs():
    parts = split_passages("第一章 总则\n第一条 为了规范工作，制定本规定。\n（一）第一项内容很长很长。\n第二条 本规定自发布之日起施行。")
    assert [(p.article_no, p.heading) for p in parts] == [("第一条", "第一章 总则"), ("第二条", "第一章 总则")]
    assert "（一）第一项" in parts[0].text
    paras = split_passages("一、总体要求\n坚持以公开为常态、不公开为例外。\n二、重点任务\n推进决策公开和执行公开。")
    assert [(p.heading, p.text) for p in paras] == [("一、总体要求", "坚持以公开为常态、不公开为例外。"),
                                                  ("二、重点任务", "推进决策公开和执行公开。")]


@pytest.mark.django_db
def test_question_returns_articles_in_force_first(corpus):
    result = answer_question(question="依申请公开的答复期限是多少个工作日？")
    assert "工作日" in result.terms and "是多少" not in result.terms
    first = result.answers[0]
    assert first.document.pk == corpus["regulation"].pk
    assert first.passage.article_no == "第三条"
    assert "20个工作日" in first.passage.text
    assert first.in_force and first.document.doc_no == "示政令〔2019〕1号"
    abolished = [a for a in result.answers if a.document.pk == corpus["old_regulation"].pk]
    assert abolished and not abolished[0].in_force
    positions = {a.document.pk: i for i, a in enumerate(result.answers)}
    in_force = [i for a, i in ((a, positions[a.document.pk]) for a in result.answers) if a.in_force]
    assert positions[corpus["old_regulation"].pk] > max(in_force)
    # Every answer is verbatim text of a published document.
    for a in result.answers:
        assert a.passage.text.replace("\n", "") in a.document.body_text.replace("\n", "")
    data = result.to_dict()["answers"][0]
    assert data["article_no"] == "第三条" and data["validity_label"] == "有效"


@pytest.mark.django_db
def test_question_in_traditional_characters(corpus):
    result = answer_question(question="答覆期限是多少個工作日")
    assert result.answers and result.answers[0].document.pk == corpus["regulation"].pk


@pytest.mark.django_db
def test_question_without_content_words(corpus):
    assert answer_question(question="请问是什么？").answers == []
