from gongkai.answers.cues import passage_cue_hits, question_cues, wants_procedure


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
