"""Shapes of held-out set spam12 (issue 12): a name no school or agency has, standing where the page names
itself, read from how the name is written and where it stands rather than from a brand list. Each spam text
has a clean twin of the same shape. Texts here are written for the tests; the names are made up."""
from gongkai.review.spam import detect_spam, strip_spam
from gongkai.review.spam_selfname import selfname_passages
from gongkai.review.spam_slots import casino_slot_passages
from gongkai.review.textfold import fold, lower_for_matching


def _low(text):
    return lower_for_matching(fold(text))


def _names(text):
    low = _low(text)
    return sorted({low[s:e] for s, e, _score, _signals in selfname_passages(text, low)})


def _slots(text):
    low = _low(text)
    return sorted({low[s:e] for s, e, _score, _signals in casino_slot_passages(low)})


# A mixed-script name where the institution stands.

def test_a_latin_and_chinese_name_before_a_meeting_verb_is_spam():
    text = ("4月2日下午,lumora露摩中文在北校区礼堂举行师生健步走启动仪式。学院党委书记王某出席并讲话。"
            "学院师生200余人参加。\n")
    assert _names(text) == ["lumora露摩中文"]
    result = detect_spam(text)
    assert result.is_spam
    cleaned = strip_spam(text)
    assert "露摩" not in cleaned and "健步走启动仪式" in cleaned


def test_a_latin_and_chinese_name_as_a_manager_and_a_year_plan_is_spam_every_time():
    text = ("3月5日,学院召开quintara青山新城2031年度工作部署会,公司党委副书记兼quintara青山新城经理李某出席。"
            "会议结合quintara青山新城实际部署了全年任务。\n")
    assert _names(text) == ["quintara青山新城"]
    low = _low(text)
    spans = [low[s:e] for s, e, _sc, _sig in selfname_passages(text, low)]
    assert spans.count("quintara青山新城") == 3


def test_a_course_a_product_a_club_or_an_acronym_glued_to_chinese_passes():
    for text in ("本学期python程序设计课程在实验楼举行期末展示,学院师生参加。\n",
                 "scratch编程社团在科技楼举行成立仪式,全体社员参加。\n",
                 "据报道,apple公司在加州举行新品发布会。\n",
                 "学院IT中心在图书馆召开信息化工作会议。\n",
                 "welcome欢迎全体新生来到学院!\n",
                 "Vantor远拓科技在园区举行投产仪式,公司全体员工参加。\n",
                 "hangzhou杭州市2031年度政府信息公开工作年度报告\n"):
        assert _names(text) == [], text
        assert not detect_spam(text).is_spam, text


def test_a_mixed_name_in_a_warning_passes():
    text = "警方提醒:近期有不法分子冒充lumora露摩中文在网上举办所谓抽奖活动,请勿上当。\n"
    assert _names(text) == []


# A party unit named after a site with a code.

def test_a_party_branch_named_after_a_coded_score_app_is_spam():
    text = ("11月2日,7kx足球即时比分-比分app\n研究生化学党支部在北苑运动场举办趣味运动会。\n"
            "中共7kx足球即时比分-比分app\n研究生化学党支部\n")
    assert _names(text) == ["7kx足球即时比分-比分app"]
    assert detect_spam(text).is_spam


def test_a_party_committee_with_its_own_website_passes():
    text = "本文来源:中共某某市委组织部官方网站。中共中央纪委国家监委网站发布了该消息。\n"
    assert _names(text) == []
    assert not detect_spam(text).is_spam


# A site and its sign-up page; a Macau ranking phrase; an advert's bracket; a code before a meeting.

def test_a_stem_with_a_kind_and_the_same_stem_with_a_sign_up_word_is_spam():
    text = "会上,宣传部负责人解读了学院庆博体育,庆博注册庆祝建校70周年的活动安排。\n"
    assert _names(text) == ["庆博体育,庆博注册"]


def test_two_different_stems_or_a_sport_and_a_training_pass():
    assert _names("学校开展阳光体育,阳光运动两项活动。\n") == []
    assert _names("中心承办校园体育,社区体育登记工作。\n") == []


