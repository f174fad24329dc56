"""Find the metadata header, the title and the body of a document read by `readers`.

Disclosure sites print the same dozen metadata items in many layouts: `索引号：X`, `索引号 | X`,
`[ 索引号 ] X`, `【发文号】X`, the label on one line and its value on the next, several pairs on one
line, labels padded with spaces (`索   引   号`), traditional characters (`發布機構`). Labels are
matched on the normalised text (NFKC + simplified); a label directly followed by another label has an
empty value, never the next label.
"""
import datetime as dt
import html
import re
from dataclasses import dataclass, field

from gongkai.catalog.docno import normalize_doc_no, parse_doc_no
from gongkai.catalog.genres import genre_from_title
from gongkai.catalog.models import Genre
from gongkai.core.text import nfkc, normalize

from .readers import Source

EXTRACTED_KEYS = ("title", "index_no", "doc_no", "publisher", "subject", "genre", "keywords",
                  "written_date", "publish_date", "validity", "disclosure", "body_chars")

FIELD_LABELS = {
    "index_no": ["索引号", "索引"],
    "title": ["名称", "标题", "文件名称", "信息名称", "文章标题", "文件标题"],
    "doc_no": ["文号", "发文字号", "发布文号", "发文号", "发文编号"],
    "publisher": ["发布机构", "发文机关", "发文机构", "来源", "信息来源", "发布单位", "发文单位",
                  "发布部门", "制发机关", "来源单位"],
    "subject": ["主题分类", "主题导航", "分类", "信息分类", "所属主题", "主题类别"],
    "keywords": ["主题词", "关键词", "关键字"],
    "written_date": ["成文日期", "发文日期", "成文时间", "生成日期", "产生日期", "签发日期"],
    "publish_date": ["公开日期", "发布日期", "发布时间", "公开时间"],
    "validity": ["有效性", "时效性", "效力状态", "是否有效"],
    "disclosure": ["公开方式", "公开形式", "公开属性", "公开类型"],
    "genre": ["文种", "体裁分类", "体裁"],
}
# Labels seen in headers whose values the catalog does not keep; they still end the value before them.
IGNORED_LABELS = ["浏览次数", "访问次数", "阅读次数", "点击数", "点击量", "浏览量", "阅读量", "人气", "作者",
                  "字体", "字号", "组配分类", "生效日期", "失效日期", "废止日期", "有效期", "内容概述", "摘要",
                  "公开时限", "公开范围", "责任部门", "载体类型", "记录格式", "信息类别", "发布人", "责任编辑",
                  "统一编号", "登记号", "规范性文件登记号", "所属机构", "机构分类", "分享到", "分享"]

_LABEL_FIELD = {}
for _field, _labels in FIELD_LABELS.items():
    for _label in _labels:
        _LABEL_FIELD[_label] = _field
for _label in IGNORED_LABELS:
    _LABEL_FIELD.setdefault(_label, None)

_ALT = "|".join(r"[ \t]*".join(map(re.escape, label))
                for label in sorted(_LABEL_FIELD, key=len, reverse=True))
_LABEL_RE = re.compile(r"(?P<open>[\[【〖])?[ \t]*(?P<label>" + _ALT + r")[ \t]*(?P<close>[\]】〗])?"
                       r"[ \t]*(?P<sep>[:|])?")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_SPACES_RE = re.compile(r"\s+")

# --- values ---------------------------------------------------------------------------------

