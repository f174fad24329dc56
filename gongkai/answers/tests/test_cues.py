from gongkai.answers.cues import (lead, passage_cue_hits, passage_lead_hits, question_cues, wants_list,
                                 wants_procedure)


def names(question):
    return [c.name for c in question_cues(question)]


def test_question_types():
    assert names("答复期限是多少个工作日？") == ["duration"]
    assert names("政府必须在多少日内答复?") == ["duration"]
    assert names("申请信息公开要交多少钱") == ["fee"]
    assert "fee" in names("申请政府信息公开需要收费吗?")
    assert "fee" in names("信息处理费多少钱")
    assert wants_procedure(question_cues("怎么申请政府信息公开"))
    assert wants_procedure(question_cues("如何提出申请"))
    assert not wants_procedure(question_cues("答复期限是多少个工作日"))
    assert "withhold" in names("政府拒绝公开的理由有哪些")
    assert "remedy" in names("申请了不答复怎么办")
    assert names("规范性文件三统一指什么") == []


def test_passage_hits():
    cues = question_cues("答复期限是多少天，要收费吗")
    assert [c.name for c in cues] == ["duration", "fee"]
    assert passage_cue_hits(cues, "自收到申请之日起20个工作日内予以答复。") == 1
    assert passage_cue_hits(cues, "行政机关依申请提供政府信息，不收取费用。") == 1
    assert passage_cue_hits(cues, "能够当场答复的，不收取费用。") == 2
    assert passage_cue_hits(cues, "本条例自公布之日起施行。") == 0


def test_fee_is_about_paying():
    assert "fee" in names("哪些情况下可以免收费用?")
    assert "fee" in names("申请要交费用吗")
    # a question that mentions money it is not asked to pay is not a fee question
    assert "fee" not in names("要求查清这些人的单位和费用来源，为什么不按申请处理？")
    cues = question_cues("要收费吗")
    assert passage_cue_hits(cues, "行政机关依申请提供政府信息，不收取费用。") == 1
    assert passage_cue_hits(cues, "（八）行政事业性收费项目及其依据、标准；") == 0


def test_withheld_is_the_predicate_of_a_rule():
    cues = question_cues("哪些信息不予公开")
    assert passage_cue_hits(cues, "公开后可能危及国家安全的政府信息，不予公开。") == 1
    assert passage_cue_hits(cues, "内部事务信息，可以不予公开。") == 1
    assert passage_cue_hits(cues, "行政机关应当对不予公开的内容说明理由。") == 0


def test_lead_and_list_questions():
    assert lead("第十六条 内部事务信息，可以不予公开。\n过程性信息，可以不予公开。") == "内部事务信息，可以不予公开"
    assert lead("第五十条 年度报告应当包括下列内容：\n(一)主动公开的情况；") == "年度报告应当包括下列内容"
    cues = question_cues("政府拒绝公开的理由有哪些")
    assert passage_lead_hits(cues, "第十四条 危及国家安全的政府信息，不予公开。") == 1
    # 不予公开 only in a later item: the article mentions it, it is not about it
    assert passage_lead_hits(cues, "第三十六条 对申请，分别作出答复：\n(三)决定不予公开的，告知申请人不予公开。") == 0
    assert wants_list("政府拒绝信息公开的理由") and wants_list("哪些情形不予公开") and wants_list("不答复怎么办")
    assert not wants_list("答复期限是多少个工作日")


def test_what_to_do_is_not_always_a_remedy():
    assert "remedy" not in names("申请内容不明确怎么办")
    assert "remedy" in names("政府信息公开申请没答复怎么办") and "remedy" in names("对答复不服怎么办")


def test_no_reply_is_a_remedy_question_only_when_nothing_else_is_asked():
    assert names("申请了不答复怎么办") == ["remedy"]
    assert names("乡政府一直不答复，最长能拖多久？") == ["duration"]
    assert names("征求意见时第三方不回复，算不算同意公开？") == ["define"]
    assert set(names("没有答复，多少日内可以申请行政复议？")) == {"duration", "remedy"}
