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
# Every Latin run glued to a Chinese character is read from the boundary (a two-character pattern the
# engine scans fast), the run walked back by hand: patterns starting with a letter class would be tried
# again at every letter of a long ASCII text (SQL dumps, markup).
_BOUNDARY_RE = re.compile(rf"[a-z0-9](?=[{_CJK}])")
_LETTERS_RE = re.compile(r"[a-z]{4,14}")
_CJK_RUN_RE = re.compile(rf"[{_CJK}]{{2,8}}")
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
_CODE_NAME_RE = re.compile(r"[a-z]{3,10}[0-9]{3,6}")

# A lower-case Latin code with a number glued after a short name, right before a scholar's name and title
# (`某某yl23411no1邢某某教授`): where a speaker's university stands, never a real one's name.
_CODED_AFFILIATION_RE = re.compile(r"[a-z][a-z0-9]{4,14}")
_SCHOLAR_RE = re.compile(rf"[{_CJK}]{{2,3}}(?:副?教授|院士|研究员|博士)")
AFFILIATION_NAME = 4  # Chinese characters read back before the code

# An advert's bracket glued into a title: `某某娱乐 -【某某官方直营,品质如一】2030年运动会`.
_SEO_BRACKET_RE = re.compile(r"【[^】\n]{0,20}?(?:直营|信誉|品质如一|唯一官网|官方入口|官方平台)[^】\n]{0,20}】")
# The name glued before the bracket (read backwards from it).
_BRACKET_NAME_RE = re.compile(rf"[{_CJK}]{{1,6}}(?:娱乐|体育|电竞|棋牌|真人|国际|集团|官网)[ \t]*-?[ \t]*$")

# After 中共, a name with a code and a site word (read up to the line's end or NAME_MAX characters).
_PARTY_RE = re.compile(r"(?:中国共产党|中共)([^\n。，,；;]{2,24}(?:app|官网|官方网站|比分))")
_CODE_RE = re.compile(r"[a-z0-9]{2,}")

# A site and its sign-up page: the same 2-4 character stem twice.
# Read from the kind and the comma (literals), the stem checked by hand.
_PAIR_RE = re.compile(r"(?:体育|娱乐|电竞|棋牌|真人|彩票|电子)[,，、][ \t\u3000]*")
_SIGN_UP_RE = re.compile(r"注册|登录|登陆|开户|官网|app|网址|入口|下载")

# The ranking phrase: 澳门 … 十大/正规/排名/靠谱/最佳 … a gaming word … 网站/平台/app.
_MACAU_RANK_RE = re.compile(rf"澳门[{_CJK}]{{0,6}}?(?:十大|正规|排名|靠谱|最佳|可靠)[{_CJK}]{{0,6}}?"
                            rf"(?:游戏|娱乐|博彩|电子|赌场|真人|棋牌|网投|投注|彩票)[{_CJK}]{{0,4}}?(?:网站|平台|app)")


def selfname_passages(text: str, low: str) -> list:
    """(start, end, score, signals) for the shapes above; every occurrence of a name found goes too.
    `text` is the text as given (fold keeps positions): a Latin name written with capitals (`TCL科技`,
    `APEC工商咨询理事会`) is a company's or a body's, the mirrors' brands are lower-case."""
    names = set()
    runs = [(s, e) for s, e in _latin_runs(low)]
    if runs:
        names.update(_mixed_names(text, low, runs))
        for m in _PARTY_RE.finditer(low):
            if _CODE_RE.search(m.group(1)) and not _WARNING_RE.search(_clause(low, m.start(1), m.end(1))):
                names.add(m.group(1))
        for a, e in runs:
            if (_CODE_NAME_RE.fullmatch(low, a, e) and text[a:e].islower() and _MIXED_AFTER_RE.match(low, e)
                    and not _WARNING_RE.search(_clause(low, a, e))):
                names.add(low[a:e])
        for c, e in runs:
            if not (_CODED_AFFILIATION_RE.fullmatch(low, c, e) and _SCHOLAR_RE.match(low, e)):
                continue
            a = c
            while a > 0 and c - a < AFFILIATION_NAME and _is_cjk(low[a - 1]):
                a -= 1
            if (c - a >= 2 and sum(ch.isdigit() for ch in low[c:e]) >= 3 and text[c:e].islower()
                    and not _WARNING_RE.search(_clause(low, a, e))):
                names.add(low[a:e])
    spans = [(m.start(), m.end()) for m in _MACAU_RANK_RE.finditer(low)] if "澳门" in low else []
    if "【" in low:
        for m in _SEO_BRACKET_RE.finditer(low):
            name = _BRACKET_NAME_RE.search(low, max(0, m.start() - 12), m.start())
            spans.append((name.start() if name else m.start(), m.end()))
    for m in _PAIR_RE.finditer(low):
        for n in range(2, 5):
            stem = low[m.start() - n:m.start()]
            if (len(stem) == n and all(_is_cjk(c) for c in stem) and low.startswith(stem, m.end())
                    and _SIGN_UP_RE.match(low, m.end() + n)):
                spans.append((m.start() - n, _SIGN_UP_RE.match(low, m.end() + n).end()))
                break
    for a, b in spans:
        if not _WARNING_RE.search(_clause(low, a, b)):
            names.add(low[a:b])
    out = []
    for name in names:
        at = low.find(name)
        while at >= 0:
            out.append((at, at + len(name), SCORE, ["name_in_own_slot"]))
            at = low.find(name, at + len(name))
    return out


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _latin_before(low: str, i: int) -> bool:
    return i > 0 and low[i - 1].isascii() and (low[i - 1].isalnum() or low[i - 1] == ".")


def _latin_runs(low: str):
    """(start, end) of each run of lower-case letters and digits glued before a Chinese character and not
    part of a longer ASCII word (a dot or a letter before it: a domain, a file name)."""
    for m in _BOUNDARY_RE.finditer(low):
        a = m.start()
        while a > 0 and ("a" <= low[a - 1] <= "z" or "0" <= low[a - 1] <= "9"):
            a -= 1
        if not _latin_before(low, a):
            yield a, m.end()


def _mixed_names(text: str, low: str, runs: list) -> set:
    found = set()
    for a, latin_end in runs:
        if not _LETTERS_RE.fullmatch(low, a, latin_end):
            continue
        m = _CJK_RUN_RE.match(low, latin_end)
        if m is None or low[a:latin_end] in _CHROME_WORDS or not text[a:latin_end].islower():
            continue
        cjk_start = latin_end
        cut = _MIXED_AFTER_RE.search(low, cjk_start, m.end() + 30)
        if cut is not None and cut.start() <= m.end() and cut.start() - cjk_start >= MIXED_MIN_CJK:
            end = cut.start()
        else:
            end = m.end()
            before = _MIXED_BEFORE_RE.search(low, max(0, a - 8), a)
            if before is None:
                continue
        name = low[a:end]
        if end - cjk_start < MIXED_MIN_CJK or _MIXED_OWN_END_RE.search(name):
            continue
        if _WARNING_RE.search(_clause(low, a, end)):
            continue
        found.add(name)
    return found
