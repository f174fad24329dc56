"""Header shapes from held-out set 9 (issue 12; real pages kept outside the repository).
Every text here is written for the test."""
from functools import partial

from gongkai.catalog.tests.shapes import fields_of as fields_of_text

BODY = "各乡镇人民政府，县直各部门：现将方案印发给你们，请结合实际认真贯彻执行。特此通知。\n"

fields_of = partial(fields_of_text, allow_empty_body=True)


def test_an_index_number_printed_with_spaces_around_its_slash_is_kept_whole():
    text = ("当前位置:首页 > 法规公文 > 政府文件\n"
            "索引号: 001122334 / 2019-00042 主题分类:\n"
            "发布机构: 示范县人民政府 发文日期: 2019-03-02\n"
            "文件标题: 县人民政府关于印发《示范县人民政府工作规则》的通知\n"
            "文 号: 示政发〔2019〕3号 主题词:\n" + BODY)
    f = fields_of(text)
    assert f["index_no"] == "001122334 / 2019-00042"
    assert f["subject"] is None
    assert f["doc_no"] == "示政发〔2019〕3号"
    assert f["title"] == "县人民政府关于印发《示范县人民政府工作规则》的通知"


def test_an_index_number_is_still_cut_at_a_space_before_other_words():
    f = fields_of("索引号: 001122334/2019-00042 公开 方式\n发布机构: 示范县人民政府\n" + BODY)
    assert f["index_no"] == "001122334/2019-00042"


def test_a_bare_date_in_a_byline_is_no_publish_date_even_under_a_header():
    # The last bullet of the catalogue holds the headline and the site's byline (`日期:… 来源:…`):
    # a bare 日期 is no publish-date label, so the page has no 发布日期.
    text = ("• 信息索引号:\n\n    11223344X/2015-00031\n\n"
            "  • 文件名称:\n\n    示范开发区防汛应急预案\n\n"
            "  • 发布机构:\n\n    示范经济开发区\n\n"
            "  • 成文日期:\n\n    2015-06-01\n\n"
            "  • 示范开发区防汛应急预案\n\n"
            "    日期:2015-06-01 00:00:00 来源:示范市人民政府办公室 浏览量:\n\n" + BODY)
    f = fields_of(text)
    assert f["index_no"] == "11223344X/2015-00031"
    assert f["title"] == "示范开发区防汛应急预案"
    assert f["publisher"] == "示范经济开发区"
    assert f["written_date"] == "2015-06-01"
    assert f["publish_date"] is None


def test_a_labelled_publish_time_in_a_byline_still_counts():
    text = ("示范县人民政府办公室关于印发示范县地震应急预案的通知\n"
            "发布时间:2020-04-11 08:33 信息来源:示范县政府办 阅读次数:\n" + BODY)
    assert fields_of(text)["publish_date"] == "2020-04-11"


def test_a_bare_date_label_without_a_byline_beside_it_is_unchanged():
    # `日期:` as a catalogue item of its own (no 来源/浏览量 on the line) keeps its old reading.
    text = ("示范县人民政府关于做好春耕生产工作的通知\n"
            "索引号: 11223344/2022-00007\n发布机构: 示范县人民政府\n日期: 2022-03-01\n" + BODY)
    assert fields_of(text)["publish_date"] == "2022-03-01"


def test_a_doc_no_line_whose_number_was_left_blank_is_the_documents_own_doc_no():
    text = ("示范区某某街道办事处关于印发 《某某街道突发事件总体应急预案》的通知\n"
            "发布时间:2019-12-21 来源:示范区司法局 字体大小:\n"
            "某街发〔2017〕  号\n"
            "示范区某某街道办事处关于印发\n《某某街道突发事件总体应急预案》的通知\n" + BODY)
    f = fields_of(text)
    assert f["doc_no"] == "某街发〔2017〕号"
    assert f["title"] == "示范区某某街道办事处关于印发《某某街道突发事件总体应急预案》的通知"
    assert f["publish_date"] == "2019-12-21"


def test_a_year_in_brackets_inside_a_sentence_is_no_doc_no():
    text = ("示范县人民政府关于做好春耕生产工作的通知\n"
            "根据上级〔2017〕号文件精神,现就有关事项通知如下。\n" + BODY)
    assert fields_of(text)["doc_no"] is None


def test_an_empty_subject_at_a_line_end_does_not_take_a_code_on_the_next_line():
    # `所属主题:` is empty; the next line is the 规范性文件 registration number, not a subject.
    text = ("示范市人民政府关于在河滩地带实施禁牧的通告\n\n"
            "索 引 号:123400/2018-00042发布日期:2018-05-20公开范围:长期公开\n"
            "公开方式:主动公开发布机构:法制办所属主题:\n\nABCD201800012\n\n" + BODY)
    f = fields_of(text)
    assert f["subject"] is None
    assert f["publisher"] == "法制办"
    assert f["index_no"] == "123400/2018-00042"
    assert f["publish_date"] == "2018-05-20"


def test_a_subject_in_words_on_the_next_line_is_still_read():
    text = ("示范县人民政府关于做好春耕生产工作的通知\n"
            "索引号: 11223344/2022-00007\n主题分类:\n农业、林业\n发布机构: 示范县人民政府\n" + BODY)
    assert fields_of(text)["subject"] == "农业、林业"
