"""Private-lottery tip pages dressed up as regulations (spam_lottery): shapes seen on a held-out set
of real pages kept outside the repository. Texts here are written for the tests."""
from gongkai.review.services import review_text, spam_clean_text
from gongkai.review.spam import is_spam_line

RULES = ("各有关单位：\n为进一步加强彩票市场监管，规范彩票发行与销售，保障购彩者合法权益，特制定本文件。\n"
         "一、彩票销售点应当依法经营，接受财政部门监督。\n")


def _texts(report):
    return [p.text for p in report.spam.passages if p.source == "text"]


def test_a_zodiac_number_tip_as_a_document_name_is_spam_on_a_page_about_lottery_rules():
    text = "示范特区政策文件\n文件名称：示范三肖六码期期准确资料说明\n" + RULES
    report = review_text(text=text)
    assert report.spam.is_spam and report.verdict == "block"
    assert "示范三肖六码期期准确资料说明" in _texts(report)
    clean, _removed = spam_clean_text(text=text)
    assert "三肖" not in clean and "彩票销售点应当依法经营" in clean


def test_number_before_zodiac_order_is_the_same_tip():
    assert is_spam_line("澳门二码一肖今天晚上的说明")


def test_daily_lottery_data_title_with_the_farm_template_tail_is_spam():
    text = "2031新澳天天彩资料大全,确保解答解释落实_QWE1.23.45典藏版\n" + RULES
    report = review_text(text=text)
    assert report.spam.is_spam
    assert any("新澳天天彩资料大全" in t for t in _texts(report))
    assert any("_qwe1.23.45" in t.lower() for t in _texts(report))


def test_the_farm_template_tail_alone_is_spam():
    assert is_spam_line("关于示范事项的说明|详述解答解释落实_AB12.3.4版")


def test_a_police_warning_quoting_the_tip_phrase_passes():
    text = ("示范县公安局提醒：近期有不法分子以“一肖一码”“澳门天天彩资料大全”为噱头实施诈骗，"
            "请广大群众提高警惕，谨防上当受骗。\n示范县公安局\n2031年5月6日\n")
    report = review_text(text=text)
    assert not report.spam.is_spam and report.verdict != "block"


def test_ordinary_macau_and_welfare_lottery_news_passes():
    text = ("澳门博彩监察协调局公布，本月博彩毛收入按年上升。\n"
            "示范市福利彩票发行中心公告：第2031045期开奖号码已在官方网站公布，请彩民理性购彩。\n"
            "本局工作人员肖一明、码头管理处负责人出席会议。\n")
    report = review_text(text=text)
    assert not report.spam.is_spam and report.verdict != "block"


def test_a_mirror_glossing_without_tone_marks_is_a_glossing_mirror():
    text = ("示(shi)范(fan)县(xian)人民政府办(ban)公(gong)室关于印发(fa)方案的通知\n"
            "各(ge)乡镇(zhen)：现(xian)将方(fang)案印发给你们(men)，请(qing)认真执行。\n")
    report = review_text(text=text)
    texts = _texts(report)
    assert report.spam.is_spam and "(gong)" in texts and "(zhen)" in texts


def test_a_few_lowercase_words_in_brackets_are_no_glosses():
    text = ("示范县推广政务服务应用(app)和小程序(mini)，群众可在办事大厅(hall)咨询。\n"
            "联系人：示范县行政审批局(an)\n")
    assert not review_text(text=text).spam.is_spam


def test_the_special_number_beside_a_draw_is_a_tip():
    text = "关于示范特种赛事开奖事项的通知\n为规范特种赛事（以下简称特马）的开奖活动，特制定本文件。\n" + RULES
    assert review_text(text=text).spam.is_spam


def test_a_free_video_app_banner_over_a_notice_is_spam():
    text = "免费西瓜视频app下载\n\n信息公开\n示范县人民政府关于做好春耕生产的通知\n" + RULES
    report = review_text(text=text)
    assert report.spam.is_spam and "免费西瓜视频app下载" in _texts(report)
    clean, _removed = spam_clean_text(text=text)
    assert "视频" not in clean and "示范县人民政府关于做好春耕生产的通知" in clean


def test_a_government_video_channel_notice_passes():
    text = ("示范县融媒体中心开设政务视频专栏，群众可在县政府网站观看政策解读视频。\n"
            "示范县政务服务app下载后即可在线办理社保业务。\n")
    assert not review_text(text=text).spam.is_spam


def test_an_anti_fraud_article_with_the_tip_phrase_as_a_heading_passes():
    text = ("近来有人以预测中奖号码为名设下骗局，本文提醒读者提高防范意识。\n"
            "一、什么是“五肖十码”？\n"
            "所谓“五肖十码”，是一些人宣称能预测中奖号码的说法，并无任何依据。\n"
            "二、购买彩票应当理性，通过正规渠道购买。\n")
    report = review_text(text=text)
    assert not report.spam.is_spam and report.verdict != "block"
