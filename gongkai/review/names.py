"""Person names: by label (姓名：, 申请人：) and in running text (surname list + context + segmenter).

A name in running text needs three things: a surname from `data/surnames.txt`, a cue next to it (a
role word before it such as 村民/申请人, or a word after it such as 同志/先生/（男/反映/等3人), and a
segmenter boundary (rjieba) so that 满意 in 群众满意度 or 高度 are not taken for people. Names already
de-identified (王某, 李某某, 张××) are not personal data.

A name is *public* (reported, never masked, never changes the verdict) when it belongs to an
official acting in office: a title next to it (副市长陈静, 王建国同志), a public label (联系人, 法定代表人)
or a 公示 that the law requires (任前公示, 拟录用人员公示).
"""
import functools
import re
from pathlib import Path

import rjieba
from django.utils.translation import gettext_noop as _

from .findings import PiiFinding, SpanSet
from .labels import translated
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
_COLON_RES = (re.compile(":"), re.compile("："))


def _label_matches(text: str) -> list:
    """The matches `_LABEL_RE.finditer(text)` yields, found from the colons (a literal scan) rather
    than from every character a label can start with: a label ends where the whitespace before a
    colon begins, so each colon leaves a few places to try."""
    found = []
    for regex in _COLON_RES:
        for colon in regex.finditer(text):
            e = _skip_space_back(text, colon.start()) + 1
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


_SURNAMES = surnames()
_SINGLE, _COMPOUND = _SURNAMES
_SURNAME_HEADS = _SINGLE | frozenset(w[0] for w in _COMPOUND)  # where name_at can find a surname
_cut, _tag, _has_word = rjieba.cut, rjieba.tag, rjieba.has_word
_ALL_CJK_RE = re.compile(r"[\u4e00-\u9fff]+\Z")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _surname_len(text: str, p: int) -> int:
    single, compound = _SURNAMES
    if text[p:p + 2] in compound:
        return 2
    if text[p:p + 1] in single:
        return 1
    return 0


def _boundaries(segment: str) -> set:
    pos, out = 0, {0}
    for token in _cut(segment):
        pos += len(token)
        out.add(pos)
    return out


@functools.lru_cache(maxsize=8192)
def _is_common_word(word: str) -> bool:
    """True for dictionary words that are not tagged as person names (满意, 高度, 王国)."""
    if not rjieba.has_word(word):
        return False
    tags = rjieba.tag(word)
    return not (len(tags) == 1 and tags[0][1].startswith("nr"))


def name_at(text: str, p: int, end_hint: int | None = None) -> int:
    """Return the end of a person's name starting at `p`, or -1 when there is none."""
    if text[p:p + 2] in _COMPOUND:
        sl = 2
    elif text[p:p + 1] in _SINGLE:
        sl = 1
    else:
        return -1
    q = p + sl
    if end_hint is not None:
        if not 1 <= end_hint - q <= 2:
            return -1
        end = end_hint
        name = text[p:end]
        if not _ALL_CJK_RE.match(name) or _ANON_RE.match(name) or name[sl] in _BAD_FIRST:
            return -1
    else:
        c1 = text[q:q + 1]
        if not c1 or not "\u4e00" <= c1 <= "\u9fff" or c1 in _BAD_FIRST:
            return -1
        c2 = text[q + 1:q + 2]
        if not c2 or not "\u4e00" <= c2 <= "\u9fff" or c2 in _STOP or c2 == "某":
            end = q + 1
        else:
            # Where the segmenter, reading the surname and the next three characters, puts a
            # boundary: after two given-name characters, else after one, else two.
            pos, end = 0, q + 2
            for token in _cut(text[p:q + 4]):
                pos += len(token)
                if pos >= sl + 1:
                    if pos == sl + 1:
                        end = q + 1
                        continue
                    if pos == sl + 2:
                        end = q + 2
                    break
        name = text[p:end]
        # Surnames, c1 and c2 are all CJK here, c1 is not 某 and neither is c2 when it is part of the
        # name: the all-CJK and de-identified (王某) checks cannot fail.
    given = name[sl:]
    if given in _TITLE_GIVEN or given[:2] in _TITLE_GIVEN:
        return -1
    if _is_common_word(name):
        return -1
    return end


