"""Reporting on gambling is not gambling spam (issue 12, held-out set 5): a news feature, a police
report or a court story quotes the jargon (特码, 庄家, 买码, 香港六合彩) inside its sentences and must
pass the publish gate, while the same page with injected spam is still blocked. Texts here are
written for the tests."""
from gongkai.review.services import review_text, spam_clean_text
from gongkai.review.spam import detect_spam, is_spam_line

CRACKDOWN_NEWS = (
    "示范县地下六合彩为何屡禁不止？记者走访多个乡镇\n"
    "2031-11-02 10:15  来源：示范日报\n"
    "“买码”的人大多是中老年人。记者在示范镇走访时了解到，一些村民每周都会向“庄家”下注，"
    "按照特码,庄家对照香港六合彩开奖结果兑付，赔率高达一比四十。\n"
    "县公安局治安大队民警介绍，今年以来共破获私彩案件12起，抓获组织者7名。"
    "法院审理后认为，被告人以营利为目的开设赌局，其行为已构成开设赌场罪。\n"
    "“特码、平码、买码这些说法，其实都是庄家设下的圈套。”办案民警说，群众切莫相信。\n"
    "据了解，该县已在全县开展禁赌宣传，组织干部进村入户发放宣传单。\n"
)


def _texts(result):
    return [p.text for p in result.passages if p.source == "text"]


def test_crackdown_news_quoting_mark_six_jargon_passes_the_gate():
    report = review_text(text=CRACKDOWN_NEWS)
    assert not report.spam.is_spam
    assert report.verdict != "block"


def test_the_same_news_with_an_injected_keyword_line_is_blocked():
    text = "香港六合彩_特码_澳门六合彩开奖结果_平码_一肖一码\n" + CRACKDOWN_NEWS
    report = review_text(text=text)
    assert report.spam.is_spam and report.verdict == "block"
    assert any(t.startswith("香港六合彩_特码") for t in _texts(report.spam))


def test_the_same_news_with_a_casino_brand_spliced_in_is_blocked():
    text = CRACKDOWN_NEWS.replace("来源：示范日报", "来源：示范日报 bet365体育官网")
    assert detect_spam(text).is_spam


def test_jargon_inside_a_sentence_of_an_advert_is_still_spam():
    # No reporting words: the page sells the game, it does not report on it.
    text = ("欢迎光临本站，最新消息每天更新。按照特码,庄家对照香港六合彩开奖结果兑付，赔率高达一比四十八。\n"
            "老会员推荐新会员再送彩金，详情请咨询客服。\n")
    assert detect_spam(text).is_spam


def test_a_jargon_pair_in_a_news_sentence_is_not_spam_on_a_reporting_page():
    text = ("记者在菜市场看到，几名妇女正议论头天晚上开出的“六合彩特码”，一人说没有买中。\n"
            "民警提醒，地下六合彩都是庄家设下的局，群众切勿参与，发现线索请及时举报。\n")
    assert not detect_spam(text).is_spam


def test_entertainment_venue_is_not_a_casino():
    text = "现时位于幸运博彩娱乐场所或酒店外的角子机场共六间，其中两间邻近住宅区。\n"
    assert not detect_spam(text).is_spam
    assert is_spam_line("澳门博彩娱乐场官网")


def test_a_lucky_every_day_lottery_title_is_a_tip_title():
    text = ("《2031澳门天天开好彩大全》\n解答解释落实\n一、序言\n"
            "为规范彩票市场秩序，保护公众利益，特制定本政策文件。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert any("澳门天天开好彩大全" in t for t in _texts(result))
    assert is_spam_line("澳门“天天开好彩”小游戏概览")


def test_a_warning_about_the_lucky_every_day_scam_passes():
    text = ("示范县公安局提醒：网传“澳门天天开好彩”稳赚不赔，实为诈骗，切勿下载所谓的购彩软件。\n")
    assert not detect_spam(text).is_spam


def test_a_report_that_quotes_the_jargon_passes_with_few_reporting_words():
    # One reporting word only, but the jargon is quoted three times (地下“六合彩”): a reporter's text.
    text = ("在示范镇一些菜市场，地下“六合彩”的卖号摊位随处可见。\n"
            "六合彩地摊\n"
            "“在我们这里，买卖‘六合彩’不值得大惊小怪。”一位村民告诉记者，"
            "为参透“六合彩特码玄机图”，他曾经废寝忘食，输掉了家中的征地款。\n")
    assert not detect_spam(text).is_spam


def test_quoted_jargon_in_an_advert_without_reporting_words_is_still_spam():
    text = ("“特码”“平码”“六肖”本站独家，按照特码,庄家对照香港六合彩开奖结果兑付，赔率一比四十八。\n"
            "新会员注册即送彩金，详情请咨询在线客服。\n")
    assert detect_spam(text).is_spam


def test_a_keyword_chain_spliced_into_a_report_sentence_is_blocked_and_the_report_kept():
    text = CRACKDOWN_NEWS.replace("民警介绍，今年以来", "民警介绍,澳门六合彩,特码,平码,六肖,一码中特,今年以来")
    report = review_text(text=text)
    assert report.spam.is_spam and report.verdict == "block"
    clean, _removed = spam_clean_text(text=text)
    assert "平码,六肖" not in clean
    # The reporter's own sentence with the jargon is not cut as spam.
    assert "按照特码,庄家对照" in clean and "赔率高达一比四十" in clean
