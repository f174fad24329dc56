"""JSON and XML resources read as tables, streamed (a large file never sits in memory).

JSON: an array of objects; an object wrapping one (`{"data"|"records"|"rows"|"result"|… : [...]}`, one
level deeper too: `{"result": {"records": [...]}}`); or JSON Lines (one object per line). Nested objects
are flattened with dotted keys (`地址.区县`), lists are kept as JSON text. The array is read element by
element with `json.JSONDecoder.raw_decode` over a growing buffer (the standard library; no streaming
parser needed for arrays of small objects).
XML: the most repeated element under the root or one level down is the record; its attributes and
child elements (dotted when nested) are the columns. Read with `defusedxml`'s iterparse, each record
removed from the tree once read.

The columns are the union of the keys in first-seen order, so the header takes one pass over the
file (remembered per file, size and mtime, so the scan and the load do not pay it again).
A file of valid JSON/XML that is not a table (a single object, a deep tree, an array of numbers)
raises `NotTabular`: the resource stays a file with that note."""
import contextlib
import decimal
import functools
import io
import json
import os
from collections import Counter
from collections.abc import Iterator

from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

MAX_COLUMNS = 500
WRAPPER_KEYS = ("data", "records", "rows", "result", "results", "items", "list", "rows_data", "datas", "dataList")
CHUNK = 1024 * 1024
LINE_MAX = 4 * 1024 * 1024  # the first line tried as a JSON Lines record
VALUE_MAX = 64 * 1024 * 1024  # one JSON value (a record, or a member skipped in a wrapper) at most
JOIN_MAX = 64 * 1024
GATHER_MAX = 1000  # child elements gathered into a depth-1 element's record  # a repeated child element's texts joined, at most this long
_HEADERS: dict = {}  # (path, size, mtime, encoding) -> (header, xml record path)


class TabularError(UserFacingError):
    """A file that cannot be read as a table; the message says why, in Chinese (also `tabular.TabularError`)."""


