"""Cue words around personal names (role words before, 同志/先生/等3人 after, labels such as 联系人),
the surname list, and the label and suffix scans that use them (`names.detect_names` reads these)."""
import functools
import re
from pathlib import Path


from .trie import SplitTrie, trie_pattern

_CJK = r"\u4e00-\u9fff"
_DATA = Path(__file__).resolve().parent / "data"


@functools.lru_cache(maxsize=1)
def surnames() -> tuple[frozenset, frozenset]:
    """Return (single-character surnames, compound surnames)."""
    words = [w for line in (_DATA / "surnames.txt").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for w in line.split()]
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


def _expand(alternatives: str) -> list:
    """Expand "副?市长|县长" into ["副市长", "市长", "县长"]."""
    words = []
    for alt in alternatives.split("|"):
        if alt.startswith("副?"):
            words += ["副" + alt[2:], alt[2:]]
        else:
            words.append(alt)
    return words


def _skip_space_back(text: str, i: int) -> int:
    """The index of the last non-whitespace character before i (-1 if none)."""
    i -= 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i


# Labels followed by a colon. Public labels name people acting for an organisation.
_PERSONAL_LABELS = ("姓名|申请人姓名|申请人|被申请人|当事人|举报人|投诉人|信访人|来访人|委托代理人|代理人|户主|收件人|"
                    "权利人|第三人|监护人|驾驶人|被告人|原告|被告|上诉人|被上诉人|犯罪嫌疑人|受害人|死者|患者|"
                    "被执行人|申报人|借款人|出租人|承租人|买受人|学生姓名|家长")
_PUBLIC_LABELS = "联系人|承办人|经办人|主要负责人|负责人|法定代表人|发言人|审核人|签发人|填报人|起草人"
_LABEL_RE = re.compile(rf"({trie_pattern((_PUBLIC_LABELS + '|' + _PERSONAL_LABELS).split('|'))})\s*[:：]\s*")
_PUBLIC_LABEL_SET = frozenset(_PUBLIC_LABELS.split("|"))
_ALL_LABELS = frozenset((_PUBLIC_LABELS + "|" + _PERSONAL_LABELS).split("|"))
_LABEL_LENGTHS = sorted({len(w) for w in _ALL_LABELS}, reverse=True)
_LABEL_LAST = frozenset(w[-1] for w in _ALL_LABELS)
_COLON_RES = (re.compile(":"), re.compile("："))


def _label_matches(text: str) -> list:
    """The matches `_LABEL_RE.finditer(text)` yields, found from the colons (a literal scan) rather
    than from every character a label can start with: a label ends where the whitespace before a
    colon begins, so each colon leaves a few places to try."""
    found = []
    for regex in _COLON_RES:
        for colon in regex.finditer(text):
            e = _skip_space_back(text, colon.start()) + 1
            if not e or text[e - 1] not in _LABEL_LAST:
                continue  # no label ends here (most colons: 时间：, 地址：)
            for length in _LABEL_LENGTHS:
                x = e - length
                if x >= 0 and text[x:e] in _ALL_LABELS:
                    m = _LABEL_RE.match(text, x)
                    if m:
                        found.append((x, m))
    if not found:
        return []
    found.sort(key=lambda item: item[0])
    out, pos = [], 0
    for x, m in found:
        if x >= pos:
            out.append(m)
            pos = m.end()
    return out

_PREFIX_PERSONAL = ("申请人|当事人|村民|居民|群众|农户|户主|业主|患者|学生|职工|员工|市民|驾驶员|驾驶人|司机|举报人|"
                    "投诉人|信访人|来访人|老人|死者|犯罪嫌疑人|嫌疑人|被告人|原告|被告|上诉人|委托人|代理人|第三人|"
                    "低保户|贫困户|五保户|残疾人|退役军人|网民|网友|儿子|女儿|妻子|丈夫|母亲|父亲|之子|之女|其子|"
                    "其女|其妻|其夫|孩子|考生|受害人|被执行人|农民工|租户|房东|店主|摊主|个体户|经营者|车主|"
                    "工人|来信人|来电人|反映人|申诉人|求助人|当事人之|村民代表|党员|游客|旅客|乘客|消费者|求助人|被救助人|救助对象|公民|病人|孕妇|幼儿|"
                    "独生子女|户籍人口|外来人员|务工人员|申报人|家长|学员|考生|选手|获奖者")
