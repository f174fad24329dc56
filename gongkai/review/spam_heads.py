"""Lines that do not belong to the page they head, and a coded name standing for its institution (set 9).

Held-out batches showed that lists of brands and phrases do not carry over from one batch to the next;
what carries over is the *shape* of an injection: words put on a page that share nothing with it.
- a keyword title: the page's first lines hold a list of short phrases joined by `,` `_` `-` `|`
  (no sentence, no agency's or column's word), at least two of them holding the spam genres' words
  (any weight, not mere site words such as 登录/注册), whose characters the rest of the
  page does not use (few of its two-character words occur below it): an adult site's keyword title
  over a copied notice, whatever its words;
- a site-name line: the first line is only a name with a betting site's kind (`某某体育`, `某某娱乐`,
  `某某国际`, `某某官网`) whose stem the page never uses again, over an official text (a council, a
  school, an agency's words below it); a place's own name (`某县体育`) or a generic one (`全民体育`) passes;
- a name with a number inside (`某某国际1946某某`) used twice or more as the page's institution: at a
  line's start, after 来源/主办, or before 召开/举行/党委: numbers in real names are years, counts and
  codes followed by their unit (年, 号, 人…), never a run of digits between the characters of a name;
- a site in an institution's slot (set 9b): a name holding a site word (app, 官网, 首页, 入口…) right
  before a role only an institution has (校长, 党委, 学子, 师生…) or before an edition (第N届).
Each reads only the head of the page, starts from a digit run between Chinese characters or from a site
word's literal, so a clean text costs a few line splits and scans. Spans are spans of `low`, the folded,
lower-cased text.
"""
import functools
import re

from .spam_atoms import lexicon
from .spam_brands import SCORE, _GENERIC_NAME_RE, _INSTITUTION_END_RE, _SLOT_OFFICIAL_RE
from .spam_shapes import _places
from .trie import trie_pattern

_CJK = "\u4e00-\u9fff"

HEAD_LINES = 3  # non-blank lines read at the head of the page
_SEP_RE = re.compile(r"[ \t\u3000]*[,，_|｜\-—–][ \t\u3000]*")
_SENTENCE_RE = re.compile(r"[。！？!?；;：:《》“”]")
# Words of a page's own title, column or agency: a line holding one is the page's, not an injection.
_OWN_WORDS_RE = re.compile(
    r"政府|人民|公开|公開|通知|公告|首页|首頁|新闻|新聞|中心|委员|委員|学院|學院|学校|學校|大学|大學|局|厅|廳|办|辦|"
    r"部门|部門|网站|網站|门户|門戶|专题|專題|栏目|欄目|动态|動態|政务|政務|工作|关于|關於")
ITEM_MIN, ITEM_MAX = 2, 24
LIST_MIN = 3
SHARED_MAX = 0.15  # share of the line's two-character words found in the rest of the page
BODY_MIN = 80  # characters of page below the line, to judge what it shares
_CONTENT_KINDS = frozenset({"porn", "gambling", "illicit", "commerce"})
# A site's code (abc888) marks a phrase like a spam word.
_CODE_RE = re.compile(r"[a-z]{2,}[0-9]{2,}|[0-9]{2,}[a-z]{2,}")


def head_passages(low: str) -> list:
    """(start, end, score, signals) for the keyword title and the site-name line."""
    out = []
    lines = _head_lines(low)
    for n, (ls, le) in enumerate(lines):
        line = low[ls:le]
        if n == 0:
            out += _site_line(low, ls, le)
        if _is_keyword_title(line) and _unrelated(low, line):
            out.append((ls, le, SCORE, ["keyword_title"]))
    return out


def _head_lines(low: str) -> list:
    spans, at = [], 0
    while at < len(low) and len(spans) < HEAD_LINES:
        le = low.find("\n", at)
        le = len(low) if le < 0 else le
        ls = at
        while ls < le and low[ls] in " \t\u3000\xa0":
            ls += 1
        e = le
        while e > ls and low[e - 1] in " \t\u3000\xa0":
            e -= 1
        if e > ls:
            spans.append((ls, e))
        at = le + 1
    return spans


