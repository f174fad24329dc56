"""Shapes of held-out set 7 (issue 12): a name dressed as a company's China branch used as the
institution, a site's name glued before a title, a mixed digits/characters/Latin name in place of
a college's, a brand after `_`, and a news site's own address in its byline. Texts here are
written for the tests; the names are made up."""
from gongkai.review.spam import detect_spam, is_spam_line


def _texts(result):
    return [p.text for p in result.passages if p.source == "text"]


BRANCH_NEWS = (
    "欢迎访问银河(中国)!\n"
    "银河在线客服 > 学院新闻 > 正文\n"
    "6月3日,由省教育厅指导、银河(中国)主办的第五届青年教师教学比赛在银河(中国)南校区开幕。"
    "银河(中国)党委副书记张某出席开幕式并致辞,银河足球学院院长刘某主持。\n"
)


def test_a_name_with_china_in_brackets_used_as_a_college_is_spam_with_its_kin():
    result = detect_spam(BRANCH_NEWS)
    assert result.is_spam
    texts = _texts(result)
    assert sum(t.count("银河(中国)") for t in texts) == BRANCH_NEWS.count("银河(中国)")
    assert any("银河在线客服" in t for t in texts)
    assert any("银河足球" in t for t in texts)


def test_china_branch_as_official_is_spam_without_an_institution_word():
    text = ("北辰(中国)官方成功举办全省中学生篮球联赛\n"
            "本次比赛是北辰(中国)官方首次承接省级赛事,来自全省的16支代表队参赛。\n")
    assert detect_spam(text).is_spam


def test_real_companies_and_organisations_with_china_in_brackets_pass():
    text = ("市商务局与宝信(中国)有限公司签订合作协议,宝信(中国)投资有限公司总经理出席。\n"
            "活动由自然保护基金会(中国)主办,基金会(中国)办公室负责人介绍了项目进展。"
            "会后,参会人员参观了绿源(中国)公司的展厅。\n")
    assert not detect_spam(text).is_spam


def test_a_site_name_glued_before_a_title_is_spam():
    assert is_spam_line("乐奇首页研究生学术交流基金管理办法")
    text = "远航集团官网2031年“校长杯”排球联赛开幕\n发布时间:2031-04-25\n4月23日下午,我院举办排球联赛。\n远航集团官网\n"
    result = detect_spam(text)
    assert result.is_spam
    assert [t for t in _texts(result) if "远航集团官网" in t]


def test_home_links_breadcrumbs_and_sentences_before_a_title_pass():
    text = ("网站首页学院概况机构设置\n"
            "返回首页关于做好2031年度招生工作的通知\n"
            "学校官网2031年招生简章已发布\n"
            "当前位置首页新闻中心\n"
            "市政府官网发布消息,今年将新建学校5所。\n")
    assert not detect_spam(text).is_spam


def test_a_mixed_digits_and_latin_name_repeated_in_place_of_a_college_is_spam():
    text = ("王书记对各位专家齐聚66天宇star澳洲 表示欢迎,并介绍了66天宇star澳洲 近几年的发展情况。"
            "他希望各位专家为66天宇star澳洲 建言献策。\n")
    result = detect_spam(text)
    assert result.is_spam
    assert sum(t.count("66天宇star澳洲") for t in _texts(result)) == 3


def test_an_economic_figure_repeated_is_not_a_mixed_name():
    text = ("2030年gdp增长5.2%,2030年gdp增长高于预期。专家认为2030年gdp增长主要来自消费。\n")
    assert not detect_spam(text).is_spam


def test_a_brand_after_an_underscore_in_a_site_name_line_is_spam():
    text = "大吉daji777_daji777手机登录-官网\n当前位置: 大吉daji777_daji777手机登录-官网 > 新闻中心\n学校召开运动会筹备会\n"
    assert detect_spam(text).is_spam


def test_a_news_sites_own_address_in_its_byline_passes():
    text = ("博監局澄清無批准任何網上博彩\n即時報道\n文:採訪組\n\n網址:https://news-example.com/?p=12345\n\n"
            "時間:2031年09月4日 16:16\n\n博彩監察協調局澄清,特區政府從沒有批准任何娛樂場經營網上博彩,"
            "所有聲稱為「六合彩」的網站均屬虛假及非法,呼籲市民提防詐騙。\n")
    assert not detect_spam(text).is_spam


def test_a_site_address_line_without_a_byline_is_still_spam_on_a_gambling_page():
    text = ("六合彩 特码 资料大全\n網址:https://bet-example.com\n"
            "最新开奖结果,欢迎访问。\n")
    assert detect_spam(text).is_spam


def test_a_betting_site_hung_after_a_headline_with_a_blank_is_spam():
    text = "MG电子 市乒协公布最严教练员考核办法 星耀电竞平台\n"
    result = detect_spam(text)
    assert result.is_spam
    texts = " ".join(_texts(result))
    assert "星耀电竞平台" in texts and "mg电子" in texts.lower()


def test_a_headline_naming_a_sports_platform_in_a_warning_or_an_official_one_passes():
    text = ("警惕虚假网站 所谓高额返利的投资陷阱 某某体育平台\n"
            "全市全民健身活动持续开展 中国体育彩票官网\n")
    assert not detect_spam(text).is_spam


def test_one_or_two_emoji_spun_between_clauses_are_found_exactly():
    text = ("校友们汇聚江城,共绘发展蓝图✷💸,共谱合作新篇。早上8点🏄🏿,各地校友陆续到场🙋,"
            "有的青春洋溢🎈,有的白发苍苍。校党委书记在开幕式上🤝,向校友致以问候。\n")
    result = detect_spam(text)
    assert result.is_spam
    texts = _texts(result)
    assert "✷💸" in texts and "🎈" in texts
    cleaned = text
    for t in sorted(texts, key=len, reverse=True):
        cleaned = cleaned.replace(t, "")
    assert "共绘发展蓝图,共谱合作新篇" in cleaned


def test_a_new_media_posts_bullets_and_a_few_emoji_pass():
    text = ("📢 关于开展2031年度防汛演练的通知\n"
            "👉 点击下方链接报名参加演练。\n"
            "各单位要高度重视👍,按时参加。\n"
            "👇👇\n")
    assert not detect_spam(text).is_spam