_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE_RE = re.compile(r"([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                         r"\s*([一二三四五六七八九十]{1,3})\s*日")


def _cn_number(text: str) -> int:
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def parse_date(value: str):
    """Return the ISO date in `value` (2021-02-07, 2021年2月7日, 2021/2/7, 2021.02.07, ２０２１…,
    二〇二一年二月四日, with or without a time after it), or None."""
    text = nfkc(value or "")
    m = _DATE_RE.search(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        m = _CN_DATE_RE.search(value or "")
        if m:
            year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
            return dt.date(year, _cn_number(m.group(2)), _cn_number(m.group(3))).isoformat()
    except ValueError:
        return None
    return None


def validity_label(value: str):
    n = normalize(value or "")
    if "废止" in n:
        return "废止"
    if "失效" in n or "过期" in n:
        return "失效"
    if "修改" in n or "修订" in n:
        return "已修改"
    if "有效" in n:
        return "有效"
    return None


def disclosure_label(value: str):
    n = normalize(value or "")
    if "依申请" in n:
        return "依申请公开"
    if "不予" in n or "不公开" in n:
        return "不予公开"
    if "主动" in n:
        return "主动公开"
    return None


_INDEX_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-/_.]{3,63}$")


def clean_value(field_name: str, raw: str, *, strict: bool = False):
    """The value of `field_name` in `raw`, or None when `raw` is not such a value.

    `strict` is used when the value comes from the next line (label on one line, value on the
    next): only a value that clearly has the field's form is taken.
    """
    value = _SPACES_RE.sub(" ", (raw or "").strip().strip("|:：;；,，").strip())
    if not value:
        return None
    if field_name in ("written_date", "publish_date"):
        return parse_date(value)
    if field_name == "validity":
        return validity_label(value)
    if field_name == "disclosure":
        return disclosure_label(value)
    if field_name == "index_no":
        token = value.split(" ")[0]
        if strict and not _INDEX_RE.match(nfkc(token)):
            return None
        return nfkc(token)[:64]
    if field_name == "doc_no":
        if parse_doc_no(value):
            return normalize_doc_no(value)
        if strict and not value.endswith("号"):
            return None
        return value[:100] if len(value) <= 40 and "。" not in value else None
    limits = {"publisher": 100, "subject": 60, "keywords": 200, "title": 300, "genre": 20}
    if len(value) > limits.get(field_name, 200) or (strict and (value.endswith("。") or len(value) > 120)):
        return None
    return value


# --- lines ----------------------------------------------------------------------------------

@dataclass
class Pair:
    field: str  # None for an ignored label
    value: str
    at_end: bool  # the label ends the line: its value may be on the next line


def _norm_line(line: str) -> str:
    """Matching form of a line; same length as nfkc(line) whenever OpenCC keeps lengths."""
    return normalize(line)


def _label_matches(n: str):
    """The label occurrences in normalised line `n` that really are labels."""
    found, pos = [], 0
    while True:
        m = _LABEL_RE.search(n, pos)
        if m is None:
            return found
        label_start = m.start("label")
        before = n[label_start - 1] if label_start > 0 else ""
        bracketed = bool(m.group("open") and m.group("close"))
        sep = m.group("sep")
        after = n[m.end():m.end() + 1]
        boundary_before = before in ("", " ", "\t", "|") or before in "[【〖]】〗)"
        strong = bracketed or sep is not None
        weak_ok = boundary_before and (after in ("", " ", "\t") or n[m.end("label"):m.end()].strip() == "")
        if (strong and (sep != "|" or boundary_before)) or (not strong and weak_ok):
            found.append((m, strong))
            pos = m.end()
        else:
            pos = label_start + 1


def parse_header_line(line: str):
    """Return the label–value pairs of a header line, or None when `line` is not one."""
    n = _norm_line(line)
    source = nfkc(line)
    if len(source) != len(n):
        source = n
    matches = _label_matches(n)
    if not matches:
        return None
    first = matches[0][0]
    if n[:first.start()].strip(" \t|"):
        return None  # a header line starts with a label
    pairs = []
    for i, (m, strong) in enumerate(matches):
        end = matches[i + 1][0].start() if i + 1 < len(matches) else len(n)
        raw = source[m.end():end]
        field_name = _LABEL_FIELD[re.sub(r"[ \t]", "", m.group("label"))]
        pairs.append((field_name, raw, strong, i + 1 == len(matches) and not raw.strip(" \t|:")))
    if not any(strong for _, _, strong, _ in pairs):
        # Space-separated pairs: every value must have its field's form.
        for field_name, raw, _, at_end in pairs:
            if field_name and raw.strip() and clean_value(field_name, raw, strict=True) is None:
                return None
        if len(pairs) == 1 and not pairs[0][3] and pairs[0][0] is None:
            return None
    return [Pair(field_name, raw, at_end) for field_name, raw, _, at_end in pairs]


_BREADCRUMB_RE = re.compile(r"^(当前位置|您现在的位置|您现在所在的位置|您的位置|您所在的位置|所在位置|当前所在位置|现在位置)")
_CHROME_TOKEN_RE = re.compile(
    r"(浏览次数|访问次数|阅读次数|点击数|点击量|阅读量|浏览量|人气)\s*[:]?\s*[\d,]*\s*次?|"
    r"字体|字号|默认|大|中|小|分享到|分享|打印本页|打印文章|打印此页|打印|关闭窗口|关闭本页|关闭|"
    r"收藏本页|加入收藏|收藏|返回顶部|返回|保存本页|纠错|扫一扫在手机打开当前页|扫一扫|手机浏览|"
    r"微信|微博|QQ空间|[\[\]【】()|:·,/、\s-]")
_FOOTER_RE = re.compile(r"^(信息来源|来源|责任编辑|编辑|作者|审核|校对|主办单位|主办|承办单位|承办|版权所有|"
                        r"网站标识码|政府网站标识码|ICP|技术支持|联系我们|网站地图|上一篇|下一篇)")


def is_chrome(line: str) -> bool:
    """True for page furniture: breadcrumbs, 字体 大中小, 分享, 打印, 收藏, 浏览次数, 关闭窗口…"""
    n = _norm_line(line).strip()
    if not n:
        return True
    if _BREADCRUMB_RE.match(n) or n.startswith((">", "»")):
        return True
    segments = re.split(r"\s*[>»]\s*", n)
    if len(segments) >= 3 and all(0 < len(s) <= 20 for s in segments):
        return True
    if n.startswith(("上一篇", "下一篇")):
        return True
    return len(n) <= 80 and not _CHROME_TOKEN_RE.sub("", n)


def _is_enumerated(line: str) -> bool:
    return bool(_H2_RE.match(line) or _H3_RE.match(line) or _H4_RE.match(line)
                or re.match(r"^第[一二三四五六七八九十百零〇\d]+[章条节部分]", line))


def _is_title_like(line: str) -> bool:
    n = nfkc(line)
    return (4 <= len(n) <= 120 and _CJK_RE.search(n) is not None and "。" not in n
            and n.count("，") + n.count(",") <= 1 and not n.endswith((";", "；", ":", "："))
            and "|" not in n and "\t" not in n and not _is_enumerated(n))


def title_from_name(name: str) -> str:
    """A title from a file name such as `关于做好2024年政务公开工作的通知.docx` (only when it has CJK)."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = re.sub(r"^\d+[_\-\s]+", "", stem).strip()
    return stem if _CJK_RE.search(stem) else ""


# --- body structure -------------------------------------------------------------------------

_H2_RE = re.compile(r"^[一二三四五六七八九十百]{1,3}[、．.]")
_H3_RE = re.compile(r"^[（(][一二三四五六七八九十百]{1,3}[)）]")
_H4_RE = re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))")
_SEP_ROW_RE = re.compile(r"^[\s|:\-—]+$")


def _row_cells(line: str):
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
    elif "|" in line:
        cells = [c.strip() for c in line.split("|")]
    else:
        return None
    while cells and not cells[0]:
        cells.pop(0)
    while cells and not cells[-1]:
        cells.pop()
    return cells if len(cells) >= 2 else None


def _table_html(rows, header_rows) -> str:
    ncols = max(len(r) for r in rows)
    filled, previous = [], None
    for row in rows:
        if len(row) < ncols:
            if previous is not None and len(previous) == ncols:
                # A breakdown table omits the leading cells that repeat the row above.
                row = previous[:ncols - len(row)] + row
            else:
                row = row + [""] * (ncols - len(row))
        filled.append(row)
        previous = row
    out = ["<table>"]
    for i, row in enumerate(filled):
        tag = "th" if i in header_rows else "td"
        out.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in row) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _run_in(line: str) -> str:
    """A numbered paragraph whose first sentence is its heading: bold the lead sentence."""
    m = re.match(r"^(.{2,40}?[。：:])(.+)$", line)
    if m:
        return f"<p><strong>{html.escape(m.group(1))}</strong>{html.escape(m.group(2))}</p>"
    return f"<p>{html.escape(line)}</p>"


def body_to_html(lines) -> str:
    """Structure plain lines: 一、→h2, （一）→h3, short 1.→h4, pipe/tab rows→table, else p."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        cells = _row_cells(line)
        if cells is not None:
            rows, header_rows = [], set()
            while i < len(lines):
                if _SEP_ROW_RE.match(lines[i]) and "-" in lines[i] and rows:
                    header_rows.add(len(rows) - 1)
                    i += 1
                    continue
                cells = _row_cells(lines[i])
                if cells is None:
                    break
                rows.append(cells)
                i += 1
            out.append(_table_html(rows, header_rows))
            continue
        n = nfkc(line)
        if _H2_RE.match(n):
            out.append(f"<h2>{html.escape(line)}</h2>" if len(line) <= 50 and "。" not in line[:-1]
                       else _run_in(line))
        elif _H3_RE.match(n):
            out.append(f"<h3>{html.escape(line)}</h3>" if len(line) <= 40 and "。" not in line[:-1]
                       else _run_in(line))
        elif _H4_RE.match(n) and len(line) <= 30:
            out.append(f"<h4>{html.escape(line)}</h4>")
        else:
            out.append(f"<p>{html.escape(line)}</p>")
        i += 1
    return "\n".join(out)


# --- the whole document ---------------------------------------------------------------------

@dataclass
class Extracted:
    fields: dict = field(default_factory=dict)
    body_lines: list = field(default_factory=list)
    body_html: str = ""


def _genre_value(raw, title):
    if raw:
        n = normalize(raw).strip()
        for value in Genre.values:
            if value != Genre.OTHER and n.startswith(value):
                return value
    genre = genre_from_title(title or "")
    return None if genre == Genre.OTHER else genre


def extract(source: Source, *, name: str = "") -> Extracted:
    """Split `source` into metadata, title and body; return the fields of `--dry-run --json`."""
    lines = [line.strip() for line in source.lines if line and line.strip()]
    values = {}
    title = ""
    idx = 0
    limit = min(len(lines), 60)

    def take(field_name, raw, strict=False):
        """Keep the first non-empty value of each field; ignored labels have no field."""
        if field_name is None or values.get(field_name):
            return
        value = clean_value(field_name, raw, strict=strict)
        if value:
            values[field_name] = value

    def header_at(i, *, stop):
        """Take the pairs of header line `i` (and a value on the next line); return the index after
        it, or None when line `i` is not a header line."""
        pairs = parse_header_line(lines[i])
        if pairs is None:
            return None
        for pair in pairs:
            take(pair.field, pair.value)
        last, nxt = pairs[-1], i + 1
        if (last.at_end and last.field and nxt < stop and parse_header_line(lines[nxt]) is None
                and not is_chrome(lines[nxt]) and clean_value(last.field, lines[nxt], strict=True)):
            take(last.field, lines[nxt], strict=True)
            return nxt + 1
        return nxt

    if source.title_hint:
        # Pages put menus and banners above the <h1>: before the marked title keep only the
        # header lines (a metadata table above the title) and drop the rest.
        key = normalize(source.title_hint).replace(" ", "")
        marked = next((i for i, line in enumerate(lines[:300])
                       if normalize(line).replace(" ", "") == key), None)
        if marked is not None:
            i = 0
            while i < marked:
                i = header_at(i, stop=marked) or i + 1
            title = lines[marked]
            idx = marked + 1
            limit = min(len(lines), idx + 60)

    while idx < limit:
        line = lines[idx]
        after = header_at(idx, stop=len(lines))
        if after is not None:
            idx = after
            continue
        if is_chrome(line):
            idx += 1
            continue
        if not title and _is_title_like(line):
            title = line
            idx += 1
            continue
        break

    body = [line for line in lines[idx:] if not is_chrome(line)]
    # Footer furniture at the end: 信息来源, 责任编辑, 版权所有…
    while body and _FOOTER_RE.match(_norm_line(body[-1])) and len(body[-1]) <= 80:
        footer = _norm_line(body.pop())
        m = re.match(r"^(信息来源|来源)\s*[:：]\s*(.+)$", footer)
        if m and not values.get("publisher"):
            take("publisher", m.group(2))

    header_title = values.pop("title", None)
    title = header_title or source.title_hint or title or source.fallback_title or title_from_name(name)
    title = _SPACES_RE.sub(" ", title).strip()
    if title:
        key = normalize(title).replace(" ", "")
        for j, line in enumerate(body[:5]):
            if normalize(line).replace(" ", "") == key:
                del body[j]
                break
    if not values.get("written_date"):
        for line in reversed(body[-6:]):
            if len(line) <= 20 and parse_date(line):
                values["written_date"] = parse_date(line)
                break

    body_html = body_to_html(body)
    body_chars = sum(len(re.sub(r"[\s|]", "", line)) for line in body)
    fields = {
        "title": title or None,
        "index_no": values.get("index_no"),
        "doc_no": values.get("doc_no"),
        "publisher": values.get("publisher"),
        "subject": values.get("subject"),
        "genre": _genre_value(values.get("genre"), title),
        "keywords": values.get("keywords"),
        "written_date": values.get("written_date"),
        "publish_date": values.get("publish_date"),
        "validity": values.get("validity"),
        "disclosure": values.get("disclosure"),
        "body_chars": body_chars,
    }
    return Extracted(fields=fields, body_lines=body, body_html=body_html)
