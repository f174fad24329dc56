"""A casino's brand standing in an institution's slot, with or without a code or a site word (issue 12,
set spam11).

Mirrors of school and agency pages replace the institution's name with a betting brand everywhere it
stands: `某某体育领导班子`, `某某集团2015级本科生`, `我校某某游戏大厅成立`, `某某揭牌仪式`, `某某英国第一届教职工
大会`, `来源:15vip某某集团`. The shapes of `spam_codes` and `spam_heads` need a number code or a site word
beside the name; here the brand itself is the cue and the slot decides:

- a *brand core*: a casino's or a bookmaker's name (金沙, 威尼斯, 葡京 and its misspellings, 永利, 美高梅,
  太阳城, 必赢, 威廉希尔, williamhill…), with the decoration mirrors put around it: a prefix of 澳门/亚洲/
  第一/品牌/新/国际 or a Latin/digit code, and a tail of up to TAIL_MAX characters (体育, 集团, 官方网站,
  游戏大厅, 英国, 中文网);
- an *institution's slot*: right after the name, a word only a school or an agency has (党委, 党总支,
  团委, 院务, 副院长, 领导班子, 教职工, 师生, 全体, 校友会, 新闻中心, 建校, 揭牌, 第N届, `2015级`, 新生,
  本科生) or, right before it, 来源:/中共/我校; a meeting verb (`在…召开`, `在某某举办`) counts when the
  name also holds a site word or a code; a name with a Latin code (`vns12561`) used twice needs no slot.

What passes: a real place or institution named like a casino (`金沙国中第三十七届`, `金沙镇`, `永利村党支部`,
`太阳城社区`): the name ends with an institution's or a place's word; a person (`院长张永利`): a surname with
the bare brand; Macau news on the operators (`金沙中国`, `永利澳门`, `银河娱乐`): a company's ending, and
their sentences hold no school's slot; a report or a warning (诈骗, 赌博网站, 警方…) in the same clause.
On a page where such a name is found, every other occurrence of the brand core is spam too.
"""
import bisect
import itertools
import re

from .names_cues import surnames
from .spam_brands import _GENERIC_NAME_RE, SCORE, _WARNING_RE
from .spam_heads import _is_place

_CJK = "\u4e00-\u9fff"
# Casino and bookmaker names as mirrors write them (葡京 as 莆京/浦京, 金沙 as 沙金); `low` is folded, so
# traditional forms are read as simplified.
_CORE_RE = re.compile(
    r"金沙|沙金|威尼斯|葡京|莆京|浦京|永利|美高梅|新濠|太阳城|太阳集团|太阳成|太阳新城|必赢|威廉希尔|伟德|凯发|"
    r"开云|亚盈|亚博|九游|华体会|乐鱼|博鱼|竞猜|买球|投注|"
    r"集团网站|集团官网|集团app|集团平台|国际网站|国际官网|国际app|国际平台|娱乐网站|娱乐官网|娱乐app|娱乐平台")
# Latin brands: substring tests first (a Latin first letter would make the engine stop at every b, s, v, w).
_LATIN_CORES = ("williamhill", "betway", "bet365", "bwin", "suncity")
_PLAIN_CORES = frozenset({"竞猜", "买球", "投注"})
# A betting word or a number brand (`某某竞猜网`, `888集团网站`) is a name only with a site word in it; the
# number is read back from a kind of business glued to a site word (集团网站), literals the scan finds (a
# group or a class among the literals would cost the engine its fast scan for their first characters).
_KINDS = frozenset({"集团", "国际", "娱乐"})

# Decoration before the core (read backwards from it): 澳门新新浦京, 亚洲第一品牌威尼斯, 15vip太阳集团.
_PREFIX_RE = re.compile(r"(?:澳门|香港|亚洲|英国|第一|品牌|国际|中国|体育|外围|新|[a-z0-9])*$")
PREFIX_WINDOW = 12
TAIL_MAX = 10
_STRONG_AFTER_RE = re.compile(
    r"党委|党总支|党支部|党校|团委|分团委|团总支|院务|(?:常务|执行)?副?院长|(?:常务|执行)?副?校长|领导班子|教职工|师生|"
    r"全体|学子|校友会|校友|新闻中心|建校|揭牌|成立大会|新生|本科生|研究生|第[一二三四五六七八九十百0-9]{1,4}[届次]|"
    r"[12][0-9]{3}(?:级|年?度?[春秋夏冬]?季?(?:体育)?(?:运动会|田径))")
