"""The privacy scan of a tabular file, column by column, with the review's personal-data detectors
(`review.pii.detect_structured`, `review.names.detect_names`; kinds as the review names them).

Method (one pass over the file, a second only when needed; the counts reported are exact):
1. Every cell of the first SAMPLE_ROWS rows is checked, and after that every STRIDE-th row, each
   cell prefixed with its column header (so 「银行卡号：6222…」 gives the card detector its word
   and 「姓名：张三」 the name detector its label). A personal finding flags the column.
2. From the row where a column is flagged, every later row of that column is checked.
3. A column flagged after the first SAMPLE_ROWS rows is counted again over the whole file in a
   second pass, so `rows_hit` is the exact number of rows whose cell holds a personal finding of
   the reported kinds. A column whose personal data appears only between stride rows after the
   first SAMPLE_ROWS is missed: the method samples, the counts it reports do not.
Repeated values are checked once (a bounded memo)."""
import json
import os
import re

from django.utils.translation import gettext as _
from django.utils.translation import override

from gongkai.review.masking import mask
from gongkai.review.names import detect_names
from gongkai.review.pii import detect_structured, id18_valid
from gongkai.review.textfold import fold

from .records import TabularError, local_name
from .tabular import Table

SAMPLE_ROWS = 2000
STRIDE = 97
MEMO_MAX = 200_000
SEP = "："


# Shapes the detectors decide without running (tests/test_scan.py checks each against them):
# a short ASCII number (fewer than 7 digits, no letters, no @) holds nothing personal; a cell that is
# exactly a mobile number or a valid 18-character ID is that and only that.
_SHORT_NUMBER_RE = re.compile(r"^[-+]?[\d.,:/ ]*$")
_MOBILE_CELL_RE = re.compile(r"^1[3-9]\d{9}$")
_ID_CELL_RE = re.compile(r"^\d{17}[\dXx]$")


def fast_kinds(value: str):
    """The detectors' answer for a cell of a shape they always treat the same way; None otherwise."""
    if _SHORT_NUMBER_RE.match(value) and sum(c.isdigit() for c in value) < 7:
        return ()
    if _MOBILE_CELL_RE.match(value):
        return (("mobile", mask("mobile", value)),)
    if _ID_CELL_RE.match(value) and id18_valid(value):
        return (("id_card", mask("id_card", value)),)
    return None


# English column names that open-data files often carry, read as the Chinese label the review's
# detectors take as a cue (a bare 张三 under "name" is a name only with its label).
_HEADER_LABELS = {}
for _label, _names in (("姓名", "name full_name fullname person person_name contact contact_name realname real_name xm"),
                       ("联系电话", "phone tel telephone mobile mobile_phone cellphone lxdh"),
                       ("身份证号", "id_card idcard id_no idno id_number sfz sfzh"),
                       ("银行卡号", "bank_card bankcard card_no account_no"),
                       ("地址", "address addr home_address dz"),
                       ("电子邮箱", "email e_mail mail")):
    for _name in _names.split():
        _HEADER_LABELS[_name] = _label


def header_label(header: str) -> str:
    key = (header or "").strip().lower().replace("-", "_").replace(" ", "_")
    return _HEADER_LABELS.get(key, header)


class _Detector:
    def __init__(self):
        self.memo: dict = {}

    def kinds(self, header: str, value: str) -> tuple:
        """((kind, masked cell) …) of the personal findings in one cell; () when none."""
        if not value or len(value) < 2:
            return ()
        fast = fast_kinds(value)
        if fast is not None:
            return fast
        return self.detect(header, value)

    def detect(self, header: str, value: str) -> tuple:
        """The review's detectors on `header：value` (memoised)."""
        key = (header, value)
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        prefix = header_label(header) + SEP
        text = prefix + value
        folded = fold(text)
        found = [f for f in detect_structured(text, folded) if f.personal and f.start >= len(prefix)]
        if any("\u4e00" <= ch <= "\u9fff" for ch in value):
            taken = [(f.start, f.end) for f in found]
            for f in detect_names(folded, context=""):
                if f.personal and f.start >= len(prefix) and not any(s < f.end and f.start < e for s, e in taken):
                    f.text = text[f.start:f.end]
                    found.append(f)
        if found:
            masked = text
            for f in sorted(found, key=lambda f: f.start, reverse=True):
                masked = masked[:f.start] + mask(f.kind, f.text) + masked[f.end:]
            hit = tuple((f.kind, masked[len(prefix):]) for f in found)
        else:
            hit = ()
        if len(self.memo) < MEMO_MAX:
            self.memo[key] = hit
        return hit


