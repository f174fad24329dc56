"""Read Tables A, B and C out of a report's lines of cells."""
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .. import template as t
from ..data import Finding, ReportData
from . import digits, labels
from .text import RunCell

BLANK = None  # a cell printed empty (or as a dash): the template reads it as 0
_NUM = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_UNITS = re.compile(r"(件|万元|元|条|个|项|次|人次)$")
_ZERO_MARKS = {"", "-", "—", "－", "/", "／", "无", "0件", "——", "--"}


class Token:
    __slots__ = ("kind", "text", "line", "run")

    def __init__(self, kind, text, line, run=False):
        self.kind, self.text, self.line, self.run = kind, text, line, run

    def __repr__(self):
        return f"{self.kind}:{self.text}"


def classify(cell: str, line: int) -> Token:
    s = re.sub(r"\s+", "", labels.norm(cell)).replace(",", "").replace("，", "")
    if s in _ZERO_MARKS:
        return Token("blank", "", line)
    stripped = _UNITS.sub("", s)
    if _NUM.match(stripped):
        return Token("num", stripped, line, isinstance(cell, RunCell))
    return Token("text", cell, line)


def tokens_of(lines) -> list:
    out = []
    for i, cells in enumerate(lines):
        for cell in cells:
            out.append(classify(cell, i))
    return out


def line_text(cells) -> str:
    return "".join(cells)


def find_regions(lines) -> dict:
    """Return {section: (start, end)} line ranges for Tables A, B and C."""
    texts = [line_text(c) for c in lines]
    n = len(texts)

    def first(section, start=0):
        for i in range(start, n):
            if labels.is_heading(texts[i], section):
                return i
        return None

    b_start = first("applications")
    if b_start is None:
        for i, s in enumerate(texts):
            ns = labels.norm(s)
            # or a page of a split report (a flip-book page) that starts inside the table; a
            # sentence that mentions `1件结转下年度继续办理` is prose, not the table's row 四
            if "本年新收" in ns or "申请人情况" in ns or "上年结转政府信息" in ns or \
                    labels.core(s).startswith("结转下年度继续办理"):
                b_start = i
                break
    c_start = first("appeals", b_start or 0)
    if c_start is None and b_start is not None:
        for i in range(b_start, n):
            if "结转下年度" in labels.norm(texts[i]):
                c_start = i + 1
                # the row's own numbers may follow on the next lines
                while c_start < n and all(classify(cell, 0).kind != "text" for cell in lines[c_start]):
                    c_start += 1
                break
    end = None
    if c_start is not None:
        end = first("problems", c_start)
        if end is None:
            end = first("other", c_start)
    a_start = first("active")
    regions = {}
    if a_start is not None:
        regions["a"] = (a_start, b_start if b_start is not None and b_start > a_start else min(n, a_start + 40))
    if b_start is not None:
        regions["b"] = (b_start, c_start if c_start is not None else n)
    if c_start is not None:
        regions["c"] = (c_start, end if end is not None else min(n, c_start + 30))
    return regions


# --- Table C -------------------------------------------------------------------------------------

_C_HEADER_WORDS = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                   "未经复议直接起诉", "复议后起诉", "未经复议", "直接起诉", "复议后", "起诉"]


def _is_c_header(text: str) -> bool:
    s = labels.core(text)
    for w in sorted(_C_HEADER_WORDS, key=len, reverse=True):
        s = s.replace(w, "")
    s = re.sub(r"^[四]?", "", s)
    return len(s) <= 2


