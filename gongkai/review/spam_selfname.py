"""A name no school or agency has, standing where the page names itself (issue 12, set spam12).

Every held-out batch brought betting brands the lexicon lacked (日博, 米兰, 欧博, 杏运…), so these shapes
do not look the brand up; they read how the name is written and where it stands:

- a *mixed-script name*: lower-case Latin letters glued to Chinese characters (`williamxx威廉中文`,
  `suncityxx太阳新城`), standing where an institution stands: before a school's or an agency's role
  (党委, 师生, 经理, 第N届…), before a meeting verb (`在…召开`), before `结合…实际` or a year's work
  (`某某2030年度工作`), or after 中共/来源:/我校/兼. Real names glue an upper-case acronym (`IT中心`,
  `MBA教育中心`) or name a product or a course (`python程序设计`, `apple公司`): a name ending in a
  generic noun, a club or a unit's word passes;
- a *site in a party unit's slot*: after 中共/中国共产党, a name holding a Latin or digit code and a site
  word (`中共8xx足球比分app`): a party organisation is named after a school or an agency, never after an
  app or an official site;
- a *name and its sign-up page side by side*: `<stem><体育|娱乐…>,<stem><注册|登录|开户|官网…>` with the
  same stem (`某某体育,某某注册`): a site and its sign-up, whatever the stem;
- a *Latin code with a number* (`abcd365`) right before such a slot (`于…召开`, `董事长`);
- a *coded affiliation*: a short name with a lower-case Latin code holding a number right before a
  scholar's name and title (`某某yl23411no1邢某某教授`);
- an *advert's bracket* glued into a title (`【某某官方直营,品质如一】`): 直营, 信誉, 品质如一, 官方入口
  are a seller's words, never a school's or an agency's;
- a *Macau ranking phrase*: 澳门 with 十大/正规/排名/靠谱 and a gaming word before 网站/平台/app
  (`澳门十大电子正规游戏网站`), the search phrase such sites are sold under.

Each is left alone inside a clause that warns or reports enforcement (诈骗, 警方, 打击…). A name found
marks its every occurrence. Spans are spans of `low`, the folded, lower-cased text.
"""
import re

from .spam_brands import SCORE, _WARNING_RE
from .spam_slots import _STRONG_AFTER_RE, _clause

_CJK = "\u4e00-\u9fff"

# Latin letters (not part of a longer Latin or digit run) glued to 2-8 Chinese characters.
_MIXED_RE = re.compile(rf"(?<![a-z0-9])[a-z]{{4,14}}[{_CJK}]{{2,8}}")
# Where the name stops inside the Chinese run: a role or a slot word starts (the name is the part before).
_MIXED_AFTER_RE = re.compile(
    rf"{_STRONG_AFTER_RE.pattern}|副?经理|副?主任|副?书记|副?董事长|实际|各项|[12][0-9]{{3}}年|"
    r"(?:在|于)[^。！？\n]{0,24}?(?:召开|举行|举办)|召开|举行|举办")
_MIXED_BEFORE_RE = re.compile(r"(?:中国共产党|中共|来源[ \t\u3000]*[:：][ \t\u3000]*|我校|我院|兼)$")
# A product's, a course's, a unit's or a place's ending: `apple公司`, `python程序设计`, `wps文字`,
# `scratch编程社团`, `java教研室`.
_MIXED_OWN_END_RE = re.compile(
    r"(?:公司|手机|电脑|软件|系统|编程|程序|程序设计|语言|课程|课|文档|文字|表格|表|浏览器|技术|设计|数据|模型|平台|"
    r"社团|社|协会|团队|队|小组|组|班|系|部|室|实验室|中心|学院|大学|中学|小学|学校|工作室|俱乐部|大赛|比赛|"
    r"赛|杯|节|项目|认证|考试|证书|教程|版|游戏|省|市|县|区|镇|乡|村|街道|社区|局|厅|委|办|会|院|所|站|馆|府)$")
MIXED_MIN_CJK = 2
# Bilingual chrome glues an English label to its translation (`welcome欢迎…`, `home首页`).
_CHROME_WORDS = frozenset({"home", "welcome", "about", "contact", "news", "english", "login", "search", "more",
                           "email", "copyright", "notice", "download", "links"})

# A Latin code with a number (`abcd365`, `xyz12561`) standing alone where the institution stands: right
# before one of the slots above. Versions and models carry fewer digits or a unit (`win10`, `iphone15`).
_CODE_NAME_RE = re.compile(r"(?<![a-z0-9.])[a-z]{3,10}[0-9]{3,6}(?![a-z0-9.])")

