"""A betting site's name filling the place of the page's own site or agency (issue 12, set 8).

Shapes the brand shapes of `spam_brands` did not read:
- a greeting as the site's name (`某某集团欢迎您` hung after the title with `-` and standing as the
  header and footer line of a university's news page): a name ending in a casino's or a company's
  kind of site (集团, 娱乐, 国际, 官网, 平台…) with 欢迎您, twice or more as a whole line or a title tail;
- a name dressed as a China branch used once as the institution (`某某(中国)2023年体育运动委员会会议
  在…召开`) when the same name elsewhere is joined to a login or site word (`某某手机登录入口`);
- an agency's name replaced by a sports or gaming site's name (`某某体育政府信息公开指南`,
  `《某某体育依申请公开说明》`): a name ending in 体育/娱乐/足球/彩票… glued to the disclosure words
  only an agency's own name stands before, three times or more on the page; every occurrence of the
  name is reported;
- a letters-and-digits code glued to a casino's kind and a site word (`ab888国际线路检测` in place of a
  school's name), and the country's name spun by a synonym tool (`中华国民共和国`, set 8b);
- a lower-case Latin name glued before 党委/委员会, or before 官网 in a clause holding a meeting, as the
  subject of a school's news (`somebrand党委在…召开`, set 8c; read on the text as given).
Each shape is read from a literal (欢迎您, (中国), 公开, 共和国, the kind words), so most texts cost a
substring test or a scan the regex engine skips through by its first characters. Spans are spans of `low`, the folded, lower-cased text.
"""
import re

from .scan import first_char_matches
from .spam_brands import (SCORE, _COMPANY_AFTER_RE, _GENERIC_NAME_RE, _INSTITUTION_END_RE, _ROLE_RE, _SLOT_OFFICIAL_RE,
                          _is_cjk)

_CJK = "\u4e00-\u9fff"

# 1. A greeting as a site name: <name><kind>欢迎您 (欢迎你), a whole line or after a title's `-`/`_`/`|`.
# Read from the greeting (a literal), the name and its kind looked up before it.
_GREETING_RE = re.compile(r"欢迎您|歡迎您|欢迎你|歡迎你")
_GREETING_NAME_RE = re.compile(rf"(?:^|[^{_CJK}a-z0-9])([{_CJK}a-z0-9]{{1,8}}?)(集团|集團|娱乐城|娛樂城|娱乐场|娛樂場|娱乐|"
                               r"娛樂|国际|國際|官网|官網|平台|体育|體育|真人|棋牌|电子|電子|app)$")
_TAIL_BEFORE = frozenset("-_|—–")
GREETING_MIN = 2

# 2. A name before `(中国)` used once as the subject (a year, 官方/官网 or an institution's word after
# it), when the same name elsewhere is joined to a login or entry word (`某某手机登录入口`).
_CHINA_RE = re.compile(r"[(（]中国[)）]")
_CHINA_CLOSE_RE = re.compile(r"中国[)）]")  # read from 中国 (a literal), the bracket before it checked
_SUBJECT_AFTER_RE = re.compile(r"[0-9]|官方|官网|官網")
_LOGIN_KIN_RE = re.compile(r"(?:手机版?|手機版?|移动端|網頁版|网页版)?(?:登录|登陆|登入|登錄)(?:入口|网址|地址)?|入口|"
                           r"官网|官網|官方网站|app(?:下载|登录|入口)")

# 3. An agency's name replaced: <name><kind of site> glued to the words of its own disclosure pages.
# Read from the kind (the engine skips to its first characters), the disclosure words looked up after it.
_AGENCY_SWAP_RE = re.compile(r"(?:体育|體育|娱乐|娛樂|足球|彩票|电竞|電競|棋牌|真人)"
                             r"(?=政府信息公[开開]|依申[请請]公[开開]|政[务務]公[开開]|信息公[开開]指南)")
SWAP_GLUED_MIN = 2  # glued to the disclosure words at least twice ...
SWAP_MIN = 3  # ... and on the page three times or more, never as an organ's name (某某体育局)


# 4. A letters-and-digits code glued to a casino's kind and a site word (`ab888国际线路检测`,
# `xy2288娱乐官网`): read from the kind and the word (the code looked up before them), so `iso9001国际标准`
# or `g20国际峰会` (no site word after) pass.
_CODE_KIND_RE = re.compile(r"(?:国际|國際|娱乐|娛樂|集团|集團|体育|體育|棋牌|真人|彩票|电子|電子)"
                           r"(?:线路检测|線路檢測|线路|線路|检测中心|檢測中心|官网|官網|网址|網址|登录|登錄|入口|注册|註冊|开户|開戶)")
_CODE_BEFORE_RE = re.compile(r"(?<![a-z0-9.@/_-])(?:[a-z]{2,6}[0-9]{2,6}|[0-9]{2,6}[a-z]{2,6})$")

# 5. The country's name spun by a synonym tool (中华国民共和国, 中华公民共和国): a fixed name no real
# text changes, and the mark of a page whose words were spun. Read from 共和国 (a literal).
_SPUN_STATE_RE = re.compile(r"中华(?!人民)[\u4e00-\u9fff]{2}共和国|中華(?!人民)[\u4e00-\u9fff]{2}共和國")


