"""Passages for the 问答: articles and paragraphs, and the candidates `passage_candidates` returns."""
import pytest

from gongkai.search.models import Passage
from gongkai.search.passages import split_passages
from gongkai.search.selectors import passage_candidates


def test_split_articles_and_paragraphs():
    parts = split_passages("第一章 总则\n第一条 为了规范工作，制定本规定。\n（一）第一项内容很长很长。\n第二条 本规定自发布之日起施行。")
    assert [(p.article_no, p.heading) for p in parts] == [("第一条", "第一章 总则"), ("第二条", "第一章 总则")]
    assert "（一）第一项" in parts[0].text
    paras = split_passages("一、总体要求\n坚持以公开为常态、不公开为例外。\n二、重点任务\n推进决策公开和执行公开。")
    assert [(p.heading, p.text) for p in paras] == [("一、总体要求", "坚持以公开为常态、不公开为例外。"),
                                                  ("二、重点任务", "推进决策公开和执行公开。")]


@pytest.mark.django_db
def test_passage_candidates(corpus):
    rows = passage_candidates(question="依申请公开的答复期限是多少个工作日？")
    assert rows and all(isinstance(pk, int) and isinstance(score, float) for pk, score in rows)
    passages = Passage.objects.in_bulk([pk for pk, _s in rows])
    first = passages[rows[0][0]]
    assert first.entry.document_id in (corpus["regulation"].pk, corpus["old_regulation"].pk)
    assert any(p.article_no == "第三条" and "20个工作日" in p.text for p in passages.values())
    assert [s for _pk, s in rows] == sorted((s for _pk, s in rows), reverse=True)
    assert len(passage_candidates(question="依申请公开的答复期限是多少个工作日？", limit=1)) == 1
    assert passage_candidates(question="请问是什么？") == []
    # Unpublished text is never a candidate.
    draft_ids = set(Passage.objects.filter(entry__document=corpus["draft"]).values_list("pk", flat=True))
    assert not draft_ids & {pk for pk, _s in passage_candidates(question="政务公开草稿内容")}
