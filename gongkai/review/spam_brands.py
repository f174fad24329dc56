"""Brand-like names where a page names an institution, a site or a publisher (issue 12, set 6).

Defaced pages put a gambling site's name where the real page names someone: a university's name
replaced everywhere by `威尼斯官网`, `37000cm威尼斯` or `金沙威尼斯欢乐娱人城` (followed by 党委副书记,
校长, 校友会…), a publisher slot filled with `澳门官方游戏网站`, a footer `主办:某某足球网-【投注官网平台】`,
a sign-up compound (`某某娱乐登陆`, `某某娱乐招商`, `9号彩票开户`, `某某app(中国)有限公司官网`) or a
brand in pinyin and characters glued before a title (`jinnianhui今年会2026年…实施办法`).

A brand list would not do: Macau news names real operators (新濠博亚, 金沙, 永利, 威尼斯人) and court
reports name gambling apps. What these shapes share is a name *used* as an advert or an institution:
joined to sign-up words, repeated as the subject of a school's or an agency's sentences, or filling a
site-name slot. Each is scored on its own (SCORE, above the threshold); a compound inside a clause that
warns or reports enforcement (诈骗, 警惕, 被告人, 涉案…) or inside quotation marks is left alone.
Spans are spans of `low`, the folded, lower-cased text (as for the other shape detectors).
"""
import re

from .scan import first_char_matches

SCORE = 5.0

_CJK = "\u4e00-\u9fff"

# A name joined to a sign-up word: <name><kind of site>[app][(中国)][有限公司]<sign-up word>.
_AD_RE = re.compile(
    r"(娱乐城|娱人城|娱乐|娛樂|体育|電競|电竞|棋牌|真人|彩票|app)"
    r"(?:([(（]中国[)）])(?:有限公司)?)?"
    r"(官网|官方网站|登陆|登录|登入|注册(?!资本|地|成立|商标|登记|号|证)|开户|招商|网址|入口|app下载|官方app)")
# Words a generic or official name ends with: `网络游戏平台`, `中国体育彩票官网`, `个税app登录` are
# the text's own words, not a brand (the name before the kind of site is read, up to NAME_MAX).
_GENERIC_NAME_RE = re.compile(
    r"(?:网络|網絡|电子|手机|在线|线上|网上|互联网|正规|合法|非法|赌博|境外|境内|大众|群众|文化|全民|公共|"
    r"竞技|休闲|中国|中國|国家|國家|福利|体育|體育|省|市|县|区|官方|私人|虚假|假冒|所谓|该|此|某|其|一些|各类|"
    r"各种|实名|登录|下载|使用|通过|进入|打开|关注|微信|支付宝|个税|政务|服务|学习|教育|少儿|青少年|儿童)$")
NAME_MAX = 8
_OPEN_QUOTES = frozenset("“「『\"'‘")
_CASINO_KINDS = frozenset({"娱乐城", "娱人城", "娱乐", "娛樂", "棋牌", "真人"})
_WARNING_RE = re.compile(
    "诈骗|骗局|骗子|骗取|受骗|上当|打击|警惕|谨防|防范|提醒|切勿|不要|远离|揭露|查处|涉赌|涉案|犯罪|违法|非法|"
    "不法分子|举报|被告人|被告|判处|抓获|民警|警方|公安|法院|所谓|冒充|虚假|陷阱")
_CLAUSE_STOP = "\n。！？!?；;"

# A site-name slot: 主办/承办/发布者/来源 followed by a site's name.
_SLOT_RE = re.compile(
    r"(?:主办单位|承办单位|主办|承办|主辦|承辦|发布者|發布者|发布人|发布单位|来源|來源|信息来源|版权所有|版權所有)"
    r"[ \t\u3000]*[:：][ \t\u3000]*|powered by[ \t\u3000]+")
