"""Shapes of held-out set spam11 (issue 12): a casino's brand standing where a school's or an agency's name
stands, with no number code and no site word (`某某体育领导班子`, `某某集团2015级本科生`, `我校某某游戏大厅成立`),
and a gambling game credited in a site's footer. Each spam text has a clean twin of the same shape. Texts
here are written for the tests; the names are made up or generic."""
from gongkai.review.spam import detect_spam, strip_spam
from gongkai.review.spam_brands import _slots as _site_slots
from gongkai.review.spam_slots import casino_slot_passages
from gongkai.review.textfold import fold, lower_for_matching


def _texts(result):
    return [p.text for p in result.passages if p.source == "text"]


def _slots(text):
    low = lower_for_matching(fold(text))
    return sorted({low[s:e] for s, e, _score, _signals in casino_slot_passages(low)})


def test_a_bare_brand_before_a_leadership_word_is_spam_and_every_mention_goes():
    text = ("必赢体育举办第九届教职工拔河比赛\n"
            "5月9日,必赢体育在东操场举行教职工拔河比赛。党委书记王某、院长李某等必赢体育领导班子成员"
            "出席。比赛增强了必赢体育教职工的凝聚力。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert _slots(text) == ["必赢体育"]
    cleaned = strip_spam(text)
    assert "必赢" not in cleaned and "教职工拔河比赛" in cleaned


def test_a_brand_with_a_group_ending_before_a_grade_is_spam():
    text = "日前,永利集团2030级本科生在教学楼开展专业学习活动,公司党委书记作专题报告。\n"
    assert "永利集团" in _texts(detect_spam(text))


def test_a_brand_after_our_school_or_in_a_source_line_is_spam():
    assert _slots("我校澳门新浦京游戏大厅成立大会在报告厅举行。\n") == ["澳门新浦京游戏大厅"]
    assert _slots("来源:12vip太阳集团发布时间:2031年09月27日\n") == ["12vip太阳集团"]


def test_a_latin_bookmaker_before_an_edition_is_spam():
    text = "12月1日下午,williamhill英国第二届教职工大会在学院会议室召开。\n"
    assert detect_spam(text).is_spam
    assert _slots(text) == ["williamhill英国"]


def test_a_meeting_verb_counts_only_with_a_site_word_in_the_name():
    spam = "4月8日,澳门沙金官方网站在图书馆会议室召开安全工作会议。\n"
    assert _slots(spam) == ["澳门沙金官方网站"]
    # A bare operator's name holding a meeting is Macau news.
    assert not _slots("4月8日,新濠博亚在酒店宴会厅举行员工嘉许典礼。\n")


def test_a_casino_name_with_a_latin_code_used_twice_needs_no_slot():
    spam = "2031年,威尼斯abc12345将迁入新楼。\n晚会展示了威尼斯abc12345的精神风貌。\n"
    assert _slots(spam) == ["威尼斯abc12345"]
    assert not _slots("2031年,威尼斯abc12345将迁入新楼。\n")


def test_real_places_schools_people_and_macau_news_pass():
    for clean in (
        "金沙学区第三十届中小学联合运动会暨金沙国中第三十六届校运会昨日举行。\n",  # a school district and a school
        "永利村党支部召开主题党日活动,全体党员参加。\n",  # a village
        "会议由院长张永利主持,全体教职工参加。\n",  # a person
        "金沙中国第十届员工运动会在路氹举行。\n",  # an operator's company name
    ):
        assert not _slots(clean), clean
        assert not detect_spam(clean).is_spam, clean
    # This shape passes these too (the older lexicon and keyword-run signals still read both short lines).
    assert not _slots("太阳城社区党委组织居民开展邻里节活动。\n")  # a neighbourhood
    assert not _slots("警方打掉利用“永利”等赌博网站组织赌球的团伙,全体涉案人员已被刑拘。\n")  # a crackdown report


def test_a_gambling_game_credited_in_the_footer_is_spam():
    text = "市公安局通报跨境赌博案件办理情况。\nPowered by 牌九游戏 @2013-2031 网站地图\n"
    assert any(t.startswith("牌九游戏") for t in _texts(detect_spam(text)))  # with the ` @` after it
    clean = "市公安局通报案件办理情况。\nPowered by 政务服务中心 @2031 网站地图\n"
    assert not _site_slots(lower_for_matching(fold(clean)))


def test_an_operators_own_news_naming_its_company_passes_and_a_bare_brand_line_does_not():
    # Set spam11b: a Macau operator's sponsorship news starts lines with its short name; the text names
    # the company (`某某中国控股有限公司`), so the short name is the company's, not an injected word.
    own = ("美高梅 美高梅赞助大湾区中学生知识邀请赛\n"
           "美高梅以推广中华文化为己任,冠名赞助本届邀请赛,邀请32所学校的学生参加。\n"
           "美高梅中国控股有限公司总裁表示,公司一直支持教育。\n")
    assert not detect_spam(own).is_spam
    injected = ("美高梅 美高梅赞助大湾区中学生知识邀请赛\n"
                "美高梅以推广中华文化为己任,冠名赞助本届邀请赛,邀请32所学校的学生参加。\n")
    assert detect_spam(injected).is_spam  # no company named: the lines stay read as before


def test_set11b_a_betting_word_or_a_number_brand_needs_a_site_word():
    # Set spam11b: `某某竞猜网召开…校庆`, `888集团网站常务副院长`, `外围买球app十大平台官网学生党校`.
    assert _slots("中国体育竞猜网召开建校80周年筹备会。\n") == ["中国体育竞猜网"]
    assert _slots("6月1日,777集团网站常务副院长王某致欢迎词。\n") == ["777集团网站"]
    assert _slots("外围买球app十大平台官网学生业余党校开课。\n") == ["外围买球app十大平台官网"]
    # Without a site word the words are the text's own: a quiz, a count, students at a quiz.
    for clean in ("知识竞猜在礼堂举行,全体师生参加。\n", "共有300集团客户参加了第二届交流会。\n",
                  "有奖竞猜学生踊跃参加。\n"):
        assert not _slots(clean), clean


def test_set11b_a_brand_with_a_kind_of_business_holds_a_meeting():
    # `伟德体育在南校区…召开`, `开云电子2024年体育运动会`, `亚盈-(中国)科技公司建校71周年`.
    assert _slots("4月6日,伟德体育在北校区会议室召开动员大会。\n") == ["伟德体育"]
    assert _slots("11月7日,开云电子2031年体育运动会在田径场开幕。\n") == ["开云电子"]
    assert _slots("由校团委组织的亚盈-(中国)科技公司建校80周年游园会举办。\n") == ["亚盈-(中国)科技公司"]
    # A bare brand holding a meeting (no kind word, no site word) is still left to the stronger slots.
    assert not _slots("4月6日,伟德在北校区会议室召开动员大会。\n")


def test_set11c_a_company_name_dressed_as_a_site_is_no_operator():
    # `某某官方(中国)集团有限公司官网研究生部`: a registered-looking name glued to 官网 is a site's, not an
    # operator's own; the branch mark inside the tail goes with the name.
    text = "11月9日下午,乐鱼官方(中国)集团有限公司官网研究生部举行了趣味运动会。\n"
    assert _slots(text) == ["乐鱼官方(中国)集团有限公司官网"]


def test_set11c_a_business_kind_before_a_schools_role_is_spam_whatever_the_brand():
    # `米兰体育院长`: an unknown brand + 体育 right before 院长; the same name elsewhere goes too.
    text = "12月20日下午,米兰体育举办环校健康跑活动。\n米兰体育院长王某在活动致辞中号召师生跑起来。\n"
    assert _slots(text) == ["米兰体育"]
    assert detect_spam(text).is_spam
    for clean in ("上海体育院长王某出席。\n",  # a place's sports college, abbreviated
                  "阳光体育师生展示活动在操场举行。\n",  # a generic name
                  "全民体育领导班子召开会议。\n",
                  "市体育局党委召开会议。\n"):  # an agency: 局 between the kind word and the role
        assert not _slots(clean), clean


def test_set11d_a_site_name_ending_in_wangzhan_and_a_dotted_brand():
    # `某某娱乐网站官网第二届…`: a name holding 网站 before 官网 is a site's, not an institution's own site.
    from gongkai.review.spam_heads import site_slot_passages
    spam = "澳门某某娱乐网站官网第二届学生竞赛队经验交流会举办。\n"
    low = lower_for_matching(fold(spam))
    assert any(low[s:e].endswith("网站官网") for s, e, _sc, _sig in site_slot_passages(low))
    assert not site_slot_passages(lower_for_matching(fold("学校网站第二届网页设计大赛举办。\n")))
    # `某某·体育(中国)官方网站学生会`: the dot and the branch mark belong to the brand's name.
    assert _slots("博鱼·体育(中国)官方网站学生会于5月14日组织知识竞赛。\n") == ["博鱼·体育(中国)官方网站"]
