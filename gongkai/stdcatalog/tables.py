"""Reading a 标准目录 table as a county or township publishes it (XLSX, DOCX, CSV, a saved web page) into
rows of 事项.

Local 标准目录 tables share one layout, taken from the 26 areas' 指引: 序号, 公开事项 (一级事项, 二级事项),
公开内容（要素）, 公开依据, 公开时限, 公开主体, 公开渠道和载体, then tick columns under 公开对象 (全社会,
特定群体), 公开方式 (主动, 依申请) and 公开层级 (县级, 乡级). The header spans one to three rows with
merged cells; 一级事项 is merged down over its 二级事项; a file holding several areas has one sheet or one
title row ("一、义务教育领域") per area. This module finds the header band by its labels, fills merged
cells, maps each column to a field and yields one `Row` per 事项 with its source line number. It reads
only; `services.entries_import` writes.

Why not `opendata.tabular`: that reader takes the first row as the header and refuses merged, multi-row
layouts, which are the normal shape here; the format sniffing and size checks are `ops.uploads`'."""
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

MAX_ROWS = 5000
# The header labels are a closed vocabulary; traditional forms are folded by this table rather than by a
# whole-text converter (the cells' content is kept as written).
_TRAD = str.maketrans("開據時體載對層縣鄉項級內務眾關門責單區鎮", "开据时体载对层县乡项级内务众关门责单区镇")
_SPACE_RE = re.compile(r"[\s\u3000]+")
TICKS = {"√", "✓", "✔", "☑", "●", "■", "★", "▲", "v", "V", "是", "有", "Y", "y", "1"}

# (field, words): a column belongs to the first field one of whose words its label contains; the label
# parts are tried from the lowest header row up, so "公开事项 / 一级事项" is 一级事项.
_FIELDS = (
    ("seq", ("序号", "编号")),
    ("level1", ("一级事项", "一级")),
    ("level2", ("二级事项", "二级", "具体事项")),
    ("item", ("公开事项", "事项名称", "事项")),
    ("content", ("公开内容", "公开要素", "要素", "内容")),
    ("basis", ("公开依据", "依据")),
    ("time_limit", ("公开时限", "时限")),
    ("subject", ("公开主体", "责任主体", "责任单位", "责任部门", "主体")),
    ("channels", ("公开渠道", "渠道", "载体")),
    ("audience", ("公开对象", "对象")),
    ("mode", ("公开方式", "方式")),
    ("levels", ("公开层级", "层级")),
    ("area", ("领域",)),
)
# tick columns: the sub-label under 公开对象 / 公开方式 / 公开层级 and the value it stands for
_TICK_LABELS = {"全社会": ("audience", "全社会"), "特定群体": ("audience", "特定群体"),
                "特定群众": ("audience", "特定群体"), "主动": ("mode", "主动"), "依申请": ("mode", "依申请"),
                "省级": ("levels", "省级"), "市级": ("levels", "市级"), "县级": ("levels", "县级"),
                "区级": ("levels", "县级"), "乡级": ("levels", "乡级"), "乡镇级": ("levels", "乡级"),
                "镇级": ("levels", "乡级"), "村级": ("levels", "村级")}
_CORE = {"item", "level1", "level2", "content", "basis", "time_limit", "subject", "channels"}


@dataclass
class Row:
    line: str  # where it came from, for messages: "工作表“X”第 5 行" or "第 2 个表格第 5 行"
    values: dict = field(default_factory=dict)  # field -> text
    ticks: dict = field(default_factory=dict)  # audience/mode/levels -> [values ticked]
    area_hint: str = ""  # a title row or sheet name naming the area


_BOX_RE = re.compile(r"([■☑√✓✔●□☐○])\s*([^■☑√✓✔●□☐○]+)")
_MARKED = set("■☑√✓✔●")


def boxed_choices(text: str) -> list[str] | None:
    """The ticked items of "■政府网站 □政务新媒体 ■公开栏" (None when the text has no boxes)."""
    found = _BOX_RE.findall(text or "")
    if not found:
        return None
    return [name.strip(" 、,，;；") for mark, name in found if mark in _MARKED and name.strip(" 、,，;；")]


def fold(text) -> str:
    """A header cell as compared: NFKC, simplified header characters, no whitespace."""
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", str(text or "")).translate(_TRAD))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACE_RE.sub(" ", part).strip() for part in text.split("\n")).strip()


def _field_of(label: str) -> str:
    for name, words in _FIELDS:
        if any(w in label for w in words):
            return name
    return ""