_BEFORE_WORDS = ("来源", "中共", "中国共产党", "我校", "我院", "在")
_STRONG_BEFORE_RE = re.compile(r"(?:来源[ \t\u3000]*[:：][ \t\u3000]*|中国共产党|中共|我校|我院)$")
# Weaker slots: a meeting verb, or 学生 (`某某官网学生党校`; `某某期望参赛学生` is a sentence's).
_MEETING_AFTER = r"(?:召开|举行|举办|学生)|(?:在|于)[^。！？\n]{0,24}?(?:召开|举行|举办)"
# A joint event (`某某2020网站与某某部联合开展`): counted for a name holding a site word or a code only.
_JOINT_AFTER = r"与[^。！？\n,]{1,16}?联合(?:开展|举办|主办|举行)"
# A term's or a field's work (`全面推进某某官网体育工作`, `把某某官网本学期的工作做好`): the same condition.
_TERM_AFTER = r"本学期|本学年|本年度|(?:体育|教学|科研|招生|学生|党建)工作"
_JOINT_SITE_RE = re.compile(r"官网|官方网站|网站|网址|app|入口|[0-9]{3,}|[a-z]{2,}[0-9]{2,}")
_SLOT_RE = re.compile(rf"(?P<strong>{_STRONG_AFTER_RE.pattern})|(?P<meeting>{_MEETING_AFTER})|(?P<joint>{_JOINT_AFTER}|{_TERM_AFTER})")
SLOT_READ = 40
_SITE_WORD_RE = re.compile(r"官网|官方网站|网站|网址|平台|app|登录|登陆|入口|首页|线路|游戏|娱乐|中文网|网$")
# A casino's brand with a kind of business after it (伟德体育, 某某电子) reads as a site's name too.
_KIND_RE = re.compile(r"体育|娱乐|电子|集团|国际")
_LATIN_CODE_RE = re.compile(r"[a-z]{2,}[0-9]{3,}|[0-9]{2,}[a-z]{2,}")
# A name ending like a place or an institution is its own (金沙国中, 永利村, 太阳城社区, 金沙高级中学); an
# operator's company name is Macau news (金沙中国, 永利澳门, 新濠天地).
_OWN_END_RE = re.compile(
    r"(?:国中|国小|学区|中学|小学|学校|大学|学院|幼儿园|中心校|镇|乡|村|社区|街道|县|市|区|局|(?<!大)厅|委|办|办公室|会|中心|医院|所|"
    r"(?<!网)站|馆|"
    r"江|河|湖|山|路|街|桥|港|湾|岛|中国|澳门|有限公司|股份|度假村|酒店|皇宫|天地|博亚|娱乐集团)$")
_CODE_REPEATS = 2
_BRANCH_RE = re.compile(r"-?[(（]中国[)）]")
_CODE_AFTER_RE = re.compile(r"[a-z0-9]{2,12}")
# Where a name's tail stops: punctuation (not the dot joining a brand's parts, 某某·体育), a function word, a
# byline's label (`来源:某某集团发布时间:…`).
_TAIL_STOP_RE = re.compile(r"[\s:：,，。、；;!！?？()（）《》“”\"'‘’|_\-—.．的在了和与及是为对向于将由把被从]|"
                           r"发布|发表|时间|作者|编辑|点击|浏览|来源")
CLAUSE_STOPS = "\n。！？!?；;"
# Slots read past the name's tail (set spam12), each needing a name that is a business, not a bare core:
# - an agency's: `某某公司市政务服务管理局`, the city's name before 市/县/区 and an agency;
# - an edition's behind a quoted name: `某某98488“某某杯”第十六届` (the name holds a number code);
# - a school's title: `《某某集团师德考核实施办法》`, `《某某国际官网学术讲座信息》`, the name heading a title
#   of a school's rules or forms.
_BUSINESS_END_RE = re.compile(r"(?:公司|集团|娱乐|国际|官网|体育)$")
_AGENCY_AFTER_RE = re.compile(r"[市县区](?:人民政府|政府|[^\s，。,、：:]{1,8}?(?:局|委员会|办公室))")
_QUOTED_RE = re.compile(r"“[^”\n]{1,12}”")
_TITLE_KIND_RE = re.compile(r"(?:集团|公司|体育|娱乐|国际)(?:官网|官方网站)?|官网|官方网站")
_TITLE_RULES_RE = re.compile(r"[^》\n]{0,16}?(?:师德|教职工|教师|学生|教学|招生|本科|研究生|学位|学籍|学术|讲座)[^》\n]{0,16}?》")
CLAUSE_MAX = 300
# A name with a betting site's kind of business right before a school's role (`米兰体育院长`, `某某娱乐党委`):
# whatever the brand, a sports or gaming business has no 院长 or 党委 of a school. The stem before the kind
# word is 2-4 characters and neither generic (阳光体育, 全民体育), a place's (上海体育院长) nor an institution's.
_KIND_ROLE_RE = re.compile(r"(?:体育|娱乐|电竞|棋牌|真人)(?=(?:常务|执行)?副?院长|(?:常务|执行)?副?校长|党委|党总支|师生|"
                           r"教职工|学子|领导班子|校友会|建校)")
