"""Shapes from held-out set 12 (issue 12; real pages kept outside the repository): an encyclopedia's
lead sentence above its item list, a column name above a `关于…` headline, a date or an order number
after the headline, an essay site's collection headings, and the `公开日`/`文件来源` labels. Every text
here is written for the test."""
from functools import partial

from gongkai.catalog.importing.chrome import is_chrome
from gongkai.catalog.importing.title import strip_title
from gongkai.catalog.tests.shapes import fields_of as fields_of_text

BODY = "各村（社区），镇直各单位：现将方案印发给你们，请结合实际认真贯彻执行。特此通知。\n"

fields_of = partial(fields_of_text, allow_empty_body=True)


def test_a_lead_sentence_above_an_item_list_is_not_the_body_start():
    text = ("示范市河道管理条例\n\n示范市河道管理条例,于2020年5月20日由示范市人民代表大会常务委员会第九次会议通过。\n"
            "基本信息\n• 中文名: 示范市河道管理条例\n• 法律效力:地方性法规\n• 制定机关:示范市人民代表大会常务委员会\n"
            "• 时效性:有效\n条例全文\n第一条 为了加强河道管理,保障防洪安全,根据有关法律、法规,结合本市实际,制定本条例。\n")
    f = fields_of(text)
    assert f["title"] == "示范市河道管理条例"  # never the `中文名:` item
    assert f["publisher"] == "示范市人民代表大会常务委员会"
    assert f["validity"] == "有效"


def test_a_lead_sentence_without_an_item_list_stays_the_body():
    text = ("示范县人民政府关于做好秋季防火工作的通知\n"
            "为切实做好今年秋季森林防火工作,确保人民群众生命财产安全,现就有关事项通知如下。\n"
            "一、提高认识\n各乡镇要高度重视。\n")
    f = fields_of(text)
    assert f["title"] == "示范县人民政府关于做好秋季防火工作的通知"
    assert f["publisher"] is None


def test_a_labelled_bullet_is_no_unlabelled_title():
    text = ("示范县人民政府关于印发示范县防汛预案的通知\n• 中文名: 示范县防汛预案的通知\n• 索引号: 123456789/2020-00001\n"
            "• 发布机构: 示范县人民政府\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "示范县人民政府关于印发示范县防汛预案的通知"


def test_a_column_name_above_a_guanyu_headline_is_not_joined():
    text = ("规范性文件\n\n关于印发示范区草原保护补助实施方案的通知\n\n"
            "索 引 号 010000001/2023-00001 发布机构 示范区政府办公室\n文  号 示区财农〔2023〕5号 主题分类 生态保护\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "关于印发示范区草原保护补助实施方案的通知"
    text = "示范县人民政府办公室\n关于印发示范县防汛预案的通知\n示政办发〔2021〕3号\n" + BODY
    assert fields_of(text)["title"] == "示范县人民政府办公室关于印发示范县防汛预案的通知"
    text = "示范市行政公署\n关于加强农牧区道路管理的通知\n示署发〔2019〕8号\n" + BODY
    assert fields_of(text)["title"] == "示范市行政公署关于加强农牧区道路管理的通知"


def test_a_date_in_brackets_after_the_headline_is_cut():
    assert strip_title("示范市人民政府办公厅关于转发示范市志编纂方案的通知 ((1990年11月16日))")[0] == \
        "示范市人民政府办公厅关于转发示范市志编纂方案的通知"
    assert strip_title("示范县人民政府关于加强秋粮收购的通知（2021年9月1日）")[0] == "示范县人民政府关于加强秋粮收购的通知"
    # a revision note is part of the name; a year range is no date
    assert strip_title("示范市物业管理办法(2020年3月修订)")[0] == "示范市物业管理办法(2020年3月修订)"
    assert strip_title("示范市人口发展规划(2021年)")[0] == "示范市人口发展规划(2021年)"


def test_an_order_number_after_a_regulation_name_is_cut():
    assert strip_title("示范省土地整治办法 示范省人民政府令 第116号")[0] == "示范省土地整治办法"
    assert strip_title("示范市停车场管理规定 示范市人民政府令(第23号)")[0] == "示范市停车场管理规定"
    assert strip_title("示范省人民政府令第116号")[0] == "示范省人民政府令第116号"  # nothing before it


def test_collection_headings_of_an_essay_site_are_chrome():
    assert is_chrome("示范省人民政府令116号(精选7篇)")
    assert is_chrome("示范省人民政府令116号 篇1")
    assert not is_chrome("示范县人民政府关于印发示范县防汛预案的通知")
    assert not is_chrome("关于印发示范县十大民生实事50篇宣传稿件的通知")
    text = ("示范省人民政府令116号\n\n2024-08-15\n\n示范省人民政府令116号(精选7篇)\n\n示范省人民政府令116号 篇1\n\n"
            "【发布文号】示范省人民政府令2016年第116号 【发布日期】2016-12-06 【生效日期】2017-03-01 【失效日期】 【所属类别】地方法规\n\n"
            "【文件来源】示范省人民政府\n\n示范省土地整治办法 示范省人民政府令 第116号\n\n"
            "《示范省土地整治办法》已经2016年11月18日省人民政府常务会议审议通过,现予发布,自2017年3月1日起施行。\n")
    f = fields_of(text)
    assert f["title"] == "示范省土地整治办法"
    assert f["doc_no"] == "示范省人民政府令2016年第116号"
    assert f["publish_date"] == "2016-12-06"
    assert f["publisher"] is None  # 文件来源 is a source, not a 发布机构


def test_gongkai_ri_is_a_label_that_ends_the_value_before_it():
    text = ("索 引 号 010000001/2023-00071 发布机构 示范区政府办公室 公开日 2023-07-04\n"
            "文  号 示区财农〔2023〕45号 主题分类 生态保护 失效日期\n体裁分类 服务对象 各乡镇、各部门 有效性 有效\n" + BODY)
    f = fields_of(text)
    assert f["publisher"] == "示范区政府办公室"
    assert f["index_no"] == "010000001/2023-00071"
    assert f["validity"] == "有效"
    # read like 公开日期 (rank 1): the open labelling question of a lone 公开日期, not changed here
    assert f["publish_date"] == "2023-07-04"
