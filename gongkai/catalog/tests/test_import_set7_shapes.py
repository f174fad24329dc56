"""Header and title shapes from held-out set 7 (issue 12; real pages kept outside the repository).
Every text here is written for the test."""
from gongkai.catalog.importing.header import prepare
from gongkai.catalog.importing.services import document_extract


def fields_of(text, name="page.txt"):
    return document_extract(name=name, data=text.encode("utf-8"), allow_empty_body=True).fields


def test_a_dash_list_is_a_bullet_list_of_labels():
    # A catalogue rendered as a Markdown-like list: `- label:value`, the last items empty.
    text = ("- 索引号:XY100202300007\n- 主题分类:其他\\其他\n- 发文机关:示范区人民政府示范街道办事处\n"
            "- 成文日期:2023-04-02\n- 发文字号:示街办〔2023〕5号\n- 发布日期:2023-04-06\n- 生效日期:\n"
            "- 失效日期:\n- 文件状态:\n示范街道办事处文件\n示街办〔2023〕5号\n"
            "关于印发《示范街道防台防汛应急预案》的通知\n"
            "机关各部门、各居民区：现将预案印发给你们，请结合实际认真遵照执行。特此通知。\n")
    f = fields_of(text)
    assert f["index_no"] == "XY100202300007"
    assert f["subject"] == "其他\\其他"
    assert f["publisher"] == "示范区人民政府示范街道办事处"
    assert f["written_date"] == "2023-04-02"
    assert f["publish_date"] == "2023-04-06"
    assert f["doc_no"] == "示街办〔2023〕5号"
    assert f["title"] == "关于印发《示范街道防台防汛应急预案》的通知"
    assert not f["validity"]


def test_a_dash_glued_to_its_text_is_no_list_marker():
    assert not prepare("-1-").bullet and prepare("-1-").shown == "-1-"
    assert not prepare("--").bullet
    assert prepare("- 索引号:1").bullet and prepare("- 索引号:1").shown == "索引号:1"


def test_a_generation_date_label_with_a_prefix_is_the_written_date():
    # `公文生成日期`, `信息生成日期`: the 生成日期 of a catalogue, a written-date label (below 成文日期).
    text = ("• 索 引 号:XM01234-0101-2024-00003\n• 发布机构:示范县人民政府\n• 公文生成日期:2024-03-05\n"
            "示范县人民政府关于发布森林防火禁火令的通告\n"
            "近期气候干燥，森林火险等级高，县人民政府决定发布森林防火禁火令，全县禁止一切野外用火。\n")
    f = fields_of(text)
    assert f["written_date"] == "2024-03-05"
    assert f["index_no"] == "XM01234-0101-2024-00003"
    assert f["publisher"] == "示范县人民政府"
    text2 = text.replace("公文生成日期:2024-03-05", "信息生成日期:2024-03-06").replace(
        "• 发布机构:示范县人民政府\n", "• 发布机构:示范县人民政府\n• 成文日期:2024-03-01\n")
    assert fields_of(text2)["written_date"] == "2024-03-01"  # 成文日期 ranks first


def test_a_docno_line_that_lost_its_closing_bracket_and_hao():
    # The page dropped the characters around digits (its body reads `2024820日`): `某府发〔20248`
    # under the headline is 某府发〔2024〕8号 - the year has four digits.
    text = ("示范县人民政府关于继续执行森林防火封山令的通告\n字体:\n示范府发〔20248\n示范县人民政府\n"
            "关于继续执行森林防火封山令的通告\n"
            "经县政府研究同意，决定继续执行2024820日发布的封山令，直至森林火险红色预警解除为止。\n特此通告。\n")
    f = fields_of(text)
    assert f["doc_no"] == "示范府发〔2024〕8号"
    assert f["title"] == "示范县人民政府关于继续执行森林防火封山令的通告"
    trad = text.replace("示范府发〔20248", "示範府發〔202412號")
    assert fields_of(trad)["doc_no"] == "示範府發〔2024〕12號"


def test_a_bracketed_year_in_a_sentence_is_no_docno():
    text = ("示范县人民政府关于做好秋季防火工作的通知\n各乡镇人民政府：\n请于〔2024年\n"
            "十月底前完成检查并报送情况。\n")
    assert fields_of(text)["doc_no"] is None
