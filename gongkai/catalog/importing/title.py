"""Find a document's title above its body.

The title is the 名称/标题 value of the header; when there is none, the line that reads like a 公文
title: it ends in a 文种 word (…的通知, …应急预案), often contains 关于, is often shown twice, and
may be broken over two or three lines (`XX县人民政府办公室` / `关于印发…的` / `通  知`). Navigation,
breadcrumbs, language switches, label lines, site names and spam lines are never titles. A line
without a 文种 ending is taken only right beside a metadata header. A status marker in front of the
title (`(已废止)`) and a 发文字号 glued to its front are taken off and reported.
"""
import re
from dataclasses import dataclass

from gongkai.catalog.genres import ends_like_title
from gongkai.core.text import normalize

from .chrome import ORG_END_RE as _ORG_END_RE, is_breadcrumb, is_chrome, is_nav, is_site_name
from .labels import DATE_ONLY_RE, DOC_NO_LINE_RE, LABEL_FIELD, format_doc_no, join_cjk, nfkc, validity_label

# Spam score (review.spam) from which a line is not taken as a title: a title with a 文种 ending
# needs a clearly spammy line to be refused, a line without one is refused on weaker signs.
SPAM_SCORE_TITLE = 3.0
SPAM_SCORE_WEAK = 2.0

_STATUS_RE = re.compile(r"^[\[【(（〔]\s*(已?废止|已?失效|已修改|已修订|现行有效|有效)\s*[\]】)）〕]\s*")
_TAG_RE = re.compile(r"^(?:#+\s*|【[^】]{1,8}】\s*|\[[^\]]{1,8}\]\s*)")  # `# ` heading marks, 【社会征集】
_ENUM_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\s*[、.．)）]|\d{1,2}\s|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[)）]|"
                      r"第[一二三四五六七八九十百零〇\d]+[章条节部分])")
_JOIN_AFTER_RE = re.compile(r"(关于|的|印发|转发|批转|和|及|与|、|《|〈|“)$")
_JOIN_BEFORE_RE = re.compile(r"^(关于|《|〈|的)")
_PARTS_RE = re.compile(r"\s*[_|｜]\s*|(?<=[\u3400-\u9fff》）)])\s*-\s*(?=[\u3400-\u9fff])")
_LABEL_LEAD_RE = re.compile(r"^[\u4e00-\u9fff]{1,8}\s*[:：]")
# A site's name hung after a headline: `…全文发布-某某娱乐登陆`, `…的通知_某某官网` (a short name ending in a
# site word after a dash, underscore or bar).
_SITE_TAIL_RE = re.compile(r"\s*[-_|｜—–]+\s*[\u3400-\u9fffA-Za-z0-9]{2,12}(?:登陆|登录|注册|开户|官网|官方网站|首页|网址|入口|"
                           r"app|APP)$")
# A short tag before a headline, `北京:关于印发…的通知` (a region or column name, not a label).
_LEAD_TAG_RE = re.compile(r"^(?P<tag>[\u4e00-\u9fff]{2,4})\s*[:：]\s*(?P<rest>.+)$")
_SENTENCE_RE = re.compile(r"[。！？!?；;]")
# A line wholly in round brackets holding a date: a promulgation note (`（1989年12月26日 某发字第1号）`).
_DATED_NOTE_RE = re.compile(r"^[(（][^()（）]*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^()（）]*[)）]$")
# A 发文字号 in round brackets after the headline: `…的通知(某办发〔2017〕2号)`.
_TRAILING_DOC_NO_RE = re.compile(r"[(（]\s*(?P<no>[\u3400-\u9fffA-Za-z]{1,20}?\s*[〔\[［【]\s*(?:19|20)\d{2}\s*[〕\]］】]"
                                 r"\s*第?\s*\d{1,6}\s*[号號])\s*[)）]\s*$")
