"""Header and title shapes from held-out set 5 (issue 12; real pages kept outside the repository).
Every text here is written for the test."""
from gongkai.catalog.tests.shapes import fields_of


def test_a_bare_date_byline_on_a_page_without_a_header_is_no_publish_date():
    # A law-copy site: its own crawl time under the headline, no metadata header.
    text = ("示范市人民政府办公室关于印发示范市低保核对办法的通知\n\n"
            "作者:法规资料网 时间:2024-07-20 06:05:20  浏览:8014   来源:法规资料网\n\n"
            "示政办发〔2012〕75号\n\n各区人民政府，市政府各部门：\n"
            "《示范市低保核对办法》已经市政府同意，现印发给你们，请认真遵照执行。\n")
    f = fields_of(text)
    assert f["title"] == "示范市人民政府办公室关于印发示范市低保核对办法的通知"
    assert f["doc_no"] == "示政办发〔2012〕75号"
    assert f["publish_date"] is None


def test_a_bare_date_label_inside_a_header_still_gives_the_publish_date():
    text = ("索引号: 000000001/2024-00001 发布机构: 示范县政府办\n"
            "日期: 2024-01-10 15:30 来源: 示范县人民政府办公室\n\n"
            "示范县人民政府办公室关于做好冬季供热工作的通知\n\n各乡镇人民政府，县直各部门：\n"
            "为做好今冬供热工作，现将有关事项通知如下。\n")
    f = fields_of(text)
    assert f["index_no"] == "000000001/2024-00001"
    assert f["publish_date"] == "2024-01-10"


def test_a_labelled_publish_date_byline_counts_without_a_header():
    text = ("示范县人民政府办公室关于印发示范县森林火灾应急预案的通知\n"
            "发布日期:2012年04月10日   信息来源:本站原创   浏览4482次\n\n各镇人民政府，县直有关单位：\n"
            "《示范县森林火灾应急预案》已经县政府研究通过，现印发给你们，请认真贯彻实施。\n")
    assert fields_of(text)["publish_date"] == "2012-04-10"


def test_a_label_right_after_a_colon_is_found():
    # `来源: X浏览量:发表时间:…`: the view counter ran into the source, the date label follows a colon.
    text = ("主题分类: 其他\n发文机构: 区应急管理局 发文日期: 2019-12-02\n\n"
            "区政府办公室关于印发《示范区森林火灾应急预案》的通知\n\n"
            "文章来源: 区应急管理局浏览量:发表时间:2019-12-03 10:00\n\n各乡镇人民政府，区直有关单位：\n"
            "经区政府同意，现将《示范区森林火灾应急预案》印发给你们，请认真实施。\n")
    f = fields_of(text)
    assert f["publish_date"] == "2019-12-03"
    assert f["written_date"] == "2019-12-02"


def test_zeren_bumen_is_the_publisher_when_no_better_label_is_shown():
    text = ("索 引 号: 000000002/2024-0001 责任部门:示范乡 公开范围:全部公开\n"
            "信息类别:综合政务 发文日期:2024-08-28 公开方式:政府网站\n示范乡人民政府2024年信息公开指南\n"
            "为贯彻施行《中华人民共和国政府信息公开条例》，保障公民依法获取政府信息，结合我乡实际，编制本指南。\n")
    f = fields_of(text)
    assert f["publisher"] == "示范乡"
    assert f["subject"] is None  # 信息类别 is no 主题分类
    assert f["title"] == "示范乡人民政府2024年信息公开指南"


def test_a_publish_label_beats_zeren_bumen():
    text = ("索引号 000000003/2020-00001 发布机构 示范县政府办\n公开形式 主动公开 责任部门 政府办\n\n"
            "示范县人民政府关于印发示范县总体应急预案的通知\n\n各乡镇人民政府，县政府各部门：\n"
            "现将《示范县总体应急预案》印发给你们，请认真贯彻执行。\n")
    assert fields_of(text)["publisher"] == "示范县政府办"


