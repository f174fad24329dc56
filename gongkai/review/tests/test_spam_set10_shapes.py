"""Shapes of held-out set 10 (issue 12): a casino's name glued to a number code, or a lower-case betting
code, standing where a school's name stands, with no site word beside it. Each spam text has a clean
twin of the same shape. Texts here are written for the tests; the names are made up."""
from gongkai.review.spam import detect_spam, strip_spam
from gongkai.review.spam_codes import casino_code_passages


def _texts(result):
    return [p.text for p in result.passages if p.source == "text"]


def test_a_casino_name_with_a_code_before_a_party_meeting_is_spam():
    text = ("10月8日下午,中共威尼斯77312第二次党员大会在学术报告厅召开。副校长王某出席并讲话,"
            "全院师生党员参加。会议选举产生了新一届委员会。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert "威尼斯77312" in _texts(result)
    assert "第二次党员大会" in strip_spam(text)


def test_a_code_glued_to_a_route_word_and_a_meeting_verb_is_spam():
    text = "4月2日至3日,金沙3131路线ab7举行了第40届田径运动会,全校师生参加。\n"
    assert "金沙3131路线ab7" in _texts(detect_spam(text))


def test_a_code_before_the_casino_name_and_an_edition_is_spam():
    text = "6月30日,31313金沙2031届毕业典礼在体育馆隆重举行,校领导出席。\n"
    assert "31313金沙" in _texts(detect_spam(text))


def test_a_latin_code_needs_two_institution_slots():
    spam = "xyz365于5月6日在东区草坪成功举办师生定向赛。\n中午,xyz365的师生在草坪集合。\n"
    assert "xyz365" in _texts(detect_spam(spam))
    once = "xyz365于5月6日在东区草坪成功举办师生定向赛。\n"
    assert not casino_code_passages(once)


def test_a_real_school_named_like_a_casino_and_macau_news_pass():
    for clean in (
        "10月7日,金沙高级中学第十七届秋季运动会在学校操场举行,全校师生参加。\n",  # a real name, no code
        "金沙中国2031年第一季度收益为120亿元,澳门博彩监察协调局公布了各承批公司的数据。\n",  # a year, a unit
        "永利澳门2031年度员工大会在酒店举行,约3000名员工出席。\n",  # a year with its unit
        "本校与金沙镇中心校于2031年5月举办联合教研活动,310名师生参加。\n",  # a count with its unit
    ):
        assert not detect_spam(clean).is_spam, clean
        assert not casino_code_passages(clean.lower()), clean


def test_a_betting_site_named_once_in_a_ruling_is_not_read_as_an_institution():
    # (the older brand-token shape reads this short line on its own; this shape stays silent)
    assert not casino_code_passages("被告人在境外赌博网站bet365开设账户,于2031年3月投注12笔,共计5000元。\n")
