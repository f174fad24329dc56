"""Spam shapes seen on real defaced pages, on texts written for these tests (none copied from the
real pages): each shape is found with exact spans, cutting the spans leaves the real text, and the
legitimate pages that look alike pass."""
import pytest

from gongkai.review.services import review_text, spam_clean_text
from gongkai.review.spam import is_spam_line, strip_spam

NOTICE = "各乡镇人民政府，县直各单位：\n现将《示范县防汛抗旱应急预案》印发给你们，请认真贯彻执行。\n示范县人民政府办公室\n"


def _texts(report):
    return [p.text for p in report.spam.passages if p.source == "text"]


def test_pinyin_glosses_of_a_converting_mirror_are_each_a_passage():
    text = "關於印發(fā)示範縣防汛應(yīng)急預(yù)案的通知\n各鄉鎮(zhèn)：現將預案印發給你們。"
    report = review_text(text=text)
    assert report.spam.is_spam
    assert _texts(report) == ["(fā)", "(yīng)", "(yù)", "(zhèn)"]
    clean, _removed = spam_clean_text(text=text)
    assert clean == "關於印發示範縣防汛應急預案的通知\n各鄉鎮：現將預案印發給你們。"


def test_parentheses_that_are_not_glosses_pass():
    text = "根据《条例》第十条(一)项和附件(a)(b)，按照(2024)年度计划执行(详见附表)。" + NOTICE
    assert not review_text(text=text).spam.is_spam


def test_tag_runs_sharing_one_id_across_elements():
    text = ('<em id="k2j9x"></em><del id="k2j9x"></del>\n    <b id="k2j9x"><kbd id="k2j9x"></kbd></b>\n'
            + NOTICE)
    report = review_text(text=text)
    assert report.spam.is_spam
    assert _texts(report) == ['<em id="k2j9x"></em><del id="k2j9x"></del>', '<b id="k2j9x"><kbd id="k2j9x"></kbd></b>']
    clean, _removed = spam_clean_text(text=text)
    assert "<" not in clean and "印发给你们" in clean


def test_markup_in_a_database_dump_passes():
    text = ('<p>第一条 为了规范管理，制定本办法。</p><div id="pageBreak"></div>\n<p>第二条 本办法自公布之日起施行。</p>'
            '<div id="pageBreak"></div><td id="c1">附件</td>')
    assert not review_text(text=text).spam.is_spam


def test_symbols_inserted_inside_words():
    text = "关于印发《彩票发行≡管理办法》的通知\n财政部修订印发彩票公益㊣金管理办法\n体育彩票〓代销合同\n国家体育总⌒局通知\n"
    report = review_text(text=text)
    assert report.spam.is_spam
    assert _texts(report) == ["≡", "㊣", "〓", "⌒"]
    clean, _removed = spam_clean_text(text=text)
    assert "国家体育总局通知" in clean and "彩票发行管理办法" in clean


def test_one_typo_bracket_and_a_flowchart_pass():
    text = ("根据《彩票公益金管理办法》、民政部彩票公益金使用管理信息公开办法》等规定公告如下。\n"
            "办理流程：申请→受理→审查→决定→送达。\n机密★长期\n")
    report = review_text(text=text)
    assert not report.spam.is_spam


@pytest.mark.parametrize("line,title", [
    ("示范市人民政府关于加强防汛工作的通知|国产精品一区二区_免费在线观看无码", "示范市人民政府关于加强防汛工作的通知"),
    ("日韩精品视频在线_亚洲一区二区三区_激情综合影院_超碰免费视频\n示范市人民政府关于加强防汛工作的通知",
     "示范市人民政府关于加强防汛工作的通知"),
    ("新澳门六肖期期准_平码三中三_特码资料大全\n示范县防汛应急预案", "示范县防汛应急预案"),
    ("1. 某某胶囊能壮阳吗\n示范县防汛应急预案", "示范县防汛应急预案"),
])
def test_seo_title_lines_are_cut_whole(line, title):
    report = review_text(text=line + "\n" + NOTICE)
    assert report.spam.is_spam and report.verdict == "block"
    clean, _removed = spam_clean_text(text=line + "\n" + NOTICE)
    assert clean.strip().splitlines()[0] == title
    assert not review_text(text=clean).spam.is_spam


def test_casino_brand_in_place_of_the_agency():
    text = ("当前位置：首页>通知公告\n777bet娱乐场官网关于2023年体育彩票公益金使用情况的公告\n"
            "为贯彻落实《彩票管理条例》，现将体育彩票公益金使用情况公告如下。\n版权所有：777bet娱乐场官网\n")
    report = review_text(text=text)
    assert report.spam.is_spam
    assert _texts(report) == ["777bet娱乐场官网", "777bet娱乐场官网"]
    clean, _removed = spam_clean_text(text=text)
    assert "关于2023年体育彩票公益金使用情况的公告" in clean and "bet" not in clean


