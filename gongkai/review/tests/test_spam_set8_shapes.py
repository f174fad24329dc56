"""Shapes of held-out set 8 (issue 12): a casino greeting as a site's name, a China-branch name used
once beside its login entry, a sports site's name in place of an agency's, an app-entry site in
place of a university, lottery-farm titles without a version code, glosses after mojibake, a
portal's name broken by glosses, and SEO lines whose last phrases hold no lexicon word. Texts here
are written for the tests; the names are made up."""
from gongkai.review.spam import detect_spam, strip_spam


def _texts(result):
    return [p.text for p in result.passages if p.source == "text"]


GREETING_NEWS = (
    "我校举行2031年春季运动会-金星集团欢迎您\n"
    "金星集团欢迎您\n"
    "新闻中心 >> 正文\n"
    "4月2日,我校2031年春季运动会在北校区田径场开幕,副校长王某出席并致辞。\n"
    "(文:李某 编审:张某)\n"
    "金星集团欢迎您\n"
)


def test_a_casino_greeting_as_the_site_name_is_spam_at_every_occurrence():
    result = detect_spam(GREETING_NEWS)
    assert result.is_spam
    assert sum(t.count("金星集团欢迎您") for t in _texts(result)) == 3
    assert "运动会" in strip_spam(GREETING_NEWS.splitlines()[0])


def test_greetings_of_a_city_a_portal_or_once_pass():
    text = ("某某市人民政府欢迎您\n欢迎您访问某某市政府门户网站\n中国·某某欢迎您\n"
            "市长在会上说:“某某集团欢迎您前来投资。”\n某某市人民政府欢迎您\n"
            "某某控股集团欢迎您\n")
    assert not detect_spam(text).is_spam