# A date alone in round brackets (doubled on some print pages) after the headline:
# `…的通知 ((1990年11月16日))` - the date the item was issued, not part of its title.
_TRAILING_DATE_RE = re.compile(r"\s*[(（]{1,2}\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]{1,2}\s*$")
# An effective-date marker after the headline on law-database pages: `…的通知【2017-08-01实施】`,
# `…办法(2018年1月1日起施行)` - when the document takes effect, not part of its title.
_TRAILING_EFFECT_RE = re.compile(r"\s*[【\[［(（]\s*(?:自\s*)?(?:19|20)\d{2}\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|"
                                 r"年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:起\s*)?(?:实施|施行|生效)\s*[】\]］)）]\s*$")
# An order number after a regulation's name, set off by a space: `某某办法 某省人民政府令 第116号`.
_TRAILING_ORDER_RE = re.compile(r"\s+[\u3400-\u9fff]{2,30}令\s*[(（]?\s*(?:(?:19|20)\d{2}\s*年\s*)?第?\s*\d{1,4}\s*[号號]"
                                r"\s*[)）]?\s*$")
# 印发/转发/批转 before a name: the notice that issues the document of that name.
_ISSUING_RE = re.compile(r"(?:印发|转发|批转|颁发|发布)")


@dataclass
class Title:
    text: str = ""
    lines: tuple = ()  # indexes of the lines it was read from
    doc_no: str = ""  # a 发文字号 glued to the front of the headline
    validity: str = ""  # from a status marker such as (已废止)


def strip_title(text: str):
    """(title, doc_no prefix, validity marker) of a headline as shown."""
    m = _TRAILING_ORDER_RE.search(text or "")  # before spaces between Chinese characters are dropped
    if m and m.start() > 0 and ends_like_title(text[:m.start()]):
        text = text[:m.start()]
    t = join_cjk(text)
    validity, doc_no = "", ""
    m = _STATUS_RE.match(normalize(t))
    if m:
        validity, t = validity_label(m.group(1)) or "", t[m.end():]
    m = _TAG_RE.match(t)
    if m and ends_like_title(t[m.end():]):
        t = t[m.end():]
    m = _TRAILING_EFFECT_RE.search(t)
    if m and m.start() > 0:
        rest = t[:m.start()].strip()
        m2 = _TRAILING_DOC_NO_RE.search(rest)
        if ends_like_title(rest) or (m2 and m2.start() > 0 and ends_like_title(rest[:m2.start()].strip())):
            t = rest
    m = _SITE_TAIL_RE.search(t)
    if m and m.start() >= 6:
        t = t[:m.start()]
    if not ends_like_title(t):  # `…的通知-XX县人民政府`: the site's name after the title
        t = next((part for part in _PARTS_RE.split(t) if part and ends_like_title(part)), t)
    m = DOC_NO_LINE_RE.match(nfkc(t))
    if m and m.end() < len(nfkc(t)) and len(nfkc(t)) == len(t):
        doc_no, t = format_doc_no(t[:m.end()]), t[m.end():].strip()
    m = _TRAILING_DOC_NO_RE.search(t)
    if not doc_no and m and m.start() > 0 and ends_like_title(t[:m.start()].strip()):
        doc_no, t = format_doc_no(m.group("no")), t[:m.start()].strip()
    m = _TRAILING_DATE_RE.search(t)
    if m and m.start() > 0 and ends_like_title(t[:m.start()].strip()):
        t = t[:m.start()].strip()
    if t.startswith("《") and t.endswith("》") and t.count("《") == 1:
        t = t[1:-1]
    return t.strip(), doc_no, validity


def despammed(text: str, *, ending: bool = True):
    """`text` when it is no spam; the title left after cutting out the spam passages the review
    detector finds (`bob最新官网安徽省…年度报告` → `安徽省…年度报告`); None when nothing usable is left."""
    from gongkai.review.spam import detect_spam, remove_passages

    result = detect_spam(text)
    if result.score < (SPAM_SCORE_TITLE if ending else SPAM_SCORE_WEAK):
        return text
    passages = [p for p in result.passages if p.source == "text"]
    if not ending or not passages:
        return None
    if any(_inside_words(text, p.start, p.end) for p in passages if not _ARTEFACTS.issuperset(p.signals)):
        return None  # `…关于“X”的彻底解答` with X cut: what is left is no title
    rest = [part.strip() for part in _PARTS_RE.split(remove_passages(text, passages)) if part.strip()]
    title = next((part for part in reversed(rest) if ends_like_title(part)), None)
    if title is None or len(_compact(title)) < 6 or broken_title(title) or detect_spam(title).score >= SPAM_SCORE_WEAK:
        return None
    return title


