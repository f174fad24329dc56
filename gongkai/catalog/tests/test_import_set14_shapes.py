"""Shapes from held-out set 14 (issue 12; real pages kept outside the repository): a law database's
headline with the 发文字号 and an effective-date marker hung after it (`…的通知(某发〔2017〕3号)【2017-08-01实施】`)
and its `备注 废止依据:…` remark row under the header. Every text here is written for the test."""
from functools import partial

from gongkai.catalog.importing.title import strip_title
from gongkai.catalog.tests.shapes import fields_of as fields_of_text

BODY = "各县区市场监管局,局机关各处室:现将办法印发给你们,请遵照执行。\n"

fields_of = partial(fields_of_text, allow_empty_body=True)


def test_effective_date_marker_after_the_headline_is_no_part_of_the_title():
    title, doc_no, _ = strip_title("示范省农业厅关于印发《示范省种子经营管理办法》的通知(示农发〔2019〕7号)【2019-03-01实施】")
    assert title == "示范省农业厅关于印发《示范省种子经营管理办法》的通知"
    assert doc_no == "示农发〔2019〕7号"
    assert strip_title("示范市停车场管理办法(2021年5月1日起施行)")[0] == "示范市停车场管理办法"


def test_a_marker_after_words_that_are_no_title_stays():
    # what is left in front does not read like a title: nothing is cut
    assert strip_title("本期要闻【2019-03-01实施】")[0] == "本期要闻【2019-03-01实施】"


def test_law_database_headline_with_marker_wins_over_the_remark_row():
    text = ("示范省农业厅关于印发《示范省种子经营管理办法》的通知(示农发〔2019〕7号)【2019-03-01实施】\n\n"
            "发布单位\n示范省农业厅\n"
            "发布文号 示农发〔2019〕7号\n"
            "发布日期 2019-01-20 生效日期 2019-03-01\n"
            "备注 废止依据:示范省农业农村厅关于印发示范省种子经营新办法的通知\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "示范省农业厅关于印发《示范省种子经营管理办法》的通知"
    assert f["doc_no"] == "示农发〔2019〕7号"
    assert f["publish_date"] == "2019-01-20"


def test_remark_row_is_never_the_title():
    # no headline at all: the 通知 named in the remark row is another document, not this page's title
    text = ("发布单位 示范市财政局\n发布文号 示财发〔2020〕5号\n发布日期 2020-06-01\n"
            "备注 废止依据:示范市财政局关于废止部分规范性文件的通知\n" + BODY)
    f = fields_of(text)
    assert f.get("title") in (None, "")
    assert f["doc_no"] == "示财发〔2020〕5号"
