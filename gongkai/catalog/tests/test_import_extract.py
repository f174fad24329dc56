"""Metadata, title and body extraction on header styles of our own making (fixtures/)."""
from pathlib import Path

import pytest

from gongkai.catalog.importing.body import body_to_html
from gongkai.catalog.importing.chrome import is_chrome
from gongkai.catalog.importing.extract import EXTRACTED_KEYS
from gongkai.catalog.importing.header import header_pairs, prepare
from gongkai.catalog.importing.labels import clean_value, parse_date
from gongkai.catalog.importing.services import document_extract

FIXTURES = Path(__file__).parent / "fixtures"


def parse_header_line(line):
    return header_pairs(prepare(line))


def fields_of(name, data=None):
    data = data if data is not None else (FIXTURES / name).read_bytes()
    return document_extract(name=name, data=data).fields


def test_colon_header_with_chrome_and_structure():
    ex = document_extract(name="header_colon.txt", data=(FIXTURES / "header_colon.txt").read_bytes())
    f = ex.fields
    assert list(f) == list(EXTRACTED_KEYS)
    assert f["title"] == "示范市教育局关于做好2024年义务教育招生入学工作的通知"
    assert f["index_no"] == "000014349/2024-00012"
    assert f["doc_no"] == "示教发〔2024〕3号"
    assert f["publisher"] == "示范市教育局"
    assert f["written_date"] == "2024-03-01" and f["publish_date"] == "2024-03-05"
    assert f["subject"] == "科技、教育\\教育"
    assert f["keywords"] == "教育 招生"
    assert f["validity"] == "有效" and f["disclosure"] == "主动公开"
    assert f["genre"] == "通知"
    html = ex.body_html
    for chrome in ("当前位置", "字体", "分享", "打印", "浏览次数", "关闭窗口", "索引号"):
        assert chrome not in html
    assert "<h2>一、总体要求</h2>" in html
    assert "<h3>（一）严格执行免试就近入学</h3>" in html
    assert "<h4>1.公布学区范围</h4>" in html
    # A long "2." paragraph stays a paragraph.
    assert "<p>2.各学校要在招生前" in html
    assert html.startswith("<p>各区县教育局：</p>")


def test_several_pairs_per_line_half_width_colons():
    f = fields_of("header_halfwidth_multi.txt")
    assert f["index_no"] == "11330600002577014T/2021-00007"
    assert f["disclosure"] == "主动公开"
    assert f["publisher"] == "示范市财政局"
    assert f["publish_date"] == "2021-02-07"  # 2021.02.07 09:30
    assert f["subject"] == "财政、金融、审计\\财政"
    assert f["doc_no"] == "示财〔2021〕7号"
    assert f["validity"] == "有效"
    assert f["title"] == "示范市财政局关于2021年财政预算执行情况的报告"


def test_pipe_separated_header_with_empty_value():
    f = fields_of("header_pipes.txt")
    assert f["index_no"] == "113399000012345678/2023-00088"
    assert f["publisher"] == "示范市卫生健康委员会"
    assert f["doc_no"] == "示卫健发〔2023〕12号"  # （2023） normalised
    assert f["written_date"] == "2023-05-08" and f["publish_date"] == "2023-05-10"
    assert f["validity"] == "失效"
    assert f["keywords"] is None  # empty, not "公开方式"
    assert f["disclosure"] == "依申请公开"


def test_bracketed_labels_and_non_standard_index_no():
    f = fields_of("header_brackets.txt")
    assert f["index_no"] == "01527918X-2020-153077"  # kept as given
    assert f["publisher"] == "示范市市场监督管理局"
    assert f["doc_no"] == "示市监〔2020〕15号"
    assert f["written_date"] == "2020-06-01" and f["publish_date"] == "2020-06-03"
    assert f["validity"] == "废止"
    assert f["genre"] == "通告"