def _header_score(row: list) -> int:
    found = {_field_of(fold(c)) for c in row if c and len(fold(c)) <= 16}
    return len(found & _CORE)


def _is_subheader(row: list, above: list) -> bool:
    """A second or third header row: every cell a sub-label, a header label or the cell above it (merged)."""
    cells = [(fold(c), fold(above[k]) if k < len(above) else "") for k, c in enumerate(row) if c]
    if not any(c in _TICK_LABELS or c.startswith(("一级", "二级")) for c, _a in cells):
        return False
    return all(c in _TICK_LABELS or c == a or (len(c) <= 10 and _field_of(c)) for c, a in cells)


def _columns(band: list[list]) -> list[tuple]:
    """For each column of the header band, (field, tick value or '')."""
    out = []
    for col in range(max(len(r) for r in band)):
        parts = []
        for row in band:
            text = fold(row[col]) if col < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        found = ("", "")
        for part in reversed(parts):
            if part in _TICK_LABELS:
                found = _TICK_LABELS[part]
                break
            name = _field_of(part)
            if name:
                found = (name, "")
                break
        out.append(found)
    return out


def _title_row(row: list) -> str:
    """The text of a row that is one title spread over the width (merged) or standing in its first cell."""
    texts = [c for c in row if c]
    if texts and len(set(texts)) == 1 and (len(texts) > 2 or not any(row[1:])):
        return texts[0]
    return ""


def rows_from_grid(grid: list[list], *, where: str, area_hint: str = "") -> list[Row]:
    """The 事项 rows of one sheet or table (already merged-filled). `where` names it in messages."""
    grid = [[_cell_text(v) for v in r] for r in grid[:MAX_ROWS + 50]]
    out, columns, hint = [], None, area_hint
    i = 0
    while i < len(grid):
        row = grid[i]
        if _header_score(row) >= 3:
            band, j = [row], i + 1
            while j < len(grid) and j <= i + 2 and _is_subheader(grid[j], grid[j - 1]):
                band.append(grid[j])
                j += 1
            columns, i = _columns(band), j
            continue
        title = _title_row(row)
        if title and (columns is None or _looks_like_title(title)):
            if _looks_like_title(title):
                hint = title  # "二、户籍管理领域" above (or inside) a table names the area of what follows
            i += 1
            continue
        if columns is not None:
            parsed = _parse(row, columns, line=f"{where}第 {i + 1} 行", hint=hint)
            if parsed is not None:
                out.append(parsed)
        i += 1
    return out


def _looks_like_title(text: str) -> bool:
    return "领域" in fold(text) or "目录" in fold(text) or bool(re.match(r"^[一二三四五六七八九十]+、", fold(text)))


def _parse(row: list, columns: list[tuple], *, line: str, hint: str) -> Row | None:
    result = Row(line=line, area_hint=hint)
    for col, (name, tick) in enumerate(columns):
        text = row[col] if col < len(row) else ""
        if not name or not text:
            continue
        if tick:
            if text.strip() in TICKS:
                result.ticks.setdefault(name, []).append(tick)
            continue
        if name in result.values and result.values[name] != text:
            result.values[name] += "\n" + text  # a field split over two columns
        else:
            result.values[name] = text
    values = result.values
    if "item" in values:  # one 公开事项 column: it is the 一级事项 unless 一级 is given too
        item = values.pop("item")
        if "level1" not in values:
            values["level1"] = item
        elif "level2" not in values and item != values["level1"]:
            values["level2"] = item
    if not any(values.get(k) for k in ("level1", "level2", "content")):
        return None  # a note line, a blank row, a row with only its 序号
    return result


def _fill_merged(ws) -> list[list]:
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(grid) else None
        for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
            for c in range(rng.min_col - 1, rng.max_col):
                while c >= len(grid[r]):
                    grid[r].append(None)
                grid[r][c] = top
    return grid


