"""Header shapes from held-out set 15 (issue 12; real pages kept outside the repository): a policy
library's numbered item list (`  1. [索引号]…`), the 效力状态 word 生效中, and a subject path whose
last level is empty (`其他-`). Every text here is written for the test."""
from functools import partial

from gongkai.catalog.importing.header import header_pairs, prepare
from gongkai.catalog.importing.labels import validity_label
from gongkai.catalog.tests.shapes import fields_of as fields_of_text

BODY = "各村（社区），镇直各单位：现将预案印发给你们，请结合实际认真贯彻执行。特此通知。\n"

fields_of = partial(fields_of_text, allow_empty_body=True)


def test_a_numbered_list_of_bracketed_labels_is_a_header():
    text = ("当前位置: 首页 > 政务公开 > 政策文件\n"
            "  1. [索引号]12A000/SF-2020-000012\n  2. [有效性] 现行有效\n  3. [文种分类] 通知\n"
            "  4. [主题分类] 综合政务/安全生产\n  5. [发文机关] 示范区示范镇人民政府\n"
            "  6. [发文字号] 示镇政字〔2020〕12号\n  7. [标题] 示范镇人民政府安全生产应急预案\n"
            "  8. [成文日期] 2020-05-11\n  9. [发布日期] 2020-05-12\n  10. [实施日期] 2020-05-12\n"
            "  11. [失效日期]\n示范镇人民政府安全生产应急预案\n" + BODY)
    f = fields_of(text)
    assert f["index_no"] == "12A000/SF-2020-000012"
    assert f["validity"] == "有效"
    assert f["subject"] == "综合政务/安全生产"
    assert f["publisher"] == "示范区示范镇人民政府"
    assert f["doc_no"] == "示镇政字〔2020〕12号"
    assert f["title"] == "示范镇人民政府安全生产应急预案"
    assert f["written_date"] == "2020-05-11"
    assert f["publish_date"] == "2020-05-12"


def test_an_ordinal_with_a_colon_label_is_a_list_marker():
    line = prepare("3、发布机构:示范县人民政府办公室")
    assert line.bullet and line.shown == "发布机构:示范县人民政府办公室"
    assert [p.label.label for p in header_pairs(line)] == ["发布机构"]


def test_numbered_body_headings_stay_as_they_are():
    for raw in ("1.1编制目的", "1 总则", "2. 组织体系", "3、发布时间安排在每季度末"):
        line = prepare(raw)
        assert not line.bullet and line.shown == raw


def test_in_force_status_words():
    assert validity_label("生效中") == "有效"
    assert validity_label("已生效") == "有效"
    assert validity_label("尚未生效") is None
    text = ("索 引 号: sfq/2022-0000123 公开目录: 示政办字\n成文日期: 2022-03-02 发布日期: 2022-03-03\n"
            "发布机构: 示范区政府办公室 效力状态: 生效中\n文号: 示政办字〔2022〕5号\n"
            "示范区人民政府办公室关于印发示范区防汛应急预案的通知\n" + BODY)
    assert fields_of(text)["validity"] == "有效"


def test_a_subject_path_with_an_empty_last_level():
    text = ("索 引 号: 113306000000000000/2023-00001 主题分类: 其他-\n发布机构: 示范街道 公开日期: 2023-07-31\n"
            "示范街道防汛防台应急预案\n" + BODY)
    assert fields_of(text)["subject"] == "其他"
    text = text.replace("其他-", "综合政务/")
    assert fields_of(text)["subject"] == "综合政务"
    text = text.replace("综合政务/", "综合政务 \\ 应急管理")
    assert fields_of(text)["subject"] == "综合政务 \\ 应急管理"