# Surnames that are also everyday function words: in running text they need the segmenter's nr tag.
_FUNCTION_SURNAMES = frozenset("和于向全由来应能曾还同将为以自从对与及其各本每有无要会可区管查平国")


def _segmenter_agrees(text: str, p: int, end: int, hard_end: bool = False, strong: bool = False,
                      known_start: bool = False) -> bool:
    """True when rjieba, reading the name in its context, does not contradict a person there.

    No word may run across the name's start (主管部门) or, unless the token is itself a name, its
    end (查询体系). With a weak cue (称, 系, 表示) the name must also start a token tagged nr; with a
    strong cue (村民, 驾驶人, （男，, 等3人, 同志) that is not needed, except for surnames that are
    everyday function words (和, 于, 来)."""
    if known_start and p > 0:
        # The cue ends at p; only a dictionary word running across p (业主|管部门 = 主管) objects.
        pos = max(0, p - 4)
        for word in _cut(text[pos:end]):
            nxt = pos + len(word)
            if pos < p < nxt and _has_word(word):
                # 申请人|马晓燕 reads 人马: fine when the name on its own is a tagged, unknown name.
                head = _tag(text[p:end + 2])[0]
                if not (head[1].startswith("nr") and len(head[0]) >= 2 and not _has_word(text[p:end])):
                    return False
            if nxt >= p:
                break  # no later word can run across p
            pos = nxt
    ws = p if known_start else max(0, p - 4)
    # Only the token starting at p and whether a token ends at `end` are read.
    pos, start_tag, at_end = ws, None, ws == end
    for token in _tag(text[ws:end if hard_end else end + 3]):
        if pos == p:
            start_tag = token
        pos += len(token[0])
        if pos >= end:
            at_end = pos == end
            break
    if start_tag is None:
        return False
    word, tag = start_tag
    nr = tag.startswith("nr")
    if not at_end and not (len(word) > end - p and nr):
        return False
    if nr and (len(word) > 1 or not _has_word(text[p:end])):
        return True
    if not strong or text[p] in _FUNCTION_SURNAMES:
        return False
    # A strong cue: accept a name the segmenter split into pieces, unless the pieces form a word
    # that crosses the name's end.
    return at_end or len(word) <= end - p


# Characters that end a sentence or clause: a name right after one starts it.
_CLAUSE_START_BEFORE = frozenset("、，,。；;：:！!？?（(）)《》“”\"' \n\t\r【】[]")
# Tags of words that are never a given name (pronouns, prepositions, conjunctions, particles,
# adverbs, numerals, measure words, locality words).
_NOT_GIVEN_TAGS = frozenset("rpcudmqfta")
# Words a verb such as 谢/贺/祝 takes as its object at the start of a sentence (谢大家…), made of
# given-name characters but never a given name after such a verb.
_ADDRESSEES = frozenset("大家 群众 国家 人民 大地 天地 社会 全体 各位 大伙 百姓 新春 春节 新年 元旦 中秋 佳节 "
                        "光临 指导 支持 关心 关注 帮助 配合 理解".split())


def _surname_split_off_at_start(text: str, p: int, end: int) -> bool:
    """True for 谢天明 in "谢天明驾驶的货车…" at the start of a sentence: the segmenter reads the
    surname alone as a word of its own (谢, a verb) and the given name as one word (天明), so its
    tags never say "person". Accepted only when all of this holds: the name starts its sentence or
    clause, it is a one-character surname that is not an everyday function word, the segmenter
    splits it exactly into the surname and a two-character given name, and that given name is made
    of common given-name characters and is neither a pronoun, particle, adverb, number, time word or
    adjective (明天, 平安) nor a verb's usual object (谢大家, 贺新春). 谢谢大家 and 谢绝参观 are one
    word to the segmenter and never get here."""
    if end - p != 3 or text[p] not in _SINGLE or text[p] in _FUNCTION_SURNAMES:
        return False
    if p > 0 and text[p - 1] not in _CLAUSE_START_BEFORE:
        return False
    tokens = _tag(text[p:end])
    if len(tokens) != 2 or len(tokens[0][0]) != 1:
        return False
    given, tag = tokens[1]
    if len(given) != 2 or tag[:1] in _NOT_GIVEN_TAGS or given in _ADDRESSEES:
        return False
    gchars = given_chars()
    return given[0] in gchars and given[1] in gchars


