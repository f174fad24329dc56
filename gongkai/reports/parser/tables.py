"""Read Tables A, B and C out of a report's lines of cells."""
import itertools
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .. import template as t
from ..data import Finding, ReportData
from . import digits, labels

BLANK = None  # a cell printed empty (or as a dash): the template reads it as 0
_NUM = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_UNITS = re.compile(r"(件|万元|元|条|个|项|次|人次)$")
_ZERO_MARKS = {"", "-", "—", "－", "/", "／", "无", "0件", "——", "--"}


class Token:
    __slots__ = ("kind", "text", "line")

    def __init__(self, kind, text, line):
        self.kind, self.text, self.line = kind, text, line

    def __repr__(self):
        return f"{self.kind}:{self.text}"


def classify(cell: str, line: int) -> Token:
    s = re.sub(r"\s+", "", labels.norm(cell)).replace(",", "").replace("，", "")
    if s in _ZERO_MARKS:
        return Token("blank", "", line)
    stripped = _UNITS.sub("", s)
    if _NUM.match(stripped):
        return Token("num", stripped, line)
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
            if "本年新收" in ns or "申请人情况" in ns:
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


# --- Table B -------------------------------------------------------------------------------------


class _RowRead:
    def __init__(self, key, label, line):
        self.key, self.label, self.line = key, label, line
        self.cells = []


def _row_name(key, fmt):
    if fmt == t.FORMAT_2019 and key == "other_3":
        return t.OTHER_2019_LABEL
    return t.ROW_BY_KEY[key].label


def _resolve_cells(read: _RowRead, findings: list):
    """Return (values | None, candidates) for one row's cells; candidates when ambiguous."""
    cells = list(read.cells)
    n = len(t.COLUMN_KEYS)
    name = t.ROW_BY_KEY[read.key].label
    nums = [c for c in cells if c is not BLANK]
    if len(cells) == 1 and nums and nums[0].isdigit() and len(nums[0]) >= n:
        s = nums[0]
        cands = digits.split_with_total(s, n)
        if len(cands) == 1:
            findings.append(Finding("parse", "info", read.key, None, _(
                "“%(row)s”一行的数字连写为“%(s)s”，按本行总计拆分为%(vals)s。")
                % {"row": name, "s": s, "vals": "、".join(map(str, cands[0]))}))
            return cands[0], None
        if not cands:
            findings.append(Finding("parse", "warning", read.key, None, _(
                "“%(row)s”一行的数字连写为“%(s)s”，找不到与本行总计相符的拆分方法。") % {"row": name, "s": s}))
            return None, None
        return None, cands
    while len(cells) > n and cells[-1] is BLANK:
        cells.pop()
    while len(cells) > n and cells[0] is BLANK:
        cells.pop(0)
    if len(cells) > n:
        findings.append(Finding("parse", "warning", read.key, None, _(
            "“%(row)s”一行有%(count)s个数字，多于%(n)s列，只取前%(n)s个。") % {"row": name, "count": len(cells), "n": n}))
        cells = cells[:n]
    if any(c is not BLANK and not c.isdigit() for c in cells):
        findings.append(Finding("parse", "warning", read.key, None, _(
            "“%(row)s”一行含有非整数“%(v)s”。") % {"row": name, "v": next(c for c in cells if c and not c.isdigit())}))
        return None, None
    values = [int(c) if c is not BLANK else 0 for c in cells]
    if len(values) == n and sum(values[:-1]) == values[-1]:
        return values, None
    ints = [int(c) for c in nums]
    if 1 < len(ints) < n and sum(ints[:-1]) == ints[-1]:
        placed = ints[:-1] + [0] * (n - len(ints)) + [ints[-1]]
        findings.append(Finding("parse", "warning", read.key, None, _(
            "“%(row)s”一行只有%(count)s个数字，按“前几列＋总计”读作%(vals)s，空缺计为0。")
            % {"row": name, "count": len(ints), "vals": "、".join(map(str, placed))}))
        return placed, None
    if len(ints) == 1 and len(cells) < n:
        placed = [ints[0]] + [0] * (n - 2) + [ints[0]]
        findings.append(Finding("parse", "warning", read.key, None, _(
            "“%(row)s”一行只有一个数字%(v)s，读作自然人与总计均为%(v)s。") % {"row": name, "v": ints[0]}))
        return placed, None
    if len(values) == n:
        return values, None
    findings.append(Finding("parse", "warning", read.key, None, _(
        "“%(row)s”一行只读到%(count)s个单元格（应为%(n)s个）。") % {"row": name, "count": len(cells), "n": n}))
    return values + [None] * (n - len(values)), None


