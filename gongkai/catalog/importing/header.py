"""Find the metadata header of a page and pair its labels with their values.

Disclosure sites print the same dozen items in many layouts: `索引号：X`, `索引号 | X |`, `[ 索引号 ] X`,
`•【字号】X`, the label on one line and its value on the next, several pairs on one line separated
only by spaces, empty cells that make labels run together, labels padded with spaces or cut short
(`号:` for 索引号), traditional characters, and bullet lists with no labels at all. The rules:

- a header line starts with a label; every label on it ends the value before it, so a label
  directly followed by a label has an empty value, never the next label;
- a label that ends its line takes the next line as its value only when that line has the field's
  form (a date, an index number, a 发文字号…) and is not itself a label line;
- values that are labels, chrome or junk (`null`, `无`, a lone punctuation mark) are empty;
- among labels of one field the best-ranked present label decides, also when it is empty;
- in a bullet list without labels, or a run of value lines whose labels were lost, values are
  recognised by their shape (`shapes`).
"""
import re
from dataclasses import dataclass, field, replace

from gongkai.core.text import normalize

from .chrome import is_chrome
from .glued import GLUED_MIN, glued_label as _glued_label, glued_pairs as _glued_pair
from .grid import read_grids
from .items import Label, Line, Pair  # noqa: F401 (Line is part of this module's API)
from .items import AUX_FIELDS as _AUX_FIELDS
from .labels import (COLON_ONLY, DATE_ONLY_RE, DOC_NO_LINE_RE, LABEL_FIELD, LABEL_KEY, LABEL_RANK, LABEL_RE,
                     LABEL_WORD_RE,
                     SHAPE_CHECKED, TRUNCATED, TRUNCATED_RE, UNKNOWN_RE, clean_value, nfkc,
                     strip_glosses, title_shaped)
from .shapes import bullet_values

# A list marker: a bullet sign, or an ASCII `-`/`*`/`+` followed by a space (a list rendered as
# Markdown-like text: `- 索引号:…`). A `-` glued to what follows (`-1-`, `--`) is no marker.
_BULLET_RE = re.compile(r"^(?:[•·●▪◆■◇□►▶∙・]+|[-*+](?=[ \t\u3000]))\s*")
_BOUNDARY_BEFORE = set(" \t|[]【】〖〗()•·,，;；、/:") | {""}  # `…浏览量:发表时间:` too


# A bare 日期:/时间: on the same line as 来源/作者/浏览量… right under a headline (not inside the
# block of header lines) is the page's byline, when the item was put online, not a catalogue item: it
# is no README publish-date label, so it gives no 发布日期, also on a page that has a header
# (`• 某某预案` / `日期:2013-10-12 来源:市政府办公室 浏览量:`). Inside the block it stays an item.
_BARE_DATES = {"日期", "时间"}
_BYLINE_LABELS = {"来源", "信息来源", "文章来源", "稿源", "作者", "浏览量", "浏览次数", "访问次数", "阅读次数",
                  "点击数", "点击次数", "点击量", "阅读量", "访问量", "浏览", "字体", "文章字号", "字体大小", "分享"}


# Question marks between Chinese characters: spaces (U+3000, nbsp) a GBK mirror could not encode,
# as in a letter-spaced label `索??引??號`. Only the matching form treats them as spaces.
_LOST_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff])[?？\ufffd]+(?=[\u3400-\u9fff])")


# An ordered-list number before a label (`  1. [索引号]…`, `10、发布机构:…`): a policy library's item list.
# Only a number followed by a bracketed label or a label with its colon is a marker - `1.1编制目的`
# and `1 总则` stay as they are.
_ORDINAL_RE = re.compile(r"^\d{1,2}[.．、][ \t\u3000]*")


def _ordinal_label(text: str) -> bool:
    m = _ORDINAL_RE.match(text)
    if m is None:
        return False
    found = LABEL_RE.match(normalize(text[m.end():]))
    if found is None:
        return False
    label = LABEL_KEY.get(re.sub(r"[ \t]", "", found.group("label")), found.group("label"))
    bracketed = bool(found.group("open") and found.group("close"))
    return bool(LABEL_FIELD.get(label)) and (bracketed or found.group("sep") == ":")


