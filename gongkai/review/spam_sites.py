"""A betting site's name filling the place of the page's own site or agency (issue 12, set 8).

Three shapes the brand shapes of `spam_brands` did not read:
- a greeting as the site's name (`某某集团欢迎您` hung after the title with `-` and standing as the
  header and footer line of a university's news page): a name ending in a casino's or a company's
  kind of site (集团, 娱乐, 国际, 官网, 平台…) with 欢迎您, twice or more as a whole line or a title tail;
- a name dressed as a China branch used once as the institution (`某某(中国)2023年体育运动委员会会议
  在…召开`) when the same name elsewhere is joined to a login or site word (`某某手机登录入口`);
- an agency's name replaced by a sports or gaming site's name (`某某体育政府信息公开指南`,
  `《某某体育依申请公开说明》`): a name ending in 体育/娱乐/足球/彩票… glued to the disclosure words
  only an agency's own name stands before, three times or more on the page; every occurrence of the
  name is reported.
Each shape is read only when the page holds its literal (欢迎您, (中国), 公开), so most texts cost a
substring test. Spans are spans of `low`, the folded, lower-cased text.
"""
import re

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
_SUBJECT_AFTER_RE = re.compile(r"[0-9]|官方|官网|官網")
_LOGIN_KIN_RE = re.compile(r"(?:手机版?|手機版?|移动端|網頁版|网页版)?(?:登录|登陆|登入|登錄)(?:入口|网址|地址)?|入口|"
                           r"官网|官網|官方网站|app(?:下载|登录|入口)")

# 3. An agency's name replaced: <name><kind of site> glued to the words of its own disclosure pages.
# Read from 公开 (a literal), the kind looked up before the disclosure words.
_DISCLOSURE_RE = re.compile(r"公开|公開")
_BEFORE_DISCLOSURE = ("政府信息", "依申请", "依申請", "政务", "政務", "信息")
_SITE_KINDS = frozenset({"体育", "體育", "娱乐", "娛樂", "足球", "彩票", "电竞", "電競", "棋牌", "真人"})
SWAP_GLUED_MIN = 2  # glued to the disclosure words at least twice ...
SWAP_MIN = 3  # ... and on the page three times or more, never as an organ's name (某某体育局)


def site_name_passages(low: str) -> list:
    """(start, end, score, signals) for the three shapes above."""
    out = []
    if "欢迎" in low or "歡迎" in low:
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
    for m in _CHINA_RE.finditer(low):
        s = m.start()
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
    for m in _DISCLOSURE_RE.finditer(low):
        for word in _BEFORE_DISCLOSURE:
            k = m.start() - len(word)
            if k >= 4 and low.startswith(word, k):
                if word == "信息" and not low.startswith("指南", m.end()):
                    continue  # `信息公开` alone follows any word; `信息公开指南` is a guide's title
                if low[k - 2:k] in _SITE_KINDS and _is_cjk(low[k - 3]) and _is_cjk(low[k - 4]):
                    key = low[k - 4:k]
                    glued[key] = glued.get(key, 0) + 1
                break
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