def scan_rows(header: list[str], rows_factory) -> list[dict]:
    """Scan the rows `rows_factory()` yields (called again for the second pass); return the flagged
    columns as [{"column", "kinds", "rows_hit", "sample_masked"}] in column order."""
    detector = _Detector()
    width = len(header)
    flagged_at = [None] * width  # row index where the column was flagged
    kinds = [set() for _i in range(width)]
    hits = [0] * width
    sample = [""] * width
    with override("zh-hans"):
        for n, row in enumerate(rows_factory()):
            full = n < SAMPLE_ROWS or n % STRIDE == 0
            for i in range(width):
                if flagged_at[i] is None and not full:
                    continue
                found = detector.kinds(header[i], row[i])
                if not found:
                    continue
                if flagged_at[i] is None:
                    flagged_at[i] = n
                    sample[i] = found[0][1]
                kinds[i].update(k for k, _m in found)
                hits[i] += 1
        late = [i for i in range(width) if flagged_at[i] is not None and flagged_at[i] >= SAMPLE_ROWS]
        if late:
            for i in late:
                hits[i] = 0
            for row in rows_factory():
                for i in late:
                    found = detector.kinds(header[i], row[i])
                    if found:
                        hits[i] += 1
                        kinds[i].update(k for k, _m in found)
    order = ("id_card", "bank_card", "mobile", "landline", "email", "person_name", "address", "plate")
    return [{"column": header[i], "kinds": sorted(kinds[i], key=lambda k: order.index(k) if k in order else 99),
             "rows_hit": hits[i], "sample_masked": sample[i]}
            for i in range(width) if flagged_at[i] is not None]


def scan_file(path, fmt: str, *, encoding: str = "") -> list[dict]:
    """The privacy scan of a CSV, XLSX, JSON or XML file read as a table (`records.NotTabular` when a
    JSON/XML file holds no table: `scan_tree` then)."""
    tables = []

    def rows():
        table = Table(path, fmt, encoding=encoding)
        tables.append(table)
        try:
            yield from table.rows()
        finally:
            table.close()

    with Table(path, fmt, encoding=encoding) as first:
        header = first.header
    return scan_rows(header, rows)


TREE_SCAN_MAX = 64 * 1024 * 1024


def _leaves(node, path=""):
    """(dotted path without list positions, text) of every scalar in a decoded JSON value."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for v in node:
            yield from _leaves(v, path)
    elif node is not None and not isinstance(node, bool):
        yield path, str(node).strip()


def _xml_leaves(elem, path=""):
    here = f"{path}.{local_name(elem.tag)}" if path else local_name(elem.tag)
    for k, v in elem.attrib.items():
        yield f"{here}.{local_name(k)}", v.strip()
    if (elem.text or "").strip():
        yield here, elem.text.strip()
    for child in elem:
        yield from _xml_leaves(child, here)


def scan_tree(path, fmt: str, *, encoding: str) -> list[dict]:
    """The privacy scan of a JSON/XML file that is not a table: every value, under the name of its key
    or element (the last part of its path as the detectors' label), grouped by path. The file is
    decoded whole, so it is refused above TREE_SCAN_MAX (the resource then stays unscanned)."""
    if os.path.getsize(path) > TREE_SCAN_MAX:
        raise TabularError(_("该文件不是表格且超过 64 MB，无法逐项进行个人信息扫描；请拆分为表格（CSV 或记录数组）后上传。"))
    with open(path, encoding=encoding) as handle:
        text = handle.read()
    if fmt == "xml":
        from defusedxml.ElementTree import fromstring

        leaves = _xml_leaves(fromstring(text))
    else:
        text = text.lstrip("\ufeff")
        try:
            leaves = _leaves(json.loads(text))
        except ValueError:  # JSON Lines
            leaves = _leaves([json.loads(line) for line in text.splitlines() if line.strip()])
    detector, found = _Detector(), {}
    with override("zh-hans"):
        for where, value in leaves:
            kinds = detector.kinds(where.rsplit(".", 1)[-1], value)
            if kinds:
                entry = found.setdefault(where, {"column": where, "kinds": set(), "rows_hit": 0,
                                                 "sample_masked": kinds[0][1]})
                entry["kinds"].update(k for k, _m in kinds)
                entry["rows_hit"] += 1
    order = ("id_card", "bank_card", "mobile", "landline", "email", "person_name", "address", "plate")
    for entry in found.values():
        entry["kinds"] = sorted(entry["kinds"], key=lambda k: order.index(k) if k in order else 99)
    return list(found.values())
