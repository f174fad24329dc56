"""Header shapes from held-out set 16 (issue 12; real pages kept outside the repository): a law
database's attribute lines with two `• 【label】value` items on a line and the `正文` marker after
the last value, the label 颁布部门, and a headline printed after the site's chrome on one line and
again on a line of its own. Every text here is written for the test."""
from functools import partial

from gongkai.catalog.importing.header import split_flattened
from gongkai.catalog.tests.shapes import fields_of as fields_of_text

BODY = "各乡镇人民政府，县直各部门：现将预案印发给你们，请认真贯彻执行。特此通知。\n"

fields_of = partial(fields_of_text, allow_empty_body=True)


def test_two_bracketed_items_on_a_line_and_the_body_marker():
    text = ("文章属性\n• 【制定机关】示范市人民政府办公室 • 【公布日期】2019.03.08\n"
            "• 【字 号】示政办发〔2019〕12号 • 【施行日期】2019.04.01 • 【效力等级】地方规范性文件 • 【时效性】现行有效\n"
            "• 【主题分类】安全生产 正文\n示范市人民政府办公室关于印发示范市安全生产应急预案的通知\n"
            "示政办发〔2019〕12号\n" + BODY)
    f = fields_of(text)
    assert f["publisher"] == "示范市人民政府办公室"
    assert f["subject"] == "安全生产"
    assert f["doc_no"] == "示政办发〔2019〕12号"
    assert f["publish_date"] == "2019-03-08"
    assert f["validity"] == "有效"
    assert f["title"] == "示范市人民政府办公室关于印发示范市安全生产应急预案的通知"


def test_the_body_marker_is_cut_only_after_a_bracketed_item():
    assert split_flattened("• 【主题分类】安全生产 正文") == ["• 【主题分类】安全生产"]
    assert split_flattened("第三条 本办法见正文") == ["第三条 本办法见正文"]
    assert split_flattened("【主题分类】正文") == ["【主题分类】正文"]


def test_the_issuing_department_label():
    text = ("发文字号:示政办发〔2021〕7号\n\n颁布部门:示范市人民政府办公室\n\n颁布日期:2021-06-30\n"
            "示范市人民政府办公室关于印发示范市防汛应急预案的通知\n" + BODY)
    f = fields_of(text)
    assert f["publisher"] == "示范市人民政府办公室"
    assert f["publish_date"] == "2021-06-30"


def test_a_headline_after_the_site_chrome_and_again_on_its_own_line():
    title = "示范市人民政府办公室关于印发示范市防汛应急预案的通知"
    text = (f"欢迎来到示范法规平台 设为首页\n示范法规网 法规首页 {title}\n\n{title}\n\n收藏\n\n"
            "发文字号:示政办发〔2021〕7号\n\n颁布部门:示范市人民政府办公室\n\n" + BODY)
    assert fields_of(text)["title"] == title


def test_an_issuer_before_the_headline_is_kept():
    text = ("发文字号:示政办发〔2021〕7号\n发布机构:示范县人民政府办公室\n"
            "示范县人民政府办公室 关于印发示范县防汛应急预案的通知\n\n关于印发示范县防汛应急预案的通知\n" + BODY)
    assert fields_of(text)["title"] == "示范县人民政府办公室关于印发示范县防汛应急预案的通知"
