"""Reading tabular files (CSV, XLSX; JSON and XML through `records.py`) row by row (never the whole file in memory): the text encoding of a CSV
(UTF-8 with or without BOM, GBK/GB18030, by the catalog importer's rules on the file's head), the
header, and type inference on a sample with per-column overrides."""
import codecs
import csv
import datetime as dt
import decimal
import itertools
import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from .records import TabularError, record_table

HEAD_BYTES = 256 * 1024
SAMPLE_ROWS = 2000
TEXT_FORMATS = ("csv", "json", "xml")  # read as text in a detected encoding
TYPES = ("integer", "number", "date", "text")
TYPE_LABELS = {"integer": "整数", "number": "数值", "date": "日期", "text": "文本"}

csv.field_size_limit(16 * 1024 * 1024)


def detect_encoding(path) -> str:
    """The encoding of a CSV, JSON or XML file, decided on its first 256 KiB: a UTF-8 BOM, valid UTF-8 (a
    character cut at the end of the head allowed), else charset detection limited to the Chinese
    encodings (GBK and GB2312 are read as their superset GB18030)."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding == "big5":
        return "big5"
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
    except UnicodeDecodeError:
        raise TabularError(_("无法识别文件的文字编码：内容既不是 UTF-8，也不是 GBK/GB18030。请另存为 UTF-8 编码后再上传。"))
    return "gb18030"


def _clean_header(raw: list) -> list[str]:
    names, seen = [], set()
    for i, value in enumerate(raw, 1):
        name = re.sub(r"\s+", " ", str(value if value is not None else "")).strip() or f"列{i}"
        base, n = name, 2
        while name in seen:
            name, n = f"{base}_{n}", n + 1
        seen.add(name)
        names.append(name)
    return names


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _single_sheet_check(book) -> None:
    """Only the first worksheet is loaded and scanned, so a workbook with data on another sheet (hidden
    or not) is refused: its personal data would escape the scan and go out with the download."""
    for sheet in book.worksheets[1:]:
        if not hasattr(sheet, "iter_rows"):  # a chart sheet holds no cells
            continue
        if any(v is not None and str(v).strip() for row in sheet.iter_rows(values_only=True) for v in row):
            raise TabularError(_("XLSX 文件的工作表“%(s)s”也有数据：只有第一个工作表能载入数据库并检查个人信息。"
                                 "请把每个工作表另存为一个文件分别上传。") % {"s": sheet.title})


class Table:
    """A CSV, XLSX, JSON or XML file (`records.py`) opened for reading: `header`, then `rows()` (lists of str, header width)."""

    def __init__(self, path, fmt: str, *, encoding: str = ""):
        self.path, self.fmt = path, fmt
        self.encoding = encoding or (detect_encoding(path) if fmt in TEXT_FORMATS else "")
        self._raw = self._open()
        try:
            first = next(self._raw)
        except StopIteration:
            raise TabularError(_("文件为空：没有表头行。"))
        except (UnicodeDecodeError, csv.Error) as exc:
            raise TabularError(_("无法读取表头：%(e)s") % {"e": exc})
        self.header = _clean_header(first)
        self.line = 1 if fmt in ("csv", "xlsx") else 0  # a JSON/XML record's number, not a line

    def _open(self) -> Iterator[list]:
        if self.fmt == "csv":
            handle = open(self.path, encoding=self.encoding, newline="")
            self._handle = handle
            return csv.reader(handle)
        if self.fmt == "xlsx":
            from openpyxl import load_workbook

            try:
                book = load_workbook(self.path, read_only=True, data_only=True)
            except Exception:
                raise TabularError(_("无法打开 XLSX 文件：文件已损坏或不是 Excel 工作簿。"))
            self._handle = book
            _single_sheet_check(book)
            return (list(r) for r in book.worksheets[0].iter_rows(values_only=True))
        if self.fmt in ("json", "xml"):
            header, rows = record_table(self.path, self.fmt, self.encoding)
            self._handle = rows
            return itertools.chain([header], rows)
        raise TabularError(_("只有 CSV、XLSX、JSON 和 XML 文件可以作为表格载入数据库。"))

    def rows(self) -> Iterator[list[str]]:
        width = len(self.header)
        try:
            for raw in self._raw:
                self.line += 1
                if not raw or all(v is None or v == "" for v in raw):
                    continue
                if len(raw) > width and any(v is not None and str(v).strip() for v in raw[width:]):
                    # Cells without a header would be dropped from the DataStore and escape the privacy
                    # scan while the file itself is downloaded: refused (the value is not echoed).
                    raise TabularError(_("第 %(n)d 行的数据多于表头的 %(w)d 列：请为每一列填写表头，或删除多余的内容后重新上传。")
                                       % {"n": self.line, "w": width})
                row = [_cell(v) for v in raw[:width]] if self.fmt == "xlsx" else [v.strip() for v in raw[:width]]
                if len(row) < width:
                    row += [""] * (width - len(row))
                yield row
        except UnicodeDecodeError:
            raise TabularError(_("第 %(n)d 行附近的文字无法按 %(enc)s 编码读取。") % {"n": self.line, "enc": self.encoding})
        except csv.Error as exc:
            raise TabularError(_("第 %(n)d 行无法解析：%(e)s") % {"n": self.line, "e": exc})

    def close(self):
        handle = getattr(self, "_handle", None)
        if handle is not None:
            handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_INT_RE = re.compile(r"^[+-]?(?:0|[1-9]\d{0,14})$")  # leading zeros and 16+ digits are codes: text
_NUM_RE = re.compile(r"^[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?$")
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(value: str) -> dt.date:
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(value)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _fits(kind: str, value: str) -> bool:
    if kind == "integer":
        return bool(_INT_RE.match(value))
    if kind == "number":
        if value.isdigit() and len(value) > 15:  # ID and card numbers are codes
            return False
        return bool(_NUM_RE.match(value.replace(",", ""))) and not (len(value) > 1 and value[0] == "0" and value[1] != ".")
    if kind == "date":
        try:
            parse_date(value)
            return True
        except ValueError:
            return False
    return True


def infer_types(header: list[str], sample: list[list[str]]) -> list[str]:
    """The narrowest type every non-empty sample value of a column fits (integer ⊂ number; date;
    else text). A column with no value in the sample is text. Codes with leading zeros stay text."""
    types = []
    for i in range(len(header)):
        values = [row[i] for row in sample if row[i] != ""]
        kind = "text"
        if values:
            for candidate in ("integer", "number", "date"):
                if all(_fits(candidate, v) for v in values):
                    kind = candidate
                    break
        types.append(kind)
    return types


def converter(kind: str):
    """value (str) -> Python value for the DataStore column; '' -> None; ValueError when it does not fit."""
    if kind == "integer":
        def conv(v):
            if v == "":
                return None
            if not _INT_RE.match(v):
                raise ValueError(v)
            return int(v)
    elif kind == "number":
        def conv(v):
            if v == "":
                return None
            try:
                return float(decimal.Decimal(v.replace(",", "")))
            except decimal.InvalidOperation:
                raise ValueError(v) from None
    elif kind == "date":
        def conv(v):
            return parse_date(v) if v != "" else None
    else:
        def conv(v):
            return v
    return conv


def schema_detect(path, fmt: str) -> tuple[list[dict], str]:
    """(data dictionary, encoding) of a tabular file from its header and first SAMPLE_ROWS rows."""
    with Table(path, fmt) as table:
        sample = []
        for row in table.rows():
            sample.append(row)
            if len(sample) >= SAMPLE_ROWS:
                break
        types = infer_types(table.header, sample)
        schema = [{"name": name, "type": kind, "unit": "", "description": "", "column": f"c{i}",
                   "indexed": _worth_index(kind, [row[i - 1] for row in sample])}
                  for i, (name, kind) in enumerate(zip(table.header, types), 1)]
        return schema, table.encoding


def _worth_index(kind: str, values: list[str]) -> bool:
    """Index the columns people filter on: dates, and text or integer columns whose sample repeats
    values (categories such as 区县, 站点, 年份); not unique codes, phone numbers or measurements."""
    if kind == "date":
        return True
    if kind == "number":
        return False
    filled = [v for v in values if v != ""]
    return bool(filled) and len(set(filled)) <= max(1, len(filled) // 2)
