"""Split a document read by `readers` into metadata, title and body.

The page is read top down to where the body starts (the 主送 line `各…：`, or the first paragraph of
prose). Above it lie the metadata header (`header`), the title (`title`), the document's own 发文字号
line and page furniture (`chrome`). A page with no header gives empty fields, not guesses: only what
the document itself shows (its headline, its 发文字号 line) is taken.
"""
import re
from dataclasses import dataclass, field

from gongkai.catalog.genres import ends_like_title, genre_from_title
from gongkai.catalog.models import Genre
from gongkai.core.text import normalize

from .body import body_to_html
from .chrome import is_chrome, is_footer
from .header import Line, header_pairs, prepare, scan_header, split_flattened
from .labels import DOC_NO_LINE_RE, format_doc_no, nfkc, parse_date, strip_plain_glosses, validity_label  # noqa: F401 (API)
from .readers import Source
from .title import Title, clean_label_title, find_title

EXTRACTED_KEYS = ("title", "index_no", "doc_no", "publisher", "subject", "genre", "keywords",
                  "written_date", "publish_date", "validity", "disclosure", "registration_no", "effective_date",
                  "expiry_date", "body_chars")

# Fields whose label (or bullet value) shows that the page has a metadata header.
_HEADER_FIELDS = ("index_no", "doc_no", "publisher", "subject", "written_date", "validity", "title", "keywords",
                  "disclosure", "registration_no", "effective_date", "expiry_date")
TOP_LINES = 80  # the header and the title are looked for in this many lines at most
TOP_LINE_CHARS = 1000  # and in this many characters of each (a header line is never longer)

_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_SALUTATION_END_RE = re.compile(r"(人民政府|政府|单位|部门|机构|委员会|办事处|管委会|同志|局|委|办|厅|公司|企业|乡镇)[:：]$")
_ENUM_LEAD_RE = re.compile(r"^\d{1,2}\s*[.、．]")
_TEASER_RE = re.compile(r"^\s*[【\[]?(导读|导语|核心提示|编者按|内容提要)[】\]]?\s*[:：]")
_ROUND_BRACKETED_RE = re.compile(r"^\s*[(（]\s*([^()（）]{4,40}?)\s*[)）]\s*$")
_LOST_BRACKETS_RE = re.compile(r"([\u3400-\u9fff])[?？\ufffd]((?:19|20)\d{2})[?？\ufffd](\d)")
# A 文号 line that lost its closing bracket (and 号) when the page dropped the characters around the
# digits, as its body does (`2024820日`): `某府发〔20248` is 某府发〔2024〕8号 - the year has four digits.
_LOST_CLOSE_RE = re.compile(r"^([\u3400-\u9fff]{2,20}?[发發函字办辦令规規])\s*([〔\[［【])\s*((?:19|20)\d{2})\s*"
                            r"(\d{1,4})\s*([号號]?)\s*$")
# A 文号 line whose number was left blank in the template (`某政发〔2017〕  号`): the document's own
# 文号 as shown (normalised `某政发〔2017〕号`), kept for the validator to flag, like a bogus labelled one.
_NUMBERLESS_RE = re.compile(r"^[\u3400-\u9fff]{2,20}?[发發函字办辦令规規]\s*〔\s*(?:19|20)\d{2}\s*〕\s*[号號]$")


def _glued_doc_no(shown: str) -> str:
    """The 文号 that starts a page flattened into one line before its 主送 (`某政发[2008]68号 各区人民政府,…`),
    in the GB/T form; "" when the body line does not start so."""
    text = nfkc(strip_plain_glosses(shown)).strip()
    m = DOC_NO_LINE_RE.match(text)
    if m is None or not re.match(r"\s+各", text[m.end():]):
        return ""
    return format_doc_no(text[:m.end()])


def _is_salutation(line: Line) -> bool:
    n = nfkc(line.norm).strip()
    if not (4 <= len(n) <= 120 and n.endswith(":")) or header_pairs(line) is not None:
        return False
    return n.startswith("各") or "、" in n or "," in n or bool(_SALUTATION_END_RE.search(line.norm.strip()))


def _is_prose(line: Line) -> bool:
    n = nfkc(line.norm).strip()
    if is_chrome(line.shown):
        return False  # a sharing site's `《….docx》由会员分享，可在线阅读…` is no body text
    cjk = len(_CJK_RE.findall(n))
    if not (cjk >= 20 and cjk >= len(n) // 2 and ("。" in n or n.count(",") + n.count("、") >= 2)
            and not _ENUM_LEAD_RE.match(n) and header_pairs(line) is None):
        return False
    if "。" not in n:  # a comma-separated run without a sentence may be an SEO keyword chain
        from gongkai.review.spam import detect_spam

        return detect_spam(line.shown).score < 2.0
    return True


def body_start(lines) -> int:
    """Index of the first body line among the prepared top lines (their count when none is). A
    site's teaser (`导读:…`, `编者按:…`) is prose above the document, not its body."""
    for i, line in enumerate(lines):
        if _TEASER_RE.match(line.norm):
            continue
        if _is_salutation(line) or _is_prose(line):
            return i
    return len(lines)


_SHORT_HEADING_RE = re.compile(r"^[\u3400-\u9fff]{2,8}$")  # `基本介绍`, `基本信息` above an item list
_ITEM_LINE_RE = re.compile(r"^[\u3400-\u9fff]{2,8}\s*:")  # `中文名:…`, an item this table does not know