def prepare(raw: str) -> Line:
    text = (raw or "").strip()
    if _ordinal_label(text):
        text = "• " + _ORDINAL_RE.sub("", text)
    bullet = bool(_BULLET_RE.match(text))
    shown = strip_glosses(_BULLET_RE.sub("", text)).strip()
    norm = []
    for ch in shown:
        n = normalize(ch)
        norm.append(n if len(n) == 1 else (" " if not n.strip() else n[0]))
    for m in _LOST_SPACE_RE.finditer(shown):
        norm[m.start():m.end()] = [" "] * (m.end() - m.start())
    return Line(shown=shown, norm="".join(norm), bullet=bullet)


_BRACKET_LABEL_RE = re.compile(r"[•·]?\s*【\s*(?P<label>[^【】]{1,10}?)\s*】")
# The markers of a law database's attribute block copied flat (`…的通知文章属性•【制定机关】…正文…`).
_BLOCK_START_RE = re.compile(r"\s*文章属性\s*$")
_BLOCK_END_RE = re.compile(r"正文(?=\S)")
_LAST_END_RE = re.compile(r"\s+正文\s*$")


def split_flattened(raw: str) -> list:
    """A line holding three or more `【label】value` items (an attribute block printed on one line)
    split into one line per item; the text before the block and after its `正文` marker become lines
    of their own. Any other line is returned as it is."""
    marks = [m for m in _BRACKET_LABEL_RE.finditer(raw or "")
             if normalize(re.sub(r"\s", "", m.group("label"))) in LABEL_FIELD]
    if len(marks) < 3:
        # the block's last line: `• 【主题分类】某某 正文` - the 正文 marker is no part of the value
        end = _LAST_END_RE.search(raw) if marks else None
        return [raw[:end.start()]] if end and end.start() > marks[-1].end() else [raw]
    head = _BLOCK_START_RE.sub("", raw[:marks[0].start()])
    pieces = [head] if head.strip() else []
    for k, m in enumerate(marks):
        pieces.append(raw[m.start():marks[k + 1].start() if k + 1 < len(marks) else len(raw)])
    end = _BLOCK_END_RE.search(pieces[-1], marks[-1].end() - marks[-1].start())
    if end:
        pieces[-1:] = [pieces[-1][:end.start()], pieces[-1][end.end():]]
    return [p.strip() for p in pieces if p.strip()]


def _known(n: str):
    found, pos = [], 0
    while True:
        m = LABEL_RE.search(n, pos)
        if m is None:
            return found
        start = m.start("label")
        label = LABEL_KEY.get(re.sub(r"[ \t]", "", m.group("label")), m.group("label"))
        before = n[start - 1] if start > 0 else ""
        bracketed = bool(m.group("open") and m.group("close"))
        sep = m.group("sep")
        tail = n[m.end("label"):m.end()]
        boundary = before in _BOUNDARY_BEFORE or bool(m.group("open"))
        # `…00057主题分类:…`, `…4号成文日期:…`: a label of three characters or more with its colon,
        # glued to the value before it (a page that dropped the cell gaps), still ends that value.
        glued = sep == ":" and len(label) >= 3 and label not in COLON_ONLY and not m.group("open")
        boundary = boundary or glued
        strong = bracketed or sep == ":" or (sep == "|" and boundary)
        weak_ok = boundary and (m.end() == len(n) or tail[:1] in (" ", "\t") or n[m.end():m.end() + 1] in (" ", ""))
        # A short everyday word (分类, 日期) is a label with a colon, in brackets, or as a whole
        # table cell (`| 分 类 | 综合政务 |`).
        whole_cell = sep == "|" and n[:start].rstrip(" \t")[-1:] in ("|", "")
        spaced_out = label != m.group("label")  # `分        类`: letter-spaced, as only labels are
        if label in COLON_ONLY and not (bracketed or sep == ":" or whole_cell or spaced_out):
            ok = False
        elif bracketed and not sep and LABEL_FIELD[label] is None and _value_start(n, found, m.start()):
            ok = False  # `名称: 【政策解读】关于…`: a column tag opening a value, not an item
        else:
            ok = boundary and (strong or weak_ok)
        if ok:
            found.append(Label(m.start() if m.group("open") else start, m.end(), label, LABEL_FIELD[label], strong))
            pos = m.end()
        else:
            pos = start + 1


def _value_start(n: str, found, at: int) -> bool:
    """True when `at` is where the value of the last label found begins (only spaces after its colon)."""
    return bool(found) and n[found[-1].end - 1:found[-1].end] == ":" and not n[found[-1].end:at].strip(" \t")


