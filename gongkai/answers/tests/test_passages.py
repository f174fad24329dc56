"""Passage kinds: tables and statistics lines are never passages."""
from gongkai.search.passages import passage_kind, split_passages


def test_kinds():
    assert passage_kind("第三条 不能当场答复的……", article_no="第三条") == "article"
    assert passage_kind("（一）同一申请人一个自然月内累计申请10件以下(含10件)的,不收费。") == "item"
    assert passage_kind("不能当场答复的，自收到申请之日起15个工作日内予以答复。", heading="（二）办理时限") == "section"
    assert passage_kind("坚持以公开为常态、不公开为例外。") == "paragraph"
    assert passage_kind("收到申请数 | 12 | 10 | 2") == "table"
    assert passage_kind("自然人\t商业企业\t科研机构") == "table"
    # Four figures with little text around them: a flattened 年报 row.
    assert passage_kind("一、主动公开 3 5 7 9 10") == "statistics"
    # Prose quoting a few figures stays prose.
    assert passage_kind("主动公开政府信息 125 条，其中规章 3 件、规范性文件 12 件。") == "paragraph"


def test_split_drops_tables_and_statistics():
    text = ("一、总体情况\n本机关全年主动公开政府信息，答复依申请公开事项。\n"
            "新收政府信息公开申请 | 12 | 3 | 0 | 15\n本年新收 12 3 0 0 1 16\n"
            "二、存在的问题\n公开的及时性还需提高。")
    parts = split_passages(text)
    assert [(p.kind, p.text) for p in parts] == [
        ("section", "本机关全年主动公开政府信息，答复依申请公开事项。"),
        ("section", "公开的及时性还需提高。")]


def test_split_articles_are_articles():
    parts = split_passages("第一条 为了规范工作，制定本规定。\n第二条 本规定自发布之日起施行，有效期 3 年 5 个月 2 日 1 次。")
    assert [p.kind for p in parts] == ["article", "article"]


def test_items_stay_with_their_article():
    text = ("第五十条 年度报告应当包括下列内容：\n(一)主动公开政府信息的情况；\n(二)收到和处理申请的情况；\n"
            "全国政府信息公开工作主管部门应当公布年度报告统一格式。\n第五十一条 可以依法申请行政复议或者提起行政诉讼。")
    parts = split_passages(text)
    assert [p.article_no for p in parts] == ["第五十条", "第五十一条"]
    assert parts[0].text.startswith("第五十条 年度报告应当包括下列内容") and "(二)收到和处理申请的情况" in parts[0].text
    assert "统一格式" in parts[0].text and parts[0].kind == "article"