def _verb_object_reads_as_name(text: str, p: int, end: int) -> bool:
    """True when the segmenter reads the object of a verb cue as a name: its first token is a
    person name (nr) or the surname alone (刘|桂兰), not a word such as 安全 in 收到安全月方案."""
    word, tag = _tag(text[p:end + 3])[0]
    return tag.startswith("nr") or len(word) == _surname_len(text, p)


def _word_across(text: str, at: int) -> bool:
    """True when a dictionary word runs across position `at` (勾稽关|系 reads 关系)."""
    ws = max(0, at - 3)
    pos = ws
    for word in _cut(text[ws:at + 3]):
        if pos < at < pos + len(word):
            return len(word) > 1 and rjieba.has_word(word)
        pos += len(word)
        if pos >= at:
            return False
    return False


def _start_before(text: str, end: int) -> int:
    """Find where a name ending at `end` starts (compound surnames, then 3-character names), or -1."""
    single, compound = _SURNAMES
    if text[end - 4:end - 2] in compound:
        lengths = (4,)
    elif text[end - 3:end - 1] in compound:
        lengths = (3,)
    else:
        lengths = (3, 2)
    for length in lengths:
        p = end - length
        if p < 0:
            continue
        if text[p:p + 2] in compound:
            sl = 2
        elif text[p] in single:
            sl = 1
        else:
            continue
        if length == 4 and sl != 2:
            continue
        if not _ALL_CJK_RE.match(text, p, end):
            continue
        prev = text[p - 1] if p > 0 else "\n"
        if not _is_cjk(prev) or prev in _BOUNDARY_BEFORE:
            return p
        window_start = max(0, p - 6)
        if (p - window_start) in _boundaries(text[window_start:end]):
            if name_at(text, p, end) == end:
                return p
    return -1


@functools.lru_cache(maxsize=1)
def given_chars() -> frozenset:
    text = (_DATA / "given_chars.txt").read_text(encoding="utf-8")
    return frozenset(c for line in text.splitlines() if not line.startswith("#") for c in line.split())


@functools.lru_cache(maxsize=1)
def _single_surname_re():
    """A surname (not one that is also a function word) followed by a given-name character."""
    heads = "".join(sorted(surnames()[0] - _FUNCTION_SURNAMES))
    # A given-name character that is also a stop character (于, 在) never starts a running name.
    return re.compile(f"[{heads}](?=[{''.join(sorted(given_chars() - _STOP))}])")


