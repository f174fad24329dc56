"""Read Table B (三、收到和处理政府信息公开申请情况) out of a report's lines of cells.

The table is read as a stream. Label text accumulates until values follow; every numbered segment
of the label that names a row is noted. Values on the label's own line, or arriving one per line,
belong to the last row named. A complete row of values printed on a line of its own (a label
column printed apart from its value rows, as PDF-to-markdown converters do) belongs to the oldest
row named and still waiting for values, else to the next row of the template. A row never given a
value stays unknown (None): a blank is never read as 0.
"""
from django.utils.translation import gettext as _

from .. import template as t
from ..data import Finding, ReportData
from . import labels
from .row_values import disambiguate, resolve_cells, split_block
from .tables import BLANK, classify

N = len(t.COLUMN_KEYS)


class RowRead:
    def __init__(self, key, line):
        self.key, self.line = key, line
        self.cells = []
        self.lines = set()
        self.own_label = False
        self.run = False
        self.vanished = None
        self.widest = 0  # the most values any one of its lines held
        self.at_end = False


def _label_rows(buffer, group):
    """Return (row keys named, in order; the current group; 2019 evidence) for a run of label text."""
    keys, is_2019 = [], False
    segs = labels.segments("".join(buffer))
    matches = [labels.match_table_b(seg) for seg in segs]
    for i, (seg, m) in enumerate(zip(segs, matches)):
        key = None
        if m is not None:
            kind, k, _exact = m
            if kind == "group":
                group = k
                nxt = matches[i + 1] if i + 1 < len(matches) else None
                if k == "other" and not (nxt and nxt[1] in t.GROUP_BY_KEY["other"].rows) and not (
                        nxt is None and i + 1 < len(segs) and labels.leading_number(segs[i + 1])):
                    key, is_2019 = "other_3", True  # （六）其他处理 printed as one row
            elif kind == "row":
                key = k
                row = t.ROW_BY_KEY[k]
                if row.group in t.GROUP_BY_KEY:
                    group = row.group
                elif k in ("new", "carried_over", "carry_next"):
                    group = None
        else:
            n = labels.leading_number(seg)
            if n and group in t.GROUP_BY_KEY and n <= len(t.GROUP_BY_KEY[group].rows):
                key = t.GROUP_BY_KEY[group].rows[n - 1]
        if key and key not in keys:
            keys.append(key)
    return keys, group, is_2019


def _next_template_row(filled, after):
    order = t.ROW_KEYS
    start = order.index(after) + 1 if after in order else 0
    for k in order[start:]:
        if k not in filled:
            return k
    return None


def _read_stream(lines, data, to_end=False):
    """Return (reads, 2019 evidence) from the lines of the table."""
    reads, buffer, pending = [], [], []
    filled, named = set(), set()
    current, group, evidence, last_key = None, None, None, None
    buffer_line = -1

    def close():
        nonlocal current, last_key
        if current is not None and current.cells:
            reads.append(current)
            filled.add(current.key)
            last_key = current.key
        current = None

    def start(key, line, own):
        nonlocal current
        close()
        if key in pending:
            pending.remove(key)
        current = RowRead(key, line) if key else None
        if current is not None:
            current.own_label = own

    for i, cells in enumerate(lines):
        toks = [classify(c, i) for c in cells]
        values_here = [tk for tk in toks if tk.kind != "text"]
        nums_here = any(tk.kind == "num" for tk in values_here)
        complete_line = sum(1 for tk in values_here if tk.kind == "num") >= 2 and len(values_here) >= N
        for tk in toks:
            if tk.kind == "text":
                if current is not None and current.cells:
                    close()
                buffer.append(tk.text)
                buffer_line = i
                continue
            if buffer and tk.kind == "blank" and (buffer_line != i or not nums_here):
                continue  # an empty cell before a label (merged label column) or on a header line
            if buffer:
                keys, group, is_2019 = _label_rows(buffer, group)
                named.update(keys)
                buffer = []
                evidence = evidence or (t.FORMAT_2019 if is_2019 else None)
                if any(k in ("other_1", "other_2") for k in keys):
                    evidence = evidence or t.FORMAT_2021
                fresh = [k for k in keys if k not in filled]
                same_line = buffer_line == i
                if not fresh and not reads and not filled and current is None and tk.kind == "num":
                    # numbers right after the column headings, before any row label (PDF text in
                    # content-stream order prints row 一's values before its label)
                    target = t.ROW_KEYS[0]
                    data.findings.append(Finding("parse", "warning", target, None, _(
                        "表头之后、第一个行标签之前有一组数字，按模板顺序作为“%(row)s”一行读取。")
                        % {"row": t.ROW_BY_KEY[target].label}))
                elif not fresh:
                    target = None
                elif same_line or not complete_line:
                    target = fresh[-1]
                    pending.extend(k for k in fresh[:-1] if k not in pending)
                else:
                    pending.extend(k for k in fresh if k not in pending)
                    target = pending[0]
                start(target, i, same_line)
            elif current is None or (complete_line and len(current.cells) >= N and i not in current.lines):
                if tk.kind != "num" or not complete_line:
                    continue  # padding, or a stray number outside any row
                close()
                target = pending[0] if pending else _next_template_row(filled | {r.key for r in reads}, last_key)
                if target is None:
                    continue
                start(target, i, False)
            elif complete_line and i not in current.lines and current.lines and not current.own_label:
                # a full row on its own line after stray numbers: the stray numbers are not values
                data.findings.append(Finding("parse", "warning", current.key, None, _(
                    "“%(row)s”一行前有多余的数字“%(v)s”，已忽略。")
                    % {"row": t.ROW_BY_KEY[current.key].label, "v": " ".join(c for c in current.cells if c)}))
                current.cells, current.lines = [], set()
            if current is None:
                continue
            current.cells.append(tk.text if tk.kind == "num" else BLANK)
            current.lines.add(i)
            current.widest = max(current.widest, len(values_here))
            if tk.kind == "num" and tk.run:
                current.run = True
    if current is not None and current.cells and not buffer and current.cells[-1] is not BLANK:
        current.at_end = True  # the text stops right after this number: it may be cut short
    close()
    if buffer and not to_end:  # labels after the last value: printed after their values, or blank
        named.update(_label_rows(buffer, group)[0])  # (where the page is cut off, unknown)
    return reads, evidence, named


