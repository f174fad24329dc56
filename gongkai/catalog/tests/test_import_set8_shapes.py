"""Header and title shapes from held-out set 8 (issue 12; real pages kept outside the repository).
Every text here is written for the test."""
from functools import partial

from gongkai.catalog.importing.glued import glued_pairs
from gongkai.catalog.importing.header import header_pairs, prepare
from gongkai.catalog.importing.labels import DATE_ONLY_RE
from gongkai.catalog.tests.shapes import fields_of as fields_of_text

BODY = "各乡镇人民政府，县直各部门：现将方案印发给你们，请结合实际认真贯彻执行。特此通知。\n"


fields_of = partial(fields_of_text, allow_empty_body=True)


def test_a_label_with_its_colon_glued_to_the_value_before_it_ends_that_value():
    # A page that dropped the gaps between cells: each label runs straight on from the last value.
    text = ("示范县人民政府办公室关于做好秋冬季森林防火工作的通知\n"
            "索 引 号:11223344/2021-00012主题分类:农业、林业\n"
            "发布机构:示范县人民政府办公室关 键 词:森林防火\n"
            "文    号:示政办〔2021〕9号成文日期:2021-10-08发布日期:2021-10-09\n"
            "体    裁:通知生效日期废止日期\n" + BODY)
    f = fields_of(text)
    assert f["index_no"] == "11223344/2021-00012"
    assert f["subject"] == "农业、林业"
    assert f["publisher"] == "示范县人民政府办公室"
    assert f["keywords"] == "森林防火"
    assert f["doc_no"] == "示政办〔2021〕9号"
    assert f["written_date"] == "2021-10-08"
    assert f["publish_date"] == "2021-10-09"
    assert f["title"] == "示范县人民政府办公室关于做好秋冬季森林防火工作的通知"


def test_a_short_everyday_label_glued_to_a_value_is_still_no_label():
    # `日期:` and `时间:` need a boundary before them: `截止日期:` in a sentence is not cut.
    pairs = header_pairs(prepare("发布日期:2022-05-06 浏览次数:12"))
    assert [p.label.label for p in pairs] == ["发布日期", "浏览次数"]
    assert header_pairs(prepare("报名截止时间:2022年6月1日前")) is None


def test_a_word_and_a_slash_before_a_label_is_one_composite_label():
    text = ("- 索 引 号:AB01202-0300-2019-00031\n- 备注/文号:示政办〔2019〕14号\n- 发布机构:县政府办\n"
            "- 公文生成日期:2019-04-02\n" + BODY + "示范县防汛抗旱应急预案\n")
    f = fields_of(text)
    assert f["doc_no"] == "示政办〔2019〕14号"
    assert f["index_no"] == "AB01202-0300-2019-00031"
    assert f["publisher"] == "县政府办"
    assert f["written_date"] == "2019-04-02"
    assert f["title"] is None  # no headline above the body: no label line, no body heading


def test_a_loose_item_does_not_void_a_no_colon_row():
    # `公开形式 网站公开` has no disclosure state the catalog knows; the row is still read.
    text = ("示范县人民政府办公室关于印发示范县山洪灾害应急预案的通知\n"
            "索引号 SF/2020-0017 发文日期 2020-06-01 发布日期 2020-06-03\n"
            "文号 示府办发〔2020〕21号 是否有效\n"
            "发布机构 示范县政府办 公开形式 网站公开\n"
            "公开方式 主动公开 公开范围 面向社会\n" + BODY)
    f = fields_of(text)
    assert f["publisher"] == "示范县政府办"
    assert f["doc_no"] == "示府办发〔2020〕21号"
    assert f["written_date"] == "2020-06-01"
    assert f["publish_date"] == "2020-06-03"
    assert not f["validity"]


def test_glued_bullets_split_at_each_further_label():
    text = ("首页 > 政务公开 > 正文\n"
            "示范区管理委员会关于印发《示范区安全生产大排查方案》的通知\n"
            "• 标题示范区管理委员会关于印发《示范区安全生产大排查方案》的通知\n"
            "• 公开日期2022年03月04日09时15分成文日期2022年02月28日\n"
            "• 公开目录重要文件公开形式主动公开\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "示范区管理委员会关于印发《示范区安全生产大排查方案》的通知"
    assert f["publish_date"] == "2022-03-04"
    assert f["written_date"] == "2022-02-28"


def test_a_glued_title_keeps_a_label_word_that_has_no_value_of_its_form_after_it():
    pairs = glued_pairs(prepare("标题示范县关于规范发布日期管理工作的通知"))
    assert [p.label.label for p in pairs] == ["标题"]
    assert pairs[0].value == "示范县关于规范发布日期管理工作的通知"
    assert glued_pairs(prepare("标题很好")) is None  # not title-shaped: no glued title


def test_a_date_with_hours_and_minutes_in_chinese_is_a_date():
    assert DATE_ONLY_RE.match("2020年07月30日16时06分")
    assert DATE_ONLY_RE.match("2020年07月30日 16时")
    assert not DATE_ONLY_RE.match("2020年07月30日16时06分召开")


def test_a_keyword_chain_above_the_headline_is_not_joined_to_it():
    # A comma-separated run (here navigation-like words) right above a headline starting with 关于.
    text = ("阳光政务,便民服务,互动交流,数据开放\n"
            "关于进一步做好农村饮水安全工作的通知\n"
            "来源:县水利局 发布时间:2019-05-06 10:20\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "关于进一步做好农村饮水安全工作的通知"
    assert f["publish_date"] == "2019-05-06"