_SLOT_VALUE_RE = re.compile(r"[^\n]{2,40}?(?=[ \t\u3000]{2,}|[ \t\u3000]*(?:[@©]|承办|承辦|联系|聯繫|发布时间|發布時間|"
                            r"浏览|瀏覽|备案|備案|电话|電話|地址|邮编|\||$)|\n)", re.M)
_OFFICE_TAIL_RE = re.compile(r"(?<=[】\]])(?:办公室|辦公室)$")
_SLOT_SITE_RE = re.compile(r"官网|官方网站|网站|網站|网址|平台|娱乐|娛樂|游戏|遊戲|app|足球网|体育网|彩票网")
_SLOT_BET_RE = re.compile(r"投注|博彩|赌|賭|娱乐城|娛樂城|真人|棋牌|牌九|百家乐|百家樂|金沙|威尼斯|葡京|永利|银河|新濠|美高梅|"
                          r"太阳城|皇冠|彩金|开户|開戶|(?:澳门|澳門|香港)[^\n]{0,6}(?:游戏|遊戲|娱乐|娛樂|体育|足球|彩票)")
_SLOT_OFFICIAL_RE = re.compile(r"政府|监察|監察|协调局|協調局|公安|法院|检察|委员会|委員會|人民|新闻|新聞|日报|日報|报社|"
                               r"晚报|电视|電視|通讯社|通訊社|管理中心|发行中心|彩票中心|协会|協會|学会|研究|大学|大學|学院|"
                               r"學院|体育局|體育局|体彩|福彩|中彩|彩票网|旅游局|旅遊局")

# A name used as an institution: the same site-like name, three times or more, at least once followed
# by what only an institution has (党委, 校长, 校友会, 主办…).
_AGENCY_ANCHORS = ("官网", "官方网站", "平台", "娱人城", "娛人城")
_AGENCY_ANCHOR_RE = re.compile("|".join(_AGENCY_ANCHORS))
# A digit, letters, then a Chinese character (the number before the digit is read back by hand:
# a pattern starting with a digit run would be tried again at every digit of a long number).
_CODE_RE = re.compile(rf"[0-9][a-z]{{1,5}}(?=[{_CJK}])")
_CODE_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789./_-")
_ROLE_RE = re.compile(
    r"党委|黨委|校长|校長|副校|书记|書記|院长|院長|校友|师生|師生|管理层|管理層|侨联|僑聯|学院|學院|校区|校區|"
    r"主办|主辦|承办|承辦|举办|舉辦|举行|舉行|召开|召開|校庆|校慶|校监|校監|教授|学生|學生|教师|教師|附属|附屬|"
    r"领导|領導|职工|職工|党员|黨員|招生|研究生|本科|培训中心|音乐厅|交响乐团|赠送|贈送")
# Words an institution's own name ends with (`政务服务平台`, `市政府官网`): never a brand.
_INSTITUTION_END_RE = re.compile(
    r"(?:局|厅|委|办|府|院|校|部|会|中心|网|馆|所|站|司|行|处|科|室|社|台|报|服务|政务|政府|系统|管理|信息|数据|"
    r"交易|公共|资源|监管|监测|采购|招标|学习|教育|云|一体化|综合|统一|共享|宣传|开放|创新|产业|科技|电子|网络|在线|"
    r"线上|小程序|app|办事|申报|查询|缴费|考试|报名|招聘|就业|医保|社保|公积金|税务|信用|预约|直播|视频|新闻|媒体)$")
MIN_REPEATS = 3
# `娱人城` is no institution's word: twice with an institution's word after it is enough.
_CASINO_ANCHORS = ("娱人城", "娛人城")

# A brand in pinyin glued to its characters at the start of a line: jinnianhui今年会…
# Read from each line break (a literal the engine finds fast); the text's first line is read alone.
_PINYIN_HEAD_RE = re.compile(rf"\n[ \t\u3000]*([a-z]{{6,24}})(?=[{_CJK}])")
_SYLLABLE_RE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|"
    r"ou|iu|ie|ve|ue|er|an|en|in|un|vn|ia|ua|uo|a|o|e|i|u|v)")