def test_label_on_one_line_value_on_the_next_and_empty_values_stay_empty():
    f = fields_of("header_linebreaks.txt")
    assert f["index_no"] == "0142768-8/2022-00185"
    assert f["publisher"] == "示范县人民政府"
    assert f["doc_no"] is None  # "发文字号：" followed by the next label
    assert f["validity"] == "有效"
    assert f["written_date"] == "2022-07-15" and f["publish_date"] == "2022-07-20"
    assert f["title"] == "示范县人民政府关于印发示范县乡村振兴实施方案的通知"


def test_space_separated_labels_padded_with_spaces():
    f = fields_of("header_spaces.txt")
    assert f["index_no"] == "113399000012345678/2019-00002"
    assert f["publisher"] == "示范市自然资源和规划局"
    assert f["written_date"] == "2019-12-02" and f["publish_date"] == "2019-12-05"
    assert f["title"].startswith("示范市自然资源和规划局关于公开征求")


def test_traditional_labels_and_full_width_digits():
    f = fields_of("header_traditional.txt")
    assert f["index_no"] == "000014349/2018-00222"
    assert f["publisher"] == "示范市人民政府辦公室"  # value kept as written
    assert f["doc_no"] == "示政辦發〔2018〕9號"  # GB/T 9704 form, characters as shown
    assert f["publish_date"] == "2018-11-30"
    assert f["subject"] == "綜合政務\\政務公開"
    assert f["validity"] == "有效" and f["disclosure"] == "主动公开"


def test_label_synonyms_title_from_header_and_pipe_table_body():
    ex = document_extract(name="header_synonyms.txt", data=(FIXTURES / "header_synonyms.txt").read_bytes())
    f = ex.fields
    assert f["title"] == "示范市人民政府办公室关于印发示范市2025年政务公开工作要点的通知"
    assert f["doc_no"] == "示政办函〔2025〕21号"
    assert f["publisher"] == "示范市人民政府办公室"
    assert f["written_date"] == "2025-03-10" and f["publish_date"] == "2025-03-12"
    assert f["subject"] == "政府工作"
    assert f["keywords"] == "政务公开、工作要点"
    assert f["disclosure"] == "主动公开"
    assert "<table><tr><td>序号</td><td>工作任务</td><td>责任单位</td></tr>" in ex.body_html
    assert "<td>做好依申请公开</td>" in ex.body_html


@pytest.mark.parametrize("label", ["文号", "发文字号", "发布文号"])
def test_doc_no_synonyms(label):
    pairs = parse_header_line(f"{label}：示政发(2024)1号")
    assert pairs[0].label.field == "doc_no"


@pytest.mark.parametrize("label,field", [
    ("发布机构", "publisher"), ("发文机关", "publisher"), ("发文机构", "publisher"), ("来源", None),
    ("公开责任部门", "publisher"), ("制定机关", "publisher"), ("信息来源", None), ("生效日期", None),
    ("公开日期", "publish_date"), ("发布日期", "publish_date"), ("发布时间", "publish_date"),
    ("成文日期", "written_date"), ("发文日期", "written_date"), ("签署日期", "written_date"),
    ("生成日期", "written_date"), ("添加日期", "publish_date"), ("效力状态", "validity"), ("时效", "validity"),
    ("主题分类", "subject"), ("主题导航", "subject"), ("分类", "subject"),
    ("主题词", "keywords"), ("关键词", "keywords"), ("有效性", "validity"), ("时效性", "validity"),
    ("公开方式", "disclosure"), ("公开形式", "disclosure"), ("公开属性", "disclosure"),
    ("發布機構", "publisher"), ("文號", "doc_no"), ("索   引   号", "index_no"), ("索 引 號", "index_no"),
    ("有 效 性", "validity"), ("名    稱", "title"), ("統一編號", "registration_no"),
    ("實施日期", "effective_date"), ("失效日期", "expiry_date"),
    ("统 一 登 记 号", "registration_no"), ("施行日期", "effective_date"), ("有效期至", "expiry_date"),
    ("廢止日期", None),
])
def test_label_synonyms_map_to_fields(label, field):
    pairs = parse_header_line(f"{label}：X")
    assert pairs is not None and pairs[0].label.field == field