_STEM_STOP_RE = re.compile(rf"[^{_CJK}]|[的在了和与及或等是为对向于将由把被从让使给到我校院局]")
# Words sports and games of schools and towns are named with (阳光体育, 校园体育, 趣味棋牌, 冰雪体育…).
_COMMON_STEM_RE = re.compile(r"阳光|校园|学校|高校|大学|中学|小学|全民|群众|大众|竞技|青少年|少儿|学生|职工|老年|传统|民族|"
                             r"健康|快乐|趣味|特色|冰雪|户外|社区|乡村|农民|智慧|数字|电子|网络|休闲|文化|体育")
# An operator's registered name (美高梅中国控股有限公司), not one dressed as a site (某某官方(中国)集团有限公司官网).
_COMPANY_TAIL = r"(?:(?!官方|官网)[^\s。，,、；;!！?？\n]){0,8}?(?:有限公司|控股)(?!官网|官方|网站|app|入口|平台)"


def _tail_end(low: str, end: int) -> int:
    """The end of the name's tail: letters, digits and Chinese characters up to TAIL_MAX, no function
    word, punctuation or byline label; a branch mark (某某-(中国)科技公司, 某某官方(中国)集团) goes with it."""
    limit = end + TAIL_MAX
    while True:
        stop = _TAIL_STOP_RE.search(low, end, limit)
        if stop is None:
            return min(len(low), limit)
        branch = _BRANCH_RE.match(low, stop.start())
        if branch is None:
            return stop.start()
        limit += branch.end() - stop.start()
        end = branch.end()


def _clause(low: str, start: int, end: int) -> str:
    """The sentence around low[start:end], read at most CLAUSE_MAX characters either side."""
    lo, hi = max(0, start - CLAUSE_MAX), min(len(low), end + CLAUSE_MAX)
    s = max(low.rfind(c, lo, start) for c in CLAUSE_STOPS) + 1
    ends = [i for i in (low.find(c, end, hi) for c in CLAUSE_STOPS) if i >= 0]
    return low[max(s, lo):min(ends) if ends else hi]


def _person(low: str, start: int, core_start: int, name_end: int, core_end: int) -> bool:
    """院长张永利, 李伟德副校长: a surname right before a bare core."""
    single, _compound = surnames()
    return start == core_start and name_end == core_end and core_start > 0 and low[core_start - 1] in single


