"""Shapes found on real pages collected outside the development set (issue 12, a small hand-labelled
check set kept outside the repository). Texts here are written for the tests, in the same shapes."""
from gongkai.review.services import review_text, spam_clean_text

NOTICE = "各乡镇人民政府，县直各单位：\n现将《示范县防汛抗旱应急预案》印发给你们，请认真贯彻执行。\n示范县人民政府办公室\n"


def _texts(report):
    return [p.text for p in report.spam.passages if p.source == "text"]


def test_glosses_with_a_space_before_the_closing_bracket_are_glosses_too():
    text = "首頁(yè) > 示範縣(xiàn)\n示範樂(lè )園管理辦法的通知(zhī)\n各鄉鎮：現將辦法印發給你們。"
    report = review_text(text=text)
    assert report.spam.is_spam
    assert "(lè )" in _texts(report)
    clean, _removed = spam_clean_text(text=text)
    assert "示範樂園管理辦法的通知" in clean and "(" not in clean


def test_a_clause_of_regulatory_prose_naming_gaming_twice_is_not_a_keyword_run():
    # A government news item: the clause between two commas names 博彩 twice and 投注 once, far
    # apart inside ordinary words; that is prose, not an SEO keyword phrase.
    text = ("示范监察局长书面答复了议员有关博彩业政策的询问。他表示,现时位于博彩娱乐区内及与博彩场所毗邻的"
            "投注站有四个,其数目已经冻结,新设投注站只在不影响周边环境时个别考虑。\n")
    report = review_text(text=text)
    assert not report.spam.is_spam
    assert report.verdict != "block"


def test_a_short_gaming_keyword_chain_still_is_a_keyword_run():
    text = "博彩网站,在线投注,真人赌场,官方网址\n" + NOTICE
    report = review_text(text=text)
    assert report.spam.is_spam


def test_a_private_lottery_tip_with_draw_numbers_is_spam():
    text = ("示范区文化事业发展的意见\n一、总体要求\n例如“香港最准内部资料088期07-15-22-31-40-46 T:12”的说法，"
            "在群众中流传较广。\n" + NOTICE)
    report = review_text(text=text)
    assert report.spam.is_spam
    assert "香港最准内部资料088期07-15-22-31-40-46 T:12" in _texts(report)
    clean, _removed = spam_clean_text(text=text)
    assert "088期" not in clean and "在群众中流传较广" in clean


def test_tonight_s_draw_in_a_header_value_is_spam_even_on_a_page_about_gaming_rules():
    text = ("示范事务办公室文件\n文 号:示秘〔2023〕第N号\n主 题:新澳今晚8点开奖结果查询\n"
            "为确保博彩业的良好秩序，依法加强监管，特制定本文件。\n")
    report = review_text(text=text)
    assert report.spam.is_spam
    assert any("今晚8点开奖" in t for t in _texts(report))


def test_a_welfare_lottery_draw_notice_and_dates_are_not_tips():
    text = ("示范市福利彩票发行中心关于第2024035期双色球开奖情况的公告\n"
            "本期开奖号码为03 10 15 22 28 31，蓝球07。发布日期：2024-03-28，联系电话：0531-86012345。\n"
            "彩票公益金用于社会福利事业，请理性购彩。\n")
    assert not review_text(text=text).spam.is_spam


def test_on_a_glossing_mirror_the_news_item_s_own_casino_words_are_not_spam_passages():
    text = ("示範新聞網(wǎng)\n澳門擬嚴(yán)管博彩業(yè)：不再增發(fā)賭牌\n"
            "  據(jù)報道，在可以預見的將來特區的博彩業會限於現在的發展規模，不再增發新的賭牌；"
            "除已經申請的個案外不再批給土地建設新的賭場。\n")
    report = review_text(text=text)
    assert report.spam.is_spam  # the glosses
    texts = _texts(report)
    assert texts and all(t.startswith("(") and t.endswith(")") for t in texts)


def test_a_list_of_enforcement_clauses_each_naming_gambling_is_no_keyword_chain():
    text = ("示范县公安局开展专项行动\n近期，本局持续严厉整治网络赌博，依法关停境外赌场网站，捣毁地下六合彩窝点，"
            "收缴非法博彩游戏机，抓获犯罪嫌疑人9名。\n")
    report = review_text(text=text)
    assert not report.spam.is_spam
    assert report.verdict != "block"


def test_a_chain_of_short_gambling_keywords_stays_a_chain():
    text = "示范县人民政府\n网络赌博,赌场网站,六合彩,博彩游戏\n" + NOTICE
    assert review_text(text=text).spam.is_spam


def test_a_crackdown_notice_listing_the_kinds_of_gambling_it_targets_passes():
    text = ("示范州公安局开展严打赌博违法犯罪专项行动\n"
            "此次专项行动将突出解决农村赌博、网络赌博等问题，严厉打击五类人员，包括开设赌场者；网络赌博的庄家、"
            "组织者和赌博网站的开办者；利用“六合彩”赌博、赌球等赌博活动庄家、组织者和为首者等。\n"
            "行动开展以来，共查处赌博违法治安案件3起。\n")
    report = review_text(text=text)
    assert not report.spam.is_spam
    assert report.verdict != "block"


def test_a_betting_site_name_hung_after_a_news_title_is_spam():
    text = ("我区打击治理电信诈骗和跨境赌博工作取得成效 -盛丰app官网开户\n\n发布时间：2023年05月08日\n"
            "来源：示范区融媒体中心\n\n  区公安分局相关负责人介绍，今年以来共侦办跨境赌博案件9起。\n")
    report = review_text(text=text)
    assert report.spam.is_spam
    assert _texts(report) == ["盛丰app官网开户"]
    clean, _removed = spam_clean_text(text=text)
    assert clean.startswith("我区打击治理电信诈骗和跨境赌博工作取得成效")


def test_the_portal_s_own_name_after_a_title_passes():
    text = ("示范县人民政府关于做好防汛工作的通知_示范县人民政府门户网站\n"
            "各乡镇：请登录示范县政务服务网办理，网上开户指引见附件。\n")
    assert not review_text(text=text).spam.is_spam
