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