# Signals of a converting mirror's artefacts inside real words (a gloss `(fā)`, an inserted `》`):
# cutting them out of a word mends it.
_ARTEFACTS = frozenset({"pinyin_gloss", "inserted_symbol"})
# What a cut leaves when it took a title's own words: empty quotation marks or brackets, a particle
# or preposition with nothing after it (`…关于“”的彻底`, `…交流会在召开`).
_EMPTY_PAIR_RE = re.compile(r"“\s*”|\"\s*\"|《\s*》|「\s*」|『\s*』|‘\s*’|（\s*）|\(\s*\)|【\s*】|〔\s*〕")
_DANGLING_RE = re.compile(r"(?:的|之|关于|關於|关於|对|對|在|和|与|與|及|或|将|將|把|被|为|為|由|向|从|從)$")


def broken_title(title: str) -> bool:
    """True when `title` shows where words were cut out of it (empty quotes, a dangling particle)."""
    return bool(_EMPTY_PAIR_RE.search(title) or _DANGLING_RE.search(title.strip()))


def _inside_words(text: str, start: int, end: int) -> bool:
    """True when text[start:end] sits between two Chinese characters or inside quotation marks:
    words of the sentence on both sides (`交流会在威尼斯官网召开`), so cutting it breaks the title."""
    before, after = text[start - 1:start], text[end:end + 1]
    if _cjk(before) and _cjk(after):
        return True
    return before in "“「『《\"" and after in "”」』》\""


def _cjk(c: str) -> bool:
    return bool(c) and "\u4e00" <= c <= "\u9fff"


def page_spam_phrases(lines, stop: int) -> set:
    """Spam phrases the review finds on the page's head (a site name, a category such as
    `南京麻将游戏` prefixed to every headline): on a page shown to carry spam they are cut out of a
    title even where the title line alone would not score as spam."""
    from gongkai.review.spam import detect_spam

    head = "\n".join(line.shown for line in lines[:max(stop, 1) + 20])
    phrases = set()
    for passage in detect_spam(head).passages:
        for piece in re.split(r"[\n>|]+", passage.text):
            piece = piece.strip(" 　:：.·-_")
            if 3 <= len(piece) <= 30:
                phrases.add(piece)
    return phrases


def _cut_inside_words(title: str, phrases: set) -> bool:
    """True when a page spam phrase stands inside the title's words (`在威尼斯官网召开`): cutting
    it would leave a broken title, so the line is no title."""
    for phrase in phrases:
        at = title.find(phrase)
        while at >= 0:
            if _inside_words(title, at, at + len(phrase)):
                return True
            at = title.find(phrase, at + 1)
    return False


def cut_phrases(title: str, phrases: set) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase in title:
            title = title.replace(phrase, " ")
    return re.sub(r"\s+", " ", title).strip(" 　:：·-_|")


