"""Header shapes from held-out set 11 (issue 12; real pages kept outside the repository): a column
tag opening a 名称 value, labels of law databases and city catalogues (颁布单位, 公文时效), a table
whose label cells were lost, and a bare `时间:` byline under the headline. Every text here is
written for the test."""
from functools import partial

from gongkai.catalog.importing.header import header_pairs, prepare
from gongkai.catalog.tests.shapes import fields_of as fields_of_text

BODY = "各村（社区），镇直各单位：现将方案印发给你们，请结合实际认真贯彻执行。特此通知。\n"

fields_of = partial(fields_of_text, allow_empty_body=True)


def test_a_column_tag_opening_a_name_value_is_no_label():
    line = "名称: 【政策解读】关于做好示范镇春季防火工作的通知的文字解读 文号:"
    pairs = header_pairs(prepare(line))
    assert [p.label.label for p in pairs] == ["名称", "文号"]
    text = ("索引号: 12345678A/202103-00001 组配分类: 政策解读\n发布机构: 示范镇人民政府 主题分类: 综合政务\n"
            + line + "\n生成日期: 2021-03-31 发布日期: 2021-03-31\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "关于做好示范镇春季防火工作的通知的文字解读"
    assert f["doc_no"] is None
    assert f["subject"] == "综合政务"


def test_a_bracketed_label_opening_a_line_is_still_a_label():
    pairs = header_pairs(prepare("【发布机构】示范县人民政府办公室【成文日期】2020-03-05"))
    assert [p.label.label for p in pairs] == ["发布机构", "成文日期"]


def test_promulgating_body_and_document_time_limit_labels():
    text = ("颁布单位:示范市人民政府 | 文号: |\n颁布日期:2012-05-21 | 失效日期: |\n效力级别:地方政府规范性文件 |\n"
            "示范市人民政府关于加强环境保护工作的意见\n" + BODY)
    f = fields_of(text)
    assert f["publisher"] == "示范市人民政府"
    assert f["publish_date"] == "2012-05-21"
    assert f["doc_no"] is None
    assert f["validity"] is None
    text = ("索引号: | SFXXGK-2020-000001 | 主题分类: | 政务公开 |\n发文机构: | 示范市人民政府办公室 | 发文文号: | 示政发〔2020〕3号 |\n"
            "发文日期: | 2020年09月28日 | 发布日期: | 2020-09-30 15:34 |\n公文时效: | 有效 | 主办单位: | 示范办 |\n" + BODY)
    f = fields_of(text)
    assert f["validity"] == "有效"
    assert f["doc_no"] == "示政发〔2020〕3号"


def test_values_of_a_table_whose_labels_were_lost():
    text = ("政府信息公开\n示范区人民政府办公室关于印发示范区重污染天气应急预案的通知\n"
            "11223344556677889X-A/2023-1234567\n环境监测、保护与治理\n示政办字〔2023〕21号\n区政府办公室\n"
            "2023-12-15\n2023-12-15\n2024-11-20\n废止\n"
            "2024年11月20日，经区政府同意，修订后的预案印发，原预案同时废止。\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "示范区人民政府办公室关于印发示范区重污染天气应急预案的通知"
    assert f["index_no"] == "11223344556677889X-A/2023-1234567"
    assert f["doc_no"] == "示政办字〔2023〕21号"
    assert f["publish_date"] == "2023-12-15"  # the first date; the later one ends the validity
    assert f["validity"] == "废止"


def test_a_few_short_lines_with_a_date_are_no_value_table():
    # A signature block (office, date) has no index number: nothing is read from it.
    text = ("示范县人民政府办公室关于做好防汛工作的通知\n示范县人民政府办公室\n2023-06-01\n示政办〔2023〕5号\n有效\n"
            + BODY)
    f = fields_of(text)
    assert f["publish_date"] is None
    assert f["validity"] is None


def test_a_bare_time_line_under_the_headline_is_a_byline():
    text = ("• 索 引 号:SF01234-09-04-2024-001\n• 备注/文号:示街办〔2024〕4号\n• 发布机构:示范街道办事处\n"
            "• 公文生成日期:2024-03-21\n示范街道办事处关于印发防汛防台风应急预案的通知\n时间:2024-03-21 09:09\n" + BODY)
    f = fields_of(text)
    assert f["publish_date"] is None
    assert f["written_date"] == "2024-03-21"
    assert f["doc_no"] == "示街办〔2024〕4号"


def test_a_bare_date_item_that_opens_a_block_of_items_is_kept():
    text = ("示范县人民政府关于印发示范办法的通知\n日期:2024-01-10\n索引号:11223344/2024-00001\n发布机构:示范县人民政府\n"
            + BODY)
    f = fields_of(text)
    assert f["publish_date"] == "2024-01-10"