@pytest.mark.parametrize("text,expected", [
    ("2021-02-07", "2021-02-07"), ("2021年2月7日", "2021-02-07"), ("2021/2/7", "2021-02-07"),
    ("2021.02.07", "2021-02-07"), ("2021-02-07 15:38", "2021-02-07"), ("２０２１年２月７日", "2021-02-07"),
    ("二〇二一年二月四日", "2021-02-04"), ("2021年13月1日", None), ("明天", None),
])
def test_dates_to_iso(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("line", [
    "当前位置：首页 > 政务公开 > 政策文件", "您现在的位置:首页>网络问政>意见征集>详细内容",
    "字体：[ 大 中 小 ]", "【字体：大 中 小】 【打印】 【关闭窗口】", "分享：", "打印 收藏", "浏览次数：2,209",
    "> 政务公开 > 组织机构 > 其他文件",
])
def test_page_chrome_lines(line):
    assert is_chrome(line)


@pytest.mark.parametrize("line", ["一、总体要求", "各区县教育局：", "请认真贯彻执行。", "示范市教育局"])
def test_body_lines_are_not_chrome(line):
    assert not is_chrome(line)


def test_body_structure():
    html = body_to_html([
        "一、总体要求", "(一)加强领导", "1、短标题",
        "1.这是一段很长的正文内容，用来确认超过三十个字的编号段落不会被当成四级标题处理，而是作为普通段落。",
        "甲\t乙", "丙\t丁", "普通段落。",
    ])
    assert "<h2>一、总体要求</h2>" in html
    assert "<h3>(一)加强领导</h3>" in html
    assert "<h4>1、短标题</h4>" in html
    assert "<p>1.这是一段很长的正文内容" in html
    assert "<table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td>丁</td></tr></table>" in html
    assert "<p>普通段落。</p>" in html


def test_breakdown_table_fills_omitted_leading_cells():
    html = body_to_html(["一、甲 | (一)乙 | 1 | 内容一 | 单位一 | 全年 |", "2 | 内容二 | 单位二 | 全年 |"])
    assert "<tr><td>一、甲</td><td>(一)乙</td><td>2</td><td>内容二</td>" in html


def test_body_text_is_escaped():
    html = body_to_html(["<script>alert(1)</script>"])
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_tab_separated_pairs_and_ideographic_space_padding():
    ex = document_extract(name="t.txt", data=(FIXTURES / "header_tabs_fullwidth_padding.txt").read_bytes())
    f = ex.fields
    assert f["index_no"] == "000014349/2021-00030" and f["subject"] == "综合政务\\政务公开"
    assert f["publisher"] == "示范市人民政府办公室" and f["written_date"] == "2021-04-22"
    assert f["title"] == "示范市人民政府办公室关于全面推行行政规范性文件合法性审核机制的实施意见"
    assert f["doc_no"] == "示政办发〔2021〕12号" and f["publish_date"] == "2021-04-29"
    # The title repeated above the body is not kept twice.
    assert "合法性审核机制的实施意见" not in ex.body_html
    assert ex.body_html.startswith("<p>各县区人民政府，市政府各部门：</p>")


# --- shapes of real pages (texts written here, after the shapes of ../shared/realworld) -------------

def extract_text(text, name="page.txt"):
    return document_extract(name=name, data=text.encode(), allow_empty_body=True).fields


def test_header_shapes_of_real_pages():
    f = extract_text("首页 | 政务公开 | 互动交流\n简体 | 繁體 | 无障碍\n"
                     "索 引 號: | 000014349/2021-00055 | 分類: | 綜合政務\\安全 | ||\n"
                     "發布機構: | 某市人民政府辦公室 | 文號: | 某府辦函[2021]5 號 | ||\n"
                     "成文日期: | 2021-03-02 | 發布日期: | 2021-03-04 | 有效性: | 现行有效 |\n"
                     "名稱: | 某市人民政府辦公室關於加強安全生產工作的通知 |\n"
                     "各區人民政府，市政府各部門：\n為進一步加強安全生產工作，現就有關事項通知如下。\n")
    assert f["title"] == "某市人民政府辦公室關於加強安全生產工作的通知"
    assert f["index_no"] == "000014349/2021-00055" and f["subject"] == "綜合政務\\安全"
    assert f["publisher"] == "某市人民政府辦公室" and f["doc_no"] == "某府辦函〔2021〕5號"
    assert (f["written_date"], f["publish_date"], f["validity"]) == ("2021-03-02", "2021-03-04", "有效")


def test_empty_cells_run_together_and_ranked_labels():
    f = extract_text("索引号 003110926/2015-00216 信息分类 公开制度\n发布机构 市交通运输局 发布日期 2015-10-15 10:06\n"
                     "信息来源 关 键 词\n主题分类 服务对象分类\n文 号 信息格式/语种\n签署日期:\n发文日期: 2015-10-12\n"
                     "是否有效\n关于印发某市政务公开工作规则的通知\n各县（市）、区人民政府：\n现将规则印发给你们，请认真执行。\n")
    assert f["index_no"] == "003110926/2015-00216" and f["publisher"] == "市交通运输局"
    assert f["subject"] is None and f["doc_no"] is None and f["validity"] is None
    assert f["written_date"] is None  # 签署日期 is shown and empty: 发文日期 does not fill it
    assert f["publish_date"] == "2015-10-15"
    assert f["title"] == "关于印发某市政务公开工作规则的通知"


def test_labels_cut_short_and_label_per_line_with_empty_values():
    f = extract_text("号: 003043524/202203-00218 信息分类: 规范性文件\n发文字号: 某政办〔2022〕15号 性: 有效\n"
                     "[ 发布机构 ]\n某县人民政府办公室\n[ 主题分类 ]\n[ 成文日期 ]\n2022-03-26\n"
                     "某县人民政府办公室关于印发某县防汛应急预案的通知\n各乡镇人民政府：\n现印发给你们，请认真贯彻落实。\n")
    assert f["index_no"] == "003043524/202203-00218" and f["validity"] == "有效"
    assert f["publisher"] == "某县人民政府办公室" and f["subject"] is None
    assert f["written_date"] == "2022-03-26"


def test_headline_broken_over_lines_with_own_doc_no_and_no_header_gives_no_guesses():
    f = extract_text("设为首页 | 加入收藏 | 简体版 | 繁體版\n当前位置：首页 > 文件\n"
                     "某县人民政府办公室\n关于印发某县抗旱应急预案的\n通  知\n某政办〔2023〕7号\n"
                     "各乡镇人民政府，县直各部门：\n现将预案印发给你们，请认真贯彻执行。\n某县人民政府办公室\n2023年5月22日\n")
    assert f["title"] == "某县人民政府办公室关于印发某县抗旱应急预案的通知"
    assert f["doc_no"] == "某政办〔2023〕7号"
    assert f["written_date"] is None and f["publish_date"] is None and f["publisher"] is None


def test_status_marker_doc_no_prefix_and_labelless_bullets():
    f = extract_text("(已废止)印发《某县突发公共卫生事件应急预案》的通知\n索 引 号 | K45893645/2023-02282 | 名 称 | |||\n"
                     "主题分类 | 卫生 | 发布日期 | 2018-06-06 |\n各乡镇人民政府：\n经研究同意，现将预案印发你们，请认真执行。\n")
    assert f["title"] == "印发《某县突发公共卫生事件应急预案》的通知" and f["validity"] == "废止"
    g = extract_text("索引号 1137/2023-05260 成文日期 2023-03-10\n某政发【2023】7号关于印发某县总体应急预案的通知\n"
                     "各乡镇人民政府：\n现将预案印发给你们，请结合实际抓好落实。\n")
    assert g["title"] == "关于印发某县总体应急预案的通知" and g["doc_no"] == "某政发〔2023〕7号"
    h = extract_text("首页 > 政策\n  • 736916953/2024-000372\n  • 2024-01-10 15:30:00\n"
                     "  • 某市人民政府办公室关于印发某市供热应急预案的通知\n  • 某政办规〔2024〕1号\n  • 现行有效\n"
                     "市直各部门：\n现将预案印发给你们，请认真贯彻执行。\n")
    assert (h["index_no"], h["publish_date"], h["doc_no"], h["validity"]) == (
        "736916953/2024-000372", "2024-01-10", "某政办规〔2024〕1号", "有效")
    assert h["title"] == "某市人民政府办公室关于印发某市供热应急预案的通知"


def test_spam_and_chrome_lines_are_never_titles():
    f = extract_text("365bet娱乐场官网注册关于2015年体育彩票公益金使用情况的公告\n  • 发布时间:2016-06-29\n  • 【字体:\n"
                     "为贯彻落实《彩票管理条例》，现将2015年体育彩票公益金使用情况公告如下。\n")
    assert f["title"] == "关于2015年体育彩票公益金使用情况的公告"
    g = extract_text("繁體 | 简体\n欢迎访问某县人民政府网站!\n发布日期：2023-08-01\n"
                     "8月1日上午，某街道在社区广场开展垃圾分类宣传活动，工作人员向居民讲解分类知识。\n")
    assert g["title"] is None and g["publish_date"] == "2023-08-01"


# --- the 规范性文件库's labels: 统一登记号, 实施日期, 失效日期 -----------------------------------------

_NORMATIVE_HEADERS = {
    "simplified": "索引号：000014349/2024-00031\n统一登记号：SFSD01-2024-0003\n发布机构：示范市人民政府\n"
                  "实施日期：2024-05-01\n失效日期：2029-04-30\n",
    "traditional, spaced": "索 引 號：000014349/2024-00031\n統 一 登 記 號：SFSD01-2024-0003\n"
                           "發布機構：示范市人民政府\n實 施 日 期：2024年5月1日\n有效期至：2029年4月30日\n",
    "pipes, other names": "索引号|000014349/2024-00031|统一编号|SFSD01 - 2024 - 0003\n"
                          "施行日期|2024.05.01|有效期|2024年5月1日至2029年4月30日\n",
    "bracket bullets": "•【统一登记号】SFSD01-2024-0003\n•【施行日期】二〇二四年五月一日\n•【失效日期】2029/4/30\n",
}


@pytest.mark.parametrize("header", list(_NORMATIVE_HEADERS.values()), ids=list(_NORMATIVE_HEADERS))
def test_normative_labels_read_in_every_form(header):
    text = header + "\n示范市人民政府关于印发示范市停车管理办法的通知\n\n各区人民政府：\n现将办法印发给你们，请认真贯彻执行。\n"
    f = document_extract(name="n.txt", data=text.encode()).fields
    assert f["registration_no"] == "SFSD01-2024-0003"
    assert f["effective_date"] == "2024-05-01" and f["expiry_date"] == "2029-04-30"
    assert f["index_no"] in (None, "000014349/2024-00031")


@pytest.mark.parametrize("value,expected", [
    ("2029-04-30", "2029-04-30"), ("2024年5月1日至2029年4月30日", "2029-04-30"), ("2024.5.1-2029.4.30", "2029-04-30"),
    ("自2024年5月1日起5年", None), ("长期", None), ("长期有效", None), ("5年", None), ("无", None),
])
def test_expiry_values(value, expected):
    pairs = parse_header_line(f"有效期：{value}")
    assert pairs[0].label.field == "expiry_date"
    assert clean_value("expiry_date", value) == expected


def test_effective_date_is_not_the_publication_date():
    """生效日期 stays ignored (pages use it for the web publication date) and does not end up elsewhere."""
    text = ("发布日期：2013-12-05\n生效日期：2013-12-05\n废止日期：2023-10-16\n\n示范县森林火灾应急预案的通知\n\n"
            "各乡镇人民政府：\n现印发给你们。\n")
    f = document_extract(name="n.txt", data=text.encode()).fields
    assert f["effective_date"] is None and f["expiry_date"] is None and f["publish_date"] == "2013-12-05"