def test_brand_glued_into_cited_titles():
    text = "根据《示范省财政厅bet88体育在线-【官网直营】 @:印发彩票公益金管理办法的通知》，共安排bet88体育在线:20万元。"
    report = review_text(text=text)
    assert report.spam.is_spam
    clean, _removed = spam_clean_text(text=text)
    assert clean == "根据《示范省财政厅印发彩票公益金管理办法的通知》，共安排20万元。"


def test_swapped_portal_address():
    text = ("（二）公开方式\n1、市政府门户网站（网址：http://m.spam-mirror.cn/）；\n"
            "2、政府公报电子版可在市人民政府门户网站“政报”专栏查阅（网址：http://m.spam-mirror.cn/12/34/index.htm）。\n")
    report = review_text(text=text)
    assert report.spam.is_spam
    assert _texts(report) == ["http://m.spam-mirror.cn/", "http://m.spam-mirror.cn/"]


@pytest.mark.parametrize("text", [
    "1、市政府门户网站（网址：http://www.shifan.gov.cn/）；\n2、学信网（www.chsi.com.cn）可查询学历。\n",
    "可登录澳门博彩监察协调局网站www.dicj.gov.mo查阅，或致电查询。",
])
def test_official_addresses_pass(text):
    assert not review_text(text=text).spam.is_spam


def test_place_name_tail_at_the_end():
    text = NOTICE + "北京 上海 广州 深圳 杭州 南京 苏州 成都 重庆 武汉 西安 长沙\n"
    report = review_text(text=text)
    assert report.spam.is_spam
    assert _texts(report) == ["北京 上海 广州 深圳 杭州 南京 苏州 成都 重庆 武汉 西安 长沙"]


@pytest.mark.parametrize("text", [
    "南京、无锡、徐州、常州、苏州、南通、杭州、宁波、温州、合肥市人民政府：\n现将方案印发给你们。\n",
    "现将方案印发给你们。\n区县网站：东城区 西城区 朝阳区 海淀区 丰台区 石景山区 门头沟区 房山区 通州区\n",
])
def test_addressee_lists_and_site_navigation_pass(text):
    assert not review_text(text=text).spam.is_spam


def test_keywords_spliced_into_a_sentence_as_clauses():
    text = ("彩票发行机构应当加强统一管理和组织协调，切实做好宣传告知等相关工作，维护购彩者合法权益,台中当铺,"
            "保持彩票市场安全运行和健康发展。对于已公告但尚未开展的派奖活动,瘦小脸,应当及时发布取消公告。")
    report = review_text(text=text)
    assert report.spam.is_spam
    assert sorted(_texts(report)) == ["台中当铺", "瘦小脸"]


@pytest.mark.parametrize("text", [
    "为贯彻落实《彩票管理条例》，现将2023年本级体育彩票公益金筹集、使用情况公告如下：体育彩票公益金总收入120万元，"
    "用于全民健身支出100万元。特此公告。",
    "东乌旗公安局启动“拒绝跨境赌博”宣传周活动，向群众宣传境外赌场和赌博网站招赌方式，提醒群众自觉抵制网上参赌。",
    "經濟財政司司長批示：於《百家樂法定規章》第十三條內增加第四款，博彩監察協調局局長得許可投注項目；娛樂場利益的計算法。",
    "原訂舉行的修改第16/2001號法律《娛樂場幸運博彩經營法律制度》公眾諮詢會取消，博彩監察協調局將個別通知參加者。",
    "2022年我县共筹集福彩公益金972万元，其中中央福彩公益金250万元，用于社区养老服务、孤儿助学和残疾人福利。",
])
def test_legitimate_lottery_and_gaming_texts_pass(text):
    report = review_text(text=text)
    assert not report.spam.is_spam, report.spam.passages


def test_is_spam_line_and_strip_spam():
    assert is_spam_line("777bet娱乐场官网关于2023年体育彩票公益金使用情况的公告")
    assert is_spam_line("示范市人民政府关于加强防汛工作的通知|国产精品一区二区_免费在线观看无码")
    assert not is_spam_line("关于2023年体育彩票公益金使用情况的公告")
    assert not is_spam_line("關於印發(fā)示範縣防汛應(yīng)急預案的通知")  # the real title, with glosses
    assert strip_spam("關於印發(fā)示範縣防汛應(yīng)急預案的通知") == "關於印發示範縣防汛應急預案的通知"
    assert strip_spam("百家乐 技巧_示范省突发公共事件总体应急预案") == "示范省突发公共事件总体应急预案"
    assert strip_spam("示范市人民政府关于加强防汛工作的通知|国产精品一区二区_免费在线观看无码") == \
        "示范市人民政府关于加强防汛工作的通知"