def _running_names(text: str, spans) -> list[tuple[int, int]]:
    """Names with no cue around them: a surname the segmenter tags, with what follows, as an
    unknown person name (nr, not a dictionary word), at a word boundary."""
    out = []
    # The spans found so far do not change here. A candidate at p is read only when no span starts
    # before p + 2 and ends after p: the scan runs over the gaps between the spans.
    gaps, prev = [], 0
    for s_, e_ in zip(spans.starts, spans.ends):
        if s_ - 2 >= prev:
            gaps.append((prev, s_))  # candidates prev..s_-2 (the lookahead reads up to s_ - 1)
        prev = max(prev, e_)
    gaps.append((prev, len(text)))
    heads = _single_surname_re()
    gchars = given_chars()
    # One scan of the text instead of one per gap (thousands of short gaps a MB): a head at p is
    # in gap (gs, ge) when gs <= p <= ge - 2 (the lookahead reads p + 1 < ge), and the head pattern
    # reads only p and p + 1, so the scans of the gaps find exactly these heads.
    gap_iter = iter(gaps)
    gs, ge = next(gap_iter)
    for m in heads.finditer(text, gs):
        p = m.start()
        if p > ge - 2:
            for gs, ge in gap_iter:
                if p <= ge - 2:
                    break
            else:
                break  # the last gap ends with the text: not reached
        if p < gs:
            continue
        if _has_word(text[p:p + 2]):  # what follows is never a stop character here
            continue
        c2 = text[p + 2:p + 3]
        if c2 and _has_word(text[p:p + 3]) and _is_common_word(text[p:p + 3]):
            continue
        if p > 0 and "\u4e00" <= text[p - 1] <= "\u9fff" and _has_word(text[p - 1:p + 1]):
            continue
        ws = max(0, p - 3)
        pos, name = ws, None
        for word, tag in _tag(text[ws:p + 5]):
            if pos == p:
                if tag.startswith("nr") and 2 <= len(word) <= 3 and _ALL_CJK_RE.match(word):
                    name = word
                break
            if pos > p:
                break
            pos += len(word)
        if not name:
            continue
        end = p + len(name)
        if len(name) == 3 and name[2] in _STOP:
            end -= 1
        if any(c not in gchars for c in text[p + 1:end]):
            continue
        if name_at(text, p, end) == end:
            out.append((p, end))
    return out