def _is_keyword_title(line: str) -> bool:
    if not 12 <= len(line) <= 300 or _SENTENCE_RE.search(line) or _OWN_WORDS_RE.search(line):
        return False
    items = [i for i in _SEP_RE.split(line) if i]
    if len(items) < LIST_MIN or any(not ITEM_MIN <= len(i) <= ITEM_MAX for i in items):
        return False
    if sum(1 for i in items if not re.search(f"[{_CJK}]", i)) * 2 > len(items):
        return False  # a row of codes or dates, not words
    content = _content_re()
    return sum(1 for i in items if content.search(i) or _CODE_RE.search(i)) >= 2


@functools.lru_cache(maxsize=1)
def _content_re():
    """Terms of the spam genres' content (porn, gambling, illicit goods, commerce) at any weight: site
    words (登录, 注册, 下载, 官网: category seo) are a portal's header links too (简体 | 繁体 | 登录 | 注册)."""
    return re.compile(trie_pattern([t for t, (w, c) in lexicon().items() if c in _CONTENT_KINDS]))


def _bigrams(s: str) -> set:
    return {s[k:k + 2] for k in range(len(s) - 1) if re.fullmatch(f"[{_CJK}]{{2}}", s[k:k + 2])}


def _unrelated(low: str, line: str) -> bool:
    rest = low.replace(line, "\n")
    if len(rest) < BODY_MIN:
        return False
    own = _bigrams(line)
    if not own:
        return False
    return sum(1 for b in own if b in rest) <= SHARED_MAX * len(own)


# A site-name line: <stem><kind of betting site>, the whole first line.
_SITE_KIND_RE = re.compile(rf"([{_CJK}]{{2,6}}?)(体育|體育|娱乐|娛樂|棋牌|真人|电竞|電競|国际|國際|官网|官網|彩票)")
_OFFICIAL_BODY_RE = re.compile(r"政府|人民代表|人大|党委|黨委|党支部|镇|鎮|县|縣|街道|学校|學校|学院|學院|局|委员会|委員會")


def _site_line(low: str, ls: int, le: int) -> list:
    m = _SITE_KIND_RE.fullmatch(low, ls, le)
    if m is None:
        return []
    stem = m.group(1)
    rest = low[le:]
    if (stem in rest or len(rest) < BODY_MIN or _GENERIC_NAME_RE.search(stem) or _SLOT_OFFICIAL_RE.search(stem)
            or _INSTITUTION_END_RE.search(stem) or _is_place(stem) or not _OFFICIAL_BODY_RE.search(rest)):
        return []
    return [(ls, le, SCORE, ["site_name_line"])]


def _is_place(stem: str) -> bool:
    places, suffixes = _places()
    return any(stem[:k] in places for k in range(2, len(stem) + 1)) or stem.endswith(suffixes)


# A name with a digit run inside used as the institution twice or more.
_UNIT_AFTER = "年月日号號元个個万萬亿億人名户戶次届屆期条條款项項页頁米吨噸辆輛家所件份台座张張株头頭只棵亩畝天时時分秒岁歲批类類种種位周票例起宗公千克斤套间間栋棟层層路线線"
# Three to six digits between Chinese characters, no unit after them: a plain class first, so the engine
# skips to digits in C, and the characters around are tested there too (the Python loop sees a few).
_DIGITS_RE = re.compile(rf"[0-9](?<=[{_CJK}][0-9])[0-9]{{2,5}}+(?=[{_CJK}])(?![{_UNIT_AFTER}])")
_NAME_STOP = set(" \t\u3000\n:：,，。、；;!！?？()（）《》“”\"'|_-—")
_SUBJECT_AFTER_RE = re.compile(r"召开|召開|举行|舉行|举办|舉辦|党委|黨委|委员会|委員會|副院长|院长|校长|成立|$", re.M)
_SLOT_BEFORE_RE = re.compile(r"(?:来源|來源|主办|主辦|承办|承辦|作者)[ \t\u3000]*[:：][ \t\u3000]*$")
CODED_MIN = 2


