"""Answer units: a guide section's paragraphs together; for list questions a run of articles."""
from gongkai.answers.selectors import MIN_SCORE, Answer, answer_unit


def article(ordinal, score, *, lead=0, heading="第二章 公开的主体和范围", doc=1):
    return Answer(text=f"第{ordinal}条 正文{ordinal}。", source_title="条例", source_url="/d/1/",
                  article=f"第{ordinal}条", heading=heading, score=score, kind="article",
                  parts=(0, 0, 0, 0, 0, lead), document_id=doc, ordinal=ordinal)


def test_list_question_takes_the_run_of_articles():
    answers = [article(14, 1.3, lead=1), article(36, 1.2, heading="第四章"), article(15, 1.0, lead=1),
               article(16, 0.95, lead=1), article(17, 1.25), article(13, 0.9, doc=2)]
    first, *rest = answer_unit(answers, list_question=True)
    # 15 and 16 state the question's type in their lead; 17 scores near the first (≥ 0.9 of it)
    assert first.article == "第14条、第15条、第16条、第17条"
    assert first.text.startswith("第14条") and "第16条" in first.text and first.score == 1.3
    assert [a.article for a in rest] == ["第36条", "第13条"]
    # not a list question: the article alone
    assert answer_unit(answers, list_question=False)[0].article == "第14条"


def test_run_takes_chapter_mates_whose_lead_states_the_type():
    answers = [article(47, 1.4, lead=1, heading="第五章"), article(39, 1.3, lead=1, heading="第四章"),
               article(51, 1.0, lead=1, heading="第五章"), article(49, 1.2, heading="第五章"),
               article(52, MIN_SCORE - 0.1, lead=1, heading="第五章")]
    first = answer_unit(answers, list_question=True)[0]
    assert first.article == "第47条、第51条"  # 39 is another chapter, 49 not about it, 52 too weak


def test_guide_section_paragraphs_answer_together():
    def para(ordinal, heading, score):
        return Answer(text=f"段落{ordinal}", source_title="指南", source_url="/d/2/", heading=heading,
                      score=score, kind="section", parts=(0,) * 6, document_id=2, ordinal=ordinal)
    answers = [para(8, "（二）申请方式", 1.1), para(11, "（四）办理时限", 1.0), para(7, "（二）申请方式", 0.7),
               para(9, "（二）申请方式", 0.6)]
    first, *rest = answer_unit(answers, list_question=False)
    assert first.text == "段落7\n段落8\n段落9" and first.heading == "（二）申请方式"
    assert [a.text for a in rest] == ["段落11"]


def test_the_marked_sentence_is_the_rule_not_its_extension():
    from gongkai.answers.cues import question_cues
    from gongkai.answers.selectors import _best_sentence

    text = ("第九条 机关收到咨询，能够当场答复的，应当当场答复。机关不能当场答复的，应当自收到咨询之日起15个工作日内"
            "予以答复；需要延长答复期限的，经负责人同意，延长的期限最长不得超过15个工作日。")
    question = "咨询的答复期限是多少个工作日"
    terms = ["咨询", "答复", "期限", "答复期限", "工作日"]
    assert _best_sentence(text, terms, question_cues(question)).startswith("机关不能当场答复的")