def _fragment_ok(n: str) -> bool:
    """A line that may be part of a title: short, not a sentence, no date or label (an effective-date
    marker after a headline does not count as a date)."""
    n = _TRAILING_EFFECT_RE.sub("", n) or n
    return (2 <= len(n) <= 100 and not _SENTENCE_RE.search(n) and not n.endswith((":", "：", ",", "，"))
            and "|" not in n and not _ENUM_RE.match(n) and not _LABEL_LEAD_RE.match(n) and not DATE_ONLY_RE.match(nfkc(n))
            and not re.search(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|www\.|https?:", n)
            and not _DATED_NOTE_RE.match(n))


def _excluded(line) -> bool:
    n = line.norm
    return (is_chrome(line.shown) or is_breadcrumb(n) or is_nav(n) or not _fragment_ok(n.strip())
            or bool(DOC_NO_LINE_RE.match(nfkc(line.shown).strip())
                    and not ends_like_title(line.shown)))


def _incomplete(n: str) -> bool:
    """`关于…` without its `的`: the first part of a headline broken over lines."""
    return "关于" in n and "的" not in n[n.index("关于"):]


def _compact(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", normalize(text))


def _candidates(lines, stop, header_lines):
    """Single lines and joined runs of up to four lines ending in a 文种 word, as (text, indexes)."""
    usable = [i for i in range(stop) if i not in header_lines and not _excluded(lines[i])]
    out = []
    for i in range(stop):  # `…的通知 | 某市人民政府`, `…的通知_某市人民政府网`: the title part of a line
        line = lines[i]
        if i in header_lines or i in usable or "|" not in line.shown or is_chrome(line.shown) or is_nav(line.norm):
            continue
        for part in _PARTS_RE.split(line.shown):
            if part and ends_like_title(part) and _fragment_ok(normalize(part).strip()):
                out.append((part, (i,)))
    for i in range(stop):  # `北京:关于印发…的通知`: a region or column tag before the headline
        m = _LEAD_TAG_RE.match(lines[i].shown.strip())
        if i in header_lines or i in usable or m is None or is_chrome(lines[i].shown):
            continue
        rest = m.group("rest").strip()
        if (normalize(m.group("tag")) not in LABEL_FIELD and ends_like_title(rest) and "关于" in normalize(rest)
                and _fragment_ok(normalize(rest))):
            out.append((rest, (i,)))
    for i in usable:
        n = lines[i].norm.strip()
        out.append((lines[i].shown, (i,)))
        for part in _PARTS_RE.split(lines[i].shown):
            if part and part != lines[i].shown and ends_like_title(part):
                out.append((part, (i,)))
        if not ends_like_title(n):
            continue
        run, k = [i], i - 1
        while k >= 0 and k in usable and len(run) < 4 and k + 1 == run[0]:
            prev, cur = lines[k].norm.strip(), lines[run[0]].norm.strip()
            incomplete = _incomplete(prev)
            if ends_like_title(prev) and not incomplete:
                break
            if _listing(prev):
                break  # a keyword chain (an SEO or spam line) above the headline is no part of it
            stacked = (_ORG_END_RE.search(prev) and _ORG_END_RE.search(cur)
                       and lines[run[-1]].norm.strip().startswith("关于"))  # joint issuers, one a line
            if not (_JOIN_AFTER_RE.search(prev) or _JOIN_BEFORE_RE.match(cur) or incomplete or stacked):
                break
            if not (_JOIN_AFTER_RE.search(prev) or incomplete) and cur.startswith("关于") and not _ORG_END_RE.search(prev):
                break  # only an issuer line joins a `关于…` headline, not a column name (`规范性文件`)
            run.insert(0, k)
            k -= 1
        if len(run) > 1:
            out.append(("".join(lines[j].shown for j in run), tuple(run)))
        opener = _opener(lines, usable, run[0])
        if opener is not None:
            joined = list(range(opener, i + 1))
            out.append(("".join(lines[j].shown for j in joined), tuple(joined)))
    return out


def _opener(lines, usable, first):
    """The `…关于…` line (its `的` still to come) that a headline broken over up to four lines starts
    with, when the lines from it down to `first` are all fragments (`某厅关于印发某省 | 进一步… |
    实施方案的通知`): its index, or None."""
    for k in range(first - 1, max(first - 3, 0) - 1, -1):
        if k not in usable or ends_like_title(lines[k].norm.strip()) or _listing(lines[k].norm.strip()):
            return None
        if _incomplete(lines[k].norm.strip()):
            return k
    return None


def _listing(n: str) -> bool:
    """A comma-separated run (two commas or more) or a line the spam review scores: never the first
    part of a headline broken over lines."""
    if n.count(",") + n.count("，") >= 2:
        return True
    from gongkai.review.spam import detect_spam

    return detect_spam(n).score >= SPAM_SCORE_WEAK


def _adjacent_to_header(indexes, lines, header_lines, stop) -> bool:
    for step, edge in ((-1, indexes[0]), (1, indexes[-1])):
        j = edge + step
        while 0 <= j < stop and j not in header_lines and is_chrome(lines[j].shown):
            j += step
        if 0 <= j < stop and j in header_lines:
            return True
    return False


def _issues(notice: str, name: str) -> bool:
    """True when `notice` (compact) issues the document named `name`: 印发/转发… then the name."""
    if len(name) < 6 or name == notice or name not in notice:
        return False
    m = _ISSUING_RE.search(notice)
    return m is not None and notice.find(name, m.start()) >= 0


_SPACE_SPLIT_RE = re.compile(r"\s+")


def _prefixed(text: str, indexes, alone: dict) -> bool:
    """A line `某某网 法规首页 <headline>` whose headline also stands on a line of its own: the words
    before the space are the site's chrome, not part of the title (an issuer before it is kept)."""
    if len(indexes) != 1:
        return False
    for m in _SPACE_SPLIT_RE.finditer(text.strip()):
        head, tail = text.strip()[:m.start()], text.strip()[m.end():]
        other = alone.get(_compact(tail))
        if other and other != tuple(indexes) and len(_compact(tail)) >= 6 and not _ORG_END_RE.search(normalize(head)):
            return True
    return False


def find_title(lines, stop: int, header, *, hint: str = "") -> Title:
    """The best title among `lines[:stop]` (a list of `header.Line`), or an empty Title."""
    cands = _candidates(lines, stop, header.lines)
    if hint:
        cands.append((hint, ()))
    counts = {}
    for text, _ in cands:
        counts[_compact(strip_title(text)[0])] = counts.get(_compact(strip_title(text)[0]), 0) + 1
    for line in lines[stop:stop + 300]:
        key = _compact(line.shown)
        if key in counts:
            counts[key] += 1
    best, best_score = None, None
    page_spam = page_spam_phrases(lines, stop)
    issuing = {key for key in (_compact(strip_title(text)[0]) for text, _ in cands)
               if _ISSUING_RE.search(key) and ends_like_title(key)}
    alone = {_compact(text): indexes for text, indexes in cands if len(indexes) == 1}
    for text, indexes in cands:
        title, doc_no, validity = strip_title(text)
        n = normalize(title)
        if len(_compact(title)) < 6 or len(title) > 150 or _prefixed(text, indexes, alone):
            continue
        ending = ends_like_title(title) and not _incomplete(n)
        if not ending:
            weak_ok = (header.labels and indexes and _adjacent_to_header(indexes, lines, header.lines, stop)
                       and not is_site_name(title) and n.count("、") + n.count(",") + n.count("，") < 2
                       and len(title) <= 60)
            repeated = counts.get(_compact(title), 0) > 1 and not is_site_name(title) and len(title) <= 60
            if not (weak_ok or repeated or (not indexes and hint and not is_site_name(title))):
                continue
        # The name of the document a notice issues (`…关于印发X的通知` above, `X` as the attachment's
        # heading below) repeats on the page, but the notice is the page's title.
        attached = any(_issues(other, _compact(title)) for other in issuing)
        score = (4 * ending + 2 * ("关于" in n) + 2 * (counts.get(_compact(title), 0) > 1 and not attached)
                 + (not indexes), len(indexes))  # on a tie the fuller headline (issuer line + 关于… line) wins
        if best_score is not None and score <= best_score:
            continue
        clean = despammed(title, ending=ending)
        if clean is None:
            continue
        cut = cut_phrases(clean, page_spam)
        if cut != clean:
            if len(_compact(cut)) < 6 or broken_title(cut) or _cut_inside_words(clean, page_spam):
                continue
            clean = cut
        if clean != title:
            title, doc_no2, validity2 = strip_title(clean)
            doc_no, validity = doc_no or doc_no2, validity or validity2
        best, best_score = Title(title, tuple(indexes), doc_no, validity), score
    return best or Title()


def clean_label_title(value: str) -> Title:
    """The 名称/标题 value of a header as a Title (status marker and glued 文号 taken off); an empty
    Title when it is spam."""
    title, doc_no, validity = strip_title(value)
    clean = despammed(title) if title else None
    if not clean:
        return Title()
    return Title(strip_title(clean)[0], (), doc_no, validity)
