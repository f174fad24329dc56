"""Header, title and 文号 shapes from held-out set 10 (issue 12; real pages kept outside the
repository): law-database copies, traditional mirrors, sites that repost a document with a teaser.
Every text here is written for the test."""
from functools import partial

from gongkai.catalog.docno import normalize_doc_no
from gongkai.catalog.importing.header import header_pairs, prepare
from gongkai.catalog.tests.shapes import fields_of as fields_of_text

BODY = "各乡镇人民政府，县直各部门：现将方案印发给你们，请结合实际认真贯彻执行。特此通知。\n"

fields_of = partial(fields_of_text, allow_empty_body=True)


def test_a_year_of_two_digits_in_square_brackets_takes_the_standard_brackets():
    # An old 文号 with its year in front (`[89]某发字第003号`) does not parse; its brackets still become 〔〕.
    assert normalize_doc_no("[89]示司发字第003號") == "〔89〕示司发字第003號"
    assert normalize_doc_no("【1992】示发字 12 号") == "〔1992〕示发字 12号"
    assert normalize_doc_no("示政发[2020]7号") == "示政发〔2020〕7号"
    assert normalize_doc_no("示字第12号") == "示字第12号"  # no year: as given


def test_a_bracketed_promulgation_note_is_never_the_title():
    # A law database prints its attributes with no colon, then `（date 文号）` above the salutation.
    text = ("发文机关示范部\n发文日期1990年3月5日\n时效性现行有效\n发文字号[90]示发字第002号\n"
            "（1990年3月5日 [90]示发字第002号）\n各省、自治区、直辖市示范厅（局）：\n"
            "为了统一发布格式，现通知如下。\n")
    f = fields_of(text)
    assert f["title"] is None
    assert f["doc_no"] == "〔90〕示发字第002号"
    assert f["publisher"] == "示范部"
    assert f["written_date"] == "1990-03-05"


def test_a_keyword_list_ending_a_no_colon_row_keeps_the_row():
    line = ("文  號 示政辦發〔2019〕9號 主 題 詞 示範縣 人民政府 政府辦公室 政府辦 辦公廳 印發 實體 "
            "政務大廳 管理暫行辦法 政務服務 運行 電子文件 文件管理 的通知")
    pairs = header_pairs(prepare(line))
    assert pairs is not None and pairs[0].value == "示政辦發〔2019〕9號"
    text = ("示範縣人民政府辦公室關于轉發某省實體政務大廳管理暫行辦法的通知\n"
            "索 引 號 11223344Q-2019-000024 成文日期 2019-02-25\n"
            "發布機構 示範縣人民政府 發布日期 2019-02-25\n" + line + "\n" + BODY)
    f = fields_of(text)
    assert f["doc_no"] == "示政辦發〔2019〕9號"
    assert f["index_no"] == "11223344Q-2019-000024"


def test_a_keyword_value_before_another_pair_is_still_checked():
    # Only a word list that ends the row is let through: a long 主题词 in the middle voids the row.
    line = "主题词 " + " ".join(["示范"] * 30) + " 文号 示政发〔2019〕9号"
    assert header_pairs(prepare(line)) is None


def test_a_teaser_line_above_the_document_is_not_its_body():
    text = ("示范市人民政府办公厅印发关于促进开发区创新发展实施方案的通知\n"
            "导读:加强开发区的改革和创新发展，对于全市经济社会发展具有重要意义，各区要认真落实。\n"
            "示政办函〔2017〕103号\n"
            "示范市人民政府办公厅印发关于促进\n开发区创新发展实施方案的通知\n" + BODY)
    f = fields_of(text)
    assert f["doc_no"] == "示政办函〔2017〕103号"
    assert f["title"] == "示范市人民政府办公厅印发关于促进开发区创新发展实施方案的通知"


def test_a_headline_broken_over_three_lines_is_joined_from_its_opening_line():
    text = ("您的位置:主页 > 资讯 > 政策\n\n"
            "《示范省进一步支持民间投资实施\n\n"
            "示范省人民政府办公厅关于印发示范省\n\n进一步支持民间投资\n\n实施方案的通知\n\n"
            "示府办〔2023〕5号\n\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "示范省人民政府办公厅关于印发示范省进一步支持民间投资实施方案的通知"
    assert f["doc_no"] == "示府办〔2023〕5号"


def test_a_complete_headline_above_a_short_one_is_not_joined():
    # The opener must still wait for its `的`: a finished headline above is a separate line.
    text = ("示范县人民政府关于做好防汛工作的通知\n示范县人民政府\n防汛工作方案的通知\n" + BODY)
    f = fields_of(text)
    assert f["title"] == "示范县人民政府关于做好防汛工作的通知"


def test_a_doc_no_starting_a_flattened_notice_before_its_addressees_is_the_documents_own():
    text = ("關(guān)于印發(fā)示範市政府信息公開目錄編制規則的通知\n\n來源: 某網 · 2020-11-11 · 12人看過\n"
            "示政辦發(fā)[2008]68號 各縣、區人民政府,市直各部門: 經市政府同意,現將規則印發給你們,請認真組織實施。\n")
    f = fields_of(text)
    assert f["doc_no"] == "示政辦發〔2008〕68號"
    assert f["title"] == "關于印發示範市政府信息公開目錄編制規則的通知"


def test_a_number_cited_inside_the_first_sentence_is_not_taken():
    text = ("示范县人民政府关于做好防汛工作的通知\n"
            "根据示政发〔2020〕3号文件要求，各乡镇要认真做好防汛准备工作，确保安全度汛。\n")
    assert fields_of(text)["doc_no"] is None