def _place_block(read, rows, seen, data) -> bool:
    """Give the k rows read from one run of values to k consecutive rows still without values.

    The labelled row is the last of them (the labels of the others follow later), else the first.
    """
    free = [k for k in t.ROW_KEYS if k not in seen]
    if read.key not in free:
        return False
    at, k = free.index(read.key), len(rows)
    if at - k + 1 >= 0 and _contiguous(free[at - k + 1:at + 1], seen):
        keys = free[at - k + 1:at + 1]
    elif at + k <= len(free) and _contiguous(free[at:at + k], seen):
        keys = free[at:at + k]
    else:
        return False
    for key, vals in zip(keys, rows):
        seen[key] = vals
        data.applications[key] = dict(zip(t.COLUMN_KEYS, vals))
    data.findings.append(Finding("parse", "warning", read.key, None, _(
        "“%(row)s”之后连续有%(n)s个数字（PDF 按内容流输出，行或列的次序被打乱），按各行合计还原为%(k)s行：%(rows)s。")
        % {"row": t.ROW_BY_KEY[read.key].label, "n": len(read.cells), "k": k,
           "rows": "；".join(f"{t.ROW_BY_KEY[key].label} {'、'.join(map(str, v))}" for key, v in zip(keys, rows))}))
    return True


def _contiguous(keys, seen) -> bool:
    """No row between the first and the last of `keys` already has values."""
    lo, hi = t.ROW_KEYS.index(keys[0]), t.ROW_KEYS.index(keys[-1])
    return not any(k in seen for k in t.ROW_KEYS[lo:hi + 1])


def parse_table_b(lines, start, end, data: ReportData, *, to_end: bool = False):
    """Fill data.applications from lines[start:end]; return format evidence ("2019", "2021" or None).

    `to_end`: the table runs to the end of the text (the page was cut off): a last row whose last
    number is the last thing in the text may be cut inside that number, and is not read.
    """
    reads, fmt, named = _read_stream(lines[start:end], data, to_end)
    seen, ambiguous = {}, {}
    for idx, read in enumerate(reads):
        if read.key in seen:
            data.findings.append(Finding("parse", "warning", read.key, None, _(
                "“%(row)s”一行出现了不止一次，只取第一次。") % {"row": t.ROW_BY_KEY[read.key].label}))
            continue
        block = split_block(read)
        if block:
            placed = _place_block(read, block, seen, data)
            if placed:
                continue
        truncated = to_end and read.at_end
        values, cands = resolve_cells(read, data.findings, truncated=truncated)
        seen[read.key] = values
        if read.vanished:
            data.ambiguous.append({"row": read.key, "label": t.ROW_BY_KEY[read.key].label,
                                   "digits": read.cells[0], "candidates": read.vanished[:8],
                                   "settled": False, "chosen": None})
        if cands:
            ambiguous[read.key] = (read, cands)
    for key, values in seen.items():
        if values is not None:
            data.applications[key] = dict(zip(t.COLUMN_KEYS, values))
    valued = {r.key for r in reads if any(c is not BLANK for c in r.cells)}
    printed_blank = {r.key for r in reads if r.cells and all(c is BLANK for c in r.cells)} - valued
    label_only = set(named) - {r.key for r in reads}
    # A label with no values at all is a blank row, unless some row got more values than columns:
    # then values and labels are out of step (PDF content-stream order) and nothing is known blank.
    overflow = any(getattr(r, "overflow", False) for r in reads)
    data.blank_rows = (printed_blank | (set() if overflow else label_only)) - {k for k, v in seen.items() if v}
    if "other_3" in named and not named & {"other_1", "other_2"}:
        data.blank_rows |= {"other_1", "other_2"}  # （六）其他处理 printed as one row
    if ambiguous:
        disambiguate(data, ambiguous, fmt or t.FORMAT_2021)
    return fmt