def test_a_region_tag_before_the_headline_is_not_part_of_the_title():
    text = ("示范:关于印发《示范市乡村振兴责任制实施细则》的通知\n"
            "(2023年6月21日市委常委会会议审议批准 2023年7月20日发布)\n各区委、区政府，市各部门：\n"
            "经市委、市政府同意，现将《示范市乡村振兴责任制实施细则》印发给你们，请认真遵照执行。\n")
    assert fields_of(text)["title"] == "关于印发《示范市乡村振兴责任制实施细则》的通知"


def test_a_label_before_a_headline_is_still_a_label():
    text = ("标题:关于印发示范县工作规则的通知\n发布日期:2024-04-06\n\n各乡镇人民政府：\n"
            "现将《示范县工作规则》印发给你们，请认真遵照执行，抓好落实工作。\n")
    f = fields_of(text)
    assert f["title"] == "关于印发示范县工作规则的通知"
    assert f["publish_date"] == "2024-04-06"


def test_a_site_name_with_a_login_word_after_the_headline_is_cut():
    text = ("首页 - 某某招商 - 《示范市公共卫生应急条例》全文发布-某某娱乐登陆\n\n"
            "《示范市公共卫生应急条例》全文发布-某某娱乐登陆\n\n发布时间:2020-09-27  作者:admin  浏览:16\n\n"
            "据示范市人民政府网站消息，《示范市公共卫生应急条例》于9月27日发布，全文如下。\n")
    title = fields_of(text)["title"] or ""
    assert "登陆" not in title and "娱乐" not in title


def test_a_value_run_into_the_next_label_is_split_and_that_label_reads_the_next_line():
    text = ("标题\n示范县人民政府关于印发示范县行政规范性文件管理办法的通知发文机关\n示范县人民政府办公室\n"
            "发文字号\n示政发〔2021〕1号\n索引号\n000000004/2021-0001\n成文日期\n2021-03-26\n"
            "主题分类\n综合政务-文秘工作\n有效性\n有效\n"
            "示范县人民政府关于印发示范县行政规范性文件管理办法的通知\n示政发〔2021〕1号\n"
            "各镇人民政府，县政府各部门：\n《示范县行政规范性文件管理办法》已经县政府同意，现印发给你们，请遵照执行。\n")
    f = fields_of(text)
    assert f["title"] == "示范县人民政府关于印发示范县行政规范性文件管理办法的通知"
    assert f["publisher"] == "示范县人民政府办公室"
    assert f["doc_no"] == "示政发〔2021〕1号"
    assert f["written_date"] == "2021-03-26"
    assert f["validity"] == "有效"


def test_a_sites_mobile_version_link_is_never_the_title():
    text = ("示范新闻网移动版\n\n示范新闻网移动版\n\n一图读懂示范市2024年惠民政策\n\n2024-02-07 17:16:00\n来源:示范台\n"
            "字号\n\n  今年示范市发布了一系列惠民政策，涉及就业、教育、医疗等多个方面，一图读懂如下。\n")
    assert fields_of(text)["title"] != "示范新闻网移动版"


def test_a_two_digit_year_publish_date_is_read_as_yy_mm_dd():
    text = ("示范县人民政府办公室转发省政府关于做好防汛工作的通知\n"
            "发布日期:22/02/06 20:05:14 作者:林业局 点击数: 来源:省政府网\n\n"
            "示范县人民政府办公室转发省政府\n关于做好防汛工作的通知\n\n示政办函〔2022〕3号\n\n"
            "各乡镇人民政府，县直各部门：\n现将省政府关于做好防汛工作的通知转发给你们，请认真贯彻落实。\n")
    f = fields_of(text)
    assert f["publish_date"] == "2022-02-06"
    assert f["doc_no"] == "示政办函〔2022〕3号"


def test_a_doc_no_line_behind_question_mark_mojibake_is_still_the_doc_no():
    text = ("示范省人民政府办公厅关于政府信息公开年度报告填报问题的解释\n來源:示范省人民政府办公厅\n"
            "發布日期:2022-03-29\n\n??示政辦函〔2016〕201號\n\n示范市人民政府辦公廳:\n"
            "《關於對政府信息公開有關事項給予指導的函》收悉，經研究，現答復如下。\n")
    f = fields_of(text)
    assert f["doc_no"] == "示政辦函〔2016〕201號"
    assert f["publish_date"] == "2022-03-29"