class NotTabular(TabularError):
    """Valid JSON/XML whose content is not a table; the message says why, in Chinese."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=float)
    return str(value).strip()


def flatten(obj: dict, prefix: str = "", out: dict | None = None) -> dict:
    """{dotted key: cell text}; nested objects flattened, lists kept as JSON text."""
    out = {} if out is None else out
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flatten(value, name + ".", out)
        else:
            out[name] = _text(value)
    return out


# --- JSON -------------------------------------------------------------------------------------

_DECODER = json.JSONDecoder(parse_float=decimal.Decimal)  # 1.50 keeps its text


class _JsonStream:
    """A JSON text read value by value from a file: `peek` the next significant character, `take`
    one, `value()` decodes the next complete value (the buffer grows until it holds it)."""

    def __init__(self, handle):
        self.handle, self.buf, self.pos, self.eof = handle, "", 0, False

    def _more(self, size: int = 0) -> bool:
        if self.eof:
            return False
        chunk = self.handle.read(size or CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos:] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n\ufeff":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def take(self, expected: str) -> None:
        if self.peek() != expected:
            raise json.JSONDecodeError(f"expected {expected!r}", self.buf, self.pos)
        self.pos += 1

    def value(self):
        self.peek()
        size = CHUNK
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
                # A number cut at the end of the buffer decodes short: make sure something follows it.
                if end < len(self.buf) or self.eof:
                    self.pos = end
                    return value
            except json.JSONDecodeError:
                if self.eof:
                    raise
            if len(self.buf) - self.pos > VALUE_MAX:  # memory stays bounded whatever the file holds
                raise NotTabular(_("该 JSON 文件中有超过 64 MB 的单个值（不是记录数组），不能作为表格载入，按文件提供。"))
            if not self._more(size):
                continue
            size = min(size * 2, 16 * CHUNK)  # a large value: read more at a time (no quadratic retries)


def _json_array(stream) -> Iterator:
    stream.take("[")
    if stream.peek() == "]":
        stream.pos += 1
        return
    while True:
        yield stream.value()
        c = stream.peek()
        if c == ",":
            stream.pos += 1
        elif c == "]":
            stream.pos += 1
            return
        else:
            raise json.JSONDecodeError("expected ',' or ']'", stream.buf, stream.pos)


def _json_wrapped(stream, depth: int = 0) -> Iterator | None:
    """In an object, the records array under a wrapper key (one level deeper too); None when absent.
    The other members are decoded and dropped."""
    stream.take("{")
    if stream.peek() == "}":
        stream.pos += 1
        return None
    while True:
        key = stream.value()
        stream.take(":")
        c = stream.peek()
        if isinstance(key, str) and key.lower() in {k.lower() for k in WRAPPER_KEYS}:
            if c == "[":
                return _json_array(stream)
            if c == "{" and depth == 0:
                inner = _json_wrapped(stream, 1)
                if inner is not None:
                    return inner
                c = stream.peek()
                if c == ",":
                    stream.pos += 1
                    continue
                stream.take("}")
                return None
        stream.value()
        c = stream.peek()
        if c == ",":
            stream.pos += 1
        else:
            stream.take("}")
            return None


def _ndjson(handle) -> bool:
    """JSON Lines: the first non-empty line is a whole object (read at most LINE_MAX) and another
    non-empty line follows. A file that opens with '[' is never read line by line."""
    first = ""
    while not first.strip():
        first = handle.readline(LINE_MAX)
        if not first:
            return False
        if first.strip() and not first.lstrip("\ufeff \t").startswith("{"):
            return False
    if not first.endswith("\n"):
        return False  # one line only, or longer than LINE_MAX: a wrapper object, streamed instead
    try:
        json.loads(first.lstrip("\ufeff"))
    except ValueError:
        return False
    for _i in range(100):
        line = handle.readline(LINE_MAX)
        if not line:
            return False
        if line.strip():
            return line.lstrip().startswith("{")
    return False


def _json_objects(path, encoding) -> Iterator[dict]:
    with open(path, encoding=encoding) as handle:
        if _ndjson(handle):
            handle.seek(0)
            for n, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        obj = _DECODER.decode(line.strip().lstrip("\ufeff"))
                    except ValueError as exc:
                        raise TabularError(_("JSON Lines 文件第 %(n)d 行不是有效的 JSON：%(e)s") % {"n": n, "e": exc.args[0][:120]})
                    if not isinstance(obj, dict):
                        raise NotTabular(_("JSON Lines 文件第 %(n)d 行不是对象，不能作为表格载入。") % {"n": n})
                    yield obj
            return
        handle.seek(0)
        stream = _JsonStream(handle)
        c = stream.peek()
        if c == "[":
            items = _json_array(stream)
        elif c == "{":
            items = _json_wrapped(stream)
            if items is None:
                raise NotTabular(_("该 JSON 文件是单个对象，其中没有记录数组（如 data、records、rows），不能作为表格载入，按文件提供。"))
        else:
            raise NotTabular(_("该 JSON 文件不是对象数组，不能作为表格载入，按文件提供。"))
        for n, obj in enumerate(items, 1):
            if not isinstance(obj, dict):
                raise NotTabular(_("该 JSON 数组的第 %(n)d 个元素不是对象，不能作为表格载入，按文件提供。") % {"n": n})
            yield obj
        if stream.peek() not in ("", "]", "}", ","):
            raise json.JSONDecodeError("extra data", stream.buf, stream.pos)


def _json_rows(path, encoding) -> Iterator[dict]:
    n = 0
    try:
        for n, obj in enumerate(_json_objects(path, encoding), 1):
            yield flatten(obj)
    except json.JSONDecodeError as exc:
        raise TabularError(_("JSON 格式错误，第 %(n)d 条记录之后无法解析（%(e)s）。请检查文件后重新上传。")
                           % {"n": n, "e": exc.msg})
    except UnicodeDecodeError:
        raise TabularError(_("JSON 文件中有文字无法按 %(enc)s 编码读取。") % {"enc": encoding})


# --- XML --------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def local_name(tag) -> str:
    """The tag or attribute name without its namespace."""
    return str(tag).rsplit("}", 1)[-1]


def _xml_record(elem) -> dict:
    """A record element's attributes and (dotted) child elements."""
    out = {local_name(k): v.strip() for k, v in elem.attrib.items()}
    for child in elem:
        _xml_child(child, "", out)
    return out


def _xml_child(child, prefix, out):
    """Add one child element to a record: its attributes as `child.attr`, its text as `child`, its
    own children dotted; a repeated child's texts are joined with '；' (bounded)."""
    name = prefix + local_name(child.tag)
    for k, v in child.attrib.items():
        out[f"{name}.{local_name(k)}"] = v.strip()
    if len(child):
        for sub in child:
            _xml_child(sub, name + ".", out)
        return
    text = (child.text or "").strip()
    before = out.get(name, "")
    out[name] = f"{before}；{text}"[:JOIN_MAX] if before and text else (text or before)


def _xml_events(path, encoding):
    from defusedxml.ElementTree import iterparse

    # Fed as text, so that expat does not meet a GBK declaration it cannot decode itself.
    handle = io.TextIOWrapper(open(path, "rb"), encoding=encoding)
    try:
        yield from iterparse(handle, events=("start", "end"))
    finally:
        handle.close()


