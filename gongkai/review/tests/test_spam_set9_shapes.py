"""Shapes of held-out set 9 (issue 12): a keyword title that shares nothing with the page under it, a
betting site's name as the first line over an official text, a coded name standing twice for the
institution, and a lottery sold online. Each spam text has a clean twin of the same shape. Texts here
are written for the tests; the names are made up."""
from gongkai.review.spam import detect_spam, strip_spam

BODY = ("各乡镇人民政府,县直各单位:\n"
        "为做好2031年全县网站和新媒体账号登记工作,县委网信办决定开展集中登记。请各单位于5月10日前"
        "填报登记表,并报送县委网信办。逾期未报的,按有关规定处理。\n"
        "某某县委网信办\n2031年4月20日\n")


def _texts(result):
    return [p.text for p in result.passages if p.source == "text"]


def test_a_keyword_title_unrelated_to_the_page_is_spam_whatever_its_words():
    title = "樱桃综合国产,97蜜瓜久久综合,八八八八精品,日韩综合av"
    text = title + "\n关于开展网站和新媒体账号登记工作的通知\n" + BODY
    result = detect_spam(text)
    assert result.is_spam
    assert title in _texts(result)
    assert "关于开展网站" in strip_spam(text)


def test_a_title_list_of_the_pages_own_words_or_a_portal_header_passes():
    for head in ("网络账号登记-新媒体账号-网站登记-网信办通知",  # the page's own words
                 "简体 | 繁体 | 无障碍 | 登录 | 注册",  # a portal's links: site words, not spam genres
                 "彩票公益金-福利彩票-体育彩票-公益金公告"):  # words the page below uses
        text = head + "\n" + BODY + "福利彩票和体育彩票公益金的使用情况另行公告。\n"
        assert not detect_spam(text).is_spam, head


def test_a_site_code_counts_as_spam_vocabulary_in_a_keyword_title():
    title = "星河abc777_abc777手机登录-官网"
    text = title + "\n学校召开2031年度体育运动委员会会议\n4月9日上午,学校在227会议室召开会议,副校长王某出席。" * 2
    result = detect_spam(text)
    assert result.is_spam
    assert any(title in t for t in _texts(result))


def test_a_betting_site_name_over_an_official_text_is_spam():
    text = "银月体育\n\n某某镇第一届全民健身大赛圆满成功\n" + "9月28日,某某镇人大票决项目全民健身大赛在镇中心校操场举行,镇党委政府领导出席。" * 2
    result = detect_spam(text)
    assert result.is_spam
    assert "银月体育" in _texts(result)


def test_a_site_name_line_the_page_uses_a_place_or_a_generic_name_passes():
    body = "9月28日,某某镇人大票决项目全民健身大赛在镇中心校操场举行,镇党委政府领导出席。" * 2
    for head, extra in (("阳光体育", "学校开展阳光体育运动。"),  # the page uses its stem
                        ("北京体育", ""),  # a place's own name
                        ("全民体育", ""),  # a generic name
                        ("体育彩票", "")):
        assert not detect_spam(head + "\n" + body + extra).is_spam, head


def test_a_coded_name_standing_twice_for_the_institution_is_spam():
    text = ("金帆国际2046源自海外召开2031年度第四次工作会议\n"
            "日期:2031年03月08日 来源:金帆国际2046源自海外\n"
            "3月8日上午,2031年度第四次学院工作会议在二层会议室召开,各系主任参加了会议。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert _texts(result).count("金帆国际2046源自海外") == 2


def test_numbers_in_real_names_and_counts_pass():
    text = ("某某县2031年第一次工作会议召开\n来源:某某县政府办\n"
            "会议研究了G310国道改造和310省道养护,县长王某主持召开会议,全县1946户受益。"
            "编号为100235的项目和编号为100235的附件一并审议。\n")
    assert not detect_spam(text).is_spam


def test_a_lottery_sold_online_is_spam_outside_warnings():
    text = ("为了更好地提供手机彩票平台服务,便利公众快速查找手机彩票官网依法公开的信息,制定本指南。\n"
            "本指南所称信息,是指行政机关在履行职责过程中制作或者获取的信息。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert {"手机彩票平台", "手机彩票官网"} <= set(_texts(result))


def test_online_lottery_in_a_warning_or_a_crackdown_passes():
    for text in ("警方提醒:所谓手机彩票平台均属非法,切勿下载注册。\n",
                 "对向非法网络购彩平台提供支付结算服务的行为,由人民银行依法查处。\n",
                 "今年以来,我市依法查处擅自利用互联网销售彩票行为,关停网上彩票投注网站3个。\n"):
        assert not detect_spam(text).is_spam, text


def test_a_site_name_in_an_institutions_slot_is_spam():
    text = ("10月26日上午8点,星耀体育官方唯一入口2031年秋季运动会隆重开幕,全校师生共聚第一田径场。"
            "星耀体育官方唯一入口方阵队员昂首阔步走入会场,展示出星耀体育官方唯一入口学子青春的活力。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert _texts(result).count("星耀体育官方唯一入口") == 3
    assert "秋季运动会隆重开幕" in strip_spam(text)


def test_site_words_before_an_institutions_words_in_real_text_pass():
    for text in ("全省科技创新平台2031年度绩效评价结果公布,各平台第三次评估同步开展。\n",
                 "申报单位请登录2031年度项目申报系统填报,逾期不予受理。\n",
                 "学校官网2031年工作要点已发布,师生可在学校官网第一时间查看。\n",
                 "高速公路出入口第三次改造完成,市政府网址第二次调整。\n"):
        assert not detect_spam(text).is_spam, text