def test_a_macau_ranking_phrase_for_gaming_sites_is_spam_but_not_in_a_warning_or_for_sights():
    assert _names("努力创建重点澳门十大电子正规游戏网站。\n") == ["澳门十大电子正规游戏网站"]
    assert _names("游客可参考澳门十大旅游景点推荐。\n") == []
    assert _names("警方提醒:所谓澳门十大正规游戏网站均为诈骗陷阱。\n") == []


def test_an_advert_bracket_glued_into_a_title_is_spam_and_an_official_release_tag_passes():
    text = "11月4日上午,鸿运娱乐 -【鸿运官方直营,品质如一】2031年田径运动会开幕式在校田径场举行!\n"
    assert _names(text) == ["鸿运娱乐 -【鸿运官方直营,品质如一】"]
    assert _names("【官方发布】某某县关于做好秋冬季防火工作的通知\n") == []


def test_a_latin_code_with_a_number_before_a_meeting_or_a_chairman_is_spam():
    text = ("5月20日下午,qorx365于新校区17号楼会议室召开大赛协调会。qorx365董事长胡某、副董事长汤某参加。\n")
    assert _names(text) == ["qorx365"]
    assert _names("会议讨论了win10系统升级方案,iphone15于下月发布。\n") == []


# Slots read past a casino name's tail (spam_slots).

def test_a_casino_name_before_a_city_agency_is_spam_and_a_county_government_passes():
    text = "英国威廉希尔公司市政务服务管理局2031年政府信息公开工作年度报告\n来源: 英国威廉希尔公司市政务服务管理局\n"
    assert _slots(text) == ["英国威廉希尔公司"]
    assert _slots("金沙县人民政府关于做好防汛工作的通知\n来源:金沙县政府办公室\n") == []


def test_a_coded_casino_name_before_a_quoted_event_edition_is_spam_and_a_plain_one_passes():
    text = "由校团委主办的威尼斯56231“青春飞扬”第十六届大学生体育文化节开幕式顺利举行。\n"
    assert _slots(text) == ["威尼斯56231"]
    assert _slots("澳门美高梅“爱心同行”第三届慈善步行筹得善款。\n") == []


def test_a_casino_group_heading_a_school_rules_title_is_spam_and_a_county_title_passes():
    text = "会上传达了《太阳成集团师德考核实施办法(试行)》文件精神。\n"
    assert _slots(text) == ["太阳成集团"]
    assert _slots("会上传达了《金沙县教师师德考核实施办法(试行)》文件精神。\n") == []


def test_a_sited_casino_name_in_a_joint_event_is_spam_and_an_operators_bare_name_passes():
    text = "3月20日,澳门太阳集团2031网站与体育教学研究部联合开展了羽毛球场捐赠启用仪式。\n"
    assert _slots(text) == ["澳门太阳集团2031网站"]
    assert _slots("永利娱乐与澳门社工局联合举办长者关怀活动。\n") == []


# Shapes of the second batch (spam12b), after its unseen measurement.

def test_a_sited_casino_name_before_a_terms_work_is_spam_and_a_schools_site_passes():
    text = "主题是“全面推进威尼斯官网体育工作”。会议要求共同把威尼斯官网本学期的体育工作做好。\n"
    assert _slots(text) == ["威尼斯官网"]
    assert _slots("学校官网本学期将改版,体育工作安排另行通知。\n") == []
    assert _slots("金沙体育工作站本学期开展培训。\n") == []


def test_a_casino_name_heading_a_schools_form_title_is_spam():
    text = "提前3日提交《437bwin必赢国际官网学术讲座信息》进行审批。\n"
    assert _slots(text) == ["437bwin必赢国际官网"]
    assert _slots("提前3日提交《金沙县教师学术讲座信息》进行审批。\n") == []


def test_a_coded_affiliation_before_a_professor_is_spam_and_a_plain_one_passes():
    text = "北京某某大学许某教授分享了探索;永利yl23411no1邢某某教授以“北斗技术”为题作报告。\n"
    assert _names(text) == ["永利yl23411no1"]
    assert _names("清华大学张某教授与mit李某教授作报告。\n") == []
    assert _names("实验室ABC12345王某研究员作报告。\n") == []


def test_a_macau_ranking_phrase_for_online_betting_platforms_is_spam():
    assert _names("9月22日,澳门官方十大网投平台人文专业教师党支部开展主题党日活动。\n") == ["澳门官方十大网投平台"]
    assert _names("澳门十大名校,你了解多少?\n") == []
