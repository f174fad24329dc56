"""Shapes from held-out set 13 (issue 12; real pages kept outside the repository): a joint notice whose
issuers stand one a line above the `关于…` line. Every text here is written for the test."""
from functools import partial

from gongkai.catalog.tests.shapes import fields_of as fields_of_text

BODY = "各乡镇人民政府,县级各部门:现将办法印发给你们,请遵照执行。\n"

fields_of = partial(fields_of_text, allow_empty_body=True)


def test_joint_issuers_one_a_line_join_the_headline():
    text = ("示范县农业农村局行政规范性文件\n示范县农业农村局\n示范县财政局\n"
            "关于印发《示范县农机补贴管理办法》的通知\n示农发〔2024〕12号\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "示范县农业农村局示范县财政局关于印发《示范县农机补贴管理办法》的通知"
    assert f["doc_no"] == "示农发〔2024〕12号"


def test_three_issuers_one_a_line_join_the_headline():
    text = ("示范市教育局\n示范市财政局\n示范市人力资源和社会保障局\n关于做好2024年教师培训工作的通知\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "示范市教育局示范市财政局示范市人力资源和社会保障局关于做好2024年教师培训工作的通知"


def test_a_column_name_above_a_single_issuer_stays_out():
    text = ("通知公告\n示范县财政局\n关于下达2024年奖补资金的通知\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "示范县财政局关于下达2024年奖补资金的通知"
