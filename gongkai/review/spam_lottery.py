"""Private-lottery SEO text that dresses up as a regulation: Mark Six jargon and lottery-data titles.

Content farms publish pages shaped like government documents (文号, 发文机关, 各有关单位) whose
titles are lottery-tip phrases: zodiac/number combinations (`N肖N码`, `N码N肖`), "Macau/新澳 daily
lottery data" (天天彩, 天天开好彩, 开奖资料, 资料大全, 今晚…开奖) and the farm's own template tail (解答解释落实
followed by a version code such as `_ABC1.23.45`). Because the rest of the page borrows the words of
real lottery regulation (彩票, 博彩, 监管), the lexicon's topic and regulatory-context discounts let
such pages pass; these shapes are never part of real regulation, so they are scored on their own.
The same goes for a porn-app banner (免费…视频app下载) hung over a page, and for a lottery sold online
(`手机彩票平台`, `网上购彩官网`): no one may sell lottery tickets over the internet in China since 2015,
so outside a warning or a crackdown such a name is an advert (set 8b: it replaced 政府信息公开 in a
disclosure guide).
A phrase whose clause, or the 150 characters around it, warns or reports enforcement (诈骗, 骗局,
打击, 警惕, 防范, 查处…) is left alone: a police notice or an anti-fraud article quoting "一肖一码"
as a scam, with a heading `什么是“四肖八码”?`, must pass.
"""
import re

SCORE = 5.0  # above spam_score.THRESHOLD: one such phrase makes the page spam
SIGNAL = "lottery_tip"

_NUM = "一二三四五六七八九十两0-9"
# (groups of literals, pattern): every match holds all the literals of one group, so a text that
# holds no whole group skips the pattern (most texts; a scan costs tens of ms a MB, a substring test
# about one).
# A group may end with a pattern every match holds too, tried after its literals: the template tail's
# version code (`_abc1.23.4`), a scan led by the one literal `_`, far cheaper than the phrase's, which
# tries its two words at every 解/释/落 of a page.
_VERSION_RE = re.compile(r"_[a-z]{2,4}[0-9]+\.[0-9]+\.[0-9]")
_PHRASES = tuple((needs, re.compile(pattern)) for needs, pattern in (
    # zodiac/number tip combinations: 一肖一码, 四肖八码, 一码一肖 (肖 alone is a common surname)
    ((("肖", "码"),), rf"[{_NUM}]肖[{_NUM}]{{1,2}}码|[{_NUM}]码[{_NUM}]肖"),
    # "Macau / 新澳 lottery data" titles, and the "lucky draw every day" name the farms give a lottery
    # no one runs (天天开好彩, 天天六开好彩); "tonight's draw" of a Macau lottery
    ((("新澳",), ("澳门",), ("香港",), ("港澳",)),
     r"(?:新澳|澳门|香港|港澳)[0-9年]{0,5}[“\"]?(?:天天彩|天天开奖|开奖资料|彩资料|正版资料|免费资料|资料大全"
     r"|天天六?开好彩|开奖结果|开奖记录)"
     r"|(?:新澳|澳门)[^\n,，。;；]{0,6}今晚[^\n,，。;；]{0,8}开奖"),
    ((("码必中",),), r"期期[^\n,，。]{0,3}码必中"),
    # 特马 (the special number) next to a draw
    ((("特马", "开奖"),), r"特马[^\n,，。]{0,6}开奖|开奖[^\n,，。]{0,6}特马"),
    # the farm's template tail: 解答解释落实_ABC1.23.45, or three of its words in a row without the code
    # (预测解答解释落实, 全面释义解释落实): never a phrase of real text
    ((("_", _VERSION_RE),), r"(?:解答|解释|落实|释义|解析){2}[^\n]{0,4}_[a-z]{2,4}[0-9]+(?:\.[0-9]+){2}"),
    ((("解答落实",), ("解释落实",), ("释义落实",), ("解析落实",), ("详解落实",)),
     r"(?:解答|解释|释义|解析|详解){2}落实"),
))
# A porn-app banner hung over a page: 免费…视频/直播…下载/观看 (`免费某某视频app下载`).
_BANNER_RE = re.compile(r"免费[\u4e00-\u9fff]{0,6}(?:视频|直播)(?:app|apk)?(?:下载|观看|入口)"
                        r"|(?:视频|直播)(?:app|apk)?免费(?:下载|观看)")
_WARNING_RE = re.compile("诈骗|骗局|骗子|骗术|骗取|上当|打击|警惕|谨防|防范|揭穿|揭露|揭开|查处|涉赌|犯罪|违法|非法|"
                         "不法分子|举报")
# A lottery sold online: <online word>[购/买]彩[票]<site word>, read from each 彩 (a str.find loop:
# 精彩 and 色彩 are common, the words around are matched only there).
_ONLINE_BEFORE_RE = re.compile(r"(?:手机|手機|网上|網上|网络|網絡|在线|在線|线上|線上|掌上|移动|移動)(?:购|購|买|買)?$")
_ONLINE_AFTER_RE = re.compile(r"票?(?:平台|平臺|官网|官網|官方网站|app|网址|網址|投注|下载|下載|注册|註冊)")
WARNING_WINDOW = 150  # characters either side: a heading `什么是“一肖一码”?` inside a warning article
_CLAUSE_END = "\n。！？!?；;"
_WORD_STOP = "\n,，。、:：;；“”\"'‘’《》()（）[]【】|!！?？ \t\u3000"
REACH = 24  # characters a passage may extend over the words around the phrase


def _clause(low: str, start: int, end: int) -> str:
    a = max(low.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    ends = [i for i in (low.find(c, end) for c in _CLAUSE_END) if i >= 0]
    return low[a:min(ends) if ends else len(low)]


def lottery_passages(low: str) -> list:
    """(start, end, score, signals) for each lottery-tip phrase of the folded, lower-cased text,
    widened over the words it stands in (up to punctuation), outside warning clauses."""
    out = []
    matches = [m for needs, regex in _PHRASES if any(all(k in low if isinstance(k, str) else k.search(low)
                                                         for k in group) for group in needs)
               for m in regex.finditer(low)]
    if "免费" in low and ("视频" in low or "直播" in low):
        matches += _BANNER_RE.finditer(low)
    matches.sort(key=lambda m: m.start())
    for m in matches:
        if _warned(low, m.start(), m.end()):
            continue
        a, b = m.start(), m.end()
        while a > 0 and m.start() - a < REACH and low[a - 1] not in _WORD_STOP:
            a -= 1
        while b < len(low) and b - m.end() < REACH and low[b] not in _WORD_STOP:
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]), SCORE, [SIGNAL])
        else:
            out.append((a, b, SCORE, [SIGNAL]))
    at = low.find("彩")
    while at >= 0:  # the name alone: the words around it are the page's own (…供给当局手机彩票平台办事)
        before = _ONLINE_BEFORE_RE.search(low, max(0, at - 3), at)
        after = before and _ONLINE_AFTER_RE.match(low, at + 1)
        if after and not _warned(low, before.start(), after.end()):
            out.append((before.start(), after.end(), SCORE, ["online_lottery"]))
        at = low.find("彩", at + 1)
    return out


def _warned(low: str, start: int, end: int) -> bool:
    return bool(_WARNING_RE.search(_clause(low, start, end)) or _WARNING_RE.search(
        low, max(0, start - WARNING_WINDOW), min(len(low), end + WARNING_WINDOW)))