# Verbs whose object is often a person (收到刘桂兰的申请, 致电王秀英核实). They are weak cues: the
# name's given-name characters must all be common given-name characters (收到申请后, 联系高新区 are not
# names), the name must not be a dictionary word (慰问孔子学院) and the segmenter must not read its start
# as another word (收到安全月方案).
_PREFIX_VERBS = "收到|致电|联系|约谈|看望|慰问|询问|告知"
_PREFIX_PUBLIC = ("副?市长|副?县长|副?区长|副?镇长|副?乡长|副?省长|副?总理|副?书记|党委书记|副?局长|副?主任|"
                  "副?厅长|副?处长|副?科长|副?主席|委员|副?部长|副?秘书长|副?院长|副?校长|副?所长|副?队长|"
                  "副?站长|副?组长|副?巡视员|副?调研员|发言人|村主任|常委|副?董事长|总经理|专家|教授|研究员|记者|"
                  "人大代表|政协委员|代表|主持人|同志|领导|院士|法官|检察官|审判长|审判员|书记员|主审人|执法人员|"
                  "工作人员|联络员|讲解员|志愿者|拟任人选|拟提任人选|考察对象|候选人|拟录用人员|拟聘人员|获奖代表")

_SUFFIX_PUBLIC = ("同志|副?市长|副?县长|副?区长|副?镇长|副?乡长|副?省长|副?书记|副?局长|副?主任|副?厅长|"
                  "副?处长|副?科长|副?部长|副?秘书长|副?院长|副?校长|院士|教授|研究员|代表|委员|副?主席|老师|"
                  "副?巡视员|副?调研员|主任科员|科员|法官|检察官")
_SUFFIX_WORDS = ("先生|女士|等人|一家|家属|夫妇|反映|来信|来电|来访|诉称|报称|称|表示|的身份证|身份证|户籍|系|因|"
                 "驾驶|名下|持有|向本|向我|提出|申领|小朋友|同学|之子|之女|之妻|之夫|之母|之父|的儿子|的女儿|的妻子|"
                 "的丈夫|的母亲|的父亲|老人|本人|出生于|生于")
# Written to start with a character class (the regex engine then scans fast).
_SUFFIX_PATTERNS = (r"[（(,，等于](?:(?<=[（(,，])\s*[男女][,，）)]|(?<=等)(?:\d+|[一二三四五六七八九十]+)[人名]|(?<=于)\d|"
                    r"(?<=[,，])\s*\d{2,4}年\d{1,2}月(?:出)?生)")
_SUFFIX_PAT_RE = re.compile(_SUFFIX_PATTERNS)
# Where a _SUFFIX_PAT_RE match can start, found from rare anchors with literal-prefix scans (the
# pattern itself starts at every comma): （男， → the bracket or comma before 男/女; 等3人 and 于2024
# start at 等/于; ，1990年5月出生 → the comma before the date that ends in 月(出)生.
_GENDER_RES = (re.compile("男(?=[,，）)])"), re.compile("女(?=[,，）)])"))
_DENG_RE = re.compile("等(?:\\d+|[一二三四五六七八九十]+)[人名]")
_YU_RE = re.compile("于\\d")
_BORN_RE = re.compile("月出?生")


def _digits_back(text: str, i: int) -> int:
    """How many decimal digits (\\d) end right before i."""
    n = 0
    while i - n - 1 >= 0 and text[i - n - 1].isdecimal():
        n += 1
    return n