MIN_SYLLABLES = 3


def brand_passages(low: str) -> list:
    """(start, end, score, signals) for every shape above in the folded, lower-cased text."""
    agencies, stems = _agencies(low)
    branches, more = _china_branches(low)
    out = (_ad_compounds(low) + _slots(low) + agencies + branches + _brand_kin(low, stems + more)
           + _pinyin_heads(low) + _site_heads(low) + _mixed_names(low) + _blank_tails(low))
    return sorted(out)


def _clause(low: str, start: int, end: int) -> str:
    a = max(low.rfind(c, 0, start) for c in _CLAUSE_STOP) + 1
    ends = [i for i in (low.find(c, end) for c in _CLAUSE_STOP) if i >= 0]
    return low[a:min(ends) if ends else len(low)]


def _name_start(low: str, end: int) -> int:
    """Start of the name ending at `end`: Chinese characters, ASCII letters and digits, 号."""
    a = end
    while a > 0 and end - a < NAME_MAX and (_is_cjk(low[a - 1]) or low[a - 1].isascii() and low[a - 1].isalnum()):
        a -= 1
    return a


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _ad_compounds(low: str) -> list:
    out = []
    for m in _AD_RE.finditer(low):
        kind, china, _word = m.group(1), m.group(2), m.group(3)
        if kind == "app" and not china:  # `某某app登录`: a service's app, unless dressed as a company
            continue
        if _word == "招商" and kind not in _CASINO_KINDS:  # 冰雪体育招商: investment promotion
            continue
        a = _name_start(low, m.start())
        name = low[a:m.start()]
        if not name or _GENERIC_NAME_RE.search(name) or (kind == "彩票" and _GENERIC_NAME_RE.search(name + "彩票")):
            continue
        if (a and low[a - 1] in _OPEN_QUOTES) or _WARNING_RE.search(_clause(low, a, m.end())):
            continue
        out.append((a, m.end(), SCORE, ["brand_ad"]))
    return out


def _slots(low: str) -> list:
    out = []
    for m in _SLOT_RE.finditer(low):
        v = _SLOT_VALUE_RE.match(low, m.end())
        if v is None:
            continue
        value = _OFFICE_TAIL_RE.sub("", v.group(0).rstrip())  # `…【投注官网平台】办公室`: the slot's own word
        if _SLOT_SITE_RE.search(value) and _SLOT_BET_RE.search(value) and not _SLOT_OFFICIAL_RE.search(value):
            out.append((m.end(), m.end() + len(value), SCORE, ["site_slot"]))
    return out


def _agencies(low: str) -> list:
    groups: dict = {}
    for m in _AGENCY_ANCHOR_RE.finditer(low):
        if m.start() >= 2 and _is_cjk(low[m.start() - 1]) and _is_cjk(low[m.start() - 2]):
            groups.setdefault(low[m.start() - 2:m.end()], []).append((m.start() - 2, m.end()))
    out, stems = [], []
    for key, spots in groups.items():
        if len(spots) < (2 if key.endswith(_CASINO_ANCHORS) else MIN_REPEATS):
            continue
        head = _common_head(low, spots)
        name = low[spots[0][0] - head:spots[0][1]]
        stem = name[:-len(_AGENCY_ANCHOR_RE.search(name).group(0))] if _AGENCY_ANCHOR_RE.search(name) else name
        # `某某app入口站官网`: an entry or login word, or an app before it, makes a site of a name
        # ending like an institution's (站); the name and app before it are taken along.
        lead = _common_lead(low, [s - head for s, _e in spots])
        site = lead.endswith("app") or _ENTRY_RE.search(stem) is not None
        if (_INSTITUTION_END_RE.search(stem) and not site) or _GENERIC_NAME_RE.search(stem):
            continue
        head += len(lead) if site else 0
        if any(_ROLE_RE.match(low, e) for _s, e in spots):
            out += [(s - head, e, SCORE, ["brand_as_agency"]) for s, e in spots]
            stems.append(stem)
    codes: dict = {}
    for m in _CODE_RE.finditer(low):
        a = m.start()
        while a and "0" <= low[a - 1] <= "9":  # the whole number before the letters
            a -= 1
        if m.start() - a < 1 or (a and low[a - 1] in _CODE_BEFORE):
            continue
        codes.setdefault(low[a:m.end()], []).append(m.end())
    for code, ends in codes.items():
        if len(ends) < MIN_REPEATS:
            continue
        tail = _common_tail(low, ends)
        if tail < 2:
            continue
        if any(_ROLE_RE.match(low, e + tail) for e in ends):
            out += [(e - len(code), e + tail, SCORE, ["brand_as_agency"]) for e in ends]
    return out, stems