def casino_slot_passages(low: str) -> list:
    """(start, end, score, signals) for a casino's brand standing where an institution's name stands."""
    matches = []
    for m in _CORE_RE.finditer(low):
        if m.group()[:2] in _KINDS:
            s = m.start()
            while s > 0 and m.start() - s < 6 and low[s - 1].isdigit():
                s -= 1
            if 3 <= m.start() - s <= 5:
                matches.append((s, m.start(), low[s:m.start()], True))
        else:
            matches.append((m.start(), m.end(), m.group(), m.group() in _PLAIN_CORES))
    for word in _LATIN_CORES:
        at = low.find(word)
        while at >= 0:
            matches.append((at, at + len(word), word, False))
            at = low.find(word, at + len(word))
    matches.sort()
    names: dict = {}  # name -> [strong slots, weak slots, spans]
    coded: dict = {}  # a name with a Latin code glued after its core -> spans
    cores = []
    operators: dict = {}
    for m_start, m_end, word, plain in matches:
        if not plain and word not in operators:  # 美高梅 on a page naming 美高梅中国控股有限公司: its own news
            operators[word] = re.search(re.escape(word) + _COMPANY_TAIL, low) is not None
        if not plain and operators[word]:
            continue
        cores.append((m_start, m_end))
        tail = _tail_end(low, m_end)
        # The slot word may start anywhere in the tail: the name ends where the first slot starts (read
        # in a short copy, so a page without a slot is not searched to its end).
        slot = _SLOT_RE.search(low[m_end:tail + SLOT_READ])
        if slot is not None and slot.start() <= tail - m_end:
            end, strong, weak = m_end + slot.start(), slot.lastgroup == "strong", slot.lastgroup != "strong"
            joint = slot.lastgroup == "joint"
        else:
            end, strong, weak, joint = tail, False, False, False
        if not (strong or weak):
            past = _slot_past_tail(low, m_start, m_end, tail)
            if past is not None:
                end, strong = past, True
        code = _LATIN_CODE_RE.match(low, m_end)
        if not (strong or weak or code) and not any(w in low[max(0, m_start - PREFIX_WINDOW - 8):m_start]
                                                    for w in _BEFORE_WORDS):
            continue  # no slot around it (a plain substring test before the patterns)
        pre = _PREFIX_RE.search(low, max(0, m_start - PREFIX_WINDOW), m_start)
        start = pre.start() if pre else m_start
        line_start = low.rfind("\n", max(0, start - CLAUSE_MAX), start) + 1
        strong = strong or bool(_STRONG_BEFORE_RE.search(low, max(line_start, start - 8), start))
        weak = weak or low[start - 1:start] == "在"
        if not (strong or weak or code):
            continue  # a mention only: marked below when the page shows such a name elsewhere
        name = low[start:end]
        if joint and not strong and low[start - 1:start] != "在" and not _JOINT_SITE_RE.search(name[1:]):
            continue  # a joint event with an operator's bare name (某某娱乐与某某会联合举办) is its news
        if (_OWN_END_RE.search(name) or _person(low, start, m_start, end, m_end)
                or _WARNING_RE.search(_clause(low, start, end))):
            continue
        spot = names.setdefault(name, [0, 0, [], end != tail or end == m_end, plain])
        spot[0] += strong
        spot[1] += weak
        spot[2].append((start, end))
        if code:  # 威尼斯vns12561将… and 威尼斯vns12561精神…: one coded name
            coded.setdefault(low[start:code.end()], []).append((start, code.end()))
    found, loose = [], []
    for name, (strong, weak, spans, bounded, plain) in names.items():
        sited = bool(_SITE_WORD_RE.search(name[1:]) or _LATIN_CODE_RE.search(name))
        marked = sited or (not plain and _KIND_RE.search(name) is not None)
        if (strong and (sited or not plain)) or (weak and marked):
            (found if bounded else loose).append((name, spans))
    # A name read without a slot after it (我校某某游戏大厅成立) ends where the same name with a slot after
    # it ends (某某游戏大厅副院长), else at the end of its tail.
    bounded_names = sorted({name for name, _ in found}, key=len, reverse=True)
    for name, spans in loose:
        cut = next((len(b) for b in bounded_names if name.startswith(b)), len(name))
        found.append((name[:cut], [(s, s + cut) for s, _ in spans]))
    found = [span for _, spans in found for span in spans]
    found += [s for spans in coded.values() if len(spans) >= _CODE_REPEATS for s in spans]
    found += _kind_role_names(low)
    if not found:
        return []
    # Every other occurrence of a name found (是williamhill英国贯彻…) and every other mention of a brand
    # core on such a page (威廉希尔 beside williamhill中文网2016级新生), with a code glued after it.
    for name in {low[s:e] for s, e in found}:
        at = low.find(name)
        while at >= 0:
            found.append((at, at + len(name)))
            at = low.find(name, at + len(name))
    found = sorted(set(found))
    out = [(s, e, SCORE, ["casino_in_institution_slot"]) for s, e in found]
    starts = [s for s, _ in found]
    reach = list(itertools.accumulate((e for _, e in found), max))  # the furthest end up to each start
    for s, e in cores:
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and reach[i] >= e:
            continue  # inside a name found
        code = _CODE_AFTER_RE.match(low, e)
        out.append((s, code.end() if code else e, SCORE, ["casino_in_institution_slot"]))
    return out


def _slot_past_tail(low: str, m_start: int, m_end: int, tail: int):
    """The end of a name whose slot lies past its tail (see _BUSINESS_END_RE), or None."""
    for k in range(m_end + 2, min(tail, m_end + 6) + 1):
        if _BUSINESS_END_RE.search(low, m_end, k) and _AGENCY_AFTER_RE.match(low, k):
            return k
    quoted = _QUOTED_RE.match(low, tail)
    if (quoted and sum(c.isdigit() for c in low[m_end:tail]) >= 3
            and _STRONG_AFTER_RE.match(low, quoted.end())):
        return tail
    pre = _PREFIX_RE.search(low, max(0, m_start - PREFIX_WINDOW), m_start)
    start = pre.start() if pre else m_start
    if low[start - 1:start] == "《":
        kind = _TITLE_KIND_RE.match(low, m_end)
        if kind and _TITLE_RULES_RE.match(low, kind.end()):
            return kind.end()
    return None


def _kind_role_names(low: str) -> list:
    """Spans of `<stem><体育|娱乐|电竞|棋牌|真人>` right before a school's role (see _KIND_ROLE_RE)."""
    out = []
    for m in _KIND_ROLE_RE.finditer(low):
        s = m.start()
        while s > 0 and m.start() - s < 4 and not _STEM_STOP_RE.match(low, s - 1):
            s -= 1
        stem = low[s:m.start()]
        if len(stem) >= 2 and not (_GENERIC_NAME_RE.search(stem) or _COMMON_STEM_RE.search(stem) or _is_place(stem)
                                   or _OWN_END_RE.search(stem) or _CORE_RE.search(stem)):  # a casino's: read above
            out.append((s, m.end()))
    return out