# 6. A lower-case Latin name as the subject of a school's or an agency's sentence (set 8c): `某brand某某党委`,
# `中共somebrand·365(中国)委员会`, `…下午3:00somebrand官网结合…召开…会议`. Organisations write their
# Latin names in capitals (TCL, APEC); a lower-case word glued before 党委/委员会, or before 官网 in a
# clause that holds a meeting, is a site put in the institution's place. Read on the text as given
# (folding lowers the case), from the role word (a literal).
_ROLE_WORD_RE = re.compile(r"党委|黨委|党组|黨組|委员会|委員會|官网|官網")
_ROLE_WORD_FIRSTS = "党黨委官"
_LATIN_NAME_RE = re.compile(rf"(?<![A-Za-z./@_-])[a-z]{{4,16}}(?:[·.-]?[0-9]{{2,6}})?(?:[(（]中国[)）])?[{_CJK}]{{0,4}}$")
_MEETING_RE = re.compile(r"召开|召開|举办|舉辦|举行|舉行")


def latin_subject_passages(text: str) -> list:
    """(start, end, score, signals) for shape 6, on the text as given."""
    out = []
    for m in first_char_matches(_ROLE_WORD_RE, text, _ROLE_WORD_FIRSTS):
        name = _LATIN_NAME_RE.search(text, max(0, m.start() - 28), m.start())
        if name is None:
            continue
        if m.group(0) in ("官网", "官網"):
            stops = [i for i in (text.find(c, m.end()) for c in "。！？!?\n") if i >= 0]
            if not _MEETING_RE.search(text, m.end(), min(stops) if stops else len(text)):
                continue
        out.append((name.start(), m.end() if m.group(0) in ("官网", "官網") else m.start(), SCORE, ["brand_as_agency"]))
    return out


def site_name_passages(low: str) -> list:
    """(start, end, score, signals) for the shapes above."""
    out = []
    for m in _CODE_KIND_RE.finditer(low):  # the engine skips to the kinds' first characters
        code = _CODE_BEFORE_RE.search(low, max(0, m.start() - 12), m.start())
        if code:
            out.append((code.start(), m.end(), SCORE, ["brand_ad"]))
    if "共和国" in low or "共和國" in low:
        out += [(m.start(), m.end(), SCORE, ["spun_name"]) for m in _SPUN_STATE_RE.finditer(low)]
    if "欢迎您" in low or "欢迎你" in low or "歡迎" in low:
        out += _greetings(low)
    if "中国)" in low or "中国）" in low:
        out += _branches_once(low)
    if "公开" in low or "公開" in low:
        out += _agency_swaps(low)
    return out


def _greetings(low: str) -> list:
    spots: dict = {}
    for g in _GREETING_RE.finditer(low):
        ls = low.rfind("\n", 0, g.start()) + 1
        m = _GREETING_NAME_RE.search(low[max(ls, g.start() - 16):g.start()])
        if m is None:
            continue
        name, start = m.group(1), g.start() - len(m.group(1)) - len(m.group(2))
        if _SLOT_OFFICIAL_RE.search(name) or _INSTITUTION_END_RE.search(name) or _GENERIC_NAME_RE.search(name):
            continue
        le = low.find("\n", g.end())
        head = low[ls:start].strip(" \t\u3000")
        tail = low[g.end():le if le >= 0 else len(low)].strip(" \t\u3000")
        if tail or (head and head[-1] not in _TAIL_BEFORE):
            continue  # neither the whole line nor a title's tail
        spots.setdefault(low[start:g.end()], []).append((start, g.end()))
    out = []
    for found in spots.values():
        if len(found) >= GREETING_MIN:
            out += [(s, e, SCORE, ["site_greeting"]) for s, e in found]
    return out


def _branches_once(low: str) -> list:
    out = []
    for m in _CHINA_CLOSE_RE.finditer(low):
        if m.start() == 0 or low[m.start() - 1] not in "(（":
            continue
        s = m.start() - 1
        if not (_SUBJECT_AFTER_RE.match(low, m.end()) or _ROLE_RE.match(low, m.end())):
            continue
        for size in (2, 3, 4):
            if s < size or not all(_is_cjk(c) for c in low[s - size:s]):
                break
            name = low[s - size:s]
            if _GENERIC_NAME_RE.search(name) or _INSTITUTION_END_RE.search(name):
                continue
            kin, company = [], False
            at = low.find(name)
            while at >= 0:
                after = at + len(name)
                k = _LOGIN_KIN_RE.match(low, after)
                if k:
                    kin.append((at, k.end()))
                elif _CHINA_RE.match(low, after) and _COMPANY_AFTER_RE.match(low, _CHINA_RE.match(low, after).end()):
                    company = True
                at = low.find(name, after)
            if kin and not company:
                out += [(a, b, SCORE, ["brand_as_agency"]) for a, b in kin + [(s - size, m.end())]]
                break
    return out


def _agency_swaps(low: str) -> list:
    glued: dict = {}
    for m in _AGENCY_SWAP_RE.finditer(low):
        if m.start() >= 2 and _is_cjk(low[m.start() - 1]) and _is_cjk(low[m.start() - 2]):
            key = low[m.start() - 2:m.end()]
            glued[key] = glued.get(key, 0) + 1
    out = []
    for name, n in glued.items():
        stem = name[:2]
        if n < SWAP_GLUED_MIN or _GENERIC_NAME_RE.search(stem) or _INSTITUTION_END_RE.search(stem) \
                or _SLOT_OFFICIAL_RE.search(stem):
            continue
        spots, organ, at = [], False, low.find(name)
        while at >= 0:
            organ = organ or _ORGAN_AFTER_RE.match(low, at + len(name)) is not None
            spots.append((at, at + len(name)))
            at = low.find(name, at + len(name))
        if len(spots) >= SWAP_MIN and not organ:
            out += [(s, e, SCORE, ["brand_as_agency"]) for s, e in spots]
    return out


# Words after a name that make it (part of) an organ's name: 某某体育局, 某某彩票中心, 广电体育和旅游局.
_ORGAN_AFTER_RE = re.compile(r"局|厅|廳|委|办|辦|中心|处|處|科|站|所|会|會|学院|學院|学校|學校|公司|和|與|与|及")