def coded_name_passages(low: str) -> list:
    """(start, end, score, signals) for a coded name used as the institution twice or more."""
    seen: dict = {}
    for m in _DIGITS_RE.finditer(low):
        if low[m.start() - 1] not in "第约約共近逾":
            seen.setdefault(low[m.start() - 2:m.end()], []).append(m)
    keys: dict = {}
    for m in (m for ms in seen.values() if len(ms) >= CODED_MIN for m in ms):
        s = m.start()
        while s > 0 and m.start() - s < 8 and low[s - 1] not in _NAME_STOP and not low[s - 1].isdigit():
            s -= 1
        e = m.end()
        while e < len(low) and e - m.end() < 8 and low[e] not in _NAME_STOP and not low[e].isdigit():
            e += 1
        keys.setdefault(low[m.start() - 2:m.end()], []).append((s, m.start(), m.end(), e))
    out = []
    for spots in keys.values():
        if len(spots) < CODED_MIN:
            continue
        head = min(m0 - s for s, m0, _, _ in spots)  # the common start: the shortest left part
        tail = _common_tail(low, spots)
        slots = 0
        for s, m0, m1, _ in spots:
            start, end = m0 - head, m1 + tail
            line_start = low.rfind("\n", 0, start) + 1
            if (not low[line_start:start].strip(" \t\u3000") or _SLOT_BEFORE_RE.search(low, line_start, start)
                    or _SUBJECT_AFTER_RE.match(low, end)):
                slots += 1
        if slots < CODED_MIN or head < 2:
            continue
        out += [(m0 - head, m1 + tail, SCORE, ["coded_name"]) for _, m0, m1, _ in spots]
    return out


def _common_tail(low: str, spots: list) -> int:
    n = min(e - m1 for _, _, m1, e in spots)
    k = 0
    while k < n and len({low[m1 + k] for _, _, m1, _ in spots}) == 1:
        k += 1
    return k


# A site's name in an institution's slot: <name with a site word><slot an institution's own name stands
# before> (`某某app首页第十八届田径运动会`, `某某官方唯一入口2017年秋季运动会`, `某某官网大学生`). Site words
# only (app, 官网, 首页, 入口, 线路, 网址): 平台 (科技创新平台2023年度…), verbs (登录, 下载) and 出入口
# are ordinary; an edition is 第N届 (第N次 follows any noun: 网址第二次调整).
_EDITION = r"第[一二三四五六七八九十百0-9]{1,4}届|[12][0-9]{3}年?度?[春秋夏冬]?季?(?:运动会|田径|工作|学年)"
_ROLE = r"校长|党委|学子|师生|大学生|方阵|副院长|院长|校区|学生会|团委"
# One pattern per site word, each starting with its literal (the engine's fast literal search), run only
# on a text holding the word; `low` is folded, so traditional forms (官網, 首頁) are read as simplified. A
# name may run on a few characters past its site word before an edition (`某某app十大平台第二十六届`), not
# before a role (`某某官网新校区`: 新 is the sentence's).
_SITE_SLOT_RES = tuple((word, re.compile(rf"{word}(?<!出入口)(?:[{_CJK}]{{0,4}}?(?={_EDITION})|(?={_ROLE}))"))
                       for word in ("app", "官网", "官方网站", "首页", "入口", "线路", "网址"))
_SITE_WORD_RE = re.compile("|".join(word for word, _ in _SITE_SLOT_RES))
_NAME_CUT = frozenset("了的在和与與及是为為对對向于於")
NAME_MAX = 12


def site_slot_passages(low: str) -> list:
    """(start, end, score, signals) for a site's name standing where an institution's name stands. A
    name found several times starts where its shortest occurrence starts (`展示出某某入口学子` beside
    `。某某入口方阵`: the words before it are the sentence's)."""
    found: dict = {}
    for m in (m for word, regex in _SITE_SLOT_RES if word in low for m in regex.finditer(low)):
        s = m.start()
        while (s > 0 and m.start() - s < NAME_MAX and low[s - 1] not in _NAME_STOP and low[s - 1] not in _NAME_CUT
               and not low[s - 1].isspace()):
            s -= 1
        stem = low[s:m.start()]  # an institution's own site (学校官网, 某某局网址) is its own word
        if (m.start() - s < 2 or _GENERIC_NAME_RE.search(stem) or _SLOT_OFFICIAL_RE.search(low[s:m.end()])
                or (_INSTITUTION_END_RE.search(stem) and not _SITE_WORD_RE.search(stem)
                    and not stem.endswith("网站"))):  # 某某app首页, 某某娱乐网站官网: a site twice
            continue
        found.setdefault(low[m.start() - 2:m.start()], []).append((s, m))
    out = []
    for spots in found.values():
        head = min(m.start() - s for s, m in spots)
        out += [(m.start() - head, m.end(), SCORE, ["site_as_institution"]) for _, m in spots]
    return out
