"""Brand-like names used as an advert, an institution or a site's name (issue 12, held-out set 6),
and a report's own clauses. Texts here are written for the tests; the names are made up."""
from gongkai.review.services import review_text, spam_clean_text
from gongkai.review.spam import detect_spam, is_spam_line

SCHOOL_NEWS = (
    "全省高校图书馆工作交流会在星河官网召开\n"
    "发布日期:2031-05-26  点击量:\n"
    "5月24日,全省高校图书馆工作交流会在星河官网培训中心召开,各高校图书馆馆长30余人与会。"
    "星河官网党委副书记王某代表学校致辞,介绍了学校的历史沿革。\n"
    "会议期间,与会人员参观了星河官网新校区图书馆,星河官网校长李某出席晚宴并致辞。\n"
)


def _texts(result):
    return [p.text for p in result.passages if p.source == "text"]


def test_a_site_name_put_in_place_of_a_school_is_spam_at_every_occurrence():
    result = detect_spam(SCHOOL_NEWS)
    assert result.is_spam
    assert _texts(result).count("星河官网") == SCHOOL_NEWS.count("星河官网")


def test_a_digit_code_glued_to_a_name_used_as_a_school_is_spam():
    text = ("11月12日,我校为来访的代表团举行欢迎仪式。他表示,兄弟院校和52000ab锦江是紧密的学术同盟。"
            "在52000ab锦江举办的论坛上,两校学者展开了交流。\n"
            "他希望52000ab锦江能借此契机学习先进经验,52000ab锦江党委将继续支持两校合作。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert _texts(result).count("52000ab锦江") == 4


def test_a_school_named_once_on_its_own_site_is_not_spam():
    text = ("5月24日,全省高校图书馆工作交流会在示范大学召开。学校官网同步发布了会议通知,"
            "各位代表可登录学校官网下载会议材料,也可在市教育局官网查询。\n")
    assert not detect_spam(text).is_spam


def test_macau_news_naming_real_operators_passes():
    text = ("金沙中国、永利澳门和新濠博亚娱乐今日公布第三季度业绩,威尼斯人度假村举行新闻发布会。"
            "澳门银河表示将继续招聘本地雇员,市民可浏览永利澳门官网了解招聘详情。"
            "博彩监察协调局表示,将持续监察娱乐场的营运。\n")
    assert not detect_spam(text).is_spam


def test_sign_up_words_after_a_casino_like_name_are_spam():
    assert is_spam_line("关于进一步做好防汛工作的通知-天星娱乐登陆")
    assert is_spam_line("天星娱乐招商")
    assert detect_spam("8号彩票开户\n\n基于大数据的人口流动研究\n作者:某某\n").is_spam
    text = "2、登录注册:具体见附件(星盈app(中国)有限公司官网网上办事大厅使用说明)。\n"
    assert any("星盈app(中国)有限公司官网" in t for t in _texts(detect_spam(text)))


def test_official_lotteries_services_and_investment_promotion_are_not_sign_up_spam():
    for text in ("购彩者可登录中国体育彩票官网查询开奖结果,或到体彩实体店购买。\n",
                 "中国福利彩票官网公布了本期开奖号码。\n",
                 "群众可登录国家政务服务平台或通过个税app登录办理。\n",
                 "本届冰雪体育招商推介会签约项目12个。\n",
                 "企业可通过马德里体系办理商标国际注册。\n",
                 "示范文化娱乐有限公司注册资本100万元,经营范围为歌舞娱乐。\n",
                 "警方提醒:所谓“天星娱乐”登录链接均为诈骗网站,切勿点击。\n"):
        assert not detect_spam(text).is_spam, text


def test_a_betting_site_in_the_publisher_or_footer_slot_is_spam():
    text = ("县文化体育局前往示范镇指导体育场地建设工作\n发布单位:示范镇 发布时间: 2031-06-28\n"
            "工作人员指出,要合理布局乡镇体育健身设施。\n"
            "主办:示范国际城_欧洲杯足球网-【投注官网平台】 承办:示范县政府办公室 联系我们:0000-1234567\n")
    result = detect_spam(text)
    assert result.is_spam
    assert "示范国际城_欧洲杯足球网-【投注官网平台】" in _texts(result)
    assert detect_spam("学生资助管理办法\n发布者:澳门官方游戏网站发布时间:2031-08-30浏览次数:12\n").is_spam


def test_a_regulator_or_a_lottery_centre_in_the_source_slot_is_not_spam():
    for text in ("来源:澳门博彩监察协调局\n博监局今日公布上月幸运博彩毛收入。\n",
                 "主办:中国福利彩票发行管理中心 承办:示范省福利彩票发行中心\n",
                 "来源:中彩网  编辑:某某\n长沙市福彩公益金用于福利院建设。\n"):
        assert not detect_spam(text).is_spam, text


def test_a_brand_in_pinyin_glued_before_a_title_is_spam():
    result = detect_spam("xinyuanhui信源会2031年博士研究生申请考核制招生实施办法\n")
    assert result.is_spam
    assert _texts(result) == ["xinyuanhui信源会"]
    assert not detect_spam("beijing北京市2031年度政府信息公开工作年度报告\n").is_spam


RULING = (
    "赵某开设赌场案—担任赌博网站代理接受投注构成开设赌场罪\n"
    "【要点提示】以营利为目的,在网络上建立赌博网站,或者为赌博网站担任代理,接受投注的,属于开设赌场。\n"
    "一审法院查明:被告人赵某以营利为目的,为网址为https://bet.example-ag.com的赌博网站担任代理,"
    "从事网络赌球活动,接受投注共计人民币700万余元。被告人赵某于2031年2月被公安机关抓获。\n"
    "证人刘某证实其经被告人介绍成为网址为https://bet.example-ag.com的赌博网站会员。\n"
)


def test_a_ruling_quoting_the_betting_site_and_its_address_passes():
    report = review_text(text=RULING)
    assert not report.spam.is_spam
    assert report.verdict != "block"


def test_a_report_enumerating_kinds_of_gambling_sites_passes():
    text = ("网络赌博通常以赌博网站、赌博App和赌博游戏形式进行,一头是庄家,一头是赌客。\n"
            "记者了解到,民警已破获多起案件,提醒群众切勿参与。\n")
    assert not detect_spam(text).is_spam


def test_the_same_ruling_with_an_injected_keyword_line_is_blocked_and_the_ruling_kept():
    text = "澳门赌场_百家乐_真人视讯_皇冠体育_官网开户\n" + RULING
    report = review_text(text=text)
    assert report.spam.is_spam and report.verdict == "block"
    clean, _removed = spam_clean_text(text=text)
    assert "百家乐" not in clean
    assert clean.strip() == RULING.strip()  # the ruling's own words and the address it cites are kept
    assert not review_text(text=clean).spam.is_spam


def test_industry_news_on_macau_operators_passes():
    # Business news: the operators as companies (staff, hiring, closures), no crime and no regulator.
    text = ("示范娱乐场年底结业 八百名本地员工受影响\n"
            "澳门政府收到示范娱乐场股份有限公司的正式通知,将于年底前结束两间卫星场的经营。\n"
            "澳门银河娱乐宣布,基于商业考量,示范娱乐场将于今年底前停运,员工将被调派到集团旗下其他娱乐场继续工作。\n"
            "两间卫星场包括:示范公司的君安娱乐场、吉祥娱乐场;以及银河娱乐的华丰娱乐场。\n")
    report = review_text(text=text)
    assert not report.spam.is_spam and report.verdict != "block"


def test_an_operators_press_release_on_hiring_passes():
    text = ("銀河娛樂集團(下稱:銀河娛樂)宣佈,已完成一連五天的建築職位招聘面試,落實聘用一千名本地居民。"
            "澳門勞工事務局派員到現場監督。\n")
    assert not detect_spam(text).is_spam


def test_a_keyword_header_over_copied_industry_news_is_still_spam():
    text = ("网上真人棋牌游戏大厅,现金棋牌游戏平台,澳门百家乐游戏,网上赌博网站,开户送现金.\n"
            "澳门银河娱乐宣布,基于商业考量,示范娱乐场将于今年底前停运,员工将被调派到集团旗下其他娱乐场。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert any(t.startswith("网上真人棋牌游戏大厅") for t in _texts(result))


def test_an_operators_quarterly_results_pass():
    text = ("本版标题导航\n示范酒店下月开幕\n美高梅获财经峰会颁两殊荣\n示范Q2经营收益升近6倍\n"
            "【本报消息】示范度假村公布第二季未经审核综合业绩,经营收益总额近7.7亿元,同比增逾5倍。\n"
            "赌场业务方面,营收同比跌8.7%,老虎机数额跌0.9%,贵宾赌台赢额百分比为4.24%。\n")
    report = review_text(text=text)
    assert not report.spam.is_spam and report.verdict != "block"