def parse_table_c(lines, start, end, data: ReportData):
    cells = []
    for i, line in enumerate(lines[start:end]):
        toks = [classify(c, i) for c in line]
        if i == 0 and labels.is_heading(line_text(line), "appeals") and not any(tk.kind == "num" for tk in toks):
            continue
        values = [tk for tk in toks if tk.kind != "text"]
        texts = [tk for tk in toks if tk.kind == "text"]
        if not values:
            continue
        if texts and not all(_is_c_header(tk.text) for tk in texts):
            continue  # prose with numbers in it
        if len(values) == 1 and values[0].kind == "blank" and not texts:
            continue
        cells.extend(values)
        if len(cells) >= len(t.TABLE_C_COLUMNS):
            break
    n = len(t.TABLE_C_COLUMNS)
    if not cells:
        return
    while len(cells) > n and cells[-1].kind == "blank":
        cells.pop()
    while len(cells) > n and cells[0].kind == "blank":
        cells.pop(0)
    texts = [c.text for c in cells]
    if len(cells) != n and all(c.kind == "num" and c.text.isdigit() for c in cells):
        joined = "".join(texts)
        cands = digits.split_groups(joined, 3, 5) if len(joined) >= n else []
        if len(cands) == 1:
            data.table_c = dict(zip(t.TABLE_C_COLUMNS, cands[0]))
            data.findings.append(Finding("parse", "info", "table_c", None, _(
                "表四的数字连写为“%(s)s”，按各组总计拆分。") % {"s": joined}))
            return
        if len(cands) > 1:
            data.findings.append(Finding("parse", "warning", "table_c", None, _(
                "表四的连写数字“%(s)s”有%(k)s种符合各组总计的读法，无法确定，请人工核对。")
                % {"s": joined, "k": len(cands)}))
            return
    if len(cells) > n:
        data.findings.append(Finding("parse", "warning", "table_c", None, _(
            "表四读到%(k)s个数字，多于15个，只取前15个。") % {"k": len(cells)}))
        cells = cells[:n]
    vals = []
    for c in cells:
        if c.kind == "blank":
            vals.append(0)
        elif c.text.isdigit():
            vals.append(int(c.text))
        else:
            vals.append(None)
    if len(vals) < n:
        data.findings.append(Finding("parse", "warning", "table_c", None, _(
            "表四只读到%(k)s个数字（应为15个）。") % {"k": len(vals)}))
        vals += [None] * (n - len(vals))
    data.table_c = dict(zip(t.TABLE_C_COLUMNS, vals))


# --- Table A -------------------------------------------------------------------------------------

_A_LABELS = [("行政规范性文件", "normative"), ("规范性文件", "normative"), ("规章", "regulation"),
             ("行政许可", "license"), ("其他对外管理服务事项", "other_service"), ("行政处罚", "penalty"),
             ("行政强制", "coercion"), ("行政事业性收费", "fee"), ("政府集中采购", "procurement")]


def _a_key(text):
    c = labels.core(text)
    for label, key in _A_LABELS:
        if c.endswith(label) or c == label:
            return key
    return None


def _number(text):
    try:
        d = Decimal(text)
    except InvalidOperation:
        return None
    return int(d) if d == d.to_integral_value() and "." not in text else float(d)


def parse_table_a(lines, start, end, data: ReportData, fmt: str):
    blocks = t.table_a_for_format(fmt)
    sizes = {key: len(b.fields) for b in blocks for key, _l in b.rows}
    fields = {key: b.fields for b in blocks for key, _l in b.rows}
    labels_a = {key: label for b in blocks for key, label in b.rows}
    table = {}
    current, values = None, []

    def flush():
        if current and current not in table and current in sizes:
            n = sizes[current]
            vals = list(values)
            while len(vals) > n and vals[-1] is None:
                vals.pop()
            if len(vals) == 1 and n > 1 and isinstance(vals[0], str) and vals[0].isdigit():
                if len(vals[0]) == n:
                    vals = list(vals[0])
                else:
                    data.findings.append(Finding("parse", "warning", "table_a", current, _(
                        "表二“%(row)s”的数字连写为“%(s)s”，无法确定如何拆分。") % {"row": labels_a[current], "s": vals[0]}))
                    vals = []
            nums = [(_number(v) if v is not None else 0) for v in vals[:n]]
            nums += [None] * (n - len(nums))
            table[current] = dict(zip(fields[current], nums))

    for tok in tokens_of(lines[start:end]):
        if tok.kind == "text":
            key = _a_key(tok.text)
            if key:
                flush()
                current, values = key, []
            elif values:
                flush()
                current, values = None, []
            continue
        if current:
            values.append(tok.text if tok.kind == "num" else None)
    flush()
    data.table_a = table