def _suffix_pattern_starts(text: str) -> list:
    """The starts of the matches `_SUFFIX_PAT_RE.finditer(text)` yields, in order."""
    found = [m.span() for m in _DENG_RE.finditer(text)] + [m.span() for m in _YU_RE.finditer(text)]
    candidates = []
    for regex in _GENDER_RES:
        for m in regex.finditer(text):
            candidates.append(_skip_space_back(text, m.start()))
    for m in _BORN_RE.finditer(text):
        k = m.start()
        d1 = _digits_back(text, k)
        if not 1 <= d1 <= 2 or k - d1 - 1 < 0 or text[k - d1 - 1] != "年":
            continue
        y = k - d1 - 1
        d2 = _digits_back(text, y)
        if 2 <= d2 <= 4:
            candidates.append(_skip_space_back(text, y - d2))
    for j in candidates:
        if j >= 0:
            m = _SUFFIX_PAT_RE.match(text, j)
            if m:
                found.append(m.span())
    if not found:
        return []
    found.sort()
    out, pos = [], 0
    for s_, e_ in found:
        if s_ >= pos and (not out or s_ != out[-1]):
            out.append(s_)
            pos = e_
    return out
_SUFFIX_STRONG_WORDS = ["先生", "女士", "等人", "一家", "家属", "夫妇", "的身份证", "身份证号", "户籍", "名下",
                        "小朋友", "同学", "之子", "之女", "之妻", "之夫", "出生于", "的儿子", "的女儿", "的妻子",
                        "的丈夫", "的母亲", "的父亲"]
_SUFFIX_RE = re.compile(trie_pattern(_expand(_SUFFIX_PUBLIC) + _expand(_SUFFIX_WORDS) + _SUFFIX_STRONG_WORDS)
                        + "|" + _SUFFIX_PATTERNS)


def _cue_roles() -> dict:
    """Every cue word with the roles it plays (one scan finds them all)."""
    roles: dict[str, set] = {}
    groups = ((("prefix", "pub"), _expand(_PREFIX_PUBLIC)), (("prefix", "per"), _expand(_PREFIX_PERSONAL)),
              (("prefix", "verb"), _PREFIX_VERBS.split("|")),
              (("suffix", "pub"), _expand(_SUFFIX_PUBLIC)), (("suffix", "per"), _expand(_SUFFIX_WORDS)),
              (("suffix", "strong"), _SUFFIX_STRONG_WORDS))
    for role, words in groups:
        for word in words:
            roles.setdefault(word, set()).add(role)
    return roles


_CUE_ROLES = _cue_roles()
# The matches of one trie of all cue words (`_CUE_TRIE.single`), found with two smaller ones.
_CUE_TRIE = SplitTrie(_CUE_ROLES, sizes=(20,))
# The order in which detect_names reads the cue lists, and for each cue word the lists it goes to.
_CUE_ORDER = (("prefix", "pub"), ("prefix", "per"), ("prefix", "verb"),
              ("suffix", "pub"), ("suffix", "per"), ("suffix", "strong"))
_CUE_SLOTS = {word: tuple(sorted(_CUE_ORDER.index(role) for role in roles)) for word, roles in _CUE_ROLES.items()}
# For each cue word, the lists it goes to as a prefix cue (0-2) and as a suffix cue (3-5).
_CUE_SIDES = {word: (tuple(i for i in slots if i < 3), tuple(i for i in slots if i >= 3))
              for word, slots in _CUE_SLOTS.items()}

# Characters that end a name when they follow the first given-name character (李明于2024年).
_STOP = frozenset("于在因向对等称和与及的已将到被为是系经自从把就也都曾现今无未不了着过驾持、，。；：")
# Characters that cannot be the first given-name character.
_BAD_FIRST = frozenset("某×X＊*等的和与及在于了是为某们")
_ANON_RE = re.compile(r"^.{1,2}(某|[×X＊*○〇]){1,2}$")
_TITLE_GIVEN = frozenset({"老师", "先生", "女士", "同志", "师傅", "阿姨", "大爷", "大妈", "主任", "局长", "科长",
                          "处长", "书记", "经理", "总", "工", "某", "某某", "姓", "氏"})
_BOUNDARY_BEFORE = frozenset("、，,。；;：:（(）)《》“”\"' \n\t【】[]和与及或由经对向将把被")
_GONGSHI_RE = re.compile(r"公示")
_GONGSHI_KIND_RE = re.compile(r"任前|拟任|拟提拔|拟录用|拟聘用|拟推荐|干部|任职|提名|拟表彰|拟授予|评选|候选人|当选")