_ENTRY_RE = re.compile(r"入口|登录|登陆|登入")
_LEAD_RE = re.compile(rf"[{_CJK}]{{0,4}}[a-z0-9]{{1,8}}$")


def _common_lead(low: str, starts: list) -> str:
    """The characters and ASCII word glued before every start (`某某app`), when they are the same."""
    leads = [m.group(0) if m else "" for m in (_LEAD_RE.search(low, max(0, a - 12), a) for a in starts)]
    k = 0  # the longest ending they share (`来自某某app`, `某某app`: `某某app`)
    while k < min(map(len, leads)) and len({x[len(x) - k - 1] for x in leads}) == 1:
        k += 1
    return leads[0][len(leads[0]) - k:] if k else ""


def _common_head(low: str, spots: list) -> int:
    """How many Chinese characters before every spot are the same (the rest of the name)."""
    k = 0
    while k < NAME_MAX - 2:
        chars = {low[s - k - 1] if s - k - 1 >= 0 else "" for s, _e in spots}
        if len(chars) != 1 or not _is_cjk(next(iter(chars))):
            break
        k += 1
    return k


def _common_tail(low: str, ends: list) -> int:
    k = 0
    while k < NAME_MAX:
        chars = {low[e + k] if e + k < len(low) else "" for e in ends}
        if len(chars) != 1 or not _is_cjk(next(iter(chars))):
            break
        k += 1
    return k


def _syllables(word: str) -> int:
    """How many pinyin syllables `word` splits into, 0 when it does not split (fewest pieces)."""
    best = [0] + [-1] * len(word)
    for i in range(len(word)):
        if best[i] < 0:
            continue
        for m in _prefixes(word, i):
            if best[m] < 0 or best[m] > best[i] + 1:
                best[m] = best[i] + 1
    return max(best[-1], 0)


def _prefixes(word: str, i: int):
    for j in range(i + 1, min(len(word), i + 6) + 1):
        if _SYLLABLE_RE.fullmatch(word, i, j):
            yield j


def _pinyin_heads(low: str) -> list:
    out = []
    for m in _PINYIN_HEAD_RE.finditer("\n" + low[:64]) if low[:1].isascii() else ():  # the first line
        if m.start() == 0:
            out += _pinyin_head(low, m.start(1) - 1, m.end() - 1)
    for m in _PINYIN_HEAD_RE.finditer(low):
        out += _pinyin_head(low, m.start(1), m.end())
    return out


def _pinyin_head(low: str, start: int, end: int) -> list:
    n = _syllables(low[start:end])
    if n < MIN_SYLLABLES or not all(_is_cjk(c) for c in low[end:end + n]):
        return []
    return [(start, end + n, SCORE, ["pinyin_brand"])]



# A name dressed as a company's China branch, used as the institution (set 7): `开云(中国)校长`,
# `星空(中国)主办`, `开云(中国)官方成功举办`. Twice or more, at least once with an institution's word
# after it or as `(中国)官方`/`(中国)官网`; a real company's branch is followed by 有限公司, 投资…
_CHINA_BRANCH_RE = re.compile(r"[(（]中国[)）](官方网站|官方|官网)?")
_COMPANY_AFTER_RE = re.compile(r"有限|公司|集团|集團|投资|投資|科技|控股|股份|分公司|办事处|辦事處|代表处|代表處|办公室|辦公室")
# An organisation's own name before `(中国)` (世界自然基金会(中国)主办) ends with one of these.
_ORG_END_RE = re.compile(r"(?:局|厅|廳|委|办|辦|府|院|校|部|会|會|中心|馆|館|所|站|司|行|处|處|社|台|报|報|组织|組織|基金)$")