def find_labels(line: Line):
    """Every label of `line`: known ones, truncated ones and unknown `词:` labels, in order."""
    n = line.norm
    found = _known(n)
    taken = [(f.start, f.end) for f in found]

    def free(a, b):
        return all(b <= s or a >= e for s, e in taken)

    for regex, kind in ((TRUNCATED_RE, "truncated"), (UNKNOWN_RE, "unknown")):
        for m in regex.finditer(n):
            a = m.start("label")
            before = n[a - 1] if a > 0 else ""
            if before not in _BOUNDARY_BEFORE or not free(a, m.end()):
                continue
            label = m.group("label")
            cands = tuple(sorted(TRUNCATED[label])) if kind == "truncated" else ()
            found.append(Label(a, m.end(), label, None, True, cands))
            taken.append((a, m.end()))
    found.sort(key=lambda f: f.start)
    return found


# A word and a slash before a label, one composite label (`备注/文号:`, `标题/名称:`).
_COMPOSITE_LEAD_RE = re.compile(r"^[ \t]*[\u4e00-\u9fff]{1,4}[ \t]*/[ \t]*$")


def _unknown_cells(lead: str) -> bool:
    """`政策类型 | 指导文件 |` before the first known label of a pipe row: whole cells of a label this
    table does not know and its value, skipped (the row is still a header row)."""
    cells = lead.rstrip(" \t").split("|")
    return (lead.rstrip(" \t").endswith("|") and len(cells) >= 3
            and all(len(c.strip()) <= 20 for c in cells) and not any(DATE_ONLY_RE.match(c.strip()) for c in cells))


def _cell(raw: str) -> str:
    """The value text between two labels: the first non-empty pipe cell, trimmed."""
    cells = [c.strip() for c in raw.split("|")]
    return next((c for c in cells if c), "")


def header_pairs(line: Line):
    """The label–value pairs of a header line, or None when `line` is not one."""
    labels = find_labels(line)
    if not labels:
        return None
    lead = line.norm[:labels[0].start]
    if lead.strip(" \t|") and not _unknown_cells(lead) and not _COMPOSITE_LEAD_RE.match(lead):
        return None  # a header line starts with a label this table knows
    if labels[0].field is None and not labels[0].candidates and labels[0].label not in LABEL_FIELD:
        # A line led by a `词:` label this table does not know is a header line only inside a run of
        # `label: value` items holding a label of a kept field (`涉密状态:非涉密 成文日期:…`); the
        # unknown label keeps its own value, so it never leaks into a neighbour.
        if not any(lab.strong and (lab.field or lab.candidates) for lab in labels[1:]):
            return None
    pairs = []
    for i, lab in enumerate(labels):
        end = labels[i + 1].start if i + 1 < len(labels) else len(line.shown)
        raw = line.shown[lab.end:end]
        pairs.append(Pair(lab, _cell(raw), i + 1 == len(labels) and not _cell(raw)))
    if not any(p.label.strong for p in pairs):
        pairs = [_cut_label_word(p) for p in pairs]
    if not any(p.label.strong for p in pairs):
        # Pairs separated only by spaces: every value must have its field's form.
        for p in pairs:
            if not p.value:
                continue
            if p.label.field and clean_value(p.label.field, p.value, strict=True) is None:
                if p.label.field in _AUX_FIELDS and len(p.value) <= 20:
                    continue  # `公开形式 网站公开`: an item the catalog reads loosely, its value shown as is
                if p.label.field == "keywords" and p is pairs[-1] and len(p.value) <= 200:
                    continue  # `主 题 词 某县 政府办 印发 …`: a word list ending the row is long by nature
                if p.label.label not in SHAPE_CHECKED:
                    return None
            elif p.label.field is None and len(p.value) > 30:
                return None
    return pairs


def _cut_label_word(pair: Pair) -> Pair:
    """In a no-colon `label value label value` row, a later word that reads like a catalogue item this
    table does not know, with a value after it (`示范县政府办 扩展分类 教育`), ends the value."""
    words = pair.value.split()
    for k in range(1, len(words) - 1):
        if LABEL_WORD_RE.match(normalize(words[k])):
            return Pair(pair.label, " ".join(words[:k]), False)
    return pair


@dataclass
class Header:
    values: dict = field(default_factory=dict)  # field -> value (None: the label is there, empty)
    ranks: dict = field(default_factory=dict)
    lines: set = field(default_factory=set)  # indexes of the lines the header uses
    labels: int = 0  # labels of kept fields seen

    def put(self, field_name, rank, value):
        if field_name is None:
            return
        best = self.ranks.get(field_name)
        if best is None or rank < best:
            self.ranks[field_name], self.values[field_name] = rank, value
        elif rank == best and self.values.get(field_name) is None and value:
            self.values[field_name] = value

    @property
    def found(self) -> bool:
        return self.labels >= 2


