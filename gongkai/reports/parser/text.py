"""Plain-text reports (web pages saved as text, crawler fields, PDF text, markdown) as lines of cells.

The shapes handled here, each by its general form:
- pinyin glosses after characters (`發(fā)布`) and mis-decoded noise before numbers (`? 0`);
- PDF text: form feeds and page footers (`-3-`);
- a whole report on one line, or long lines with the cells run together: the line is cut before
  every numbering mark (一、 （一） 1.), also where an item number is glued to the digits of the row
  before (`10000016.属于…` = row `1000001`, then item `6.`);
- pipes: cells ending in ` |`, where a lone `|` line is then an empty cell, or lone `|` lines that
  only separate cells printed one per line; runs of pipes (`||||`) and markdown rule rows are padding;
- label followed by numbers separated by spaces, tabs, or nothing at all; numbers printed with a
  unit (`5件 1件 … 7件`) or thousands separators (`3,119`), and a first value kept in the label's
  cell by a space where the other cells are tab-separated (`…数量 5<TAB>1<TAB>…`).
"""
import re

_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[0-5]?[)）]")
_NOISE_BEFORE_NUM = re.compile(r"(?:(?<=^)|(?<=[\s|]))[?？\ufffd]+\s*(?=\d)")
_FOOTER = re.compile(r"^\s*[-—－]\s*\d{1,3}\s*[-—－]\s*$")
_MD_RULE = re.compile(r"^[\s|:+\-]*-{3,}[\s|:+\-]*$")  # markdown / ASCII table rules
_TRAILING_NUMS = re.compile(r"^(?P<label>.*?[^\d\s.])?\s*(?P<nums>\d[\d\s.]*)$")
_WIDE_GAP = re.compile(r"[\u3000]{2,}|\u3000(?=[一二三四五六七八九十]+、)")
# Numbering marks that start a label: 一、 （一） (1) 1. 1、
_MARK = (r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")
_CUT = re.compile(rf"(?=(?:{_MARK}))|(?<![\d.])(?=\d{{1,2}}[.、．](?![\d]))")
# An item number glued to the digits of the previous row: `…10000016.属于` -> `1000001` | `6.属于`.
_GLUED_ITEM = re.compile(r"(?<=\d)(?=\d[.、．][\u3400-\u9fff“\"（(])")
# A row's values (three or more numbers apart) followed by the next label's text.
_ROW_END = re.compile(r"(\d+(?:[ \t]+\d+){2,})[ \t]*(?=[\u3400-\u9fff（(“])")
# A table row whose values carry a unit or thousands separators: `…数量 5件 1件 0件`, `…数量 3,119 34`.
_NUM_TOKEN = r"(?:\d{1,3}(?:[,，]\d{3})+|\d+)件?"
_UNIT_ROW = re.compile(rf"^(?P<label>.*?[^\d\s.,，])\s+(?P<tail>{_NUM_TOKEN}(?:\s+{_NUM_TOKEN})+)\s*$")
_GLUED_UNITS = re.compile(r"^(?P<label>.*?[^\d\s.,，])\s*(?P<tail>(?:\d+件\s*){3,})$")  # `…数量5件1件0件`
_INLINE_FOOTER = re.compile(r"(?<=\d)[-—－]\d{1,3}[-—－](?!\d{2})")  # page footer `-3-` glued to a value
RUN_TOGETHER_MIN = 160
_TABLE_WORDS = ("予以公开", "本年新收", "结转下年度", "本年制发件数", "本年新制作数量", "申请人情况")


class RunCell(str):
    """Digits of a row printed with no separators at all (empty cells vanished with them)."""


def clean_text(text: str) -> str:
    text = text.replace("\f", "\n").replace("\r\n", "\n").replace("\r", "\n")
    text = _GLOSS.sub("", text)
    return "\n".join(_NOISE_BEFORE_NUM.sub("", ln) for ln in text.split("\n") if not _FOOTER.match(ln))


def cut_run_together(line: str) -> list:
    """Cut a long line holding several table rows (or a whole report) into one line per label."""
    if len(line) < RUN_TOGETHER_MIN or not any(w in line for w in _TABLE_WORDS):
        return [line]
    out = []
    line = _INLINE_FOOTER.sub("", line)
    for part in _WIDE_GAP.split(line):
        part = _GLUED_ITEM.sub("\n", part)
        part = _ROW_END.sub(lambda m: m.group(1) + "\n", part)
        for piece in part.split("\n"):
            out.extend(p for p in _CUT.split(piece) if p.strip())
    return out


def split_line(line: str, *, lone_pipe_is_cell: bool = False) -> list:
    """Split one printed line into cells."""
    line = line.strip(" \r\n\u3000\xa0")
    if not line.strip():
        return []
    if "|" in line:
        if set(line) <= {"|", " "}:
            if line.count("|") == 1:
                return [""] if lone_pipe_is_cell else []
            return [""] * (line.count("|") - 1)  # a run of pipes: empty cells (or padding)
        cells = line.split("|")
        if line.startswith("|"):
            cells = cells[1:]
        if line.endswith("|") and cells:
            cells = cells[:-1]
        return [c.strip() for c in cells]
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
        head = re.match(r"^(.*[^\d\s年月日第])\s+(\d+)$", cells[0])
        if head and len(cells) > 2 and any(c.isdigit() for c in cells[1:]):
            cells[:1] = [head.group(1), head.group(2)]  # the first value kept in the label's cell
        return cells
    m = _UNIT_ROW.match(line)
    if m and re.search(r"件|[,，]\d{3}", m.group("tail")):
        line = m.group("label") + " " + " ".join(re.sub(r"[,，件]", "", v) for v in m.group("tail").split())
    m = _GLUED_UNITS.match(line)
    if m:  # the unit separates the cells: `5件1件0件` is 5, 1, 0
        return [m.group("label").strip()] + re.findall(r"\d+(?=件)", m.group("tail"))
    m = _TRAILING_NUMS.match(line)
    if m and not (m.group("label") or "").rstrip().endswith(("年", "月", "日", "第")):
        label = (m.group("label") or "").strip()
        nums = m.group("nums").split()
        if label and len(nums) == 1 and nums[0].isdigit() and re.search(r"[\u3400-\u9fff）)]$", m.group("label")):
            nums = [RunCell(nums[0])]  # digits glued to the label: a row printed without separators
        return ([label] if label else []) + nums
    return [line]


def _lone_pipe_is_cell(raw_lines: list) -> bool:
    """Cells printed one per line as `text |`: a lone `|` is then an empty cell, else a separator."""
    ending = sum(1 for ln in raw_lines if ln.rstrip().endswith("|") and ln.strip() not in ("|",) and
                 ln.strip().strip("|").strip() and ln.count("|") == 1)
    content = sum(1 for ln in raw_lines if ln.strip() and "|" not in ln)
    return ending > 20 and ending > content


def mark_runs(cells: list) -> list:
    """In a line cut from run-together text, a single digit run is a RunCell."""
    nums = [c for c in cells if c.isdigit()]
    if len(nums) == 1:
        return [RunCell(c) if c.isdigit() else c for c in cells]
    return cells


def lines_from_text(text: str) -> list:
    raw = []
    for ln in clean_text(text).split("\n"):
        if _MD_RULE.match(ln) and "-" in ln:
            continue
        pieces = cut_run_together(ln)
        raw.extend((p, len(pieces) > 1) for p in pieces)
    lone = _lone_pipe_is_cell([p for p, _cut in raw])
    out = []
    for piece, cut in raw:
        cells = split_line(piece, lone_pipe_is_cell=lone)
        if cells:
            out.append(mark_runs(cells) if cut else cells)
    return out