def parse_table_b(lines, start, end, data: ReportData):
    """Fill data.applications from lines[start:end]; return format evidence ("2019", "2021" or None)."""
    evidence = None
    reads = []
    buffer = []
    current = None
    group = None
    for tok in tokens_of(lines[start:end]):
        if tok.kind == "text":
            if current is not None and current.cells:
                reads.append(current)
                current = None
            buffer.append(tok.text)
            continue
        # a number or a blank cell
        if buffer:
            key, group, is_2019, exact, skipped = _label_to_row(buffer, group)
            buffer = []
            for k in skipped:
                if current is not None and current.cells:
                    reads.append(current)
                current = None
                empty = _RowRead(k, "", tok.line)
                empty.cells = [BLANK] * len(t.COLUMN_KEYS)
                reads.append(empty)
                data.findings.append(Finding("parse", "info", k, None, _(
                    "“%(row)s”一行没有数字，按空白单元格计为0。") % {"row": t.ROW_BY_KEY[k].label}))
            if is_2019:
                evidence = t.FORMAT_2019
            if key in ("other_1", "other_2"):
                evidence = evidence or t.FORMAT_2021
            if current is not None and current.cells:
                reads.append(current)
            current = _RowRead(key, "", tok.line) if key else None
            if key and not exact:
                data.findings.append(Finding("parse", "info", key, None, _(
                    "标签与模板略有不同，按最接近的“%(row)s”读取。") % {"row": t.ROW_BY_KEY[key].label}))
        if current is None:
            continue
        current.cells.append(tok.text if tok.kind == "num" else BLANK)
    if current is not None and current.cells:
        reads.append(current)

    fmt = evidence
    seen = {}
    ambiguous = {}
    for read in reads:
        if read.key in seen:
            data.findings.append(Finding("parse", "warning", read.key, None, _(
                "“%(row)s”一行出现了不止一次，只取第一次。") % {"row": t.ROW_BY_KEY[read.key].label}))
            continue
        values, cands = _resolve_cells(read, data.findings)
        seen[read.key] = values
        if cands:
            ambiguous[read.key] = (read, cands)
    for key, values in seen.items():
        if values is not None:
            data.applications[key] = dict(zip(t.COLUMN_KEYS, values))
    if ambiguous:
        _disambiguate(data, ambiguous, fmt or t.FORMAT_2021)
    return fmt


def _label_to_row(buffer, group):
    """Return (row key | None, current group, is_2019_other_row, exact) for a run of label text."""
    segs = labels.segments("".join(buffer))
    last = None
    rows_seen = []
    for seg in segs:
        m = labels.match_table_b(seg)
        if m is None:
            last = (seg, None)
            continue
        kind, k, ex = m
        if kind == "row" and ex:
            rows_seen.append(k)
        if kind == "group":
            group = k
        elif kind == "row":
            row = t.ROW_BY_KEY[k]
            if row.group in t.GROUP_BY_KEY:
                group = row.group
            elif k in ("new", "carried_over", "carry_next"):
                group = None
        last = (seg, m)
    if last is None:
        return None, group, False, True, []
    seg, m = last
    if m is None:
        n = labels.leading_number(seg)
        skipped = rows_seen
        if n and group in t.GROUP_BY_KEY and n <= len(t.GROUP_BY_KEY[group].rows):
            return t.GROUP_BY_KEY[group].rows[n - 1], group, False, False, skipped
        return None, group, False, True, skipped
    kind, k, exact = m
    if kind == "row":
        skipped = [r for r in rows_seen if r != k]
        return k, group, False, exact, skipped
    if kind == "group" and k == "other":
        # 2019 trial format: （六）其他处理 is a row of its own
        return "other_3", group, True, exact, rows_seen
    return None, group, False, True, rows_seen


def _disambiguate(data: ReportData, ambiguous: dict, fmt: str):
    """Choose among several readings of run-together rows with the column sums of the whole table."""
    from ..checker import check_balance, check_detail_sum

    keys = list(ambiguous)
    combos = list(itertools.islice(itertools.product(*(ambiguous[k][1] for k in keys)), 5000))
    fitting = []
    for combo in combos:
        trial = ReportData(year=data.year, format=fmt,
                           applications={r: dict(v) for r, v in data.applications.items()})
        for k, vals in zip(keys, combo):
            trial.applications[k] = dict(zip(t.COLUMN_KEYS, vals))
        if not check_balance(trial) and not check_detail_sum(trial):
            fitting.append(combo)
    for i, k in enumerate(keys):
        read, cands = ambiguous[k]
        choices = {tuple(c[i]) for c in fitting}
        readings = "；".join("、".join(map(str, c)) for c in cands[:6])
        s = read.cells[0]
        if len(choices) == 1:
            vals = list(next(iter(choices)))
            data.applications[k] = dict(zip(t.COLUMN_KEYS, vals))
            data.findings.append(Finding("parse", "warning", k, None, _(
                "“%(row)s”一行的连写数字“%(s)s”有多种符合本行总计的读法（%(readings)s），按各列合计选定%(vals)s。")
                % {"row": t.ROW_BY_KEY[k].label, "s": s, "readings": readings, "vals": "、".join(map(str, vals))}))
        else:
            data.findings.append(Finding("parse", "warning", k, None, _(
                "“%(row)s”一行的连写数字“%(s)s”有多种读法（%(readings)s），无法确定，请人工核对。")
                % {"row": t.ROW_BY_KEY[k].label, "s": s, "readings": readings}))


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
