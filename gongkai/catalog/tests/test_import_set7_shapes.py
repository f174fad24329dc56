"""Header and title shapes from held-out set 7 (issue 12; real pages kept outside the repository).
Every text here is written for the test."""
from functools import partial

from gongkai.catalog.importing.header import prepare
from gongkai.catalog.tests.shapes import fields_of as fields_of_text


fields_of = partial(fields_of_text, allow_empty_body=True)


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


# --- structural rules seen across sets 5-7: unknown items never leak, the catalogue vocabulary ---

_BODY = ("各乡镇人民政府，县直各单位：\n现将《示范县公共资源管理办法》印发给你们，请认真贯彻执行。\n"
         "示范县人民政府办公室\n2023年5月6日\n")
_TITLE = "关于印发示范县公共资源管理办法的通知"


def test_a_line_led_by_an_unknown_colon_label_in_a_label_run_is_read():
    text = ("索引号:11/2023-001 信息类型:通知公告 发布机构:示范县政府办\n"
            "涉密状态:非涉密 成文日期:2023-05-06 文号:示政办〔2023〕3号\n" + _TITLE + "\n" + _BODY)
    f = fields_of(text)
    assert (f["written_date"], f["doc_no"], f["publisher"]) == ("2023-05-06", "示政办〔2023〕3号", "示范县政府办")


def test_a_body_line_led_by_an_unknown_label_is_no_header():
    text = (_TITLE + "\n联系人:张三 联系地址:示范县人民路1号\n" + _BODY)
    f = fields_of(text)
    assert f["publisher"] is None and f["publish_date"] is None


def test_an_unknown_item_in_a_no_colon_pair_row_does_not_leak_into_the_value_before_it():
    text = ("索引号 11/2023-001 目录分类 政府文件\n发布机构 示范县政府办 扩展分类 教育\n"
            "成文日期 2023-05-06 文号 示政办〔2023〕3号\n" + _TITLE + "\n" + _BODY)
    f = fields_of(text)
    assert f["publisher"] == "示范县政府办"
    assert f["index_no"] == "11/2023-001" and f["written_date"] == "2023-05-06"


def test_catalogue_synonyms_of_the_kept_fields():
    text = ("信息索引:11/2023-001\n信息标题:" + _TITLE + "\n信息文号:示政办〔2023〕3号\n公开主体:示范县政府办\n"
            "制发日期:2023-05-06\n信息发布日期:2023-05-08\n文件有效性:有效\n" + _BODY)
    f = fields_of(text)
    assert f["index_no"] == "11/2023-001" and f["title"] == _TITLE
    assert f["doc_no"] == "示政办〔2023〕3号" and f["publisher"] == "示范县政府办"
    assert (f["written_date"], f["publish_date"], f["validity"]) == ("2023-05-06", "2023-05-08", "有效")


def test_english_labels_of_a_bilingual_catalogue_page():
    text = ("Index No.: 11/2023-001\nIssued by: 示范县政府办\nDate of writing: 2023-05-06\n"
            "Document No.: 示政办〔2023〕3号\nTitle: " + _TITLE + "\n" + _BODY)
    f = fields_of(text)
    assert f["title"] == _TITLE  # never `Title: …`
    assert (f["index_no"], f["publisher"], f["written_date"], f["doc_no"]) == (
        "11/2023-001", "示范县政府办", "2023-05-06", "示政办〔2023〕3号")


def test_an_english_word_in_a_sentence_is_no_label():
    text = (_TITLE + "\n各单位：本办法的 Title 与 Subject 以中文为准，Validity 另行公布。\n" + _BODY)
    f = fields_of(text)
    assert f["title"] == _TITLE and f["subject"] is None and f["validity"] is None


def test_a_column_of_labels_then_a_column_of_values_is_paired_by_position():
    # a table rendered one cell per line: the first value line sits right under the LAST label
    text = "索引号\n发布机构\n成文日期\n11/2023-001\n示范县政府办\n2023-05-06\n" + _TITLE + "\n" + _BODY
    f = fields_of(text)
    assert (f["index_no"], f["publisher"], f["written_date"]) == ("11/2023-001", "示范县政府办", "2023-05-06")
    assert f["title"] == _TITLE


def test_a_row_of_labels_then_a_row_of_values_is_paired_by_position():
    for head, row in (("索引号 | 发布机构 | 成文日期 |", "11/2023-001 | 示范县政府办 | 2023-05-06 |"),
                      ("索引号 发布机构 成文日期 文号", "11/2023-001 示范县政府办 2023-05-06 示政办〔2023〕3号")):
        f = fields_of(head + "\n" + row + "\n" + _TITLE + "\n" + _BODY)
        assert (f["index_no"], f["publisher"], f["written_date"]) == ("11/2023-001", "示范县政府办", "2023-05-06")


def test_a_grid_whose_values_do_not_fit_is_left_alone():
    # the values are out of order (a date under 索引号): no positional pairing, no wrong field
    text = "索引号\n成文日期\n2023-05-06\n11/2023-001\n" + _TITLE + "\n" + _BODY
    f = fields_of(text)
    assert f["index_no"] is None  # never the date
    assert f["written_date"] == "2023-05-06"  # read line by line: the date under its own label