def _xml_ends(path, encoding, *, gather: bool = True) -> Iterator[tuple[tuple, dict]]:
    """(tags from under the root, record) for every element ending at depth 1 or 2. Each is removed
    from the tree once read; a depth-1 element's record is gathered from its children as they end
    (`gather`; only its first GATHER_MAX children: past that it is a container, not a record), so memory
    stays that of one record however many children a container has."""
    stack, partial, children = [], {}, 0
    for event, elem in _xml_events(path, encoding):
        if event == "start":
            stack.append(elem)
            if len(stack) == 2:
                partial, children = {}, 0
            continue
        stack.pop()
        depth = len(stack)
        if depth == 2:
            record = _xml_record(elem)
            if not record and (elem.text or "").strip():  # <item>text</item>: one column
                record[local_name(elem.tag)] = elem.text.strip()
            yield (local_name(stack[1].tag), local_name(elem.tag)), record
            children += 1
            if gather and children <= GATHER_MAX:
                _xml_child(elem, "", partial)
            stack[-1].remove(elem)
        elif depth == 1:
            record = {local_name(k): v.strip() for k, v in elem.attrib.items()}
            record.update(partial)
            if not record and (elem.text or "").strip():
                record[local_name(elem.tag)] = elem.text.strip()
            yield (local_name(elem.tag),), record
            stack[-1].remove(elem)


def _xml_survey(path, encoding) -> tuple[list[str], tuple]:
    """(columns, record path): the most repeated element under the root, or one level down under an
    element that occurs once (a container such as <records>), and the union of its keys."""
    counts, columns = Counter(), {}
    for where, record in _xml_ends(path, encoding):
        counts[where] += 1
        cols = columns.setdefault(where, {})
        if len(cols) <= MAX_COLUMNS:
            for key in record:
                cols.setdefault(key, None)
        if len(columns) > 10_000:
            raise NotTabular(_("该 XML 文件的元素种类过多，不是重复记录的结构，按文件提供。"))
    eligible = [(n, -len(w), w) for w, n in counts.items() if len(w) == 1 or counts[w[:1]] == 1]
    n, _depth, where = max(eligible, default=(0, 0, None))
    if n < 2 or not columns[where]:
        raise NotTabular(_("该 XML 文件中没有重复的记录元素（根元素下或下一层），不能作为表格载入，按文件提供。"))
    if len(columns[where]) > MAX_COLUMNS:
        raise NotTabular(_("该 XML 文件的记录超过 %(n)d 列，不能作为表格载入，按文件提供。") % {"n": MAX_COLUMNS})
    return list(columns[where]), where


def _xml_rows(path, encoding, where) -> Iterator[dict]:
    for at, record in _xml_ends(path, encoding, gather=len(where) == 1):
        if at == where:
            yield record


@contextlib.contextmanager
def _xml_errors():
    """XML parse failures as Chinese messages."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    try:
        yield
    except ParseError as exc:
        raise TabularError(_("XML 格式错误，无法解析（第 %(l)d 行第 %(c)d 列）。请检查文件后重新上传。")
                           % {"l": exc.position[0], "c": exc.position[1]})
    except DefusedXmlException:
        raise TabularError(_("XML 文件含有实体声明或外部引用，出于安全原因不予解析。"))
    except UnicodeDecodeError:
        raise TabularError(_("XML 文件中有文字无法按文件的编码读取。"))


def _xml_guarded(gen):
    with _xml_errors():
        yield from gen


# --- the table --------------------------------------------------------------------------------

def _survey(path, fmt, encoding) -> tuple[list[str], tuple]:
    st = os.stat(path)
    key = (str(path), st.st_size, st.st_mtime_ns, encoding)
    if key in _HEADERS:
        return _HEADERS[key]
    if fmt == "xml":
        with _xml_errors():
            found = _xml_survey(path, encoding)
    else:
        seen = {}
        for row in _json_rows(path, encoding):
            for k in row:
                if k not in seen:
                    seen[k] = None
                    if len(seen) > MAX_COLUMNS:
                        raise NotTabular(_("该 JSON 文件展开后超过 %(n)d 列（嵌套过深或键过多），不能作为表格载入，按文件提供。")
                                         % {"n": MAX_COLUMNS})
        if not seen:
            raise NotTabular(_("该 JSON 文件中没有记录，不能作为表格载入，按文件提供。"))
        found = (list(seen), ())
    if len(_HEADERS) > 32:
        _HEADERS.clear()
    _HEADERS[key] = found
    return found


def record_table(path, fmt: str, encoding: str) -> tuple[list[str], Iterator[list[str]]]:
    """(header, rows) of a JSON or XML file: rows are lists of str in header order."""
    header, where = _survey(path, fmt, encoding)
    records = _xml_guarded(_xml_rows(path, encoding, where)) if fmt == "xml" else _json_rows(path, encoding)
    return header, ([r.get(k, "") for k in header] for r in records)