def test_a_china_branch_name_used_once_beside_its_login_entry_is_spam():
    text = ("5月8日下午,天枢手机登录入口,天枢(中国)2031年体育运动委员会会议在南校区召开。"
            "校体育运动委员会主任、副校长王某出席会议。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert any("天枢手机登录入口" in t for t in _texts(result))
    assert any("天枢(中国)" in t for t in _texts(result))


def test_a_real_company_branch_beside_its_app_passes():
    text = ("市商务局走访宝信(中国)有限公司。宝信(中国)2031年在本市新增投资2亿元,"
            "企业可通过宝信官网了解招聘信息。\n"
            "群众可通过政务服务网登录入口办理,统一身份认证(中国)2031版同步上线。\n")
    assert not detect_spam(text).is_spam


SWAPPED_GUIDE = (
    "飞鹰体育\n"
    "飞鹰体育政府信息公开指南\n"
    "飞鹰体育 发布时间:2031-04-07\n"
    "根据《中华人民共和国政府信息公开条例》,编制飞鹰体育政府信息公开指南。\n"
    "本机关主动公开的信息范围参见《飞鹰体育政府信息公开暂行办法》。"
    "申请人可以查看《飞鹰体育依申请公开说明》。\n"
)


def test_a_sports_site_name_in_place_of_the_agency_is_spam_at_every_occurrence():
    result = detect_spam(SWAPPED_GUIDE)
    assert result.is_spam
    assert sum(t.count("飞鹰体育") for t in _texts(result)) == SWAPPED_GUIDE.count("飞鹰体育")


def test_real_sports_agencies_and_merged_bureaus_pass():
    text = ("某某市体育局政府信息公开指南\n"
            "根据条例,编制某某市体育局政府信息公开指南。文化体育政府信息公开目录见附件。\n"
            "本机关为某某县文化广电体育和旅游局,广电体育政府信息公开工作由办公室负责,"
            "广电体育政府信息公开年报每年发布,广电体育和旅游局地址见下。\n")
    assert not detect_spam(text).is_spam


APP_ENTRY_SCHOOL = (
    "星汉app入口站官网新闻网\n"
    "星汉app入口站官网举行2031年教职工运动会\n"
    "4月12日,星汉app入口站官网2031年教职工运动会在东校区举行。星汉app入口站官网党委书记王某出席。\n"
    "来自星汉app入口站官网各单位的600余名教职工参加。\n"
)


def test_an_app_entry_site_in_place_of_a_university_is_spam_with_its_name():
    result = detect_spam(APP_ENTRY_SCHOOL)
    assert result.is_spam
    assert sum(t.count("星汉app入口站官网") for t in _texts(result)) == APP_ENTRY_SCHOOL.count("星汉app入口站官网")


def test_a_real_station_or_portal_named_as_an_institution_passes():
    text = ("气象站官网发布通知。气象站官网举办开放日,气象站官网组织科普讲座,气象站官网主办培训。\n"
            "考生可通过招生网登录入口查询录取结果。\n")
    assert not detect_spam(text).is_spam


def test_lottery_farm_titles_without_a_version_code_are_spam():
    text = ("澳门特别行政区政府\n办公厅文件 编号:2031001\n"
            "2031年澳门开奖结果|精准解答解释落实\n根据有关规定,特制定本规划。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert any("澳门开奖结果" in t for t in _texts(result))


def test_policy_words_and_warnings_about_draw_results_pass():
    text = ("各部门要做好政策解释落实工作,对群众的问题进行解答、解释,落实到位。\n"
            "警方提醒:所谓“澳门开奖结果”预测群均为诈骗,切勿相信。\n")
    assert not detect_spam(text).is_spam


def test_a_gloss_after_mojibake_is_found_on_a_glossing_mirror_only():
    mirror = "關(guān)于發(fā)布通知的說(shuō)明,?,F(xiàn)將有關(guān)事項(xiàng)通知如下。"
    spans = {p.text for p in detect_spam(mirror).passages}
    assert "(xiàn)" in spans
    assert not detect_spam("型号为F(xiàn)的设备参数见附表。").passages


def test_a_swapped_portal_address_is_found_when_glosses_split_the_portal_name():
    text = ("當(dāng)前位置: 首頁(yè)>> 要聞\n中央政府門(mén)戶網(wǎng)站 www.spam-mirror-example.com   2031年01月06日\n"
            "正文內(nèi)容在這(zhè)里。\n")
    assert any(p.text == "www.spam-mirror-example.com" for p in detect_spam(text).passages)


def test_an_seo_line_is_cut_whole_when_its_last_phrases_hold_no_lexicon_word():
    line = "91久久精品www人人爽爽,国产精品一区二区,某某剧场全集,随便看看影院"
    result = detect_spam(line + "\n某某县召开安全生产工作会议。\n")
    assert result.is_spam
    assert any(t.strip() == line for t in _texts(result))


def test_a_police_list_of_crackdown_categories_passes():
    text = "市公安局重点打击以下违法犯罪:赌博,色情,诈骗,传销,非法集资。\n民警提醒群众提高防范意识。\n"
    assert not detect_spam(text).is_spam


def test_a_site_slot_leaves_the_footer_word_after_its_bracket():
    text = "主办:某某足球网-【投注官网平台】 承办:某某足球网-【投注官网平台】办公室 联系我们:0000-1234567\n"
    texts = _texts(detect_spam(text))
    assert texts and not any("办公室" in t for t in texts)


def test_a_letters_and_digits_code_glued_to_a_casino_kind_and_a_site_word_is_spam():
    text = ("kq777国际线路检测新闻系师生赴日报社调研\n"
            "7月4日,kq777国际线路检测副院长王某带领学生来到日报社调研交流。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert sum(t.count("kq777国际线路检测") for t in _texts(result)) == 2


def test_standards_and_summits_with_codes_pass():
    text = ("企业通过iso9001国际标准认证,并参加g20国际峰会配套活动。\n"
            "电力公司开展10kv线路检测,5g国际漫游资费下调。\n")
    assert not detect_spam(text).is_spam


def test_a_spun_country_name_is_spam_and_the_real_names_pass():
    assert detect_spam("按照《中华国民共和国当局信息公然条例》的划定,拟定本指南。").is_spam
    text = "根据《中华人民共和国政府信息公开条例》制定本指南。中华苏维埃共和国旧址、中华民国时期档案另见。"
    assert not detect_spam(text).is_spam


def test_a_lower_case_latin_name_as_a_college_subject_is_spam():
    for text, name in (
            ("4月26日下午,qwin必胜党委在综合楼召开专题会。学院全体党委委员参加会议。\n", "qwin必胜"),
            ("4月30日下午3:00lucky官网结合网站建设召开专题会议,院领导参加了会议。\n", "lucky官网"),
            ("会上传达了《中共zeta·777(中国)委员会关于开展学习教育的实施方案》。\n", "zeta·777(中国)")):
        result = detect_spam(text)
        assert result.is_spam, text
        assert any(name in t for t in _texts(result)), text


def test_capitalised_company_names_addresses_and_site_notices_pass():
    text = ("4月26日,TCL科技党委召开专题会。APEC工商咨询理事会在京召开会议。\n"
            "通知已在学校官网发布,报名请登录www.example.edu.cn官网,会议将于5月召开。\n"
            "中共某某大学委员会召开全体会议。\n")
    assert not detect_spam(text).is_spam