def lead_end(lines, stop: int) -> int:
    """Where the body starts when the first prose line is an encyclopedia's lead sentence above the
    page's item list (`某某条例,于…通过。` / `基本介绍` / `• 制定机关:…` / `• 时效性:…`): after that list,
    when it holds two or more items of kept fields; `stop` otherwise."""
    if stop >= len(lines) or _is_salutation(lines[stop]):
        return stop
    kept, last = 0, None
    for j in range(stop + 1, min(stop + 12, len(lines))):
        line = lines[j]
        pairs = header_pairs(line)
        n = nfkc(line.norm).strip()
        if pairs is not None:
            kept += any(p.label.field for p in pairs)
        elif not (_ITEM_LINE_RE.match(n) or (last is None and _SHORT_HEADING_RE.match(n))):
            break
        last = j
    if kept < 2 or last is None:
        return stop
    return last + 1 + body_start(lines[last + 1:])


def title_from_name(name: str) -> str:
    """A title from a file name such as `关于做好2024年政务公开工作的通知.docx` (only when it has CJK)."""
    stem = file_stem(name)
    return stem if _CJK_RE.search(stem) else ""


def file_stem(name: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    return re.sub(r"^\d+[_\-\s]+", "", stem).strip()


@dataclass
class Extracted:
    fields: dict = field(default_factory=dict)
    body_lines: list = field(default_factory=list)
    body_html: str = ""
    has_header: bool = False


def _genre_value(raw, title):
    if raw:
        n = normalize(raw).strip()
        for value in Genre.values:
            if value != Genre.OTHER and n.startswith(value):
                return value
    genre = genre_from_title(title or "")
    return None if genre == Genre.OTHER else genre


def _compact(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", normalize(text or ""))


def extract(source: Source, *, name: str = "") -> Extracted:
    """Split `source` into metadata, title and body; return the fields of `--dry-run --json`."""
    all_lines = [part for line in source.lines if line and line.strip() for part in split_flattened(line.strip())]
    top = [prepare(line[:TOP_LINE_CHARS]) for line in all_lines[:TOP_LINES]]
    stop = lead_end(top, body_start(top))
    header = scan_header(top, stop)
    values = header.values
    if header.ranks.get("publish_date") == 2 and not any(k in header.ranks for k in _HEADER_FIELDS):
        # A bare 日期:/时间: with no other header field is a byline (a copy site's crawl time, a
        # repost's date), not the document's 发布日期: a page with no header gives no dates.
        values.pop("publish_date", None)

    title = Title()
    if values.get("title"):
        title = clean_label_title(values["title"])
    if not title.text:
        title = find_title(top, stop, header, hint=source.title_hint)
    if not title.text and source.fallback_title:  # the HTML <title>, only when it reads like one
        fallback = clean_label_title(source.fallback_title)
        if fallback.text and ends_like_title(fallback.text):
            title = fallback

    meta = set(header.lines) | set(title.lines)
    own_doc_no = ""
    for i in range(stop):
        shown = strip_plain_glosses(top[i].shown)  # a 文号 line holds no Latin: `公(gong)開` is a gloss
        shown = shown.lstrip("?？\ufffd \u3000")  # `??國辦公開辦函…`: lost spaces shown as question marks
        shown = _LOST_BRACKETS_RE.sub(r"\1〔\2〕\3", shown)  # `金政?2014?8號`: 〔〕 lost the same way
        shown = _LOST_CLOSE_RE.sub(lambda m: f"{m[1]}〔{m[3]}〕{m[4]}{m[5] or '号'}", shown)
        shown = _ROUND_BRACKETED_RE.sub(r"\1", shown)  # `(某办发〔2007〕22号)` under the headline
        text = nfkc(shown).strip()
        m = DOC_NO_LINE_RE.match(text)
        if m and m.end() == len(text) or _NUMBERLESS_RE.match(text):
            own_doc_no = own_doc_no or format_doc_no(shown)
            meta.add(i)
        elif title.text and _compact(top[i].shown) and _compact(top[i].shown) in _compact(title.text) \
                and i not in header.lines and not is_chrome(top[i].shown) and len(_compact(top[i].shown)) >= 2:
            meta.add(i)  # a piece of a headline broken over lines
    if not own_doc_no and stop < len(top):
        own_doc_no = _glued_doc_no(top[stop].shown)
    if "doc_no" not in values:  # no 文号 label at all: the document's own number line or prefix
        values["doc_no"] = title.doc_no or own_doc_no or None
    if "validity" not in values and title.validity:
        values["validity"] = title.validity

    body = [line for line in all_lines[(max(meta) + 1 if meta else 0):] if not is_chrome(line)]
    while body and is_footer(body[-1]):
        body.pop()
    if title.text:
        key = _compact(title.text)
        for j, line in enumerate(body[:5]):
            if len(line) <= 2 * len(title.text) + 20 and _compact(line) == key:
                del body[j]
                break

    text_title = title.text or None
    body_chars = sum(len(re.sub(r"[\s|]", "", line)) for line in body)
    fields = {
        "title": text_title,
        "index_no": values.get("index_no"),
        "doc_no": values.get("doc_no"),
        "publisher": values.get("publisher"),
        "subject": values.get("subject"),
        "genre": _genre_value(values.get("genre"), text_title),
        "keywords": values.get("keywords"),
        "written_date": values.get("written_date"),
        "publish_date": values.get("publish_date"),
        "validity": values.get("validity"),
        "disclosure": values.get("disclosure"),
        "registration_no": values.get("registration_no"),
        "effective_date": values.get("effective_date"),
        "expiry_date": values.get("expiry_date"),
        "body_chars": body_chars,
    }
    return Extracted(fields=fields, body_lines=body, body_html=body_to_html(body), has_header=header.found)
