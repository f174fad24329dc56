"""Header and title shapes found on real pages collected outside the development set (issue 12, a
small hand-labelled check set kept outside the repository). Texts here are written for the tests."""
from gongkai.catalog.tests.shapes import fields_of


def test_a_doc_no_in_brackets_after_the_headline_is_taken_off_the_title():
    text = ("当前位置: 首页 > 政务公开 > 政策法规\n\n"
            "示范市人民政府办公室关于印发《示范市政务公开工作要点》的通知(示政办发〔2023〕7号)\n\n"
            "来源:示范市政府网 字号:【\n\n各县市区人民政府，市直各单位：\n"
            "《示范市政务公开工作要点》已经市人民政府同意，现印发给你们，请认真执行。\n\n示范市人民政府办公室\n")
    f = fields_of(text)
    assert f["title"] == "示范市人民政府办公室关于印发《示范市政务公开工作要点》的通知"
    assert f["doc_no"] == "示政办发〔2023〕7号"


def test_the_issuing_notice_wins_over_the_name_of_the_document_it_issues():
    # A reposting site shows the attachment's name first (its page title) and again as the heading
    # of the attachment; the page's title is the notice that issues it (traditional characters).
    text = ("示範縣農村道路管理辦法\n\n第一條 第十條 第二十條\n\n示範縣人民政府通知\n\n"
            "示範縣人民政府關於印發示範縣農村道路管理辦法的通知\n示政〔2012〕8號\n"
            "各鄉鎮人民政府，縣政府各部門：\n現將《示範縣農村道路管理辦法》印發給你們，請遵照執行。\n"
            "示範縣人民政府\n二○一二年三月一日\n示範縣農村道路管理辦法\n\n第一章 總 則\n")
    f = fields_of(text)
    assert f["title"] == "示範縣人民政府關於印發示範縣農村道路管理辦法的通知"
    assert f["doc_no"] == "示政〔2012〕8號"


def test_a_document_titled_like_its_own_attachment_keeps_its_title():
    text = ("示范县农村道路管理办法\n\n第一章 总则\n第一条 为加强农村道路管理，制定本办法。\n"
            "第二条 本办法适用于本县行政区域。\n")
    assert fields_of(text)["title"] == "示范县农村道路管理办法"


def test_a_short_label_word_that_is_a_whole_pipe_cell_is_a_label():
    text = ("索 引 号 | 000014349/2019-00088 | 分 类 | 政府信息公开年报 综合政务 |\n"
            "发布机构 | 示范市政府办 | 发文日期 | 2019-01-20 |\n文 号 | 有 效 性 |\n"
            "根据《中华人民共和国政府信息公开条例》规定，现公布本年度报告。\n")
    f = fields_of(text)
    assert f["subject"] == "政府信息公开年报 综合政务"
    assert f["index_no"] == "000014349/2019-00088" and f["publisher"] == "示范市政府办"
    assert f["doc_no"] is None and f["validity"] is None


def test_the_word_for_category_inside_a_sentence_cell_is_no_label():
    text = ("示范县人民政府关于做好防汛工作的通知\n\n各乡镇：请按分类 | 分级原则做好防汛工作。\n")
    assert fields_of(text).get("subject") is None


def test_a_gloss_with_a_space_before_its_bracket_leaves_the_title():
    text = ("首頁(yè) > 政府信息公開(kāi)\n\n示範樂(lè )縣政府信息公開(kāi)目錄編制規范\n\n"
            "發(fā)布時(shí)間:2016-01-07\n\n一、編制原則\n")
    f = fields_of(text)
    assert f["title"] == "示範樂縣政府信息公開目錄編制規范"


def test_letter_spaced_labels_padded_to_one_width_two_pairs_a_line():
    text = ("首     页 政 务 公 开 网 上 办 事\n"
            "索   引   号 20200315-000123 分        类 其他; 市政府办公室文件;\n"
            "发 布 机 构 市人民政府办公室 发 文 日 期 2020-03-10\n"
            "名        称 示范市人民政府办公室关于印发示范市数据共享办法的通知\n"
            "文        号 示政办发〔2020〕5号   上 载 日 期 2020-03-15\n"
            "示范市人民政府办公室关于印发示范市数据共享办法的通知\n\n各县（市）、区人民政府：\n现印发给你们。\n")
    f = fields_of(text)
    assert f["doc_no"] == "示政办发〔2020〕5号"
    assert f["subject"] == "其他; 市政府办公室文件"
    assert f["publish_date"] == "2020-03-15" and f["written_date"] == "2020-03-10"
    assert f["index_no"] == "20200315-000123" and f["publisher"] == "市人民政府办公室"


def test_the_word_for_category_in_running_text_without_a_colon_is_no_label():
    text = ("示范县人民政府关于做好垃圾分类工作的通知\n\n各乡镇：\n做好分类 收运 处置各环节工作。\n")
    assert fields_of(text).get("subject") is None


def test_a_doc_no_line_glossed_without_tone_marks_is_still_the_doc_no():
    # A converting mirror glosses some characters with toneless pinyin, also inside the 文号 line.
    text = ("示範縣人民政府辦公室\n關於做好示範工作有關事項的通知\n\n"
            "文(wen)章(zhang)來源:示範縣政府網\n\n示政辦(ban)函〔2031〕12號\n\n"
            "各鄉鎮人民政府，縣政府各部門：\n現將有關事項通知如下。\n")
    f = fields_of(text)
    assert f["doc_no"] == "示政辦函〔2031〕12號"