# A lower-case Latin code with a number glued after a short name, right before a scholar's name and title
# (`某某yl23411no1邢某某教授`): where a speaker's university stands, never a real one's name.
_CODED_AFFILIATION_RE = re.compile(
    rf"([{_CJK}]{{2,4}})([a-z][a-z0-9]{{4,14}})(?=[{_CJK}]{{2,3}}(?:副?教授|院士|研究员|博士))")

# An advert's bracket glued into a title: `某某娱乐 -【某某官方直营,品质如一】2030年运动会`.
_SEO_BRACKET_RE = re.compile(
    rf"(?:[{_CJK}]{{1,6}}(?:娱乐|体育|电竞|棋牌|真人|国际|集团|官网)[ \t]*-?[ \t]*)?"
    r"【[^】\n]{0,20}?(?:直营|信誉|品质如一|唯一官网|官方入口|官方平台)[^】\n]{0,20}】")

# After 中共, a name with a code and a site word (read up to the line's end or NAME_MAX characters).
_PARTY_RE = re.compile(r"(?:中国共产党|中共)([^\n。，,；;]{2,24}(?:app|官网|官方网站|比分))")
_CODE_RE = re.compile(r"[a-z0-9]{2,}")

# A site and its sign-up page: the same 2-4 character stem twice.
_PAIR_RE = re.compile(rf"([{_CJK}]{{2,4}})(?:体育|娱乐|电竞|棋牌|真人|彩票|电子)[,，、][ \t\u3000]*"
                      r"\1(?:注册|登录|登陆|开户|官网|app|网址|入口|下载)")

# The ranking phrase: 澳门 … 十大/正规/排名/靠谱/最佳 … a gaming word … 网站/平台/app.
_MACAU_RANK_RE = re.compile(rf"澳门[{_CJK}]{{0,6}}?(?:十大|正规|排名|靠谱|最佳|可靠)[{_CJK}]{{0,6}}?"
                            rf"(?:游戏|娱乐|博彩|电子|赌场|真人|棋牌|网投|投注|彩票)[{_CJK}]{{0,4}}?(?:网站|平台|app)")


def selfname_passages(text: str, low: str) -> list:
    """(start, end, score, signals) for the shapes above; every occurrence of a name found goes too.
    `text` is the text as given (fold keeps positions): a Latin name written with capitals (`TCL科技`,
    `APEC工商咨询理事会`) is a company's or a body's, the mirrors' brands are lower-case."""
    names = set()
    if any(c in low for c in "abcdefghijklmnopqrstuvwxyz"):
        names.update(_mixed_names(text, low))
        for m in _PARTY_RE.finditer(low):
            if _CODE_RE.search(m.group(1)) and not _WARNING_RE.search(_clause(low, m.start(1), m.end(1))):
                names.add(m.group(1))
        for m in _CODE_NAME_RE.finditer(low):
            if (text[m.start():m.end()].islower() and _MIXED_AFTER_RE.match(low, m.end())
                    and not _WARNING_RE.search(_clause(low, m.start(), m.end()))):
                names.add(m.group())
        for m in _CODED_AFFILIATION_RE.finditer(low):
            code = m.group(2)
            if (sum(c.isdigit() for c in code) >= 3 and any(c.isalpha() for c in code)
                    and text[m.start(2):m.end(2)].islower()
                    and not _WARNING_RE.search(_clause(low, m.start(), m.end()))):
                names.add(m.group())
    for regex in (_PAIR_RE, _MACAU_RANK_RE, _SEO_BRACKET_RE):
        for m in regex.finditer(low):
            if not _WARNING_RE.search(_clause(low, m.start(), m.end())):
                names.add(m.group())
    out = []
    for name in names:
        at = low.find(name)
        while at >= 0:
            out.append((at, at + len(name), SCORE, ["name_in_own_slot"]))
            at = low.find(name, at + len(name))
    return out


def _mixed_names(text: str, low: str) -> set:
    found = set()
    for m in _MIXED_RE.finditer(low):
        latin = re.match(r"[a-z]+", m.group()).end()
        if m.group()[:latin] in _CHROME_WORDS or not text[m.start():m.start() + latin].islower():
            continue
        cjk_start = m.start() + latin
        cut = _MIXED_AFTER_RE.search(low, cjk_start, m.end() + 30)
        if cut is not None and cut.start() <= m.end() and cut.start() - cjk_start >= MIXED_MIN_CJK:
            end = cut.start()
        else:
            end = m.end()
            before = _MIXED_BEFORE_RE.search(low, max(0, m.start() - 8), m.start())
            if before is None:
                continue
        name = low[m.start():end]
        if end - cjk_start < MIXED_MIN_CJK or _MIXED_OWN_END_RE.search(name):
            continue
        if _WARNING_RE.search(_clause(low, m.start(), end)):
            continue
        found.add(name)
    return found