def _resolve(pair: Pair, *, strict=False):
    """(field, rank, value) for a pair; field None when the label's value is not kept."""
    lab = pair.label
    if lab.candidates:
        for cand in lab.candidates:
            value = clean_value(cand, pair.value, strict=True) if pair.value else None
            if value:
                return cand, 0, value
        return None, 9, None
    if lab.field is None:
        return None, 9, None
    value = clean_value(lab.field, pair.value, strict=strict) if pair.value else None
    if lab.label in SHAPE_CHECKED:
        if not (value and DOC_NO_LINE_RE.match(nfkc(pair.value).strip())):
            return None, 9, None  # 字号 here is the font-size toolbar
    return lab.field, LABEL_RANK[lab.label], value


def scan_header(lines, stop: int) -> Header:
    """Read the header pairs in `lines[:stop]` (a list of `Line`)."""
    header = Header()
    grid = read_grids(lines, stop, header)  # labels first, values after them in the same order
    header.lines |= grid
    pairs_of = [header_pairs(line) if i < stop and i not in grid else None for i, line in enumerate(lines)]
    glued = {i: pairs for i in range(min(stop, len(lines))) if pairs_of[i] is None
             for pairs in [_glued_pair(lines[i])] if pairs is not None}
    if sum(1 for pairs in glued.values() for p in pairs if p.label.field) >= GLUED_MIN:
        # a law database's block: `发文机关中共某某党组`, `时效性现行有效`, `效力级别…`; bullets of
        # `标题某某的通知` / `公开日期…成文日期…`
        for i, pairs in glued.items():
            pairs_of[i] = pairs
    i = 0
    while i < stop:
        pairs = pairs_of[i]
        if pairs is None:
            i += 1
            continue
        if i > 0 and pairs_of[i - 1] is None and (i - 1) not in header.lines:
            # right under a headline, not inside the block
            pairs = _without_byline_dates(pairs, alone=i + 1 >= stop or pairs_of[i + 1] is None)
        header.lines.add(i)
        for pair in pairs:
            if pair.label.field or pair.label.candidates:
                header.labels += 1
        for pair in pairs[:-1]:
            header.put(*_resolve(pair))
        last, nxt = pairs[-1], i + 1
        field_name, rank, value = _resolve(last)
        if last.at_end and nxt < stop and pairs_of[nxt] is None and not is_chrome(lines[nxt].shown):
            glued = _glued_label(lines[nxt])
            if glued is not None and last.label.field:
                # `标题` / `…的通知发文机关` / `高青县人民政府办公室`: the value ran into the next label,
                # which takes the line after it as its value in turn.
                before, label = glued
                field_name, rank, value = _resolve(Pair(last.label, before, False))
                header.put(field_name, rank, value)
                header.lines.add(nxt)
                pairs_of[nxt] = [Pair(label, "", True)]
                i = nxt
                continue
            following = pairs_of[nxt + 1] if nxt + 1 < stop else None
            taken = _next_line_value(last, lines[nxt], label_block=following is not None)
            if taken is not None:
                field_name, rank, value = taken
                header.lines.add(nxt)
                i = nxt
        header.put(field_name, rank, value)
        i += 1
    bullet_values(lines, stop, header, pairs_of)
    return header


def _without_byline_dates(pairs, *, alone=False):
    """`pairs` with a bare 日期/时间 beside a byline label - or on a line of its own that starts no
    block of header lines (`时间:2024-03-21 09:09` under the headline) - read as an item the catalog
    does not keep."""
    bare_only = alone and all(p.label.label in _BARE_DATES for p in pairs)
    if not bare_only and not any(p.label.label in _BYLINE_LABELS for p in pairs):
        return pairs
    return [Pair(replace(p.label, field=None), p.value, p.at_end) if p.label.label in _BARE_DATES else p
            for p in pairs]


def _next_line_value(last: Pair, line: Line, *, label_block: bool):
    """The value of a label that ends its line, read from the next line; None when it is not one."""
    lab = last.label
    if lab.field is None and not lab.candidates:
        # A kept-nothing label (编辑, 审核) swallows its value only inside a label-per-line block,
        # and never a title.
        if label_block and not title_shaped(line.shown):
            return None, 9, None
        return None
    pair = Pair(lab, _cell(line.shown) if "|" in line.shown else line.shown, False)
    field_name, rank, value = _resolve(pair, strict=True)
    if value is None:
        return None
    return field_name, rank, value
