"""Read a year's 政务公开工作要点 into tasks: from a 任务分解表 (pipe rows, one cell per line with lone
'|' lines, repeated leading cells omitted, rowspans) or from prose (numbered items).

Tables are read as one stream of cells (pipes and line breaks both end a cell; empty cells vanish), and
a task starts at the next 序号 in sequence (a cell "7", or "7.内容" glued to its content). After the
序号 come the content, the 责任单位 and, where the table has a 时限 column (from its header, or without a
header when the cell reads like a time limit), the 完成时限. Cells between tasks are the headings they
belong to (一、… and （一）…, or a plain 工作任务 cell). A table whose cells were lost gives no tasks.

Prose: each numbered item （一） or 1. under the 一、 headings is a task; its units are the trailing
parenthesis "（市经信局、市大数据局牵头负责）", its time limit the first phrase such as 年底前 or 8月底前.
"""
import re
from dataclasses import asdict, dataclass, field

from .timelimits import looks_like_time_limit, parse_time_limit
from .units import split_units

_CN = "一二三四五六七八九十"
LEVEL1 = re.compile(rf"^[{_CN}]+[、.．]")
LEVEL2 = re.compile(rf"^[（(][{_CN}]+[)）]")
GLUED = re.compile(r"^(\d{1,3})[.．、]\s*(\S.*)$", re.S)
HEADER_WORDS = ("一级任务", "二级任务", "工作任务", "工作内容", "具体要求", "工作要求", "任务", "要求", "序号",
                "责任单位", "责任科室", "责任部门", "牵头单位", "配合单位", "完成时限", "时限要求", "时限", "完成时间")
UNITS_TAIL = re.compile(r"[（(]([^（()）]*(?:负责|牵头|配合|落实)[^（()）]*)[)）][。.]?\s*$")
TIME_PHRASE = re.compile(r"(全年|年底前|年内|\d{1,2}月\d{1,2}日前|\d{1,2}月底前|\d{1,2}月底|上半年|下半年|第?[一二三四]季度|"
                         r"每季度|每月|每半年|长期坚持|持续推进)")
PROSE_ITEM = re.compile(rf"^\s*([（(][{_CN}]+[)）]|\d{{1,2}}[.．、](?!\d))\s*")


@dataclass
class ParsedTask:
    no: str
    content: str
    lead: str | None
    assist: list = field(default_factory=list)
    due: str | None = None
    deadline_raw: str | None = None
    units_raw: str | None = None
    deadline_kind: str = "none"
    section: str = ""
    group: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        return {k: data[k] for k in ("no", "content", "lead", "assist", "due", "deadline_raw", "units_raw",
                                     "deadline_kind", "section", "group")}


def _cells(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        out.extend(part.strip() for part in line.split("|") if part.strip())
    return out


def _is_table(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return sum("|" in line for line in lines) >= max(3, len(lines) // 4)


def _header(cells: list[str]) -> tuple[int, bool]:
    """How many leading cells are header labels, and whether a 时限 column is among them."""
    n = 0
    while n < len(cells) and len(cells[n]) <= 8 and any(w in cells[n] for w in HEADER_WORDS) \
            and not cells[n].isdigit():
        n += 1
    return n, any("时限" in c or "完成时间" in c for c in cells[:n])


def _task(no, content, units, limit, year, section, group) -> ParsedTask:
    lead, assist = split_units(units or "")
    parsed = parse_time_limit(limit, year) if limit else None
    return ParsedTask(no=str(no), content=content.strip(), lead=lead, assist=assist,
                      due=parsed.due.isoformat() if parsed and parsed.due else None,
                      deadline_raw=limit or None, units_raw=units or None,
                      deadline_kind=parsed.kind if parsed else "none", section=section, group=group)


def parse_table(text: str, year: int) -> list[ParsedTask]:
    cells = _cells(text)
    start, has_limit_column = _header(cells)
    # a title or a note may come before the header row ("江门市土地储备中心政务公开工作任务 | …"): the
    # longest run of header labels among the first cells is the header
    best = 1
    for k in range(1, min(len(cells), 16)) if start == 0 else ():
        n, limit_column = _header(cells[k:])
        if n > best:
            best, start, has_limit_column = n, k + n, limit_column
    header_given = start > 0
    tasks, section, group, expected = [], "", "", 1
    i = start
    while i < len(cells):
        cell = cells[i]
        glued = GLUED.match(cell)
        if cell == str(expected) or (glued and int(glued.group(1)) == expected and not cell.isdigit()):
            if glued and cell != str(expected):
                content, j = glued.group(2), i + 1
            else:
                content, j = (cells[i + 1] if i + 1 < len(cells) else ""), i + 2
            units = cells[j] if j < len(cells) else ""
            j += 1
            limit = None
            if j < len(cells) and (has_limit_column or (not header_given and looks_like_time_limit(cells[j])
                                                         and not LEVEL1.match(cells[j]) and not LEVEL2.match(cells[j]))):
                limit, j = cells[j], j + 1
            tasks.append(_task(expected, content, units, limit, year, section, group))
            expected += 1
            i = j
            continue
        if LEVEL1.match(cell):
            section, group = cell, ""
        elif LEVEL2.match(cell) or (header_given and len(cell) <= 40):
            group = cell
        i += 1
    return tasks


def parse_prose(text: str, year: int) -> list[ParsedTask]:
    tasks, section, n = [], "", 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if LEVEL1.match(line) and len(line) <= 40:
            section = line
            continue
        match = PROSE_ITEM.match(line)
        if not match or not section:
            continue
        body = line[match.end():]
        units_match = UNITS_TAIL.search(body)
        units = units_match.group(1) if units_match else None
        content = body[:units_match.start()].strip() if units_match else body
        time_match = TIME_PHRASE.search(content)
        n += 1
        task = _task(n, content, units, time_match.group(1) if time_match else None, year, section, "")
        task.no = match.group(1).strip()
        tasks.append(task)
    return tasks


def parse_tasks(text: str, year: int) -> list[ParsedTask]:
    """Tasks from a table when the text is one, else from prose."""
    return parse_table(text, year) if _is_table(text) else parse_prose(text, year)