def read_xlsx(data: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        raise UserFacingError(_("无法打开 XLSX 文件：文件已损坏或不是 Excel 工作簿。"))
    rows = []
    for ws in book.worksheets:
        if not hasattr(ws, "merged_cells"):
            continue
        if ws.max_row > MAX_ROWS + 50:
            raise UserFacingError(_("工作表“%(s)s”有 %(n)d 行，超过一次导入的上限 %(m)d 行。")
                                  % {"s": ws.title, "n": ws.max_row, "m": MAX_ROWS})
        rows += rows_from_grid(_fill_merged(ws), where=_("工作表“%(s)s”") % {"s": ws.title}, area_hint=ws.title)
    return rows


def read_docx(data: bytes) -> list[Row]:
    from gongkai.core.officezip import OfficeFileError, docx_open

    try:
        document = docx_open(data)
    except OfficeFileError as exc:
        raise UserFacingError(exc.message) from None
    rows, hint = [], ""
    body = document.element.body
    tables = {t._tbl: t for t in document.tables}
    paragraphs = {p._p: p for p in document.paragraphs}
    n = 0
    for block in body.iterchildren():
        if block in paragraphs:
            text = paragraphs[block].text.strip()
            if text and _looks_like_title(text):
                hint = text  # the title above a table names its area
        elif block in tables:
            n += 1
            grid = [[cell.text for cell in row.cells] for row in tables[block].rows]
            rows += rows_from_grid(grid, where=_("第 %(n)d 个表格") % {"n": n}, area_hint=hint)
    return rows


def _html_grid(table) -> list[list]:
    """A table's cells with rowspan/colspan expanded, so a merged cell stands in every place it covers."""
    grid, pending = [], {}  # pending: (row, col) -> text still owed by a rowspan above
    for r, tr in enumerate(table.find_all("tr")):
        row, col = [], 0
        cells = tr.find_all(["td", "th"], recursive=False)
        for cell in cells:
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            text = cell.get_text("\n", strip=True)
            span = min(_span(cell.get("colspan")), 50)
            down = min(_span(cell.get("rowspan")), MAX_ROWS)
            for _k in range(span):
                row.append(text)
                for below in range(1, down):
                    pending[(r + below, col)] = text
                col += 1
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        grid.append(row)
        if len(grid) > MAX_ROWS + 50:
            raise UserFacingError(_("表格超过一次导入的上限 %(m)d 行。") % {"m": MAX_ROWS})
    return grid


def _span(value) -> int:
    try:
        return max(int(str(value or "1").strip()), 1)
    except ValueError:
        return 1


def read_html(data: bytes) -> list[Row]:
    """A 标准目录 published as a web page (saved as .html): its data tables; the nearest title above each
    table (a heading or paragraph naming "××领域") gives the area."""
    from bs4 import BeautifulSoup

    from gongkai.catalog.importing.encodings import _META_CHARSET_RE, ReadError, decode_text
    from gongkai.catalog.importing.readers import html_depth

    match = _META_CHARSET_RE.search(data[:4096])
    try:
        html = decode_text(data, hint=match.group(1).decode("ascii", "ignore") if match else "")
    except ReadError as exc:
        raise UserFacingError(exc.message) from None
    if html_depth(html) > 400:
        raise UserFacingError(_("网页的元素嵌套过深，无法读取。"))
    soup = BeautifulSoup(html, "html.parser")
    rows = []
    for n, table in enumerate(soup.find_all("table"), 1):
        if table.find("table") is not None:
            continue  # a layout table around the data table
        hint = ""
        for before in table.find_all_previous(["h1", "h2", "h3", "h4", "p", "div", "caption"], limit=6):
            text = before.get_text(" ", strip=True)
            if text and len(text) <= 60 and _looks_like_title(text):
                hint = text
                break
        rows += rows_from_grid(_html_grid(table), where=_("第 %(n)d 个表格") % {"n": n}, area_hint=hint)
    return rows


def read_csv(data: bytes) -> list[Row]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserFacingError(_("无法识别 CSV 文件的文字编码：请另存为 UTF-8 或 GBK 编码。"))
    head = text[:4096]
    delimiter = max(",\t;，", key=head.count)
    try:
        grid = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise UserFacingError(_("CSV 文件无法解析：%(e)s") % {"e": exc})
    if len(grid) > MAX_ROWS + 50:
        raise UserFacingError(_("表格有 %(n)d 行，超过一次导入的上限 %(m)d 行。") % {"n": len(grid), "m": MAX_ROWS})
    return rows_from_grid(grid, where="")


def read_table(*, kind: str, data: bytes) -> list[Row]:
    """The 事项 rows of an uploaded table; `kind` is `ops.uploads.sniff_kind`'s."""
    reader = {"xlsx": read_xlsx, "docx": read_docx, "txt": read_csv, "html": read_html}.get(kind)
    if reader is None:
        raise UserFacingError(_("只能从 XLSX、DOCX、CSV 表格或保存的网页（HTML）导入标准目录；旧版 .xls、.doc 请先另存为 .xlsx、.docx。"))
    rows = reader(data)
    if not rows:
        raise UserFacingError(_("没有找到标准目录表格：需要一行表头，至少含“公开事项（或一级事项）”“公开内容”"
                                "“公开依据”“公开时限”“公开主体”“公开渠道和载体”中的三项。"))
    return rows