def _china_branches(low: str) -> tuple:
    groups: dict = {}
    if "中国)" not in low and "中国）" not in low:  # two substring tests instead of a scan of every bracket
        return [], []
    for m in _CHINA_BRANCH_RE.finditer(low):
        s = m.start()
        if s >= 2 and _is_cjk(low[s - 1]) and _is_cjk(low[s - 2]):
            groups.setdefault(low[s - 2:s], []).append((s - 2, m.end(), bool(m.group(1))))
    out, stems = [], []
    for spots in groups.values():
        if len(spots) < 2 or any(_COMPANY_AFTER_RE.match(low, e) for _s, e, _o in spots):
            continue
        head = _common_head(low, [(s, e) for s, e, _o in spots])
        name = low[spots[0][0] - head:spots[0][0] + 2]
        if _GENERIC_NAME_RE.search(name) or _ORG_END_RE.search(name):
            continue
        if any(o for _s, _e, o in spots) or any(_ROLE_RE.match(low, e) for _s, e, _o in spots):
            out += [(s - head, e, SCORE, ["brand_as_agency"]) for s, e, _o in spots]
            stems.append(name)
    return out, stems


# The same name found used as an institution, elsewhere on the page with a kind of site after it
# (`开云足球` beside `开云(中国)校长`, `星空在线客服` in the breadcrumb beside `星空(中国)主办`).
_KIN_RE = re.compile(r"足球|体育|體育|娱乐|娛樂|电竞|電競|棋牌|彩票|真人|官网|官網|官方|平台|在线客服|客服|app")


def _brand_kin(low: str, stems: list) -> list:
    out = []
    for name in set(stems):
        if len(name) < 2:
            continue
        at = low.find(name)
        while at >= 0:
            m = _KIN_RE.match(low, at + len(name))
            if m:
                out.append((at, m.end(), SCORE, ["brand_as_agency"]))
            at = low.find(name, at + len(name))
    return out


# A site's name glued before a title (set 6 `乐竞首页博士生培养基金实施细则`, set 7
# `云顶集团官网2024年“院长杯”足球联赛开赛`): a short name and 首页/官网 at the start of a title line
# (no comma or full stop, no breadcrumb separator), glued to the title's first character.
# Read from the site word (rare in a page), the name and the line's start looked up behind it.
_SITE_WORD_RE = re.compile(rf"(首页|首頁|官网|官網|官方网站)(?=[{_CJK}0-9])")
_SITE_WORD_FIRSTS = "首官"
_HEAD_GENERIC_RE = re.compile(
    r"返回|回到|进入|進入|访问|訪問|设为|設為|网站|網站|位置|当前|當前|本站|我的|个人|用户|会员|手机|移动|中文|英文|"
    r"简体|繁体|无障碍|主站|总站|门户|門戶|官方|登录|登陆|注册|搜索|导航|频道|栏目|专题")
_TITLE_LINE_MAX = 80


def _site_heads(low: str) -> list:
    out = []
    for m in first_char_matches(_SITE_WORD_RE, low, _SITE_WORD_FIRSTS):
        a = m.start()
        while a > 0 and m.start() - a < 4 and _is_cjk(low[a - 1]):
            a -= 1
        ls = a
        while ls > 0 and low[ls - 1] in " \t\u3000":
            ls -= 1
        if m.start() - a < 2 or (ls > 0 and low[ls - 1] != "\n"):
            continue  # not 2 to 4 characters from the line's start
        name = low[a:m.start()]
        if _HEAD_GENERIC_RE.search(name) or _INSTITUTION_END_RE.search(name) or _GENERIC_NAME_RE.search(name):
            continue
        le = low.find("\n", m.end())
        rest = low[m.end():le if le >= 0 else len(low)]
        if not 6 <= len(rest) <= _TITLE_LINE_MAX or any(c in rest for c in "。，,！？!?；;>»›/|"):
            continue
        out.append((a, m.end(), SCORE, ["brand_head"]))
    return out