def detect_names(text: str, context: str = "", *, language: str | None = None) -> list:
    """Find person names in `text`; `context` is the document's title (公示 detection);
    `language` is the active language when the caller has it (reasons are translated into it)."""
    found: dict[tuple, PiiFinding] = {}
    spans = SpanSet()
    by_start: dict[int, PiiFinding] = {}
    gongshi = bool(_GONGSHI_RE.search(context) and _GONGSHI_KIND_RE.search(context + text[:300]))
    reasons: dict[str, str] = {}

    def reason_for(key: str) -> str:
        # Translated once per call (the active language is looked up through a context variable).
        value = reasons.get(key)
        if value is None:
            message = _("公开职务人员") if key == "label" else _("公职人员姓名") if key == "official" else _("法定公示")
            value = reasons[key] = translated(message, language)
        return value

    overlapping, take = spans.overlapping, spans.take

    def add(start, end, public, reason):
        if end <= start:
            return
        add_at(overlapping(start, end), start, end, public, reason)

    def add_at(j, start, end, public, reason):
        """`add` when `j = overlapping(start, end)` is known (spans unchanged since)."""
        if j >= 0:
            f = by_start[spans.starts[j]]
            if public and f.personal:
                f.personal, f.reason = False, reason
            return
        take(start, end)
        if public:
            personal = False
        elif gongshi:
            personal, reason = False, reason_for("gongshi")
        else:
            personal, reason = True, ""
        found[(start, end)] = by_start[start] = PiiFinding("person_name", start, end, text[start:end],
                                                           personal, reason)

    n = len(text)
    for m in _label_matches(text):
        p = m.end()
        end = name_at(text, p)
        if end > 0 and text[p + 1:p + 3] not in _TITLE_GIVEN:
            # With a label the name may have a third character the segmenter split off.
            nxt = text[end:end + 1]
            if end - p == 2 and _surname_len(text, p) == 1 and _is_cjk(nxt) and nxt not in _STOP \
                    and not _SUFFIX_RE.match(text, end) and (end + 1 >= n or not _is_cjk(text[end + 1])):
                end += 1
            public = m.group(1) in _PUBLIC_LABEL_SET
            add(p, end, public, reason_for("label") if public else "")
    # One scan finds every cue; each goes to the lists of the roles it plays (prefix cues keep
    # where they end, suffix cues where they start), and only where the loops below can use it: a
    # prefix cue before a surname, a suffix cue after a Chinese character with a surname two or
    # three characters (a compound one four) before it (the tests those loops start with).
    cues = ([], [], [], [], [], [])
    slots = _CUE_SLOTS
    heads, compound = _SURNAME_HEADS, _COMPOUND
    for s_, e_ in _CUE_TRIE.spans(text):
        pre_ok = e_ < n and text[e_] in heads
        suf_ok = s_ >= 2 and "\u4e00" <= text[s_ - 1] <= "\u9fff" and (
            text[s_ - 2] in heads or (s_ >= 3 and text[s_ - 3] in heads)
            or (s_ >= 4 and text[s_ - 4:s_ - 2] in compound))
        if pre_ok or suf_ok:
            for i in slots[text[s_:e_]]:
                if i < 3:
                    if pre_ok:
                        cues[i].append(e_)
                elif suf_ok:
                    cues[i].append(s_)
    for key, public in ((0, True), (1, False)):
        for p in cues[key]:
            if p >= n or text[p] not in _SURNAME_HEADS or (not public and overlapping(p, p + 1) >= 0):
                continue
            end = name_at(text, p)
            if end < 0:
                continue
            j = overlapping(p, end)  # a name found already: only a public cue can change it
            if j >= 0 and not (public and by_start[spans.starts[j]].personal):
                continue
            if _segmenter_agrees(text, p, end, strong=True, known_start=True):
                add_at(j, p, end, public, reason_for("official") if public else "")
    gchars = given_chars()
    for p in cues[2]:
        if p >= n or text[p] not in _SURNAME_HEADS or overlapping(p, p + 1) >= 0:
            continue
        end = name_at(text, p)
        if end > 0 and all(c in gchars for c in text[p + _surname_len(text, p):end]) and spans.free(p, end) \
                and not _has_word(text[p:end]) and _verb_object_reads_as_name(text, p, end) \
                and _segmenter_agrees(text, p, end, strong=True, known_start=True):
            add(p, end, False, "")
    suffix_starts = [(e, True, True) for e in cues[3]] + [(e, False, False) for e in cues[4]]
    suffix_starts += [(e, False, True) for e in cues[5]]
    suffix_starts += [(e, False, True) for e in _suffix_pattern_starts(text)]
    for e, public, strong in suffix_starts:
        if e < 2 or not "\u4e00" <= text[e - 1] <= "\u9fff":
            continue
        # _start_before finds a start only at a surname 2 or 3 characters back, or a compound one 4
        # back: most suffix cues (同志 after 党员, 表示 after 部门) have none, and stop here.
        if text[e - 2] not in heads and (e < 3 or text[e - 3] not in heads) \
                and (e < 4 or text[e - 4:e - 2] not in compound):
            continue
        if not public and overlapping(e - 1, e) >= 0:
            continue  # a personal name ending at e would overlap a name already found
        p = _start_before(text, e)
        if p < 0:
            continue
        j = overlapping(p, e)
        if j >= 0 and not (public and by_start[spans.starts[j]].personal):
            continue
        if not _word_across(text, e) and name_at(text, p, e) == e \
                and (_segmenter_agrees(text, p, e, hard_end=True, strong=strong)
                     or _surname_split_off_at_start(text, p, e)):
            add_at(j, p, e, public, reason_for("official") if public else "")
    for p, end in _running_names(text, spans):
        add(p, end, False, "")
    # Lists: 张三、李四和王五 — a neighbour of a found name is a name too.
    queue = list(found.values())
    while queue:
        f = queue.pop()
        s, e = f.start, f.end
        if s > 1 and text[s - 1] in "、，,和与及":
            p = _start_before(text, s - 1)
            if p >= 0 and spans.free(p, s - 1) and name_at(text, p, s - 1) == s - 1:
                add(p, s - 1, not f.personal, f.reason)
                queue.append(found[(p, s - 1)])
        if e < len(text) and text[e] in "、，,和与及" and spans.free(e + 1, e + 2):
            end = name_at(text, e + 1)
            if end > 0 and spans.free(e + 1, end) and (
                    end >= len(text) or not _is_cjk(text[end]) or text[end] in "、和与及等"):
                add(e + 1, end, not f.personal, f.reason)
                queue.append(found[(e + 1, end)])
    return sorted(found.values(), key=lambda f: f.start)
