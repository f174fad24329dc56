"""Header and title shapes from held-out set 6 (issue 12; real pages kept outside the repository).
Every text here is written for the test."""
from functools import partial

from gongkai.catalog.importing.header import prepare, split_flattened
from gongkai.catalog.importing.services import document_extract
from gongkai.catalog.tests.shapes import fields_of as fields_of_text


fields_of = partial(fields_of_text, allow_empty_body=True)


def test_question_marks_inside_a_spaced_label_are_lost_spaces():
    # A GBK mirror printed the padding of `索　引　號` as question marks; the next-line value of a pipe
    # cell is that cell only, not the run of bars after it.
    text = ("索??引??號: | 000000009/2024-00002 | 生成日期: | 2024-02-01 |\n"
            "文???????號: | 關鍵字: | 公開,信息 | |\n"
            "所屬機構: | 示範縣融媒體中心 | 發布機構: |\n"
            "示範鎮人民政府 | ||||||||||||||\n"
            "發布時間:2024-02-01 10:56\n"
            "根據《中華人民共和國政府信息公開條例》要求，現發布本鎮2023年政府信息公開工作年度報告，"
            "本報告由總體情況、主動公開政府信息情況等六部分組成。\n")
    f = fields_of(text)
    assert f["index_no"] == "000000009/2024-00002"
    assert f["doc_no"] is None
    assert f["publisher"] == "示範鎮人民政府"
    assert f["written_date"] == "2024-02-01"
    assert f["publish_date"] == "2024-02-01"


def test_a_question_mark_between_words_only_changes_the_matching_form():
    line = prepare("索??引??號: 1")
    assert line.shown == "索??引??號: 1" and line.norm.startswith("索  引  号")


def test_labels_glued_to_their_values_in_a_block():
    # A law database prints `label` and value with nothing between them, one item per line.
    text = ("发文机关示范省交通运输厅\n发文日期2022年3月4日\n时效性现行有效\n发文字号示交发〔2022〕7号\n"
            "施行日期2022年4月1日\n效力级别地方规范性文件\n"
            "各市交通运输局，厅直各单位：\n现将《示范省公路养护管理办法》印发给你们，请认真贯彻执行。\n")
    f = fields_of(text)
    assert f["publisher"] == "示范省交通运输厅"
    assert f["written_date"] == "2022-03-04"
    assert f["validity"] == "有效"
    assert f["doc_no"] == "示交发〔2022〕7号"
    assert f["effective_date"] == "2022-04-01"
    assert f["title"] is None  # `效力级别…` is a label line, and the page shows no headline


def test_one_glued_line_is_not_a_header():
    text = ("示范县人民政府关于做好春耕生产工作的通知\n发布时间2023-03-01\n"
            "各乡镇人民政府：\n为做好今年春耕生产工作，现将有关事项通知如下。\n")
    f = fields_of(text)
    assert f["title"] == "示范县人民政府关于做好春耕生产工作的通知"
    assert f["publisher"] is None


def test_an_attribute_block_printed_on_one_line_is_read_item_by_item():
    line = ("示范部办公厅关于做好秋收工作的通知文章属性•【制定机关】示范部•【公布日期】2020.09.01"
            "•【文号】示办农〔2020〕12号•【施行日期】2020.09.01•【效力等级】部门规范性文件•【时效性】现行有效"
            "•【主题分类】农业生产正文示范部办公厅关于做好秋收工作的通知示办农〔2020〕12号各省农业农村厅：为做好今年秋收工作，现通知如下。")
    parts = split_flattened(line)
    assert parts[0] == "示范部办公厅关于做好秋收工作的通知"
    assert "•【主题分类】农业生产" in parts and parts[-1].startswith("示范部办公厅关于做好秋收工作的通知示办农")
    text = "关于做好秋季防火工作的通知\n示范部办公厅关于做好秋收工作的通知\n\n" + line + "\n"
    f = fields_of(text)
    # the headline shown again inside the block wins over a related item's title above it
    assert f["title"] == "示范部办公厅关于做好秋收工作的通知"
    assert f["publisher"] == "示范部"
    assert f["publish_date"] == "2020-09-01"
    assert f["doc_no"] == "示办农〔2020〕12号"
    assert f["validity"] == "有效"
    assert f["subject"] == "农业生产"


def test_a_line_with_fewer_bracket_labels_is_not_split():
    assert split_flattened("【字号】示政发〔2020〕1号 【发布日期】2020-01-02") == [
        "【字号】示政发〔2020〕1号 【发布日期】2020-01-02"]


def test_a_pipe_row_may_start_with_cells_of_an_unknown_label():
    text = ("示范部印发《城市空气质量排名方案》\n"
            "政策类型 | 指导文件 | 颁布日期 | |\n"
            "发文单位 | 示范部 | ||\n"
            "文件号 | 示办监函[2017]19号 | ||\n"
            "摘要 | 为推动各地开展大气污染防治工作，我部制定了排名方案。 |\n")
    f = fields_of(text)
    assert f["title"] == "示范部印发《城市空气质量排名方案》"
    assert f["doc_no"] == "示办监函〔2017〕19号"
    assert f["publisher"] == "示范部"
    assert f["publish_date"] is None


def test_a_trail_ending_in_an_arrow_is_not_joined_to_the_headline():
    text = ("示范网 > 专题 >\n\n关于加强春节期间森林防火工作的紧急通知\n\n示范市林业局 | 2023-01-18 21:07:23\n\n"
            "各县市区林业主管部门：\n春节将近，为切实防范森林火灾，现就有关要求紧急通知如下。\n")
    assert fields_of(text)["title"] == "关于加强春节期间森林防火工作的紧急通知"


def test_question_marks_for_the_brackets_of_a_doc_no_line():
    text = ("金政?2014?8號(hào)\n關于印發《示範鄉清剿火患實施方案》的通知\n各村，鄉屬各單位：\n"
            "為切實加強今冬明春火災防控工作，現將實施方案印發給你們，請認真組織實施。\n")
    f = fields_of(text)
    assert f["doc_no"] == "金政〔2014〕8號"
    assert f["title"] == "關于印發《示範鄉清剿火患實施方案》的通知"


def test_a_sharing_sites_file_name_and_blurb_are_furniture():
    text = ("示范县公文处理细则.docx\n- 文档编号:1234567\n- 上传时间:2022-12-12\n- 格式:DOCX\n"
            "示范县公文处理细则.docx\n《示范县公文处理细则.docx》由会员分享，可在线阅读，更多相关《示范县公文处理细则.docx"
            "(9页珍藏版)》请在某某网上搜索。\n示范县公文处理细则\n"
            "示范县人民政府办公室关于印发示范县公文处理细则的通知\n(示政办发〔2007〕22号)\n"
            "各乡镇人民政府，县直各单位：\n现将《示范县公文处理细则》印发给你们，望认真贯彻执行。\n")
    f = fields_of(text)
    assert f["title"] == "示范县人民政府办公室关于印发示范县公文处理细则的通知"
    assert f["doc_no"] == "示政办发〔2007〕22号"
    assert f["publish_date"] is None  # the upload time of the sharing site is not a publication date


def test_an_attachment_line_with_a_file_name_stays_in_the_body():
    text = ("示范县人民政府关于做好防汛工作的通知\n各乡镇人民政府：\n现将有关事项通知如下，请认真贯彻执行。\n"
            "附件：示范县防汛责任表.docx\n")
    body = document_extract(name="p.txt", data=text.encode("utf-8")).body_lines
    assert any(line.startswith("附件") for line in body)