# A name mixing digits, characters and Latin letters, used in place of an institution's name
# (set 6 `18新利luck菲律宾` five times in a college's news): three times or more the same, each time
# followed by a blank and more of the sentence, or once by an institution's word.
# Read from the Latin letters between two characters (rare in a page), the rest looked up around them.
_MIXED_LATIN_RE = re.compile(rf"[a-z]{{2,10}}(?=[{_CJK}])")
_LATIN_END_RE = re.compile(rf"[a-z](?=[{_CJK}])")  # the last letter of a Latin word glued to a character


def _mixed_latin(low: str):
    """The spans of `_MIXED_LATIN_RE.finditer(low)`: the last ten letters or fewer of each Latin word
    glued to a character, found from its last letter (the pattern tried ten letters at every letter)."""
    for m in _LATIN_END_RE.finditer(low):
        s, e = m.span()
        while s > 0 and e - s < 10 and "a" <= low[s - 1] <= "z":
            s -= 1
        if e - s >= 2:
            yield s, e


def _mixed_names(low: str) -> list:
    groups: dict = {}
    for ms, me in _mixed_latin(low):
        a = ms
        while a > 0 and ms - a < 4 and _is_cjk(low[a - 1]):
            a -= 1
        d = a
        while d > 0 and a - d < 5 and "0" <= low[d - 1] <= "9":
            d -= 1
        if a == ms or d == a or (d > 0 and (low[d - 1].isascii() and low[d - 1].isalnum())):
            continue  # needs digits, then characters, then the letters
        e = me
        while e < len(low) and e - me < 6 and _is_cjk(low[e]):
            e += 1
        groups.setdefault(low[d:e], []).append(e)
    out = []
    for name, ends in groups.items():
        if len(ends) < MIN_REPEATS:
            continue
        spaced = all(e < len(low) and low[e] in " \u3000" for e in ends)
        if spaced or any(_ROLE_RE.match(low, e) for e in ends):
            out += [(e - len(name), e, SCORE, ["brand_as_agency"]) for e in ends]
    return out


# A betting site's name hung after a headline with a blank (set 7 `PG电子 某某公布…办法 完美电竞平台`):
# <name><kind of site>平台/官网 ending the line, the line's head `PG电子 ` taken with it when present.
_BLANK_TAIL_RE = re.compile(rf"[ \t\u3000]([{_CJK}]{{2,4}}?)(电竞|電競|娱乐|娛樂|体育|體育|棋牌|真人|彩票)"
                            r"(平台|官网|官網|官方网站|app)[ \t\u3000]*(?=\n|$)")
_ASCII_HEAD_RE = re.compile(rf"[a-z]{{2,5}}(?:电子|電子|真人|电竞|電競|棋牌|娱乐|娛樂|体育|體育)[ \t\u3000]")


def _blank_tails(low: str) -> list:
    out = []
    for m in _BLANK_TAIL_RE.finditer(low):
        name = m.group(1)
        if _GENERIC_NAME_RE.search(name) or _INSTITUTION_END_RE.search(name) or _HEAD_GENERIC_RE.search(name):
            continue
        ls = low.rfind("\n", 0, m.start()) + 1
        if sum(1 for c in low[ls:m.start()] if _is_cjk(c)) < 8 or _WARNING_RE.search(low, ls, m.start()):
            continue
        out.append((m.start(1), m.end(3), SCORE, ["title_tail"]))
        head = _ASCII_HEAD_RE.match(low, ls)
        if head:
            out.append((ls, head.end() - 1, SCORE, ["title_tail"]))
    return out
